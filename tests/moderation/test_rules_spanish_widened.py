"""Spanish rules widened on a third development corpus written apart: endings said
without naming death, the children's care arranged, the place and hour chosen,
means dwelt on, pills taken in secret, plainly told psychosis and abuse, red flags
as a parent describes them, and someone else hurting herself. Each widening has
posts it must hear and everyday posts with the same words it must leave alone."""

import pytest

from moderation.rules import current_rules
from tests.moderation.rules_reading import level_and_categories

SPANISH = current_rules("es")


def test_the_spanish_rules_file_is_version_three_or_later():
    assert SPANISH.version >= 3


@pytest.mark.parametrize(
    "text, level, category",
    [
        # Veiled endings: at peace with it, no one to save her, the last time here.
        ("no quiero que me rescaten esta vez", "high", "suicidal_thoughts"),
        ("ya no voy a ser una carga para nadie", "high", "suicidal_thoughts"),
        (
            "ya hice las paces con dios y con mi familia. el viernes en la noche "
            "ya no voy a estar",
            "urgent",
            "suicidal_thoughts",
        ),
        ("si no vuelvo a entrar, gracias por todo mamis", "urgent", None),
        ("esta es la ultima vez que entro aqui. no se olviden de mi", "urgent", None),
        ("hoy me despido de esta vida", "urgent", "suicidal_thoughts"),
        (
            "tengo la hojilla en la mano. no quiero que me salven",
            "urgent",
            "suicidal_thoughts",
        ),
        # The children's care arranged, beside an ending or means.
        (
            "dejé a mis hijos con mi hermana y tengo la soga en la cajuela",
            "urgent",
            "suicidal_thoughts",
        ),
        (
            "deje escrito quien se queda con la nena. ya no voy a estar",
            "urgent",
            "suicidal_thoughts",
        ),
        # The place and hour chosen; a date; all she needs.
        ("ya escogí el día y el lugar. no hay vuelta atrás", "urgent", None),
        ("ya se como lo voy a hacer y cuando", "urgent", None),
        (
            "ya tengo todo lo que necesito, esta noche me duermo para siempre",
            "urgent",
            None,
        ),
        # Means kept and dwelt on, bought in several shops, asked about.
        ("tengo el revolver de mi papa guardado, lo miro cada noche", "urgent", None),
        (
            "compre cajas de paracetamol en farmacias distintas para que no "
            "preguntaran",
            "urgent",
            None,
        ),
        (
            "alguien sabe si con las de la presion y unas de dormir alcanza?",
            "urgent",
            None,
        ),
        # Waiting to be alone to take them; taken in secret or feeling them.
        (
            "nomas espero que mi esposo se vaya al trabajo para tomarme todas las "
            "pastillas",
            "urgent",
            "suicidal_thoughts",
        ),
        (
            "me tragué mis pastillas de dormir hace un rato, no le cuenten a nadie",
            "urgent",
            "suicidal_thoughts",
        ),
        (
            "me tome las pastillas hace una hora, el corazon me late rarisimo",
            "urgent",
            "suicidal_thoughts",
        ),
        # A phrase negative in itself does not cancel the means beside it.
        ("ya no quiero vivir tengo el veneno aqui en la cocina", "urgent", None),
        # Second person and dropped letters.
        (
            "cuando ya no aguantas y tienes las pastillas en la mano, asi estoy",
            "urgent",
            None,
        ),
        ("toy cansa de to ya no kiero ta aki la verda", "high", None),
        ("sabes cuando ya no quieres existir? asi me siento", "high", None),
        # Driving into something: a thought, or right now at the wheel.
        ("a veces quiero meterme debajo de un camion, no tengo plan", "high", None),
        ("voy manejando y quiero estrellarme contra un muro ahorita", "urgent", None),
        ("pienso que si me pasa algo en la carretera no seria tan malo", "high", None),
        # The baby going with her is her own risk too.
        (
            "si me tiro me tiro con el nene, no lo voy a dejar aqui",
            "urgent",
            "suicidal_thoughts",
        ),
        (
            "voy a prender el carro en el garaje con la niña, asi nos dormimos "
            "juntas y ya",
            "urgent",
            "harm_to_baby",
        ),
        # Harm to the baby, plainly.
        (
            "estoy a punto de hacerle algo a la nena, que alguien me llame",
            "urgent",
            "harm_to_baby",
        ),
        (
            "lo tengo en la tina y tengo ganas de soltarlo y ya",
            "urgent",
            "harm_to_baby",
        ),
        # Psychosis told plainly.
        (
            "la tele habla de mi y de mi hija, el locutor sabe lo que pienso",
            "urgent",
            "psychosis",
        ),
        ("el que duerme en mi cama se hace pasar por mi marido", "urgent", None),
        ("la radio me habla directo a mi y me dice lo que haga", "urgent", None),
        ("no he dormido en 4 dias y no lo necesito, tengo mil ideas", "urgent", None),
        ("siento que nada es real y no siento que este viva", "urgent", "psychosis"),
        # Abuse in short plain words, and danger now.
        ("mi pareja me da golpes cuando toma", "high", "abuse"),
        ("mi pareja me maltrata", "high", "abuse"),
        ("me puso la pistola en la sien delante de los niños", "urgent", "abuse"),
        ("me amenazo con prender fuego la casa con nosotros adentro", "urgent", None),
        ("anoche me agarro por el cuello", "urgent", "abuse"),
        (
            "el conviviente de mi hermana le quemo la mano al nene con la plancha",
            "urgent",
            "abuse",
        ),
        # Red flags as a parent describes them.
        (
            "veo lucecitas y se me hincharon los pies y la cara, tengo 35 semanas",
            "urgent",
            "medical_emergency",
        ),
        (
            "mi bebe de 6 semanas se puso rigido y se le voltearon los ojos",
            "urgent",
            "medical_emergency",
        ),
        (
            "creo que se trago una pila de reloj, estaba en la mesa",
            "urgent",
            "medical_emergency",
        ),
        ("lo muevo y sigue blandito, tiene los labios palidos", "urgent", None),
        (
            "los puntos de la cesarea estan un poco rojos, voy al doctor?",
            "low",
            "medical_emergency",
        ),
        # Someone else.
        (
            "mi comadre me dijo que se hace daño cuando discute con el marido",
            "high",
            "worried_about_someone",
        ),
        (
            "mi pana dice que sus hijos estarian mejor sin ella",
            "high",
            "worried_about_someone",
        ),
        (
            "mi amiga me escribio que me encargaba a su hijo y ya no contesta",
            "urgent",
            "worried_about_someone",
        ),
        (
            "una mama del grupo puso que tenia la cuerda lista y que hoy era el dia",
            "urgent",
            "worried_about_someone",
        ),
        # Unwanted thoughts.
        ("cuando la baño se me viene la idea de que se hunde, me aterra", "low", None),
        (
            "pienso que se me puede caer por el balcon, me tiemblan las manos",
            "low",
            None,
        ),
        # An urge felt and not acted on stays low.
        (
            "hoy me dieron ganas de cortarme como antes, pero le hable a mi "
            "hermana y se me paso",
            "low",
            "self_harm",
        ),
        ("me pego a mi misma en la cabeza cuando lloro", "high", "self_harm"),
    ],
)
def test_widened_spanish_wordings_are_heard(text, level, category):
    got_level, got_categories = level_and_categories(text)
    assert got_level == level, text
    if category is not None:
        assert category in got_categories, text


@pytest.mark.parametrize(
    "text",
    [
        # The same words, everyday.
        "ya hice las paces con mi suegra despues de la pelea del bautizo",
        "no me escriban al privado, mejor aqui en el grupo",
        "esta noche todo se resuelve, por fin llega la pediatra",
        "ya no voy a ser una carga para mi esposo, consegui trabajo",
        "esta es la ultima vez que entro a ese grupo de ventas, puro spam",
        "no quiero que me salven la partida del juego jaja",
        "deje a los niños con mi mama para ir a la boda de mi prima",
        "los niños se quedan con mi mama el sabado, tengo cita con el dentista",
        "quien se queda con los niños cuando vuelva al trabajo? ya decidi regresar",
        "ya se como y cuando vamos a hacer la fiesta de revelacion",
        "ya se como y cuando le voy a decir a mi esposo que estoy embarazada",
        "ya tengo fecha: el 15 es la cesarea!",
        "ya tengo todo lo que necesito para el parto, la maleta esta lista",
        "tengo una soga en el patio para tender la ropa, la reviso cada semana",
        "me tome las pastillas de hierro y siento el cuerpo pesado, es normal?",
        "pongo alarma para tomarme las pastillas de la presion",
        "cuando manejo pienso en todo lo que tengo que hacer en la semana",
        "me dan ganas de estrellar el celular contra la pared cuando se traba jaja",
        "nos vamos las dos juntas a la playa este finde",
        "me la llevo conmigo a todas partes en el fular",
        "termine la serie de la mama que oye voces en la casa embrujada",
        "mi hija es un muñeco de lo bonita que esta",
        "la tele habla de la vacuna nueva para bebes, alguien sabe algo?",
        "mi novio dice que me mata si me corto el pelo, pues me lo corte jaja",
        "la vecina tiene moretones en las rodillas de tanto jardin",
        "mi amiga se hace daño con esas dietas tan estrictas",
        "mi amiga se corta el fleco sola y le queda horrible jaja",
        "pienso que se me va a caer el pelo todo despues del parto",
        "apagarme un rato, eso necesito, una siesta",
        "quiero desaparecer del mapa un fin de semana, solo yo y un libro",
        "mis hijos estarian mejor sin tanta pantalla",
        "hace 3 años me fui porque el me pegaba. hoy tengo trabajo y vivimos en paz",
        "le escribi una carta a mi bebe para cuando cumpla 18, es tradicion",
        "deje todo listo para mañana: la pañalera, la ropa, el biberon",
        "tengo pegada la cancion de que se quiere morir por ella jaja",
        "hoy termina todo el papeleo del seguro, por fin",
        "gracias por tanto apoyo mamis, hoy el nene cumplio un mes",
        "cambie las pilas del control y ya funciona",
        "veo borroso sin mis lentes jaja",
    ],
)
def test_the_same_words_in_everyday_posts_stay_quiet(text):
    level, categories = level_and_categories(text)
    assert level == "none", (text, level, categories)


def test_a_plain_goodbye_to_a_group_is_not_a_farewell():
    """Leaving a chat is not leaving life: the words alone do not alert."""
    level, _ = level_and_categories("ya me voy mamis, el nene desperto. adios")
    assert level == "none"


def test_harsh_words_at_a_group_and_an_email_spelt_out_are_caught():
    insult = SPANISH.assess("las que dan teta en publico son unas cochinas")
    assert "harsh_language" in insult.categories
    email = SPANISH.assess("mi correo es karla.m88 arroba gmail punto com")
    assert "identifying_details" in email.categories


@pytest.mark.parametrize(
    "text, level, category",
    [
        # A goodbye beside means at hand.
        (
            "quiero que sepan que no es culpa de nadie. ya tengo las pastillas "
            "contadas",
            "urgent",
            "suicidal_thoughts",
        ),
        # A method with a time.
        ("me voy a tirar al metro cuando salga del trabajo", "urgent", None),
        ("ya no le veo salida, hoy en la noche me mato", "urgent", None),
        # At the edge, with a wish to end it.
        (
            "estoy en la orilla del río con el bebé en brazos, ya no quiero seguir",
            "urgent",
            "suicidal_thoughts",
        ),
        ("anoche me subí al techo y hoy vuelvo a subir", "urgent", None),
        # Drinking the poison beside her; half a box with beer.
        ("tengo la botella de cloro al lado y no me da miedo tomarla", "urgent", None),
        ("me tomé media caja de alprazolam con cerveza", "urgent", None),
        ("se me acabaron las ganas de pelear. tengo listo el lazo", "urgent", None),
        # Abuse with an injury now; a threat on its way.
        (
            "mi esposo me pateó la panza, tengo 7 meses y estoy sangrando",
            "urgent",
            "abuse",
        ),
        (
            "el papá de mis hijos dice que va a venir a matarnos, ya viene para acá",
            "urgent",
            "abuse",
        ),
        # Someone else: a photo of the pills and a goodbye.
        (
            "mi hermana me mandó foto de las pastillas y dice que ya se despidió",
            "urgent",
            "worried_about_someone",
        ),
        # "Me pregunto" is wondering, not being asked.
        ("a veces me pregunto para qué sigo aquí, si nadie me necesita", "high", None),
        ("me corté con un vidrio a propósito anoche", "high", "self_harm"),
    ],
)
def test_wordings_written_after_the_corpus_are_heard(text, level, category):
    got_level, got_categories = level_and_categories(text)
    assert got_level == level, text
    if category is not None:
        assert category in got_categories, text


@pytest.mark.parametrize(
    "text",
    [
        "tengo la botella de agua al lado de la cama para las tomas de noche",
        "me quede un rato en la orilla del mar con los niños, que paz",
        "hoy vuelvo a subir al techo a colgar las luces de navidad",
        "mi carta ya esta escrita para los reyes magos jaja",
        "mañana temprano me voy al mercado, alguien quiere algo?",
        "me voy a tirar del trampolin con los niños el domingo",
        "hoy en la noche me mato viendo la serie completa jaja",
        "me tome media caja de galletas con cafe, la ansiedad jaja",
        "mi suegra dice que ya viene para aca, escondan todo jaja",
        "dice que va a venir a matarnos de risa con su show jaja",
        "no es culpa de nadie que el bebe tenga colicos",
        "estoy en el puente del feriado con la familia, que trafico",
        "la doctora me pregunto si tengo ganas de hacerme daño y le dije que no",
        "se me acabaron las ganas de pelear con mi esposo por los platos",
        "me corte el pelo a proposito bien corto y me encanto",
        "ya tengo las pastillas contadas para la semana en el pastillero",
        "estoy en la orilla del río con los niños, hicimos picnic",
        "le puse la almohada de lactancia encima para que no se caiga",
    ],
)
def test_later_everyday_wordings_stay_quiet(text):
    level, categories = level_and_categories(text)
    assert level == "none", (text, level, categories)


@pytest.mark.parametrize(
    "text, level, category",
    [
        ("las voces dicen que tengo que ahogar al bebé para salvarlo", "urgent", None),
        (
            "si me muero hoy me llevo a mi hija conmigo, no la dejo con él",
            "urgent",
            "harm_to_baby",
        ),
        (
            "mi hijo de 1 año se tomó el cloro que estaba debajo del lavaplatos",
            "urgent",
            "medical_emergency",
        ),
        (
            "voy a juntar las pastillas de mi suegro toda esta semana y el sábado "
            "me las tomo",
            "urgent",
            "suicidal_thoughts",
        ),
        ("estoy arriba del puente peatonal, ya no aguanto", "urgent", None),
        (
            "ya le dejé dicho a mi mamá dónde están los papeles. hoy en la "
            "madrugada me voy para siempre",
            "urgent",
            "suicidal_thoughts",
        ),
        (
            "tengo miedo de que se me caiga el bebé en la escalera, lo pienso todo "
            "el tiempo",
            "low",
            "intrusive_thoughts",
        ),
    ],
)
def test_wordings_first_scored_untuned_are_heard(text, level, category):
    got_level, got_categories = level_and_categories(text)
    assert got_level == level, text
    if category is not None:
        assert category in got_categories, text


@pytest.mark.parametrize(
    "text",
    [
        "la novela de anoche: la villana queria tirarse del puente, que drama",
        "mis amigas dicen que tengo que dormir cuando el bebe duerme",
        "me llevo a mi hija conmigo al trabajo los viernes",
        "voy a juntar las pastillas de hierro y las vitaminas en un solo pastillero",
        "vivimos arriba del puente de la avenida, mucho ruido",
        "le deje dicho a mi mama donde estan los panales y la leche",
        "pienso en el bebe todo el tiempo, es normal extrañarlo en el trabajo?",
        "si me muero de sueño hoy me llevo a mi hija conmigo a la siesta jaja",
    ],
)
def test_the_last_widening_leaves_everyday_posts_alone(text):
    level, categories = level_and_categories(text)
    assert level == "none", (text, level, categories)
