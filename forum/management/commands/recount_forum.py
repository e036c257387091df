from django.core.management.base import BaseCommand

from forum import services


class Command(BaseCommand):
    help = "Recompute reply counts, reaction counts and last activity from the rows."

    def handle(self, *args, **options):
        fixed = services.recount_all()
        self.stdout.write(
            f"Recounted the forum: corrected {fixed['threads']} threads and "
            f"{fixed['replies']} replies."
        )
