"""Demo live support for `make run`: one open group room and the demo listener on
duty, so a newcomer can try both kinds of chat; and (with DEBUG on) a listener in
training, approved by the demo operator, for the moderators' pages. Safe to run
again."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from support.models import Room
from support.services.listeners import listener_set_duty
from support.training import selectors as training_selectors
from support.training import services as training_services
from support.training.models import ListenerApplication

DEMO_ROOM = "Night feeds"
DEMO_ROOM_DESCRIPTION = (
    "For anyone up with a baby in the small hours. Come and say hello, or just "
    "sit with us for a while."
)
DEMO_LISTENER = "Demo Listener"
DEMO_TRAINEE = "Demo Trainee"
DEMO_SENIOR = "Demo Operator"


class Command(BaseCommand):
    help = "Open a demo group room and put the demo listener on duty."

    def handle(self, *args, **options):
        room, created = Room.objects.get_or_create(
            kind=Room.Kind.GROUP,
            name=DEMO_ROOM,
            defaults={"description": DEMO_ROOM_DESCRIPTION},
        )
        self.stdout.write(
            f"Group room {room.name!r} {'opened' if created else 'is open'}."
        )
        self._trainee()
        listener = get_user_model().objects.filter(pseudonym=DEMO_LISTENER).first()
        if listener is None:
            self.stdout.write("No demo listener yet: run seed_demo first.")
            return
        listener_set_duty(listener=listener, on_duty=True)
        self.stdout.write(f"{DEMO_LISTENER} is on duty.")

    def _trainee(self) -> None:
        """A member who applied, did every lesson and was approved, not yet signed
        off, who signs in with the demo password like the other demo accounts."""
        if not settings.DEBUG:
            return
        members = get_user_model().objects
        senior = members.filter(pseudonym=DEMO_SENIOR).first()
        lessons = training_selectors.lessons()
        if senior is None or not lessons:
            self.stdout.write("No listener in training: load the lessons first.")
            return
        trainee = members.filter(pseudonym=DEMO_TRAINEE).first()
        if trainee is None:
            now = timezone.now()
            trainee = members.create_user(
                DEMO_TRAINEE,
                DEMO_PASSWORD,
                guidelines_version=1,
                guidelines_accepted_at=now,
                age_confirmed_at=now,
                date_joined=now - timedelta(days=75),
            )
        if ListenerApplication.objects.filter(member=trainee).exists():
            self.stdout.write(f"{DEMO_TRAINEE} is in training.")
            return
        application = training_services.application_create(
            member=trainee,
            why="A listener sat with me through the worst night. I'd like to be that "
            "for someone else.",
            availability="Two evenings a week, and early mornings at weekends",
            languages=["en", "es"],
            lived_experience=["lonely", "birth-was-hard"],
            agreed_to_boundaries=True,
        )
        for lesson in lessons:
            training_services.lesson_answer(
                member=trainee,
                slug=lesson.slug,
                answers={i: q["answer"] for i, q in enumerate(lesson.questions)},
            )
        training_services.application_decide(
            senior=senior, application_id=application.pk, approve=True
        )
        self.stdout.write(
            f'{DEMO_TRAINEE} is a listener in training (password "{DEMO_PASSWORD}").'
        )
