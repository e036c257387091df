"""The demo's circle kinds, and a "November 2026 babies" circle with the Demo Member
in it, a few threads of the project's own words and one weekly prompt."""

from __future__ import annotations

import datetime

from django.utils import timezone

from forum.circles import services as circle_services
from forum.circles.models import CircleKind, CircleMembership, CirclePrompt
from forum.demo.factories import write_reply, write_thread
from forum.models import Thread

# slug, name, description, by birth month, prompts
KINDS = [
    (
        "birth-month",
        "Babies born the same month",
        "Parents whose babies were born, or are due, in the same month.",
        True,
        [
            "What was one small win this week?",
            "What is one thing that helped, even a little?",
            "How are you sleeping, honestly?",
        ],
    ),
    (
        "moved",
        "Moved somewhere new",
        "A new town, no family nearby, and a baby: finding your feet together.",
        False,
        [
            "What was one small win this week?",
            "What did you find out about where you live now?",
        ],
    ),
    (
        "nicu",
        "NICU parents",
        "For parents whose baby spent time in neonatal care, or still does.",
        False,
        ["What was one small win this week?", "What do you wish people knew?"],
    ),
    (
        "after-loss",
        "After a loss",
        "A gentle circle for parents living with the loss of a pregnancy or a baby.",
        False,
        ["How are you, really, this week?", "What helped you get through a day?"],
    ),
    (
        "single-parents",
        "Single parents",
        "Doing it on your own, by choice or not.",
        False,
        ["What was one small win this week?", "Who or what held you up this week?"],
    ),
    (
        "twins",
        "Twins and more",
        "Two (or more) at once: feeding, sleeping and surviving.",
        False,
        ["What was one small win this week?", "What is your best shortcut so far?"],
    ),
    (
        "back-to-work",
        "Going back to work",
        "Planning the return, or just back and finding it hard.",
        False,
        ["What was one small win this week?", "What would make next week easier?"],
    ),
]

DEMO_MONTH = datetime.date(2026, 11, 1)
CIRCLE_MEMBERS = ["Demo Member", "Sleepy Wren", "Morning Fern", "Brave Otter"]
# author, title, body, hours ago, replies (author, body)
CIRCLE_THREADS = [
    (
        "Sleepy Wren",
        "Hello from a very tired November mum",
        "Our little one arrived early in the month. I don't know anyone else with a "
        "baby this age, so I'm glad this circle exists. How is everyone doing?",
        50,
        [
            ("Demo Member", "Hello! Same here, born on the 12th. Tired is the word."),
            ("Morning Fern", "Glad you're here. Three weeks in and still in pyjamas."),
        ],
    ),
    (
        "Brave Otter",
        "The four o'clock cluster feeds",
        "Every afternoon from four until seven she wants to feed constantly. Is "
        "anyone else's evening like this?",
        20,
        [("Sleepy Wren", "Every single evening. We've started calling it happy hour.")],
    ),
]


def seed_kinds() -> int:
    for order, (slug, name, description, by_month, prompts) in enumerate(KINDS, 1):
        CircleKind.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "by_birth_month": by_month,
                "prompts": prompts,
                "order": order,
            },
        )
    return CircleKind.objects.count()


def seed_circle(members: dict) -> None:
    """The November 2026 circle with its members, threads and a prompt (once)."""
    kind = CircleKind.objects.get(slug="birth-month")
    circle = None
    for pseudonym in CIRCLE_MEMBERS:
        member = members[pseudonym]
        found = CircleMembership.objects.filter(
            member=member, circle__kind=kind, circle__birth_month=DEMO_MONTH
        ).first()
        if found:
            circle = circle or found.circle
            continue
        circle = circle_services.circle_join(
            member=member, kind=kind, birth_month=DEMO_MONTH
        )
    if Thread.objects.filter(space=circle.space).exists():
        return
    now = timezone.now()
    for author, title, body, hours_ago, replies in CIRCLE_THREADS:
        when = now - datetime.timedelta(hours=hours_ago)
        thread = write_thread(
            author=members[author],
            space=circle.space,
            title=title,
            body=body,
            created=when,
        )
        for n, (reply_author, reply_body) in enumerate(replies, 1):
            write_reply(
                author=members[reply_author],
                thread=thread,
                body=reply_body,
                created=when + datetime.timedelta(minutes=40 * n),
            )
    week = circle_services.due_week(circle, now) or "demo"
    prompt = write_thread(
        author=circle_services.circle_host(),
        space=circle.space,
        title=kind.prompts[0],
        body="This week's question for the circle. Answer in a few words or many, "
        "whenever suits you.",
        created=now - datetime.timedelta(hours=2),
    )
    CirclePrompt.objects.get_or_create(
        circle=circle, week=week, defaults={"thread": prompt}
    )
