"""System checks for moderation: manage.py check runs them, and so do migrate and
runserver before they start (make run migrates before it serves)."""

from django.core.checks import Error, register

from moderation.rules import RulesFileError, current_rules
from moderation.rules.engine import DEFAULT_PATHS, configured_path


@register()
def rules_file_check(app_configs, **kwargs) -> list[Error]:
    """The configured rules files load: every rule and modifier reads and compiles."""
    errors = []
    for language in DEFAULT_PATHS:
        errors += _language_check(language)
    return errors


def _language_check(language: str) -> list[Error]:
    try:
        current_rules(language)
    except RulesFileError as exc:
        path = configured_path(language)
        return [
            Error(
                str(exc),
                hint=(
                    f"Correct {path}; python manage.py assess_text --check --rules "
                    f"{path} checks an edit and its examples."
                ),
                id="moderation.E001",
            )
        ]
    return []
