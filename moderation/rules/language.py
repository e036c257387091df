"""Which language a text is written in, English, Spanish or both, read from the
small words each language cannot do without.

A post's language is its own, not the reader's interface setting: a mother may
read the site in English and write in Spanish, or mix the two in one sentence. A
text that mixes them is read by both rule sets. Short texts with no telling word
are read as English, unless they carry Spanish letters (ñ, ¿, ¡, accents).
"""

from __future__ import annotations

import re

# Frequent words of one language that are not words of the other (so "me", "no",
# "a", "he", "son" and "sin" count for neither).
_SPANISH = frozenset(
    """
    de la que el en y los se del las un por con una su para es al lo como mas pero
    sus le ya este porque esta entre cuando muy sobre tambien hasta hay donde quien
    desde todo nos durante todos uno les ni contra otros ese eso ante ellos esto mi
    antes algunos unos yo otro otras otra tanto esa estos mucho nada muchos cual
    poco ella estar estas algo mis tu te ti tus ellas estoy estas esta estamos
    estan soy eres somos fue era tengo tiene tienen quiero puedo siento bebe nena
    nene mama esposo marido hija hijo hijos ya aqui ahora hoy noche manana dia
    siempre nunca tambien bien mal asi solo sola sola cosas hacer creo vez pues
    porfa ayuda gracias mujer hombre quiere puede tenia estaba era cuando donde
    ella ellos nadie todos todas cada vida morir muerta muerto cansada ganas
    voy vas vamos vengo viene conmigo contigo casi muero muere murio morirme matar
    matarme mato quisiera queria bueno buena semana semanas meses anos dias horas
    anoche ayer pal pa q xq porq toy tmb tb neta pues nomas ahorita orita puente
    pastillas pastilla cuchillo soga dormir despertar llorar llora sangre hermana
    hermano amiga amigo prima suegra cunada hacerme dano miedo mejor peor
    alla ahi despues luego todavia sigo seguir hago hice dijo dice digo escriban
    corte nena nene bebito bebita chiquita chiquito embarazada parto
    ojala muriera muera muerte suicidarme suicidio quitarme desaparecer aguanto harta
    triste llorando lloro ayudenme golpea pega ahorca amenaza sangro sangrando fiebre
    labios morados respira despierta voces escucho oigo veo pensando pienso
    gusta gustaria haber hubiera habia nacido nacio sabe saber tener hacen dame decir
    dicen sentir estuve irme cosa mismo misma nueva ningun ninguna alguna cuantas
    cuantos hola mami mamis nino nina ninos ninas bebes panal panales leche
    veneno hace minutos navaja cuchilla cuchillas
    """.split()
)
_ENGLISH = frozenset(
    """
    the and to of i in is it you that was for on are with as his they be at one
    have this from or had by but what some we can out other were all there when up
    your how said an each she which do their if will about my so just im dont
    not been like would get feel know think want baby really because what its
    cant she her him them going got how much still even could should been after
    """.split()
)
_WORD = re.compile(r"[a-zñ]+")
_SPANISH_LETTERS = re.compile(r"[ñ¿¡áéíóú]")
# Below this share of Spanish words a text is English; above the upper share,
# Spanish; between them, both. A few Spanish words in an English post are read by
# the Spanish rules too: "me quiero morir" inside English is still her meaning.
MIXED_FROM = 0.15
SPANISH_FROM = 0.85
_FEW_SPANISH_WORDS = 2
# A text is read by the Spanish rules alone only with this many Spanish words: "su",
# "y" and "de" turn up in English slang and names ("k y s", "su!c!dal").
_SPANISH_ONLY_FROM = 3


def languages(text: str) -> tuple[str, ...]:
    """("en",), ("es",) or ("en", "es") for a text that mixes them."""
    lowered = text.lower()
    spanish = english = 0
    for word in _WORD.findall(_fold(lowered)):
        if word in _SPANISH:
            spanish += 1
        elif word in _ENGLISH:
            english += 1
    total = spanish + english
    if total == 0:
        return ("es",) if _SPANISH_LETTERS.search(lowered) else ("en",)
    share = spanish / total
    if share >= SPANISH_FROM and spanish >= _SPANISH_ONLY_FROM:
        return ("es",)
    if (
        (share >= MIXED_FROM and spanish >= _FEW_SPANISH_WORDS)
        or (spanish and _SPANISH_LETTERS.search(lowered))
        or share >= SPANISH_FROM
    ):
        return ("en", "es")
    return ("en",)


_FOLD = str.maketrans("áéíóúü", "aeiouu")


def _fold(text: str) -> str:
    return text.translate(_FOLD)
