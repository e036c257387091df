from django.core.management.base import BaseCommand

from forum import services


class Command(BaseCommand):
    help = "Send held threads that no moderator has been asked about to the queue."

    def handle(self, *args, **options):
        queued = services.queue_unreviewed_held_threads()
        self.stdout.write(f"Queued {queued} held threads for the moderators.")
