"""Spanish: the language of each text is read from the text, a Spanish text is read
by the Spanish rules, a mixed one by both, and every Spanish combination hears its
examples."""

import pytest

from moderation.rules import assess, current_rules
from moderation.rules.engine import combined
from moderation.rules.language import languages
from moderation.rules.normalise import words_form_es
from moderation.rules.schema import Assessment

SPANISH = current_rules("es")
COMBINATIONS = {c.rule.id: c for c in SPANISH.combinations}


@pytest.mark.parametrize("rule_id", sorted(COMBINATIONS))
def test_each_spanish_combination_hears_its_positive_examples(rule_id):
    for example in COMBINATIONS[rule_id].rule.examples_positive:
        assert rule_id in SPANISH.assess(example).rules, example


@pytest.mark.parametrize("rule_id", sorted(COMBINATIONS))
def test_each_spanish_combination_stays_quiet_on_its_negative_examples(rule_id):
    for example in COMBINATIONS[rule_id].rule.examples_negative:
        assert rule_id not in SPANISH.assess(example).rules, example


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I can't sleep and the baby won't settle", ("en",)),
        ("ya no puedo más, mi bebé no deja de llorar", ("es",)),
        ("estoy so tired, me siento bien down y el baby no duerme", ("en", "es")),
        ("omg she said te quiero mucho today and I cried", ("en", "es")),
        ("ok", ("en",)),
        ("¿alguien?", ("es",)),
    ],
)
def test_the_language_is_read_from_the_text(text, expected):
    assert languages(text) == expected


def test_spanish_words_are_folded_and_shorthand_spelt_out():
    assert words_form_es("xq ya no kiero vivir, mi bebé y yo") == (
        "porque ya no quiero vivir mi bebe y yo"
    )
    assert words_form_es("¿q hago? tb estoy sola") == "que hago? tambien estoy sola"
    assert words_form_es("ya tngo to listo, no m busquen") == (
        "ya tengo to listo no me busquen"
    )
    assert words_form_es("sq nd m sale bn, t lo juro") == (
        "es que nada me sale bien te lo juro"
    )


@pytest.mark.parametrize(
    "text, level",
    [
        ("ya no quiero estar aquí, tengo las pastillas conmigo", "urgent"),
        ("mis hijos estarían mejor sin mí", "high"),
        ("me muero de sueño jajaja, el nene no durmió nada", "none"),
        ("este niño me va a matar, tres despertares y ya", "none"),
        ("mi bebé de 2 semanas tiene 38.3 de fiebre", "urgent"),
        ("estoy so tired y ya no quiero vivir", "high"),
    ],
)
def test_spanish_and_mixed_posts_get_their_level(text, level):
    assert assess(text).level == level


def test_ya_is_not_read_as_you_in_spanish():
    """English shorthand reads "ya" as "you": in Spanish it means "already"."""
    result = SPANISH.assess("ya no quiero estar aqui")
    assert result.level == "high"


def test_a_mixed_text_keeps_the_most_serious_reading():
    quiet = Assessment()
    urgent = Assessment(
        level="urgent",
        categories=("suicidal_thoughts",),
        rules=("es_overdose",),
        actions=frozenset({"signpost", "flag"}),
    )
    high = Assessment(
        level="high",
        categories=("self_harm",),
        rules=("self_harm",),
        actions=frozenset({"signpost"}),
    )
    result = combined([quiet, high, urgent])
    assert result.level == "urgent"
    assert result.categories == ("self_harm", "suicidal_thoughts")
    assert result.actions == {"signpost", "flag"}


def test_contact_details_are_held_in_spanish_too():
    result = assess("llámame al 555 123 4567 y nos vemos")
    assert result.hold
