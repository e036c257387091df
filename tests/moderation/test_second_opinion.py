"""The semantic second opinion: it may raise a text to signpost and flag, never
lower, hold or hide one."""

from moderation.rules import assess
from moderation.rules.schema import Assessment
from moderation.rules.semantic import (
    PROTOTYPES,
    RULE_ID,
    SecondOpinion,
    raised,
    second_opinion,
)

# A text of the prototypes: nearest to itself, so it must be heard.
QUIET_WISH = (
    "i keep thinking how nice it would be to just be dead. "
    "not in a dramatic way. just quiet"
)


def test_an_everyday_post_stays_quiet():
    text = (
        "We had a rough night, she was up at 1, 3 and 5. "
        "The health visitor says she's gaining well."
    )
    assert second_opinion().opinion(text) is None
    assert raised(Assessment(), text) == Assessment()


def test_a_prototype_itself_is_heard_as_its_category():
    # A sentence from the prototypes is nearest to itself, so it must be raised.
    text = QUIET_WISH
    found = second_opinion().opinion(text)
    assert found is not None and found.category == "suicidal_thoughts"
    result = raised(Assessment(), text)
    assert result.level == "high"
    assert RULE_ID in result.rules
    assert {"signpost", "flag"} <= result.actions
    assert "hold" not in result.actions


def test_it_never_lowers_or_changes_what_the_rules_rated_high_or_urgent():
    urgent = Assessment(
        level="urgent",
        categories=("medical_emergency",),
        rules=("x",),
        actions=frozenset({"signpost", "flag"}),
    )
    assert raised(urgent, "anything at all, even a calm sentence") is urgent


def test_it_keeps_a_hold_the_rules_asked_for():
    held = Assessment(
        level="none",
        categories=("identifying_details",),
        rules=("phone",),
        actions=frozenset({"hold"}),
    )
    text = QUIET_WISH
    result = raised(held, text)
    assert result.hold and result.level == "high"
    assert "identifying_details" in result.categories


def test_a_threshold_no_sentence_reaches_raises_nothing(tmp_path):
    corpus = tmp_path / "one.jsonl"
    corpus.write_text(
        '{"text": "I want to end my life tonight", "level": "urgent",'
        ' "categories": ["suicidal_thoughts"]}\n'
        '{"text": "we went to the park", "level": "none", "categories": []}\n'
    )
    strict = SecondOpinion(prototype_files=[corpus], threshold=1.01)
    assert strict.opinion("I want to end my life tonight") is None
    loose = SecondOpinion(prototype_files=[corpus], threshold=0.5)
    assert (
        loose.opinion("I want to end my life tonight").category == "suicidal_thoughts"
    )


def test_screening_of_a_post_hears_what_the_rules_missed(member):
    from moderation.services.screening import screen_submission

    text = (
        "i keep thinking how nice it would be to just be dead. "
        "not in a dramatic way. just quiet"
    )
    result = screen_submission(author=member, text=text, context="forum.reply")
    assert result.signpost and result.flag
    assert result.level in {"high", "urgent"}
    assert "second_opinion" in result.rules or assess(text).level in {"high", "urgent"}


def test_chat_lines_are_left_to_the_rules(member):
    from moderation.services.screening import screen_submission

    text = "My baby deserves better than me. I'm just in the way"
    result = screen_submission(author=member, text=text, context="chat")
    assert "second_opinion" not in result.rules


def test_the_prototypes_are_every_development_corpus_and_no_held_out_one():
    names = {path.name for path in PROTOTYPES}
    assert {"dev.jsonl", "dev4.jsonl", "dev_es.jsonl", "dev_es3.jsonl"} <= names
    assert not any(name.startswith("heldout") for name in names)


def test_a_spanish_wish_is_heard_through_the_spanish_prototypes():
    found = second_opinion().opinion(
        "a veces quisiera desaparecer y que nadie me busque"
    )
    assert found is not None and found.category == "suicidal_thoughts"
    assert found.prototype == "a veces quisiera desaparecer y que nadie me busque"


def test_a_spanish_everyday_post_stays_quiet():
    text = (
        "Anoche se despertó tres veces, pero hoy comió bien. "
        "La pediatra dice que va creciendo muy bonito."
    )
    assert second_opinion().opinion(text) is None
