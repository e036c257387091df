"""The forms of a regular Spanish verb, for "~" terms in a Spanish rules file.

Spanish says one meaning in many forms: "decidi", "decidimos", "he decidido", "lo
tengo decidido", "decidire". A term "decidir~" hears them all: the present,
preterite, imperfect, future and conditional, the present and imperfect subjunctive,
the participle (-ado, -ada, -ados, -adas), the gerund and the infinitive, the last two
with the pronouns written onto them ("tomarme", "tomandomelas"). Accents are folded
as in the words form ("tome" is tomé).

Only regular verbs: the spelling changes that keep a sound ("busque", "pague",
"organice", "escojo") are made, but stem changes ("pienso", "vuelvo") and irregular
verbs ("tengo", "hice") are written out as terms of their own.
"""

from __future__ import annotations

from functools import cache

from moderation.rules.prefilter import trie_regex

_ENDINGS = {
    "ar": (
        "o as a amos ais an "
        "e aste o amos asteis aron "
        "aba abas abamos abais aban "
        "are aras ara aremos areis aran "
        "aria arias ariamos ariais arian "
        "e es emos eis en "
        "ara aras aramos arais aran ase ases asemos aseis asen "
        "ado ada ados adas"
    ),
    "er": (
        "o es e emos eis en "
        "i iste io imos isteis ieron "
        "ia ias iamos iais ian "
        "ere eras era eremos ereis eran "
        "eria erias eriamos eriais erian "
        "a as amos ais an "
        "iera ieras ieramos ierais ieran iese ieses iesemos ieseis iesen "
        "ido ida idos idas"
    ),
    "ir": (
        "o es e imos is en "
        "i iste io imos isteis ieron "
        "ia ias iamos iais ian "
        "ire iras ira iremos ireis iran "
        "iria irias iriamos iriais irian "
        "a as amos ais an "
        "iera ieras ieramos ierais ieran iese ieses iesemos ieseis iesen "
        "ido ida idos idas"
    ),
}
_GERUND = {"ar": "ando", "er": "iendo", "ir": "iendo"}
# Pronouns written onto an infinitive or gerund: one, or an indirect one and a
# direct one ("tomarmelas", "dejarselo").
_CLITICS = ("", "me", "se", "lo", "la", "le", "te", "nos", "los", "las", "les")
_DOUBLE = tuple(
    first + second
    for first in ("me", "se", "te", "nos")
    for second in ("lo", "la", "los", "las")
)
# Forms that are far more often another word once accents are folded: "bebe" is
# the baby before it is beber, "como" is how, "para" is for, "nada" is nothing.
_HOMOGRAPHS = frozenset(
    "bebe bebes como para paras entre nada nadas sobre sobres casa casas "
    "cara caras".split()
)
# A consonant that changes its spelling before e (-car, -gar, -zar) or before o and
# a (-ger, -gir) to keep its sound.
_BEFORE_E = {"c": "qu", "g": "gu", "z": "c"}
_BEFORE_O_A = {"g": "j"}


def is_infinitive(word: str) -> bool:
    return len(word) > 3 and word[-2:] in _ENDINGS


@cache
def verb_forms(infinitive: str) -> tuple[str, ...]:
    """Every form of a regular verb that "~" stands for, accents folded."""
    if not is_infinitive(infinitive):
        raise ValueError(f"{infinitive!r} is not an infinitive (-ar, -er, -ir)")
    stem, kind = infinitive[:-2], infinitive[-2:]
    forms = {_join(stem, kind, ending) for ending in _ENDINGS[kind].split()}
    gerund = _join(stem, kind, _GERUND[kind])
    for base in (infinitive, gerund):
        forms |= {base + clitic for clitic in (*_CLITICS, *_DOUBLE)}
    return tuple(sorted(forms - _HOMOGRAPHS))


def _join(stem: str, kind: str, ending: str) -> str:
    last = stem[-1]
    if kind == "ar" and ending[0] == "e" and last in _BEFORE_E:
        return stem[:-1] + _BEFORE_E[last] + ending
    if kind != "ar" and ending[0] in "oa" and last in _BEFORE_O_A:
        return stem[:-1] + _BEFORE_O_A[last] + ending
    if ending[0] == "i" and ending[1:2] in ("e", "o") and last in "aeiou":
        # leer, creer, caer: leyendo, creyeron, leyo.
        return stem + "y" + ending[1:]
    return stem + ending


def forms_pattern(infinitive: str) -> str:
    """The verb's forms as one regular expression: a trie of endings after the stem."""
    return trie_regex(verb_forms(infinitive))
