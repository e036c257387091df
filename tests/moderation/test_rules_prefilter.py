"""The prefilter only saves time: with it and without it (every pattern searched
everywhere), the engine reaches the same assessment of every text in the rules
corpus, the rules file's own examples and the benchmark's posts. And it reads
patterns with a parser of its own, not Python's private one."""

from pathlib import Path

import pytest

from bench.rules import build_posts
from moderation.rules import current_rules, load_rules, pattern_shape
from moderation.rules.prefilter import Scanner
from tests.moderation.rules_corpus import CORPUS, NEW_ACCOUNT

ENGINE = Path(__file__).resolve().parents[2] / "moderation/rules"
RULES = current_rules()


@pytest.fixture(scope="module")
def plain_rules():
    return load_rules(prefilter=False)


def corpus_texts() -> list[str]:
    texts = [text for text, _level, _categories in CORPUS + NEW_ACCOUNT]
    for rule in RULES.rules:
        texts += [*rule.examples_positive, *rule.examples_negative]
    return texts


def bench_posts() -> list[str]:
    return build_posts(300) + build_posts(150, seed=11, everyday=True)


def outcome(ruleset, text: str, new_account: bool) -> tuple:
    """An assessment, with the rules and categories it names as sets: they are
    listed in the order the scan met them, which the prefilter changes."""
    found = ruleset.assess(text, new_account=new_account)
    return found.level, set(found.categories), set(found.rules), found.actions


@pytest.mark.parametrize("texts", [corpus_texts, bench_posts], ids=lambda f: f.__name__)
@pytest.mark.parametrize("new_account", [False, True])
def test_the_prefilter_changes_no_assessment(plain_rules, texts, new_account):
    differ = [
        text
        for text in texts()
        if outcome(RULES, text, new_account) != outcome(plain_rules, text, new_account)
    ]
    assert differ == []


def test_without_the_prefilter_every_pattern_is_searched_everywhere(plain_rules):
    scanner = plain_rules.scanner
    assert scanner.scan is None and len(scanner.always) == len(scanner.entries)


def test_almost_every_pattern_is_reached_through_the_prefilter():
    """A guard on speed: the shipped rules parse, and few need a search everywhere."""
    for _rule, _compiled, source, _on_text in RULES.scanner.entries:
        pattern_shape.parse(source)
    assert len(RULES.scanner.always) < len(RULES.scanner.entries) // 20


@pytest.mark.parametrize(
    "pattern", [r"(\w+) \1", r"(?i)baby", r"(?P<word>baby)", r"baby++", r"\x41"]
)
def test_a_pattern_the_parser_cannot_read_is_searched_everywhere(pattern):
    import re

    with pytest.raises(pattern_shape.Unsupported):
        pattern_shape.parse(pattern)
    scanner = Scanner([(0, re.compile(pattern), pattern, False)])
    assert scanner.always == [(0, 0)]


@pytest.mark.parametrize(
    "pattern, text",
    [
        (r"\bbaby{2,}\b", "babyy"),
        (r"\bcry{,2}ing\b", "crying"),
        (r"\bnap{} time", "nap{} time"),
        (r"\b[a-c]at\b", "bat"),
        (r"\b[^x]at\b", "cat"),
        (r"\bsleep[.!]", "sleep!"),
        (r"\b(?:tired|wired) (?:and|but) (?:ok|okay)\b", "wired but okay"),
        (r"(?<![a-z])no+ sleep", "nooo sleep"),
    ],
)
def test_patterns_the_parser_reads_still_match(pattern, text):
    import re

    pattern_shape.parse(pattern)
    scanner = Scanner([(0, re.compile(pattern), pattern, False)])
    assert [start for _rule, start, _end, _source in scanner.matches(text, text)]


def test_the_engine_uses_no_private_part_of_re():
    for module in ENGINE.glob("*.py"):
        source = module.read_text()
        assert "_parser" not in source and "_constants" not in source, module.name
        assert "sre_" not in source, module.name
