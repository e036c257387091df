import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from forum.circles.services import post_circle_prompts


class Command(BaseCommand):
    help = (
        "Post each circle's weekly prompt once it is Monday 09:00 in the circle's "
        "time zone (run hourly; never posts one twice)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="Act as if it were this moment (ISO 8601 with an offset); for tests.",
        )

    def handle(self, *args, now=None, **options):
        moment = timezone.now()
        if now:
            try:
                moment = datetime.datetime.fromisoformat(now)
            except ValueError:
                raise CommandError("--now must be an ISO 8601 moment") from None
            if timezone.is_naive(moment):
                raise CommandError("--now needs a UTC offset, such as +00:00")
        posted = post_circle_prompts(now=moment)
        self.stdout.write(f"Weekly prompts posted: {len(posted)}.")
