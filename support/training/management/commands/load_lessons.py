from django.core.management.base import BaseCommand

from core.data_files import not_loaded
from support.training.lessons import LessonFileError, lessons_load_file


class Command(BaseCommand):
    help = (
        "Replace the listener lessons with those in a JSON file (like "
        "support/signposting/data/listener_lessons.json). The whole file is checked "
        "first; if anything is wrong, nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the JSON file to load")

    def handle(self, *args, path, **options):
        try:
            count = lessons_load_file(path=path)
        except LessonFileError as exc:
            raise not_loaded(self, path, exc) from exc
        self.stdout.write(self.style.SUCCESS(f"Listener lessons: {count} loaded."))
