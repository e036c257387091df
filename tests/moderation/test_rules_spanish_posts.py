"""Whole Spanish posts as parents write them: the risk inside a longer story, with
commas for full stops, and the medical and family words of ordinary days."""

import pytest

from moderation.rules import assess


@pytest.mark.parametrize(
    "text, level",
    [
        (
            "hoy por fin tengo el valor. ya saque todas las pastillas del botiquin "
            "y las conte, son como 60. el bebe esta dormido",
            "urgent",
        ),
        (
            "ya no voy a sufrir mas, me voy a ir con mi angelito que perdi el año "
            "pasado, esta noche",
            "urgent",
        ),
        (
            "me subi a la azotea del edificio, no se por que les escribo, creo que "
            "para despedirme",
            "urgent",
        ),
        ("estoy manejando y pienso estrellarme contra un poste", "urgent"),
        (
            "encontre a mi hermana inconsciente con un frasco de pastillas vacio",
            "urgent",
        ),
        ("a veces pienso que seria mejor dormirme para siempre", "high"),
        ("mi bebe recien nacido esta muy amarillo, hasta los pies", "urgent"),
        ("mi bebe de 1 mes no ha hecho pipi en todo el dia", "urgent"),
        ("tengo la presion en 160/110, tengo 1 semana de parida", "urgent"),
        ("el ombligo rojo, con pus y huele feo, tiene 8 dias", "urgent"),
        ("me arranco el pelo cuando estoy ansiosa, ya tengo calvas", "high"),
        ("me corte y no para de sangrar, es mucha sangre", "urgent"),
        ("oigo a mi mama muerta que me llama y me dice que me vaya con ella", "urgent"),
        ("mi papa dice que ya no quiere vivir desde que murio mi mama", "high"),
        ("mi cuñada dice que se quiere pegar un tiro", "high"),
        ("creo que mi vecina esta en peligro, su esposo le pega", "high"),
        ("mi amiga me mando un audio despidiendose", "urgent"),
        ("mi hermana no se levanta de la cama, llora todo el dia", "low"),
    ],
)
def test_risk_inside_a_longer_post(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text",
    [
        "me subi a la azotea a tender ropa",
        "paso a despedirme, me voy de vacaciones una semana",
        "estoy manejando y no puedo chocar otra vez el carro jaja",
        "me corte y me puse una curita",
        "me siento perfecta despues de la siesta",
        "tengo la presion en 110/70, todo bien",
        "el bebe llora todo el dia, sera colico?",
        "mi papa dice que ya no quiere vivir en la ciudad",
        "el bebe se cayo de la cama pero esta bien, lloro y ya",
    ],
)
def test_ordinary_posts_with_the_same_words(text):
    assert assess(text).level == "none", text


@pytest.mark.parametrize(
    "text, level, held",
    [
        ("matate, nadie te quiere aqui", "high", True),
        ("ojala te mueras, mala madre", "high", True),
        ("que mensa eres, como le vas a dar agua a un bebe de un mes", "none", False),
        ("tu eres una floja, por eso tu hijo no duerme", "none", False),
    ],
)
def test_harsh_words_at_another_mother_are_nudged(text, level, held):
    result = assess(text)
    assert "harsh_language" in result.categories, text
    assert result.level == level
    assert "nudge" in result.actions
    assert ("hold" in result.actions) == held


@pytest.mark.parametrize(
    "text",
    [
        "soy bien floja para cocinar jaja",
        "me siento una mala madre hoy",
        "no te mates trabajando, descansa",
        "eres un amor, gracias por el consejo",
    ],
)
def test_hard_words_about_oneself_or_kind_ones_are_not_harsh(text):
    assert "harsh_language" not in assess(text).categories, text


@pytest.mark.parametrize(
    "text, held",
    [
        ("me llamo Daniela Restrepo Gomez y vivo en Envigado", True),
        ("busquenme en fb pa q hagamos un grupo", True),
        ("vivo en la calle 45 #23-10 en Medellin", True),
        ("me llamo a mi misma mala madre a veces", False),
        ("vivo en la ciudad y extraño el campo", False),
    ],
)
def test_names_addresses_and_outside_contact_are_held(text, held):
    result = assess(text)
    assert ("identifying_details" in result.categories) == held, text


@pytest.mark.parametrize(
    "text, level",
    [
        ("estoy viendo la navaja, la tengo en la mano, todo me da igual", "urgent"),
        ("compre veneno y lo tengo en mi bolsa, nadie sabe", "urgent"),
        ("ya conte las pastillas, son 45, creo que alcanzan", "urgent"),
        ("escondi un cuchillo debajo del colchon para esta noche", "urgent"),
        ("tengo el cuchillo en la mano picando cebolla, nadie sabe cocinar", "none"),
        ("guarde pastel para mañana", "none"),
    ],
)
def test_means_at_hand_with_numbness_secrecy_or_a_time(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        ("anoche volvi a hacerlo, me corte en el baño mientras todos dormian", "high"),
        ("me di golpes en las piernas hasta que quedaron moradas", "high"),
        ("tengo cortadas nuevas en los brazos y uso manga larga", "high"),
        ("me cortaba en la adolescencia y ahora volvio, ayer me corte", "high"),
        ("me corte ayer con un papel, duele horrible", "none"),
        ("ayer me corte las uñas y el bebe tambien", "none"),
        ("mi hermana escucha voces que le dicen cosas del bebe", "urgent"),
        ("mi hermana dice que el bebe esta precioso", "none"),
    ],
)
def test_self_harm_told_plainly_and_someone_elses_psychosis(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        (
            "se cayo de la cama, parece que no le paso nada pero vomito 3 veces y "
            "esta muy dormido",
            "urgent",
        ),
        ("la nena se golpeo la cabeza con la mesa y lloro, ya esta jugando", "none"),
        ("ya tengo todo preparado para irme, les deje todo a mis hijos", "urgent"),
        ("hoy es mi ultimo dia, cuiden a mis hijos", "urgent"),
        ("hoy es mi ultimo dia en el trabajo antes del parto", "none"),
        ("no creo llegar a mañana", "high"),
        ("ojala me diera un infarto y ya", "high"),
        ("quiero aventarme a los carros", "high"),
        ("abri el gas y cerre las ventanas", "urgent"),
        (
            "lo sacudi muy fuerte y ahora no deja de vomitar, el bebe tiene 2 meses",
            "urgent",
        ),
        ("sacudi la cobija del bebe", "none"),
    ],
)
def test_falls_goodbyes_methods_and_harm_done(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        ("me atormenta la idea de que le pase algo malo por mi culpa", "low"),
        ("tengo esta idea fija de que lo voy a dejar caer", "low"),
        ("no puedo quitarme de la cabeza la imagen de mi bebe ahogado", "low"),
        ("me aterra quedarme dormida con el bebe en brazos y aplastarlo", "low"),
        ("tengo guardado el veneno, cuando se duerman me lo tomo", "urgent"),
        ("me aterra el parto", "none"),
        ("pienso que la voy a extrañar cuando entre a la guarderia", "none"),
        ("tengo un juego de cuchillos nuevo, me imagino cocinando delicioso", "none"),
    ],
)
def test_unwanted_thoughts_in_more_words(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        ("estoy en el techo y tengo miedo de lo que voy a hacer", "urgent"),
        ("me voy a matar hoy, no me importa nada", "urgent"),
        ("estoy en el puente, ya me voy a tirar", "urgent"),
        ("perdon a todos, ya me voy, no aguanto mas este dolor", "urgent"),
        ("tome veneno hace 10 minutos", "urgent"),
        ("ya me voy, gracias por todo chicas, buenas noches", "none"),
        ("que sueño tengo, me voy a desmayar jaja", "none"),
        ("me siento perdida con tanto papeleo del seguro", "none"),
        ("lloro todos los dias y siento que no voy a salir de esto", "low"),
    ],
)
def test_the_moment_itself_and_tired_goodnights(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        ("tengo la cara y las manos muy hinchadas, di a luz el lunes", "urgent"),
        ("mi bebe de 3 semanas esta muy caliente y llora debil", "urgent"),
        ("el bebe tiene 10 dias y lo veo muy palido y frio", "urgent"),
        ("la mamila esta muy caliente, el bebe tiene 2 semanas", "none"),
        ("mi esposo no se mueve del sillon jaja", "none"),
    ],
)
def test_more_warning_signs_as_parents_say_them(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        ("mi marido me controla todo y si no le hago caso me castiga", "high"),
        ("cuando esta borracho me da miedo, una vez me aventó contra la pared", "high"),
        ("me dice que si lo dejo me va a quitar al niño", "high"),
        ("me golpeo estando embarazada y ahora tengo sangrado", "urgent"),
        ("me dio una golpiza y no puedo ver de un ojo", "urgent"),
        ("mi esposo me tiene amenazada con una pistola", "urgent"),
        ("no puedo ver a mi familia porque viven lejos", "none"),
        ("me tire al piso a jugar con el nene", "none"),
    ],
)
def test_abuse_in_more_words(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text",
    [
        "mi mama me castiga sin postre si no como verduras, a mis 30 años",
        "me desmaye del susto cuando vi la cuenta del hospital",
        "perdi el conocimiento de cansancio en el sillon",
        "mi bebe me dio una patada en la cara jugando",
        "mi esposo me controla la tele, nunca puedo ver mis novelas",
    ],
)
def test_family_jokes_stay_quiet(text):
    assert assess(text).level == "none", text


@pytest.mark.parametrize(
    "text, level",
    [
        ("gracias a todas. ya tome mi decision y hoy me voy para siempre", "urgent"),
        ("mi ultima publicacion, los amo a todos, perdonen", "urgent"),
        ("dejen que me vaya en paz, ya tome todo", "urgent"),
        ("mi ultima publicacion del año, los amo a todas, feliz año", "none"),
        ("ya tome mi decision, me voy a vivir a Monterrey", "none"),
        ("me voy para siempre de este grupo, mucho drama", "none"),
    ],
)
def test_last_posts_and_decisions(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        ("creo que mi hermana piensa en hacerse daño, anda muy rara", "high"),
        (
            "mi vecina dejo al bebe solo y dijo que se iba a aventar del puente",
            "urgent",
        ),
        ("mi esposa llora todo el dia y dice que somos mejor sin ella", "high"),
        (
            "mi amiga me escribio que ya se tomo las pastillas y que la perdone",
            "urgent",
        ),
        ("mi hermana me dijo que a veces quiere lastimar a su bebe", "high"),
        ("mi cuñada dice que el bebe esta endemoniado", "urgent"),
        ("el nene se lastimo la rodilla en el parque", "none"),
        ("mi hermana dice que el cafe es mejor sin azucar", "none"),
    ],
)
def test_worry_for_someone_else_in_the_third_person(text, level):
    result = assess(text)
    assert result.level == level, text
    if level != "none":
        assert "worried_about_someone" in result.categories, text


@pytest.mark.parametrize(
    "text, level",
    [
        ("a veces deseo que me pase algo y ya no tener que seguir", "high"),
        ("ya no le encuentro chiste a la vida", "high"),
        ("si me muero mañana no pasa nada, nadie me va a extrañar", "high"),
        ("siento que no merezco vivir", "high"),
        ("no deberia estar viva", "high"),
        ("me imagino mi funeral y siento paz", "high"),
        ("ya no tener que seguir dando pecho es un alivio", "none"),
        ("me imagino mi boda de nuevo jaja", "none"),
    ],
)
def test_quiet_wishes_to_be_gone(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        ("ayer le apreté la boca para que no llorara, el bebe tiene 2 meses", "urgent"),
        ("quiero que el bebe se calle para siempre", "urgent"),
        ("odio a mi bebe, a veces deseo que no hubiera nacido", "high"),
        ("pense en dejarlo en la tina sola y irme", "urgent"),
        ("quiero que el bebe duerma toda la noche", "none"),
        ("pense en dejarlo en la tina un ratito mas porque le gusta el agua", "none"),
        ("odio a mi suegra jaja", "none"),
    ],
)
def test_harm_to_the_baby_in_more_words(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        ("siento que mi bebe tiene poderes y que me esta controlando", "urgent"),
        ("veo cosas que no estan, figuras en la pared que me hablan", "urgent"),
        ("siento que alguien mas controla mi cuerpo y mis pensamientos", "urgent"),
        (
            "ya no duermo, no como, y tengo demasiada energia, siento que puedo volar",
            "urgent",
        ),
        ("veo cosas que no estan en la lista del super", "none"),
        (
            "mi bebe tiene poderes para despertarse cuando me siento a comer jaja",
            "none",
        ),
    ],
)
def test_psychosis_in_plain_words(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text",
    [
        "i took all my pastillas de hierro today, proud of me lol",
        "cuando lean esto ya voy a estar en el hospital pariendo!",
        "creo que puedo volar de felicidad",
        "mi hijo dice que las sombras le hablan, tiene 4 años y mucha imaginacion",
    ],
)
def test_good_news_and_small_children_stay_quiet(text):
    assert assess(text).level == "none", text


@pytest.mark.parametrize(
    "text, level",
    [
        ("ya tengo listo todo lo que necesito para hacerlo esta noche", "urgent"),
        ("estoy sentada en la orilla del rio, creo que ya es hora", "urgent"),
        ("lo decidi, mañana no despierto", "urgent"),
        ("cada dia pienso mas en la muerte", "high"),
        ("estamos en la orilla del mar, ya es hora de comer", "none"),
        ("pienso mucho en la muerte de mi papa, lo extraño", "none"),
        ("lo decidi, mañana empiezo la dieta", "none"),
    ],
)
def test_readiness_and_the_time_come(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        ("siento que todo es culpa mia y que no hay solucion", "low"),
        ("me rindo, ya no se que mas hacer con mi vida", "low"),
        ("estoy en un hoyo y no puedo salir", "low"),
        ("tengo un poco de fiebre y me duelen los pechos, 3 semanas de parto", "low"),
        ("no hay solucion para los colicos? ya probe todo", "none"),
        ("me rindo con el chupon, que lo use", "none"),
    ],
)
def test_hopelessness_and_a_mild_fever_are_a_concern(text, level):
    assert assess(text).level == level, text


@pytest.mark.parametrize(
    "text, level",
    [
        ("ya no voy a seguir en este mundo, mañana temprano todo termina", "urgent"),
        ("ayer lo intente y no funciono, hoy lo vuelvo a intentar", "urgent"),
        ("ya lo intente una vez, esta vez no voy a fallar", "urgent"),
        (
            "ayer lo intente con el biberon y no funciono, hoy lo vuelvo a intentar",
            "none",
        ),
        ("el examen de manejo lo reprobe, esta vez no voy a fallar", "none"),
    ],
)
def test_an_attempt_and_another_planned(text, level):
    assert assess(text).level == level, text
