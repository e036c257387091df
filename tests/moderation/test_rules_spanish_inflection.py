"""Spanish verbs heard in every form ("decidir~" is decidi, decidimos, he decidido,
decidire...), and long posts that tell the risk across sentences without naming
death: a closed decision, everything ready, the moment awaited, the children placed
with someone, letters, things given away, others relieved, a return to the place of
an earlier attempt. Everyday posts with the same words stay quiet."""

import re

import pytest

from moderation.rules import current_rules
from moderation.rules.concepts import inflect, read_concepts
from moderation.rules.schema import RulesFileError
from moderation.rules.verbs_es import verb_forms

SPANISH = current_rules("es")


def test_the_spanish_rules_file_is_version_four_or_later():
    assert SPANISH.version >= 4


def heard(term: str, words: str) -> bool:
    return re.fullmatch(inflect(term, "es"), words) is not None


@pytest.mark.parametrize(
    "term, words",
    [
        ("tomar~", "tomo"),
        ("tomar~", "tomaste"),
        ("tomar~", "tomabamos"),
        ("tomar~", "tomare"),
        ("tomar~", "tomariamos"),
        ("tomar~", "tomen"),
        ("tomar~", "tomaran"),
        ("tomar~", "tomasen"),
        ("tomar~", "tomadas"),
        ("tomar~", "tomando"),
        ("tomar~", "tomarme"),
        ("tomar~", "tomandome"),
        ("tomar~", "tomarmelas"),
        ("tomar~", "tomandoselo"),
        ("decidir~", "decidi"),
        ("decidir~", "decidimos"),
        ("decidir~", "decidieron"),
        ("decidir~", "decidido"),
        ("decidir~", "decidire"),
        ("decidir~", "decidiera"),
        ("decidir~", "decidiendolo"),
        ("esconder~", "escondi"),
        ("esconder~", "escondidas"),
        ("esconder~", "escondiendolas"),
        # Spelling kept to the sound: -car, -gar, -zar, -ger; leer and creer.
        ("buscar~", "busque"),
        ("pagar~", "pague"),
        ("organizar~", "organice"),
        ("escoger~", "escojo"),
        ("leer~", "leyendo"),
        ("leer~", "leyo"),
        # Within a longer term.
        ("ya (?:lo )?decidir~", "ya lo decidimos"),
    ],
)
def test_a_spanish_verb_is_heard_in_every_form(term, words):
    assert heard(term, words)


@pytest.mark.parametrize(
    "term, words",
    [
        ("tomar~", "tomate"),  # a tomato, not a form
        ("decidir~", "decidimo"),
        ("buscar~", "busce"),
        ("beber~", "bebe"),  # the baby, once accents are folded
        ("comer~", "como"),  # how
        ("parar~", "para"),  # for
    ],
)
def test_words_that_are_not_its_forms_are_not_heard(term, words):
    assert not heard(term, words)


def test_english_inflection_is_unchanged():
    assert inflect("swallow~") == "swallow(?:s|es|ed|ing)?"
    assert inflect("swallow~", "en") == inflect("swallow~")


def test_forms_are_one_trie_after_the_stem():
    pattern = inflect("decidir~", "es")
    assert pattern.startswith("(?:decid(?:")
    assert len(verb_forms("decidir")) > 80


def test_a_spanish_tilde_must_follow_an_infinitive():
    with pytest.raises(RulesFileError, match="infinitive"):
        read_concepts({"decision": {"terms": ["decision~"]}}, "es")


def test_english_files_keep_english_tildes():
    concepts = read_concepts({"take": {"terms": ["swallow~"]}}, "en")
    assert concepts["take"].pattern.search("she swallowed")


# (text, the level it must reach, the combination that must hear it)
TOLD = [
    (
        "Lo hemos decidido. Tengo lo que hace falta. Espero a que se duerman todos.",
        "urgent",
        "es_decided_ready_moment",
    ),
    (
        "Ya tomé mi decisión. He ido juntando las pastillas. Mañana lo hago.",
        "urgent",
        "es_decided_ready_moment",
    ),
    (
        "Ya lo decidí. El domingo, cuando se vaya mi marido, lo hago.",
        "urgent",
        "es_decided_moment",
    ),
    (
        "Tengo todo listo. Cuando se duerma la nena lo voy a hacer.",
        "urgent",
        "es_ready_moment",
    ),
    (
        "Ya tengo todo lo que necesito, la pistola está en el ropero. "
        "Solo espero a que se vayan.",
        "urgent",
        "es_ready_means_moment",
    ),
    (
        "Dejé a mis hijos con mi cuñada. No voy a volver.",
        "urgent",
        "es_children_placed_final",
    ),
    (
        "Le encargué los niños a mi tía. Ya es la hora.",
        "urgent",
        "es_children_placed_final",
    ),
    (
        "Terminé de escribir las cartas para mis hijos. No me busquen.",
        "urgent",
        "es_letters_final",
    ),
    (
        "Le regalé mis joyas a mi sobrina. Pronto se acaba todo.",
        "urgent",
        "es_giving_away_final",
    ),
    (
        "Ya no seré una carga para nadie. Esta noche les quito ese peso.",
        "urgent",
        "es_relief_final",
    ),
    (
        "Regresé al malecón, al mismo lugar de la otra vez. Esta vez sí.",
        "urgent",
        "es_place_again",
    ),
    (
        "Compré la soga ayer. La tengo en el cuarto. Cuando se duerman todos.",
        "urgent",
        "es_lethal_waiting",
    ),
    (
        "Mi niño se viene conmigo. No lo voy a dejar solo en este mundo.",
        "urgent",
        "es_baby_along_told",
    ),
    (
        "Mi marido me está amenazando con el machete. Estoy en el cuarto.",
        "urgent",
        "es_danger_now",
    ),
]


@pytest.mark.parametrize("text, level, combination", TOLD)
def test_risk_told_across_sentences_is_heard(text, level, combination):
    result = SPANISH.assess(text)
    assert result.level == level
    assert combination in result.rules


QUIET = [
    "Ya lo decidí: voy a destetar. Tengo todo listo. Solo espero que se acostumbre.",
    "Decidimos bautizar al niño en mayo. Ya tengo todo preparado. "
    "El sábado es la fiesta.",
    "Tomé la decisión de volver a estudiar. Ya tengo lo que necesito para inscribirme.",
    "Nada más espero a que el bebé se duerma para bañarme. Tengo todo listo.",
    "Tengo todo listo en la maleta del hospital. "
    "Solo espero que empiecen las contracciones.",
    "Dejé a los niños con mi mamá el fin de semana. Vuelvo el domingo.",
    "Les dejé una carta a mis compañeras del trabajo. Las voy a extrañar.",
    "Le escribí una carta a mi hija para cuando cumpla quince años.",
    "Regalé la cuna porque ya no la necesitamos. Que le sirva a otra familia.",
    "Mi mamá va a descansar cuando yo me mude. La mudanza es el sábado.",
    "Volví al parque donde conocí a mi esposo. Esta vez con el bebé.",
    "Compré veneno para las cucarachas. Lo tengo en la repisa. "
    "Cuando se duerma el nene lo pongo.",
    "Guardé las pastillas con llave ahora que el nene camina.",
    "Ya no aguanto más este calor. Ojalá llueva.",
    "Les escribo para despedirme del grupo por un tiempo. Vuelvo en enero.",
    "¿Dónde guardan ustedes las pastillas para que no las alcancen los niños?",
    "La pistola de agua la tengo en el patio. Cuando se duerma la bebé la lleno.",
    "Regresé al puente de la feria. Esta vez sí compramos algodón.",
    "Me lo llevo conmigo a la oficina. Después de hoy ya no lo llevo.",
]


@pytest.mark.parametrize("text", QUIET)
def test_everyday_posts_with_the_same_words_stay_quiet(text):
    assert SPANISH.assess(text).level == "none"


def test_someone_elses_decision_is_not_the_writers():
    result = SPANISH.assess(
        "Mi amiga me dijo que ya lo decidió. Tiene todo listo. Esta noche es."
    )
    assert "es_decided_ready_moment" not in result.rules
    assert "es_ready_moment" not in result.rules


def test_a_recovery_story_is_not_a_plan():
    result = SPANISH.assess(
        "Hace años lo había decidido y tenía todo listo. Esa noche pedí ayuda. "
        "Hoy estoy bien y quiero decirles que sí se sale."
    )
    assert result.level in ("none", "low")
