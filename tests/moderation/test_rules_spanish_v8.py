"""Spanish rules version 8: a goodbye from a height, a cord already in place, hurting
herself as she writes, the gas left open in a closed house, a last feed; and the
everyday posts that borrowed the words (a laugh that took her breath, a fright that
will kill her, a first-aid course, bungee at the beach, stitches cut by the doctor,
"me voy con Dios" on the way to work, a nap that lasts forever)."""

import pytest

from moderation.rules import current_rules
from tests.moderation.rules_reading import assert_heard, assert_not_raised_by


def test_the_spanish_rules_file_is_version_eight_or_later():
    assert current_rules("es").version >= 8


HEARD = [
    (
        "estoy en el borde del puente, mi niña está con su abuela. gracias por todo",
        "urgent",
        "es_edge_goodbye",
    ),
    (
        "sentada en la azotea del edificio. perdón por todo, cuídense",
        "urgent",
        "es_edge_goodbye",
    ),
    ("la soga ya está amarrada en el árbol del patio", "urgent", "es_ligature_placed"),
    (
        "me estoy cortando el brazo ahorita y no puedo parar",
        "urgent",
        "es_self_harm_now",
    ),
    (
        "dejé abierta la llave del gas y tapé las rendijas de la puerta",
        "urgent",
        "es_gas_sealed",
    ),
    (
        "estoy en el andén y ya van tres trenes, cada vez más cerca de la raya "
        "amarilla",
        "urgent",
        "es_on_the_edge",
    ),
    (
        "hoy es la noche. ya lo abracé por última vez",
        "high",
        None,
    ),
]


@pytest.mark.parametrize("text, at_least, rule_id", HEARD)
def test_risk_told_in_few_words_is_heard_in_spanish(text, at_least, rule_id):
    assert_heard(text, at_least, rule_id, language="es")


QUIET = [
    "jajaja el bebé se rió por primera vez y yo no puedo respirar de la risa 😂",
    "mi hijo se sube al ropero, un día me va a matar de un susto",
    "en el taller aprendimos qué hacer si el bebé deja de respirar, muy recomendado",
    "mi cuñada se va a aventar del bungee en Acapulco, está loca",
    "la doctora me los cortó hoy, los puntos de la cesárea ya sanaron",
    "Me voy con Dios al trabajo, primer día después de la incapacidad",
    "voy a dormir para siempre en cuanto se duerma, siesta de dos horas",
    "Gracias a este grupo ya no tengo esos pensamientos, llevo un año con medicina",
    "me estoy quemando con el sol en la playa otra vez",
    "la cuerda ya está en el patio para tender la ropa",
]


@pytest.mark.parametrize("text", QUIET)
def test_an_everyday_post_that_borrows_alarm_words_stays_quiet_in_spanish(text):
    assert_not_raised_by(text, language="es")
