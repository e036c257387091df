"""Spanish rules version 6: kinds of risk told plainly, each heard in any wording by
composing concepts rather than by listing phrases. An overdose already taken (a box,
half the bottle, a handful, with the medicine, alcohol, effects or a goodbye), things
arranged for afterwards beside an ending told softly, means at hand with the moment
awaited, a cord round her own neck, a place to drown or jump with intent, a crash
planned, psychosis told plainly (implants, hidden microphones, a changeling, a
mission, messages, no sleep with racing ideas), a mother's plain description of
medical red flags, an abuser's threat to kill and strangulation, and harm to the baby
meant. The everyday posts that share their words stay quiet.

Every wording here was written for these tests, in several regions' Spanish, and is
taken from no corpus."""

import pytest

from moderation.rules import current_rules
from tests.moderation.rules_reading import assert_heard, assert_not_raised_by

SPANISH = current_rules("es")


def test_the_spanish_rules_file_is_version_six_or_later():
    assert SPANISH.version >= 6


# (text, the level it must reach at least, the combination that must hear it)
HEARD = [
    # an overdose already taken, with the medicine, alcohol, effects or a goodbye
    (
        "amiga me bebí el frasquito entero de clonazepam hace media hora",
        "urgent",
        "es_took_much",
    ),
    (
        "me acabo de tomar todas las que me dio el psiquiatra para el mes con un "
        "ron. no le digan a nadie",
        "urgent",
        "es_took_much",
    ),
    ("ya me tomé todo lo de la caja. solo quería que alguien supiera", "urgent", None),
    ("ya me tomé unas cuantas y voy por el resto", "urgent", "es_took_much"),
    (
        "me he tomado unas cuantas de las pastis de dormir de mi suegra y ya me está "
        "haciendo efecto",
        "urgent",
        "es_took_much_effects",
    ),
    (
        "me tomé 20 paracetamoles y ahorita estoy vomitando, no sé qué hacer",
        "urgent",
        "es_took_much_effects",
    ),
    # something arranged for afterwards, beside an ending told softly
    (
        "ya le mandé a mi prima la contraseña del banco y del face. después de esta "
        "noche ya no me van a necesitar",
        "urgent",
        "es_arranged_final",
    ),
    (
        "le grabé un video a mi hija pa cuando cumpla quince. mañana ya no me van a "
        "encontrar",
        "urgent",
        "es_arranged_final",
    ),
    (
        "le pedí a mi suegra que vaya por los chamacos a la escuela el lunes. yo me "
        "voy lejos pa siempre",
        "urgent",
        "es_arranged_final",
    ),
    (
        "le dejé a mi comadre la llave de la casa y la clave de la tarjeta. mañana "
        "cuando amanezca ya no me van a encontrar",
        "urgent",
        "es_arranged_final",
    ),
    (
        "ya le transferí todos mis ahorros a mi mamá. después de hoy no voy a "
        "necesitar nada",
        "urgent",
        "es_arranged_final",
    ),
    (
        "les grabé unos audios a mis hijos. esta noche me quito del medio",
        "urgent",
        "es_arranged_final",
    ),
    # means at hand, and the moment awaited
    (
        "tengo las pastillas de mi abuela en la cartera, cuando se duerman todos se "
        "acaba",
        "urgent",
        "es_means_moment",
    ),
    (
        "la cuerda ya la tengo en la mochila y ya sé cuál puente es",
        "urgent",
        "es_means_moment",
    ),
    (
        "ya tengo la pistola de mi papá en la guantera. esta noche es",
        "urgent",
        "es_means_moment",
    ),
    # a cord round her own neck now
    (
        "tengo el cinturón alrededor del cuello y ya no puedo más",
        "urgent",
        "es_ligature_now",
    ),
    (
        "ya me amarré la soga al cuello, estoy en el baño, perdónenme",
        "urgent",
        "es_ligature_now",
    ),
    # a place to drown or jump, with intent
    (
        "me voy a meter al lago de madrugada y no voy a volver. cuiden a mi niña",
        "urgent",
        "es_on_the_edge",
    ),
    ("estoy sentada en la cornisa del piso 9, no sé si bajar", "urgent", None),
    (
        "cuando los niños se acuesten subo a la azotea. ya no aguanto más",
        "urgent",
        "es_edge_wish",
    ),
    # a crash planned, alone or with the baby
    (
        "voy manejando ahorita pa estrellarme contra un muro, ya no aguanto",
        "urgent",
        "es_method_time",
    ),
    (
        "voy a meter a la nena en el carro y me estrello con ella contra un poste",
        "urgent",
        "es_baby_goes_with_her",
    ),
    # psychosis told plainly
    (
        "me pusieron un chip en el brazo cuando me pusieron la epidural y me escuchan",
        "urgent",
        "es_delusion",
    ),
    (
        "hay cámaras escondidas en los focos del cuarto del bebé, las pusieron los "
        "vecinos",
        "urgent",
        "es_delusion",
    ),
    (
        "Dios me mandó a esta niña para sanar al mundo, mañana la llevo a la catedral",
        "urgent",
        "es_delusion",
    ),
    (
        "se llevaron a mi bebé en la noche y me dejaron otro igualito, este no llora "
        "igual",
        "urgent",
        "es_delusion",
    ),
    (
        "las luces de la calle me dijeron que el bebé tiene que dormir afuera",
        "urgent",
        "es_delusion",
    ),
    (
        "no he dormido desde la cesárea y no estoy cansada, tengo mil planes",
        "urgent",
        "es_mania",
    ),
    (
        "no he dormido desde el parto, ya van 4 noches y me siento increíble, mi "
        "cabeza va a mil",
        "urgent",
        "es_mania",
    ),
    # medical red flags as a mother tells them
    (
        "se atragantó con un dulce y no respira, se está poniendo morado",
        "urgent",
        "es_infant_sign",
    ),
    (
        "mi bebé está temblando toda, los bracitos y las piernitas, y no me responde",
        "urgent",
        "es_infant_sign",
    ),
    (
        "se le echó encima el agua hirviendo de la olla, tiene la piel colgando",
        "urgent",
        "es_infant_sign",
    ),
    (
        "el niño se tomó el jarabe de la abuela, la botella estaba llena y ahora "
        "está vacía",
        "urgent",
        "es_child_swallowed",
    ),
    (
        "tengo 10 días de parida y me sale sangre a chorros, ya llené dos toallas",
        "urgent",
        "es_postpartum_sign",
    ),
    (
        "siento que se me va a parar el corazón, me duele el pecho y estoy sudando "
        "frío",
        "urgent",
        "es_postpartum_sign",
    ),
    (
        "tengo un dolor de cabeza que no se me quita con nada y veo doble, tengo 36 "
        "semanas",
        "urgent",
        "es_pregnancy_red_flag",
    ),
    # an abuser's threat to kill, strangulation, a child burnt
    (
        "él me puso la pistola en la cabeza y me dijo que él decide cuándo me muero",
        "urgent",
        "es_danger_now",
    ),
    (
        "me puso la navaja en la garganta y dijo que me iba a matar si lo dejaba",
        "urgent",
        "es_danger_now",
    ),
    (
        "mi marido me pone la almohada en la cara hasta que no puedo respirar",
        "urgent",
        "es_strangled",
    ),
    ("le quemó la mano al nene con el cigarro", "urgent", "es_child_hurt"),
    # harm to the baby meant, not feared
    (
        "le puse las gotitas para dormir en la mamila, no voy a aguantar otra noche "
        "con esta niña",
        "urgent",
        "es_baby_harm_meant",
    ),
    (
        "la sacudí fuerte y no me arrepiento, si vuelve a llorar lo hago otra vez",
        "urgent",
        "es_baby_harm_meant",
    ),
    (
        "le apreté la boquita hasta que se calló y lo quiero volver a hacer",
        "urgent",
        "es_baby_harm_meant",
    ),
    # a cut deeper than meant, still bleeding; a wish for an illness to end it
    (
        "se me fue la mano con la navaja y no para de sangrar",
        "urgent",
        "es_cut_bleeding",
    ),
    (
        "ojalá me agarrara una enfermedad y me muriera rápido",
        "high",
        "es_wish_to_be_gone",
    ),
]


@pytest.mark.parametrize("text, at_least, rule_id", HEARD)
def test_a_kind_of_risk_is_heard_in_fresh_words(text, at_least, rule_id):
    assert_heard(text, at_least, rule_id, language="es")


# (text, the combination that must not hear it): everyday posts sharing the words.
QUIET = [
    # food, drink, vitamins and medicines as prescribed
    ("me tomé todo el café de la mañana y sigo muerta de sueño", "es_took_much"),
    ("ya me tomé todas las vitaminas y el hierro, perdón por preguntar", None),
    ("me tomé la caja entera de jugo de uva jaja me siento rara", None),
    ("me acabo de tomar el frasco de vitaminas de gomita del nene jajaja", None),
    ("ya me tomé todo el tecito de manzanilla y sigo sin dormir", "es_took_much"),
    (
        "me tomé la mitad del frasco de jarabe para la tos en toda la semana como "
        "dijo el doctor",
        "es_took_much",
    ),
    # errands, bills and messages for the children
    (
        "le pedí a mi suegra que recoja a los niños mañana porque tengo cita en el "
        "dentista",
        "es_arranged_final",
    ),
    ("pagué la renta y la luz, por fin este mes alcanzó", "es_arranged_final"),
    (
        "les dejé grabado un audio a mis hijos para cuando lleguen de la escuela",
        "es_arranged_final",
    ),
    (
        "le dejé a mi comadre la llave de la casa porque nos vamos de viaje a "
        "Guatemala",
        "es_arranged_final",
    ),
    ("le transferí a mi mamá lo de la renta, ya pagué todo este mes", None),
    ("me voy lejos pa siempre de este trabajo tóxico jaja", None),
    ("me quito del medio del grupo un rato para descansar, las leo luego", None),
    # things in a bag, a drawer or a cabinet
    (
        "ya tengo la cuerda del columpio en la mochila para el parque el domingo",
        "es_means_moment",
    ),
    (
        "tengo las pastillas de hierro en la mesita, esta noche me las tomo",
        "es_means_moment",
    ),
    ("tengo la pistola de agua del niño en la guantera jaja", None),
    (
        "el veneno de ratas lo tengo bien guardado en la alacena alta lejos de los "
        "niños",
        None,
    ),
    # things worn round the neck
    ("me puse la bufanda en el cuello porque hace frío", "es_ligature_now"),
    ("ya me amarré el pelo y salgo al súper", None),
    (
        "tenía el cordón umbilical alrededor del cuello en el ultrasonido, ya no "
        "puedo con los nervios",
        "es_ligature_now",
    ),
    ("este brasier de maternidad me ahorca todo el día", None),
    # the sea, a lake, a rooftop, a drive
    ("mañana subo a la terraza a tender la ropa", None),
    ("nos vamos a meter al mar con los niños el domingo si no llueve", None),
    ("nos metimos al lago de madrugada para ver el amanecer, qué bonito", None),
    ("estoy sentada en el balcón del piso 9 tomando café con la bebé", None),
    ("me voy manejando a casa de mi mamá, ya no aguanto el tráfico", None),
    ("el puente del feriado nos vamos a la playa", None),
    # chips, radios, a demanding child, no sleep
    ("el chip del celular nuevo no funciona", "es_delusion"),
    ("las canciones del radio de hoy son las de mi época", None),
    ("Dios me mandó a este niño para enseñarme paciencia", "es_delusion"),
    ("mi niño es un demonio de Tasmania, no para", "es_delusion"),
    ("no he dormido desde el parto, estoy agotada pero feliz con mi niña", None),
    # small knocks, a cough, a burn while shaving or ironing hair
    ("se atoró con la papilla pero tosió y ya está bien", "es_infant_sign"),
    ("se le atoró una moneda en la máquina de chicles jaja", None),
    (
        "la bebé tiembla un poquito cuando le cambio el pañal, el pediatra dijo que "
        "es normal",
        None,
    ),
    ("me corté las piernas rasurándome con prisa", "es_self_harm"),
    ("me quemé la oreja con la plancha del pelo sin querer", "es_self_harm"),
    ("el perro se comió el calcetín entero y lo vomitó", None),
    # everyday sayings, screens and recipes
    ("el final de la novela me mató, lloré toda la noche", None),
    ("me muero de sueño, este calor me mata", None),
    ("la tiré a la basura la leche que se echó a perder", None),
    ("hoy hice la receta de arroz con leche y se me quemó", None),
]


@pytest.mark.parametrize("text, rule_id", QUIET)
def test_an_everyday_post_with_the_same_words_stays_quiet(text, rule_id):
    assert_not_raised_by(text, rule_id, language="es")


def test_a_missed_reply_told_in_advance_does_not_negate_the_arrangements():
    """A missed reply told in advance ("si mañana no contesto") says what to do
    when she is gone; it does not negate the arrangements beside it."""
    text = (
        "Si mañana no respondo, los papeles de la casa están en la gaveta del "
        "ropero. Ya no voy a estar."
    )
    assert SPANISH.assess(text).level == "urgent"


def test_an_overdose_taken_is_also_a_medical_emergency_when_its_effects_are_felt():
    assessment = SPANISH.assess(
        "me trague unas cuantas de las de mi mama y me siento muy rara"
    )
    assert assessment.level == "urgent"
    assert "medical_emergency" in assessment.categories


# Version 7: a blocked nose is not breathlessness, and hiding under the covers for a
# while is not a wish to be gone.
@pytest.mark.parametrize(
    "text",
    [
        "no puedo respirar por la nariz con este resfriado, ¿qué me tomo?",
        "me falta el aire con la nariz tapada, odio la gripa",
        "quiero desaparecer debajo de la cobija hasta que se acabe el día",
        "ojalá pudiera esconderme entre las sábanas un ratito sin que nadie me hable",
    ],
)
def test_a_cold_and_the_covers_raise_nothing(text):
    assert_not_raised_by(text, language="es")


@pytest.mark.parametrize(
    "text",
    [
        "no puedo respirar, me duele el pecho y el brazo izquierdo",
        "me falta el aire y tengo los labios morados",
    ],
)
def test_breathlessness_is_still_urgent(text):
    assert_heard(text, "urgent", language="es")


def test_a_wish_to_be_gone_for_good_is_still_heard_beside_the_covers():
    assert_heard(
        "me meto debajo de la cobija y quiero desaparecer para siempre",
        "high",
        language="es",
    )
