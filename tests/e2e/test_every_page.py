"""Every kind of page, as each role sees it, in a real browser on a 320 px screen, in
day and night colours: nothing scrolls sideways, axe-core finds no serious or critical
problem, and quick exit and "Get help now" are there."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Member
from forum.circles.models import Circle
from forum.models import Reply, Space, Thread
from moderation import services as moderation_services
from moderation.models import ReviewItem
from support import services as support_services
from support.signposting.questionnaires import CHECK_IN_QUESTIONS
from support.signposting.services import check_in_create
from support.training import selectors as training_selectors
from support.training import services as training_services
from tests.e2e.conftest import RESOURCES, axe_violations, in_thread
from tests.e2e.signing_in import session_cookie

LESSONS = RESOURCES.parent / "listener_lessons.json"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def seed_the_site(settings) -> dict:
    """Demo content, the helplines, and one of everything a page can show."""
    settings.DEBUG = True  # seed_demo adds threads and accounts only with DEBUG on
    call_command("seed_demo", stdout=StringIO())
    call_command("load_resources", str(RESOURCES), stdout=StringIO())
    member = Member.objects.get(pseudonym="Demo Member")
    listener = Member.objects.get(pseudonym="Demo Listener")
    moderator = Member.objects.get(pseudonym="Demo Moderator")
    operator = Member.objects.get(pseudonym="Demo Operator")
    thread = Thread.objects.filter(replies__isnull=False).order_by("pk").first()
    reply = Reply.objects.filter(thread=thread).exclude(author=member).first()
    moderation_services.report_create(
        reporter=member, target=reply, guideline=2, words="This felt unkind."
    )
    answers = {key: choices[1][0] for key, _q, choices in CHECK_IN_QUESTIONS}
    check_in = check_in_create(member=member, mood=2, answers=answers)
    support_services.listener_set_duty(listener=listener, on_duty=True)
    request = support_services.request_create(member=member, chips=["lonely"])
    room = support_services.request_accept(listener=listener, request_id=request.pk)
    support_services.message_create(
        room=room, author=member, body="Hello, long night here.", client_id="c-1"
    )
    item = ReviewItem.objects.order_by("pk").first()
    space = Space.objects.order_by("order").first()
    # Becoming a listener: the demo moderator has applied and done the lessons
    # (so her lesson pages and the senior pages have something to show), and the
    # demo listener has asked for a debrief.
    call_command("load_lessons", str(LESSONS), stdout=StringIO())
    application = training_services.application_create(
        member=moderator,
        why="I was listened to once, at the hardest time.",
        availability="Sunday evenings",
        languages=["en"],
        lived_experience=["lonely"],
        agreed_to_boundaries=True,
    )
    for lesson in training_selectors.lessons():
        training_services.lesson_answer(
            member=moderator,
            slug=lesson.slug,
            answers={i: q["answer"] for i, q in enumerate(lesson.questions)},
        )
    training_services.debrief_ask(listener=listener)
    circle = Circle.objects.order_by("pk").first()
    return {
        "cookies": {
            name: session_cookie(person)
            for name, person in (
                ("member", member),
                ("listener", listener),
                ("moderator", moderator),
                ("operator", operator),
            )
        },
        "anonymous": [
            "/",
            "/spaces/",
            space.get_absolute_url(),
            thread.get_absolute_url(),
            "/search/?q=sleep",
            "/waiting/",
            "/support/help/",
            "/support/resources/",
            "/support/worried/",
            "/guidelines/",
            "/peer-support/",
            "/privacy/",
            "/accounts/sign-in/",
            "/accounts/join/",
            "/moderation/transparency/",
            "/circles/",
        ],
        "member": [
            "/accounts/settings/",
            "/notifications/",
            f"{space.get_absolute_url()}new/",
            thread.get_absolute_url(),
            "/support/now/",
            "/support/check-in/",
            "/support/check-in/history/",
            f"/support/check-in/{check_in.pk}/",
            room.get_absolute_url(),
            "/support/rooms/",
            "/moderation/my-reports/",
            "/moderation/messages/",
            "/hidden/",
            "/languages/",
            f"/members/{reply.author_id}/hide/",
            "/support/listen/apply/",
            "/circles/",
            "/circles/join/birth-month/?birth_month=2026-11-01",
            circle.get_absolute_url(),
            f"/circles/{circle.pk}/leave/",
        ],
        "listener": [
            "/support/listen/",
            room.get_absolute_url(),
            "/support/listen/hours/",
        ],
        "moderator": [
            "/moderation/",
            f"/moderation/items/{item.pk}/",
            f"/moderation/members/{reply.author_id}/",
            "/moderation/dashboard/",
            thread.get_absolute_url(),
            circle.get_absolute_url(),
            "/support/listen/lessons/",
            "/support/listen/lessons/active-listening/",
            "/support/listen/debriefs/",
        ],
        "operator": [
            "/moderation/audit/",
            "/support/listen/applications/",
            f"/support/listen/applications/{application.pk}/",
        ],
    }


def problems_on(page, path: str) -> list[str]:
    response = page.goto(path)
    page.wait_for_load_state("load")
    found = []
    if response.status != 200:
        found.append(f"answered {response.status}")
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 320:
        found.append(f"{width}px wide")
    if page.locator("#quick-exit").count() != 1:
        found.append("no quick exit")
    if page.get_by_role("link", name="Get help now").count() == 0:
        found.append('no "Get help now"')
    found += [
        f"axe {violation['id']}: {violation['help']}"
        for violation in axe_violations(page)
    ]
    return found


@pytest.mark.parametrize("colour_scheme", ["light", "dark"])
def test_every_page_fits_320px_passes_axe_and_offers_a_way_out(
    chromium, daphne_server, settings, colour_scheme
):
    site = in_thread(seed_the_site, settings)
    problems = {}
    for role in ("anonymous", "member", "listener", "moderator", "operator"):
        context = chromium.new_context(
            base_url=daphne_server.url,
            viewport={"width": 320, "height": 640},
            color_scheme=colour_scheme,
        )
        context.set_default_timeout(10_000)
        if role != "anonymous":
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": site["cookies"][role],
                        "url": daphne_server.url,
                    }
                ]
            )
        page = context.new_page()
        for path in site[role]:
            found = problems_on(page, path)
            if found:
                problems[f"{role} {path}"] = found
        context.close()
    assert problems == {}
