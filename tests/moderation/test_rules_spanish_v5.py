"""Spanish rules version 5: long posts that tell the risk without naming death, read
as compositions across the whole text (something arranged for afterwards, means
hidden or gathered, a closed decision, a moment awaited), harm to the baby told as
meant rather than feared, and another person's ending signs. The everyday posts that
borrow the same words (a move, a trip, a decision about feeding, a haircut, medicines
as prescribed, letters for a birthday, a pet's burial) stay quiet."""

import pytest

from moderation.rules import current_rules
from tests.moderation.rules_reading import assert_heard

SPANISH = current_rules("es")


def test_the_spanish_rules_file_is_version_five_or_later():
    assert SPANISH.version >= 5


# (text, the level it must reach at least, the combination that must hear it)
RAISED = [
    # something arranged for afterwards, with means or everything ready, and a moment
    (
        "Le deje a mi hermana lo del seguro escrito en un cuaderno. Las pastillas "
        "estan en mi cartera. El sabado es.",
        "urgent",
        "es_arranged_means_moment",
    ),
    (
        "ya no los voy a molestar mas. todo esta arreglado. esta madrugada me voy",
        "urgent",
        "es_arranged_means_moment",
    ),
    (
        "Mis niños se van a quedar con mi tia, ya hable con ella. Tengo lo que "
        "necesito. Cuando se vayan el domingo.",
        "urgent",
        "es_arranged_means_moment",
    ),
    (
        "Deje pagada la renta y la luz de todo el año. Tengo la soga en el cuarto. "
        "Esta noche cuando se duerman.",
        "urgent",
        "es_arranged_means_moment",
    ),
    # means or what she needs hidden, and a moment or being alone
    (
        "Tengo el veneno guardado en la bodega desde hace dias. Solo falta que mi "
        "esposo se vaya al turno.",
        "urgent",
        "es_hidden_means_moment",
    ),
    (
        "Lo que necesitaba ya lo compre y lo guarde donde nadie lo va a encontrar. "
        "Cuando me quede sola.",
        "urgent",
        "es_hidden_means_moment",
    ),
    (
        "las pastis las tengo escondidas en el closet desde el mes pasado. mañana "
        "temprano lo hago",
        "urgent",
        "es_hidden_means_moment",
    ),
    # a closed decision and lethal means got hold of
    (
        "Ya lo tengo decidido. Compre la soga ayer en la ferreteria.",
        "urgent",
        "es_decided_lethal",
    ),
    (
        "Mi decision ya esta tomada. El veneno lo tengo guardado en la alacena.",
        "urgent",
        "es_decided_lethal",
    ),
    # a day, a place or a night chosen, with means and a moment
    (
        "Ya elegi la fecha, va a ser el viernes. Tengo las pastillas contadas.",
        "urgent",
        "es_decided_ready_moment",
    ),
    (
        "Ya escogi el lugar, el puente de la carretera vieja. El domingo voy sola.",
        "urgent",
        "es_decided_ready_moment",
    ),
    # letters written for the children, with the act left unnamed
    (
        "Anoche termine de escribirles a mis hijos. Cuando se vayan con su papa "
        "lo hago.",
        "urgent",
        None,
    ),
    # others relieved, a final moment
    (
        "El lunes todo termina. Ya no voy a ser una carga para ellos.",
        "urgent",
        None,
    ),
    ("el jueves es mi ultimo dia. ya tengo lo que necesito", "urgent", None),
    # not waking, at a moment
    (
        "Me despedi de mi papa como si nada. Esta noche ya no voy a despertar.",
        "urgent",
        None,
    ),
    # harm to the baby told as meant, not feared
    (
        "Ayer le tape la boca al nene para que se callara y no me arrepiento.",
        "urgent",
        "es_baby_harm_meant",
    ),
    (
        "Voy a ahogar a la bebe en la tina. Lo tengo planeado, no es miedo.",
        "urgent",
        "es_baby_harm_meant",
    ),
    (
        "odio a esta niña y quiero que se muera. ya pense como hacerlo",
        "urgent",
        None,
    ),
    (
        "Le voy a dar todas las gotas de dormir a mi hija para que no despierte. "
        "Lo digo en serio.",
        "urgent",
        "es_baby_harm_meant",
    ),
    (
        "Al bebe lo voy a dejar en el carro con las ventanas cerradas. No es broma.",
        "urgent",
        "es_baby_harm_meant",
    ),
    # someone else's ending signs
    (
        "Mi comadre regalo todas sus cosas y se despidio de todos. No contesta.",
        "urgent",
        "es_someone_ending_signs",
    ),
    (
        "Mi cuñada dijo que ya no iba a ser una carga y tiene el celular apagado.",
        "urgent",
        "es_someone_ending_signs",
    ),
    (
        "Mi prima dice que ya tiene las pastillas y que esta noche se las toma.",
        "urgent",
        "es_someone_means_time",
    ),
    # a closed decision, something arranged, a moment; a calm that comes from a plan
    (
        "Ya tome mi decision y me siento tranquila. Ya les escribi a todos. El "
        "sabado cuando mi suegra se lleve a los niños me quedo sola.",
        "urgent",
        "es_decided_arranged_moment",
    ),
    # things given away, and a moment before the house wakes
    (
        "Regale casi todo lo mio esta semana. Mañana antes de que se levanten ya "
        "me voy.",
        "urgent",
        "es_giving_away_moment",
    ),
    # the children's care arranged, a peace soon
    (
        "Deje arreglado todo para que mis hijas esten bien cuidadas. Ya pronto voy "
        "a estar en paz.",
        "urgent",
        None,
    ),
    (
        "Les deje escrita una carta a cada uno. Este fin de semana se termina todo.",
        "urgent",
        None,
    ),
    # a sudden calm beside an ending told softly
    (
        "Estoy como en calma, ya no lloro. El lunes yo no voy a estar.",
        "urgent",
        "es_calm_final",
    ),
    # everything ready, and she will not be there
    (
        "Le di un beso a mi hijo en la puerta de la escuela. Mañana su mama no va "
        "a estar. Ya tengo todo listo.",
        "urgent",
        "es_ready_final",
    ),
    # a note to a partner beside the pills in her hand
    (
        "gordo si lees esto perdoname. cuida a nuestros hijos. tengo las pastillas "
        "en la mano",
        "urgent",
        None,
    ),
    # a room sealed, waiting for the house to empty
    (
        "Ya compre el carbon y tengo cinta para las ventanas. El domingo que se "
        "vayan a misa.",
        "urgent",
        "es_lethal_waiting",
    ),
    # a closed decision and a rope got hold of
    (
        "Mi decision ya esta tomada, nadie me convence. Ya tengo la soga.",
        "urgent",
        "es_decided_lethal",
    ),
    # his words about her do not make her own words someone else's
    (
        "Mi marido dice que soy un estorbo. Ya no voy a ser una carga mas. Esta "
        "noche cuando se duerman.",
        "urgent",
        "es_relief_final",
    ),
    # a baby grabbed by the neck, and not caring what happens to him
    (
        "Hoy la agarre del cuello porque no se callaba. No se de lo que soy capaz "
        "si sigue, ya no me importa lo que le pase a esta bebe.",
        "urgent",
        "es_baby_harm_meant",
    ),
    # the house provided for, the children collected, a decision and a day
    (
        "Ya tome la decision. Deje la comida y la ropa listas para toda la semana. "
        "Mi cuñada ya sabe que tiene que recogerlos el martes.",
        "urgent",
        "es_decided_arranged_moment",
    ),
    # the bank details left, an unnamed moment
    (
        "Le di un abrazo largo a mi hijo. Le deje a mi mama las claves del banco. "
        "Esta noche es.",
        "urgent",
        "es_arranged_moment_told",
    ),
    # others relieved, everything ready, a plan
    (
        "Ya no voy a ser una carga para nadie. Tengo lo que necesito y lo tengo "
        "todo planeado.",
        "urgent",
        "es_relief_ready",
    ),
    # a child cared for, a duty done, a calm night
    (
        "Mis hijos ya tienen quien los cuide. Yo ya cumpli. Esta noche me voy en paz.",
        "urgent",
        "es_children_placed_final",
    ),
    # a weapon in a drawer, waiting to be alone
    (
        "Tengo el arma de mi esposo en el cajon. Mañana que todos salgan me voy a "
        "quedar sola.",
        "urgent",
        "es_lethal_waiting",
    ),
    # a baby left out in the cold, whatever happens
    (
        "Ya no quiero a la bebe. Esta noche la voy a dejar afuera en el frio y que "
        "pase lo que pase.",
        "urgent",
        "es_baby_harm_meant",
    ),
    # the insurance papers and a note left, a day
    (
        "ya tengo todo arreglado. el seguro esta en la gaveta con una nota pa mi "
        "marido. el viernes temprano",
        "urgent",
        "es_arranged_means_moment",
    ),
    # a sentence that is only a moment, after everything ready
    (
        "Ya tengo todo listo. Lo guarde ayer en el closet. Esta noche.",
        "urgent",
        "es_ready_moment",
    ),
    # psychosis seen by a partner, in the third person
    (
        "Mi mujer no duerme hace dias y dice que la Virgen le habla por la noche.",
        "urgent",
        "es_worried_psychosis",
    ),
    # psychosis seen by a partner
    (
        "Mi mujer dice que la radio le manda mensajes y no duerme.",
        "urgent",
        "es_worried_psychosis",
    ),
]


@pytest.mark.parametrize("text, at_least, rule_id", RAISED)
def test_risk_told_across_a_long_post_is_heard(text, at_least, rule_id):
    assert_heard(text, at_least, rule_id, language="es")


# Everyday posts that borrow the words of the compositions above.
QUIET = [
    # a move, a trip, the last day at work
    "Hoy me despedi de mis compañeras, nos mudamos a Houston y ya no voy a estar "
    "aqui para el cumple de la jefa.",
    "me despido de todas, el lunes nos vamos pa Tampa. gracias por tanto",
    "Ultimo post en el grupo antes de la mudanza. Nos vamos el viernes, las quiero.",
    "Ya deje todo listo, las llaves con la vecina y el gato con mi mama. Mañana "
    "salimos de viaje.",
    "Hoy despedimos al perrito en el patio, los niños le escribieron una carta de "
    "despedida.",
    "Mañana llevamos las cenizas de mi tia al mar y le vamos a leer una carta.",
    # papers at a lawyer's, insurance
    "Fuimos a la notaria a hacer el testamento y el seguro de vida ahora que nacio "
    "la niña.",
    "Ya deje los papeles en orden pero no entiendo el formulario de beneficiarios.",
    # everyday decisions
    "Ya lo decidi: le voy a quitar el pecho al año. Estoy en paz con mi decision.",
    "Ya tome la decision, me voy a cortar el pelo cortito. Ya no aguanto que la "
    "nena me lo jale.",
    "Decidi dejar las pastillas anticonceptivas y ponerme el diu. La cita es el "
    "martes.",
    "Ya elegi la fecha del bautizo, va a ser el sabado. Tengo las invitaciones.",
    # medicines as prescribed, or put away from the children
    "Me tome todas las pastillas del antibiotico, los diez dias completos, como dijo "
    "la doctora.",
    "Llevo un mes tomando sertralina todos los dias y me siento mejor.",
    "Escondi las medicinas arriba del refri porque la nena ya alcanza todo.",
    "Guarde las pastillas de mi mama en el ropero porque el niño las agarra.",
    "Mi vecina ya tiene las pastillas para la presion y esta noche empieza.",
    # things hidden or kept in the ordinary way
    "Tengo el veneno para las hormigas guardado en la bodega. Ya escogi la noche "
    "para ponerlo.",
    "Tengo los regalos escondidos debajo de la cama. Solo espero que se duerman "
    "para envolverlos.",
    "Compre la soga para el columpio y ya lo tengo decidido: va en el palo de mango.",
    # burns in the kitchen
    "Se me quemo el arroz otra vez por estar con el bebe. Mañana sera.",
    # being no bother, said lightly
    "Ya no los voy a molestar mas con mis preguntas. Todo esta arreglado con el "
    "pediatra.",
    "Ya no voy a ser una carga para mi suegra, consegui guarderia. Empieza el lunes.",
    # a diet, a relative moving abroad, a medicine put up high
    "Ya no quiero seguir con la dieta, esta vez va en serio. Ya escogi el lugar "
    "para celebrar.",
    "Mi tia se despidio de todos porque se va a vivir a Honduras. Regalo sus cosas.",
    "Guarde el jarabe en el botiquin alto. Cuando la nena se duerma le doy su dosis.",
    "Ya tome mi decision: nos vamos a vivir con mi suegra. Les escribi a todos. El "
    "viernes es la mudanza.",
    "Regale mis cosas de bebe a mi cuñada. Esta noche lo hago: ordeno el closet.",
    # calm after a hard time, a hospital stay ending, a letter for a grandmother
    "Me siento en calma desde que empece terapia. El domingo no voy a estar en "
    "casa, vamos a la playa.",
    "Estoy tranquila, mañana ya no estoy en el hospital y me llevo a la bebe.",
    "Le escribi una carta a mi abuelita que esta en el asilo. Se la llevo el sabado.",
    "mi amor si lees esto traeme leche cuando vengas. cuida a los nenes mientras "
    "me baño",
    "El carbon para la carne asada ya esta comprado. El sabado que vengan todos.",
    "Ya tengo la cuerda para el tendedero, mi decision esta tomada: se acabo la "
    "secadora.",
    # the same words with no risk in them
    "Mi esposa lleva tres noches sin dormir bien por los colicos del bebe.",
    "Ya no aguanto a mi cuñada jaja. Mañana nos vamos al puente a ver los fuegos.",
    "Ya no voy a estar en el grupo de la escuela, mucho drama. Las quiero igual.",
    # letters and gifts for an occasion
    "Les deje una carta a mis hijas en la almohada para el Dia del Niño.",
    "Le di mi anillo de graduacion a mi hija mayor y lloro de la emocion.",
    # food for the week, a child minded at work, old clothes sold
    "Ya tome la decision de volver a estudiar. Deje la comida lista para toda la "
    "semana.",
    "Mi hija ya tiene quien la cuide en el trabajo. Hoy en la noche me voy "
    "tranquila a mi primer turno.",
    "Ya regale la ropa que ya no me queda. El domingo es la venta de garaje.",
    "Cuando la nena se duerma me como un helado entero. Ya lo tengo escondido en "
    "el congelador.",
    "Mañana que todos salgan me voy a quedar sola y por fin voy a descansar un rato.",
    "Ya tengo todo listo para la cena de fin de año. Esta noche.",
    "El seguro del carro esta en la gaveta con una nota pa mi marido, vence el "
    "viernes.",
    # a cleaning day while the children are away
    "El domingo mi esposo se lleva a los niños donde su mama y voy a limpiar toda "
    "la casa. Ya tengo todo.",
]


@pytest.mark.parametrize("text", QUIET)
def test_an_everyday_post_with_the_same_words_raises_no_alarm(text):
    assessment = SPANISH.assess(text)
    assert assessment.level == "none", (text, assessment.rules)


# Harm thoughts feared, not meant, stay intrusive thoughts (low), never urgent.
FEARED = [
    "Me da miedo pensar que le puedo hacer daño a mi bebe. Nunca lo haria.",
    "Tengo pensamientos horribles de ahogar a la niña en la tina y me aterran.",
    "Se me pasa por la cabeza que le puedo hacer algo malo al nene y lloro.",
]


@pytest.mark.parametrize("text", FEARED)
def test_feared_harm_thoughts_are_intrusive_not_urgent(text):
    assessment = SPANISH.assess(text)
    assert assessment.level == "low", (text, assessment.rules)
    assert "es_baby_harm_meant" not in assessment.rules


def test_a_recovery_story_is_not_silenced_when_the_calm_comes_from_a_plan():
    text = (
        "Hoy por fin me siento tranquila porque ya tengo un plan. Ya compre lo que "
        "necesitaba y lo guarde. Cuando me quede sola."
    )
    assert SPANISH.assess(text).level == "urgent"
    recovered = (
        "Hace un año tenia todo guardado y un plan. Hoy me siento tranquila, voy a "
        "terapia y tomo mis medicinas."
    )
    assert SPANISH.assess(recovered).level in ("none", "low")
