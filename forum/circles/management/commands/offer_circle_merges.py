from django.core.management.base import BaseCommand
from django.utils import timezone

from forum.circles.services import offer_circle_merges


class Command(BaseCommand):
    help = (
        "Offer circles with no posts for 30 days to join a sibling with room for "
        "all of their members (run daily)."
    )

    def handle(self, *args, **options):
        offers = offer_circle_merges(now=timezone.now())
        self.stdout.write(f"Merge offers made: {len(offers)}.")
