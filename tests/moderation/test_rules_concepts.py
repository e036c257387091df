"""Concepts and combinations: every shipped combination hears its positive examples
and stays quiet on its negative ones, every concept is heard somewhere, and the
lexicon machinery (inflections, includes, where a concept is looked for) holds."""

import pytest

from moderation.rules import current_rules
from moderation.rules.concepts import ConceptIndex, inflect, read_concepts
from moderation.rules.normalise import text_form, words_form
from moderation.rules.schema import RulesFileError

RULES = current_rules()
COMBINATIONS = {c.rule.id: c for c in RULES.combinations}


def words(text: str) -> str:
    return words_form(text_form(text))


@pytest.mark.parametrize("rule_id", sorted(COMBINATIONS))
def test_each_combination_hears_its_positive_examples(rule_id):
    rule = COMBINATIONS[rule_id].rule
    assert rule.examples_positive, f"{rule_id} has no positive example"
    for example in rule.examples_positive:
        assert rule_id in RULES.assess(example).rules, example


@pytest.mark.parametrize("rule_id", sorted(COMBINATIONS))
def test_each_combination_stays_quiet_on_its_negative_examples(rule_id):
    rule = COMBINATIONS[rule_id].rule
    assert rule.examples_negative, f"{rule_id} has no negative example"
    for example in rule.examples_negative:
        assert rule_id not in RULES.assess(example).rules, example


def _combinations_using(name):
    return [c for c in RULES.combinations if name in (c.anchor, *c.needs, *c.anywhere)]


USED = sorted(
    {n for c in RULES.combinations for n in (c.anchor, *c.needs, *c.anywhere)}
)


@pytest.mark.parametrize("name", USED)
def test_each_concept_is_heard_in_an_example_of_a_combination_using_it(name):
    index = ConceptIndex(RULES.concepts)
    examples = [e for c in _combinations_using(name) for e in c.rule.examples_positive]
    assert any(index.find(name, words(e)) for e in examples), name


@pytest.mark.parametrize(
    "name", [n for n in USED if n in {"means", "death_state", "voices", "abuse_act"}]
)
def test_a_concept_is_not_heard_inside_other_words_or_in_everyday_chat(name):
    index = ConceptIndex(RULES.concepts)
    everyday = (
        "we had a lovely morning at the library group and she napped in the pram, "
        "then my mum came round with soup and the health visitor said shes gaining"
    )
    assert index.find(name, words(everyday)) == []


def test_inflections_expand_regular_forms():
    import re

    pattern = re.compile(rf"\b(?:{inflect('stockpile~')})\b")
    for form in ("stockpile", "stockpiles", "stockpiled", "stockpiling"):
        assert pattern.fullmatch(form)
    stop = re.compile(rf"\b(?:{inflect('stop~')})\b")
    assert stop.fullmatch("stopped") and stop.fullmatch("stopping")
    assert not stop.fullmatch("stopt")


def test_a_concept_includes_another_and_finds_only_whole_words():
    concepts = read_concepts(
        {
            "drugs": {"terms": ["pills", "tablets"]},
            "means": {"terms": ["rope"], "includes": ["drugs"]},
        }
    )
    index = ConceptIndex(concepts)
    found = index.find("means", "i have the tablets and a rope")
    assert [m.group(0) for m in found] == ["tablets", "rope"]
    assert index.find("means", "tabletsandrope skipping ropes") == []
    text = "pills here. rope there"
    assert [m.group(0) for m in index.find("means", text, 0, 10)] == ["pills"]


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"a": {"terms": []}}, "needs terms or includes"),
        ({"a": {"includes": ["b"]}}, "unknown concept"),
        ({"a": {"includes": ["a"]}}, "includes itself"),
        ({"Bad Name": {"terms": ["x"]}}, "lower case"),
        ({"a": {"terms": ["("]}}, ""),
        ({"a": {"terms": ["x"], "colour": "red"}}, "keys"),
    ],
)
def test_a_bad_concept_is_refused_with_a_clear_error(raw, message):
    with pytest.raises(RulesFileError) as refused:
        read_concepts(raw)
    assert message in str(refused.value)


def test_look_alike_letters_are_read_as_latin():
    latin = RULES.assess("I'm going to kill myself tonight, I have the pills")
    cyrillic = RULES.assess("I'm going to kіll mуsеlf tonight, I have the pіlls")
    greek = RULES.assess("I'm going to κill myself tonight, I have the pills")
    assert latin.level == "urgent"
    assert cyrillic.level == latin.level and greek.level == latin.level
    assert words("kіll mуsеlf") == "kill myself"


def test_look_alike_folding_leaves_ordinary_accents_and_other_scripts_alone():
    assert "café" in text_form("a café latte") or "cafe" in words("a café latte")
    assert RULES.assess("Спасибо всем, малыш спит").level == "none"
