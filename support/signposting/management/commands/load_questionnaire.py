from django.core.management.base import BaseCommand, CommandError

from support.signposting.questionnaires import QuestionnaireError
from support.signposting.services import questionnaire_load_file


class Command(BaseCommand):
    help = (
        "Load a screening questionnaire you hold the rights to from a JSON file "
        "(format in support/signposting/questionnaires.py). Loading the same slug "
        "again replaces its definition."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the JSON file to load")

    def handle(self, *args, path, **options):
        try:
            questionnaire, created = questionnaire_load_file(path=path)
        except QuestionnaireError as exc:
            for error in exc.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(
                f"{path} was not loaded: {len(exc.errors)} problem(s) above."
            ) from exc
        verb = "Added" if created else "Updated"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} questionnaire {questionnaire.title} ({questionnaire.slug}, "
                f"version {questionnaire.version})."
            )
        )
