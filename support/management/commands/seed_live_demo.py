"""Demo live support for `make run`: one open group room and the demo listener on
duty, so a newcomer can try both kinds of chat. Safe to run again."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from support.models import Room
from support.services.listeners import listener_set_duty

DEMO_ROOM = "Night feeds"
DEMO_ROOM_DESCRIPTION = (
    "For anyone up with a baby in the small hours. Come and say hello, or just "
    "sit with us for a while."
)
DEMO_LISTENER = "Demo Listener"


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
        listener = get_user_model().objects.filter(pseudonym=DEMO_LISTENER).first()
        if listener is None:
            self.stdout.write("No demo listener yet: run seed_demo first.")
            return
        listener_set_duty(listener=listener, on_duty=True)
        self.stdout.write(f"{DEMO_LISTENER} is on duty.")
