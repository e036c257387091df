from django.conf import settings
from django.core.management.base import BaseCommand

from support import services


class Command(BaseCommand):
    help = (
        "Delete the messages of chats that ended more than CHAT_RETENTION_DAYS ago. "
        "Safe to run from cron as often as you like."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Override CHAT_RETENTION_DAYS for this run.",
        )

    def handle(self, *args, days=None, **options):
        keep = settings.CHAT_RETENTION_DAYS if days is None else days
        deleted = services.transcripts_purge(older_than_days=keep)
        self.stdout.write(f"Deleted {deleted} chat messages older than {keep} days.")
