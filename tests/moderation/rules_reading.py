"""What today's rules make of a text, for the tests that try many wordings."""

from moderation.levels import LEVEL_RANK
from moderation.rules import current_rules


def level(text: str, language: str = "en") -> str:
    return current_rules(language).assess(text).level


def found(text: str, language: str = "en") -> set[str]:
    """The ids of the rules and combinations that heard text."""
    return set(current_rules(language).assess(text).rules)


def level_and_categories(text: str, language: str = "es") -> tuple[str, set[str]]:
    result = current_rules(language).assess(text)
    return result.level, set(result.categories)


def reaches(got: str, at_least: str) -> bool:
    return LEVEL_RANK[got] >= LEVEL_RANK[at_least]
