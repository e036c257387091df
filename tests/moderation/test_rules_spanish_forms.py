"""Spanish rules that hear a meaning in its many forms: verb tenses and enclitics
("me voy a matar", "matarme", "me quito la vida"), places and times, regional
spelling and chat shorthand, and the weighing (negation, quoting, the past,
idioms) that keeps everyday words quiet."""

import pytest

from moderation.rules import assess, current_rules
from moderation.rules.language import languages
from moderation.rules.normalise import words_form_es
from tests.moderation.rules_reading import level_and_categories

SPANISH = current_rules("es")


@pytest.mark.parametrize(
    "text, level, category",
    [
        # A death wish in any tense or person of "querer", with enclitics.
        ("quisiera quedarme dormida para siempre", "high", "suicidal_thoughts"),
        ("ojala no amaneciera mañana", "high", "suicidal_thoughts"),
        (
            "toy cansada de vivir, ya no le encuentro sentido",
            "high",
            "suicidal_thoughts",
        ),
        ("ya no kiero vivir neta", "high", "suicidal_thoughts"),
        ("me dan ganas de tirarme por el balcon", "high", "suicidal_thoughts"),
        ("no tengo ninguna razon para vivir", "high", "suicidal_thoughts"),
        ("ojala me muriera", "high", "suicidal_thoughts"),
        ("pienso que sin mi todos estarian mejor", "high", "suicidal_thoughts"),
        # With a time, means at hand, a plan or a goodbye: urgent.
        (
            "esta noche me quito la vida, ya lo tengo pensao",
            "urgent",
            "suicidal_thoughts",
        ),
        ("mañana temprano me tiro delante del tren", "urgent", "suicidal_thoughts"),
        ("me voy a ahorcar despues del bautizo, ya escogi el dia", "urgent", None),
        ("tengo las pildoras en la mesita. ojala sea la ultima noche", "urgent", None),
        ("tengo las pastillas en la mano y quiero tomarmelas todas", "urgent", None),
        ("me tome como 20 pastillas de las de dormir hace rato", "urgent", None),
        (
            "tengo todas las pastillas contadas, creo que son suficientes",
            "urgent",
            None,
        ),
        ("cuantas pastillas de clonazepam son mortales?", "urgent", None),
        ("tengo el carro prendido en el garaje con la puerta cerrada", "urgent", None),
        ("ya regale mi ropa. mis hijos van a estar mejor sin mi", "urgent", None),
        ("me despido de todas, ya no puedo mas con esta vida", "urgent", None),
        # Self-harm in the present, the preterite and again.
        ("anoche me volvi a cortar los brazos", "high", "self_harm"),
        ("me hice unos cortes hondos y sale mucha sangre", "urgent", None),
        # Harm to the baby: intent, going with her.
        ("lo voy a ahogar con la almohada si no se calla", "urgent", "harm_to_baby"),
        (
            "la nena y yo nos vamos juntas, las dos descansamos",
            "urgent",
            "harm_to_baby",
        ),
        ("no me siento segura sola con el bebe", "high", "harm_to_baby"),
        ("no confio en mi misma con la nena", "high", "harm_to_baby"),
        # Unwanted thoughts, named as fear.
        ("tengo miedo de lastimarla sin querer cuando la baño", "low", None),
        ("me paso la noche pensando y si se cae de la cama", "low", None),
        # Psychosis stays urgent even next to a "no".
        (
            "ese niño no es mi hijo, me lo cambiaron en el hospital",
            "urgent",
            "psychosis",
        ),
        # Abuse in every tense, and danger now.
        ("me pegaba cuando llegaba tomado y todavia me amenaza", "high", "abuse"),
        ("me quito la tarjeta y el dinero", "high", "abuse"),
        ("dice que me va a quitar a la nena si me voy", "high", "abuse"),
        (
            "mi esposo me grito que ojala me muriera, que nadie me quiere",
            "high",
            "abuse",
        ),
        ("me dijo que si lo dejo me va a matar y tiene pistola", "urgent", "abuse"),
        ("mi pareja le pego al bebe y le dejo marcas", "urgent", "abuse"),
        # Medical warning signs as a parent says them.
        ("se puso azulito mientras comia y no respiraba bien", "urgent", None),
        ("no logro despertarla pa comer, tiene 6 dias", "urgent", None),
        ("sangro a chorros y me siento que me desmayo", "urgent", None),
        ("la nena de 2 años se tomo el bote de jarabe entero", "urgent", None),
        # Someone else.
        (
            "mi esposo se tomo un frasco de pastillas y no lo puedo despertar",
            "urgent",
            "worried_about_someone",
        ),
        (
            "mi vecina me dijo que no se siente segura con su bebe",
            "high",
            "worried_about_someone",
        ),
        (
            "una mama del grupo dejo de contestar y se despidio de todas",
            "urgent",
            "worried_about_someone",
        ),
    ],
)
def test_spanish_risk_in_its_many_forms(text, level, category):
    got_level, got_categories = level_and_categories(text)
    assert got_level == level, text
    if category is not None:
        assert category in got_categories, text


@pytest.mark.parametrize(
    "text",
    [
        # Idioms decided to be everyday.
        "me muero de sueño, el bebe se desperto cada hora",
        "me mata el cansancio con estos dientes",
        "estoy muerta, hoy fue un dia larguisimo",
        "me quiero morir de la vergüenza, se me salio la teta en misa",
        "me mato trabajando toda la semana",
        "pa matar el tiempo en la sala de espera me puse a tejer",
        "me lleva la chingada, se me olvido la pañalera",
        "la voy a comer a besos",
        "lo voy a matar, dejo la puerta abierta y se salio el perro jaja",
        "jugamos ahorcado con mi hijo y me gano",
        # Scary words in ordinary use.
        "me corte el pelo cortito y quedo lindo",
        "me corte el dedo picando cebolla",
        "puedo tomar pastillas para la tos dando pecho?",
        "tengo suficientes pastillas para el mes",
        "cuantas pastillas de hierro tomo al dia?",
        "guarde todas las medicinas en el gabinete alto pa que el niño no las alcance",
        "me tiro al piso a jugar con la bebe",
        "quisiera desaparecer un fin de semana a la playa sin niños",
        "quiero desaparecer un rato del chat jaja",
        "adios a todas por un tiempo, me mudo y no tengo internet",
        "la nena se tomo toda la leche",
        "mi esposo se llevo al bebe al parque",
        # Negated, reported, past and recovered.
        "no quiero morirme ni hacerme daño, solo estoy cansada",
        "nunca le haria daño a mi bebe, solo estoy frustrada",
        "nada de pensamientos feos ni de hacerle daño a nadie, solo ando enojona",
        "la enfermera me pregunto si he pensado en hacerme daño y le dije que no",
        "hace dos años queria morirme. busque ayuda y hoy estoy bien, si se puede",
        "hace tres años me pegaba mi ex, me fui y hoy vivimos tranquilos",
        "vi en la novela que la mama se tira del puente, llore",
    ],
)
def test_everyday_spanish_stays_quiet(text):
    assert SPANISH.assess(text).level == "none", text


def test_the_past_lowers_self_harm_a_level():
    assert SPANISH.assess("cuando tenia 15 me cortaba los brazos").level == "low"
    assert SPANISH.assess("anoche me corte los brazos").level == "high"


def test_escalation_needs_more_than_today():
    """ "Hoy" alone does not make a wish urgent; tonight, a plan or means do."""
    assert SPANISH.assess("si me muriera hoy no pasaria nada").level == "high"
    assert SPANISH.assess("esta noche quiero morirme").level == "urgent"


def test_shorthand_and_dropped_d_are_spelt_out():
    assert words_form_es("kiero mis pastis pal puente") == (
        "quiero mis pastillas para el puente"
    )
    assert words_form_es("ya lo tengo pensao, toy cansao") == (
        "ya lo tengo pensado estoy cansado"
    )
    assert words_form_es("tiene 38,5 de fiebre") == "tiene 38,5 de fiebre"
    assert words_form_es("el bacalao y el cacao") == "el bacalao y el cacao"
    assert words_form_es("na de na") == "nada de nada"
    assert words_form_es("pienso en el s*icidio") == "pienso en el suicidio"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("when my husband leaves tomorrow me voy a matar", ("en", "es")),
        ("ojala me muriera", ("en", "es")),
        ("ojala me muriera, ya no aguanto esta vida", ("es",)),
        ("I'm so tired today and the baby won't nap", ("en",)),
    ],
)
def test_spanish_verbs_tell_the_language(text, expected):
    assert languages(text) == expected


@pytest.mark.parametrize(
    "text, level",
    [
        # A way of dying with a time is a plan: urgent, as the corpora label it.
        ("when my husband leaves for work tomorrow me voy a matar", "urgent"),
        ("i have the pills right here, ya no quiero estar aqui", "urgent"),
        ("this baby is killing me lol, me muero de sueño", "none"),
    ],
)
def test_spanglish_is_read_by_both_rule_sets(text, level):
    assert assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        ("estoy en el puente y no se si brincar", "urgent"),
        ("voy a manejar hasta el puente y tirarme, ya me decidi", "urgent"),
        ("siento que lo mejor es que yo no exista", "high"),
        ("no le veo sentido a vivir", "high"),
        ("mi vida no vale nada, quisiera estar muerta", "high"),
        ("quisiera que un carro me atropellara", "high"),
        ("a veces quiero pegarme un tiro", "high"),
        ("me dan ganas de echarme al rio y no salir", "high"),
        ("me quiero desvivir", "high"),
        ("me quiero morí ya, no aguanto", "high"),
        ("me gustaria no haber nacido", "high"),
        ("ya no tengo ganas de vivir", "high"),
        ("tengo el cloro aqui y me lo voy a tomar", "urgent"),
        (
            "ayer le tape la boca para que dejara de llorar y quiero volver a hacerlo",
            "urgent",
        ),
        ("pienso en matar a mi bebe y luego matarme yo", "urgent"),
        ("quiero que mi hijo se muera conmigo", "urgent"),
        ("dios me dijo que el bebe tiene que volver al cielo", "urgent"),
        ("no he dormido en 4 noches y tengo una energia increible", "urgent"),
        ("me pego con el cinturon y dice que si lo denuncio me mata", "urgent"),
        ("me sale mucha sangre y estoy muy mareada, tengo 3 dias de parto", "urgent"),
        ("mi cuñada me mando un mensaje de despedida y no contesta", "urgent"),
        ("creo que mi hermana se esta cortando, le vi los brazos", "high"),
        ("mi mama dice que quisiera morirse", "high"),
        ("i took todas mis pastillas, lo siento", "urgent"),
        ("ya no puedo mas con todo esto, estoy agotada de todo", "low"),
        ("me siento un fracaso como mama", "low"),
        ("me paso la noche pensando y si se cae de la cama", "low"),
    ],
)
def test_more_ways_of_saying_it(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text",
    [
        "mi suegra me va a matar si no llevamos al bebe el domingo",
        "mañana vamos al puente a saltar la cuerda con los niños",
        "compre cloro para lavar los pañales",
        "el agua con cloro se puede tomar?",
        "me estoy ahogando en trabajo",
        "ya no puedo mas con este calor",
        "ya no puedo mas de la risa",
        "tengo miedo de que se caiga de la cama, le pongo almohadas alrededor",
        "y si se ahoga con la papilla? a que edad le dieron trocitos?",
        "el bebe se cayo de la cama pero esta bien, lloro y ya",
        "se tomo todo el jarabe para la tos que le toco",
        "ya no voy a estar en el grupo de whatsapp, me sali",
        "cuando lean esto ya habre dado a luz jaja",
        "veo borroso sin mis lentes jaja",
        "mi hija tiene los labios morados de la paleta de uva",
        "la bebe se puso morada de tanto llorar pero ya se calmo",
        "mi esposo me empujo la carriola mientras yo cargaba al bebe",
        "no me deja dormir este bebe jaja",
        "me falta el aire cuando subo las escaleras con la pañalera",
        "no me busquen mañana que me voy a la playa con los niños",
        "mi cuñada se quiere morir de la envidia con mi carriola nueva",
        "la bebe tiene el diablo adentro, no para de moverse jaja",
        "mi hija piensa en morirse de la risa con su tio",
        "el bebe se corta con las uñas, que hago",
        "ya tengo todo listo para el bautizo, hoy es el dia!",
        "que pastillas para dormir son seguras en la lactancia?",
    ],
)
def test_more_everyday_words_stay_quiet(text):
    assert assess(text).level == "none", text


@pytest.mark.parametrize(
    "text, level",
    [
        ("ya tengo juntadas como 40 pastillas, esta noche es la noche", "urgent"),
        ("estoy viendo las pastillas en mi mano y pensando en tragarmelas", "urgent"),
        ("ya amarre la sabana al tubo del closet", "urgent"),
        ("me voy a encerrar en el carro con el motor prendido", "urgent"),
        ("cuando mi mama se lleve a los niños lo voy a hacer, ya no aguanto", "urgent"),
        ("escribi mi carta de despedida y la deje en el cajon", "urgent"),
        ("ya me tome lo que tenia, me siento rara y con sueño", "urgent"),
        ("me corte muy profundo y no deja de salir sangre", "urgent"),
        ("estoy sentada en la orilla de la azotea, son como 8 pisos", "urgent"),
        ("estoy en las vias del tren esperando que pase", "urgent"),
        ("no se preocupen por mi, esta noche se termina todo", "urgent"),
        ("a veces pienso que si me muero nadie se daria cuenta", "high"),
        ("me tiene encerrada y no me deja salir, tengo miedo que me mate", "urgent"),
        ("siento que el bebe no es humano, que es un robot", "urgent"),
        ("quiero aventar al bebe por la ventana", "urgent"),
        ("tengo miedo de lo que le puedo hacer al bebe, no confio en mi", "high"),
        ("el bebe de 5 semanas no quiere comer nada y esta como flojito", "urgent"),
        ("tengo 38.5 de fiebre y la herida de la cesarea supura", "urgent"),
        ("la pierna la tengo hinchada, roja y caliente desde ayer", "urgent"),
    ],
)
def test_means_plans_and_signs_in_other_words(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text",
    [
        "amarre la cuerda a la rama para el columpio de los niños",
        "tomo 10 pastillas al dia de vitaminas y hierro",
        "tengo guardadas 20 pastillas de acido folico, se las regalo a quien quiera",
        "cuando llegue mi mama lo voy a hacer, el caldo, ya no aguanto el hambre",
        "me corte feo con el cuchillo de la cocina, tuve que ir por puntos",
        "nadie se daria cuenta si me como todo el pastel",
        "hoy se termina todo, la cuarentena! ya puedo salir",
        "tengo miedo de lo que le pueda hacer mi suegra a la bebe con tanto dulce",
        "mi esposo no me deja salir sin chamarra, es bien cuidadoso",
        "mis hijos estarian felices si fueramos a Disney",
        "la nena me quita el celular para ver videos",
        "mi esposo le dio de comer a la nena",
    ],
)
def test_ordinary_days_in_the_same_words_stay_quiet(text):
    assert assess(text).level == "none", text


def test_no_fever_keeps_a_wound_question_a_concern():
    text = "no tengo fiebre, pero la herida de la cesarea esta un poco roja"
    assert assess(text).level == "low"


@pytest.mark.parametrize(
    "text, level",
    [
        (
            "fui a la farmacia y compre dos cajas de pastillas para dormir, las "
            "tengo en el cajon. no les digo para que porque ya saben",
            "urgent",
        ),
        (
            "llevo tres noches pensando en como hacerlo. los niños se van el fin "
            "de semana. no quiero que nadie me detenga",
            "urgent",
        ),
        (
            "ya no quiero seguir. le deje una nota en la mesa. cuando la lean ya "
            "va a ser tarde",
            "urgent",
        ),
        (
            "mi bebe tiene 2 semanitas, casi no abre los ojos y no ha querido "
            "pecho en todo el dia",
            "urgent",
        ),
        ("me dijo que esta noche me mata y me encerro en el cuarto", "urgent"),
        ("me tome como la mitad del frasco de antidepresivos", "urgent"),
        ("lloro todo el dia y pienso que seria mas facil no estar", "high"),
        ("no me entienden, no me escuchan, quiero morirme", "high"),
        ("no lo soporto mas, me quiero matar", "high"),
        ("tengo miedo de hacer una locura", "high"),
        (
            "la bebe no para de llorar y tengo ganas de aventarla contra la pared",
            "urgent",
        ),
        (
            "estoy sentada en el baño con la navaja en la mano, no se si hacerlo",
            "urgent",
        ),
        ("llevo horas parada en el balcon pensando en saltar", "urgent"),
        ("me acabo de tomar una botella de pastillas, perdon", "urgent"),
        ("nadie me va a detener esta vez, ya compre la soga", "urgent"),
        ("dios mio ya llevame, no puedo mas", "high"),
        (
            "mi hermana me mando un mensaje raro y ahora no contesta el telefono",
            "urgent",
        ),
    ],
)
def test_whole_posts_with_everyday_negatives_around_the_risk(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text",
    [
        "no quiero hacerle daño a mi bebe, solo estoy frustrada",
        "hoy en la noche me voy, ya tengo todo listo para el viaje a la playa",
        "nadie me va a detener esta vez, me inscribo al gym",
        "le deje una nota a mi esposo en la mesa para que compre pañales",
        "la leche esta fria, la caliento?",
        "no confio en mi instinto de mama todavia",
        "ya tengo la carta de despedida para la maestra, se jubila",
        "mi hija hizo una locura con mis zapatos",
        "tengo dolor de pecho cuando le doy de comer, sera el agarre?",
        "no respira bien por la nariz por los mocos, que le pongo?",
        "me dio fiebre por la vacuna de la gripe, tengo 6 meses de parida",
        "el dia esta gris y frio",
        "la cancion esa que dice quiero morir en tus brazos me tiene pegada",
        "mi mama me pega cada susto con sus llamadas a las 6am",
        "mi suegra se llevo al bebe a su casa el fin de semana",
        "quiero dormir y no despertar hasta el lunes",
        "me voy a morir si no duermo, literal",
        "ya no quiero vivir en este departamento tan chiquito",
        "ya no quiero estar en este grupo, hay mucho drama",
        "no quiero seguir dando pecho, me duele mucho",
    ],
)
def test_the_same_words_on_an_ordinary_day(text):
    assert assess(text).level == "none", text
