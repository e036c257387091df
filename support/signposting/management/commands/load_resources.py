from django.core.management.base import BaseCommand

from core.data_files import not_loaded
from support.signposting.services import ResourceFileError, resources_load_file


class Command(BaseCommand):
    help = (
        "Load help resources from a JSON file (a list of entries like "
        "support/signposting/data/resources.json). Entries are matched on country and "
        "name, so running it again only changes what changed. Nothing is loaded if any "
        "entry is bad."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the JSON file to load")

    def handle(self, *args, path, **options):
        try:
            report = resources_load_file(path=path)
        except ResourceFileError as exc:
            raise not_loaded(self, path, exc) from exc
        out = self.stdout
        out.write(
            self.style.SUCCESS(
                f"Resources: {len(report.added)} added, {len(report.changed)} changed, "
                f"{len(report.unchanged)} unchanged."
            )
        )
        for title, names in (("Added", report.added), ("Changed", report.changed)):
            for name in names:
                out.write(f"  {title}: {name}")
        if report.hours_as_text:
            out.write(
                f"Hours kept as text ({len(report.hours_as_text)}; shown as written, "
                "never as open now):"
            )
            for line in report.hours_as_text:
                out.write(f"  {line}")
        if report.flagged:
            out.write(
                self.style.WARNING(
                    f"{len(report.flagged)} resource(s) need an operator's check "
                    "(UNCONFIRMED or not checked for a year); see the admin's "
                    "'needs check' filter."
                )
            )
