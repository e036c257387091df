from django.core.management.base import BaseCommand

from core.data_files import not_loaded
from support.groups.services import GroupFileError, groups_load_file


class Command(BaseCommand):
    help = (
        "Replace the local in-person groups with those in a JSON file (a list of "
        "entries like support/signposting/data/groups.example.json). The whole file "
        "is checked first; if any entry is wrong, nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the JSON file to load")

    def handle(self, *args, path, **options):
        try:
            count = groups_load_file(path=path)
        except GroupFileError as exc:
            raise not_loaded(self, path, exc) from exc
        self.stdout.write(self.style.SUCCESS(f"Local groups: {count} loaded."))
