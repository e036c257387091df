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


def assert_heard(text: str, at_least: str, rule_id=None, language: str = "en"):
    """The text reaches at least that level, through rule_id when one is named."""
    assessment = current_rules(language).assess(text)
    assert reaches(assessment.level, at_least), (text, assessment.rules)
    if rule_id is not None:
        assert rule_id in assessment.rules, (text, assessment.rules)


def assert_not_raised_by(text: str, rule_id=None, language: str = "en"):
    """The text raises no alarm (low at most), and rule_id does not hear it."""
    assessment = current_rules(language).assess(text)
    assert assessment.level in ("none", "low"), (text, assessment.rules)
    if rule_id is not None:
        assert rule_id not in assessment.rules
