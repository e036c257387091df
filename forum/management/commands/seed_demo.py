"""Demo content: the spaces, a dozen threads with nested replies, demo accounts,
the circle kinds and (with DEBUG on) a November 2026 babies circle.

Idempotent: running it again adds nothing that is already there. Demo accounts (and
the threads they write) are only created with DEBUG on, so a production database
never gets a known password.

The threads and replies are the project's own words (forum.demo.content), written
straight to the tables by forum.demo.factories: visible, never screened or held,
counted by recount_all() afterwards. Reactions go through reaction_toggle as a
member's would.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from forum import selectors, services
from forum.demo import circles as demo_circles
from forum.demo.content import ACCOUNTS, SPACES, THREADS, VOICES
from forum.demo.factories import write_reply, write_thread
from forum.models import Space, Thread


class Command(BaseCommand):
    help = "Create the spaces and, with DEBUG on, demo threads and demo accounts."

    def handle(self, *args, **options):
        self._spaces()
        kinds = demo_circles.seed_kinds()
        self.stdout.write(f"Circle kinds ready: {kinds}.")
        if not settings.DEBUG:
            self.stdout.write(
                "DEBUG is off: spaces are ready, but no demo accounts or threads were "
                "created (they would have a published password)."
            )
            return
        members = self._accounts()
        created = self._threads(members)
        self.stdout.write(f"Demo threads added: {created}.")
        demo_circles.seed_circle(members)
        services.recount_all()
        self.stdout.write("Sign in at /accounts/sign-in/ as any of these (local only):")
        for _key, pseudonym, role, _staff in ACCOUNTS:
            self.stdout.write(
                f'  {role:<10} pseudonym "{pseudonym}", password "{DEMO_PASSWORD}"'
            )

    def _spaces(self) -> None:
        for order, (slug, name, description, approval) in enumerate(SPACES, start=1):
            Space.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "description": description,
                    "order": order,
                    "requires_approval": approval,
                },
            )
        selectors.forget_spaces()
        self.stdout.write(f"Spaces ready: {Space.objects.count()}.")

    def _accounts(self) -> dict:
        from accounts.models import Member
        from accounts.roles import sync_role_groups
        from moderation.models import MemberStanding

        sync_role_groups()
        members = {}
        now = timezone.now()
        for _key, pseudonym, role, staff in ACCOUNTS:
            member = Member.objects.filter(pseudonym__iexact=pseudonym).first()
            if member is None:
                member = Member.objects.create_user(
                    pseudonym,
                    DEMO_PASSWORD,
                    is_staff=staff,
                    guidelines_version=1,
                    guidelines_accepted_at=now,
                    age_confirmed_at=now,
                    date_joined=now - timedelta(days=60),
                )
            member.groups.add(Group.objects.get(name=role))
            if role != "member":
                member.groups.add(Group.objects.get(name="member"))
            members[pseudonym] = member
        for pseudonym in VOICES:
            member = Member.objects.filter(pseudonym__iexact=pseudonym).first()
            if member is None:
                member = Member.objects.create_user(
                    pseudonym,
                    None,
                    guidelines_version=1,
                    guidelines_accepted_at=now,
                    age_confirmed_at=now,
                    date_joined=now - timedelta(days=90),
                )
                member.groups.add(Group.objects.get(name="member"))
            members[pseudonym] = member
        for member in members.values():
            # Demo accounts have a posting history, so their posts aren't held.
            MemberStanding.objects.get_or_create(
                member=member, defaults={"approved_count": 10, "trust_level": 1}
            )
        return members

    @transaction.atomic
    def _threads(self, members: dict) -> int:
        created = 0
        now = timezone.now()
        for spec in THREADS:
            space = Space.objects.get(slug=spec["space"])
            if Thread.objects.filter(space=space, title=spec["title"]).exists():
                continue
            when = now - timedelta(hours=spec["hours_ago"])
            thread = write_thread(
                author=members[spec["author"]],
                space=space,
                title=spec["title"],
                body=spec["body"],
                created=when,
                content_notes=spec.get("notes", ()),
                anonymous=spec.get("anonymous", False),
            )
            self._replies(spec["replies"], None, thread, members, when, [0])
            self._react(thread, members)
            created += 1
        # Reply counts, and last activity as late as the latest reply.
        services.recount_all()
        return created

    def _replies(self, replies, parent, thread, members, when, minutes) -> None:
        """Write replies (and the answers under each), spaced out after when."""
        now = timezone.now()
        for author, body, options, answers in replies:
            minutes[0] += 37
            reply = write_reply(
                author=members[author],
                thread=thread,
                parent=parent,
                body=body,
                created=min(when + timedelta(minutes=minutes[0]), now),
                anonymous=options.get("anonymous", False),
            )
            self._replies(answers, reply, thread, members, when, minutes)

    def _react(self, thread: Thread, members: dict) -> None:
        kinds = ["hug", "me_too", "thank_you", "strength"]
        voices = [
            members[name] for name in VOICES if members[name].pk != thread.author_id
        ]
        for n, member in enumerate(voices[: 1 + thread.pk % 3]):
            services.reaction_toggle(
                member=member,
                thread=thread,
                reply=None,
                kind=kinds[(thread.pk + n) % 4],
            )
