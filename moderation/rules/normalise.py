"""The two forms of a text that rules match on.

The *text* form is NFKC, lower case, straight quotes, no invisible characters, and
letters borrowed from other alphabets folded to the Latin letters they imitate
(Cyrillic "а", Greek "ο"), from Unicode's confusables table as the
confusable-homoglyphs package ships it. The *words* form also undoes evasions
(spaced letters, leetspeak, stretched letters,
misspellings, algospeak, contractions), so a pattern needs only one spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from confusable_homoglyphs.confusables import confusables_data

from moderation.rules.prefilter import trie_regex

_TRANSLATE = {
    **{ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\uff07"},
    **{ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02"},
    **{ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
    **{
        ord(c): None
        for c in (
            "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d"
            "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063"
            "\u2064\u2066\u2067\u2068\u2069\ufeff\ufe00\ufe01\ufe02\ufe03\ufe04"
            "\ufe05\ufe06\ufe07\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f"
        )
    },
    ord("\u2026"): "...",
    ord("\t"): " ",
    ord("\r"): "\n",
}

_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "$": "s",
        "!": "i",
        "|": "i",
        "€": "e",
    }
)
# Runs of characters that leetspeak uses for letters; what counts is decided by the
# letters around them (see _leet).
_LEET_RUN = re.compile(r"[0-9$€|!]+")
# "k i l l", "k.i.l.l", "s-u-i-c-i-d-e": three or more single letters split evenly.
_SPACED = re.compile(r"\b[a-z](?:([ .\-_*])[a-z])(?:\1[a-z])+\b")
_SPACED_SEPARATORS = re.compile(r"[ .\-_*]")
_REPEATS = re.compile(r"([a-z])\1{2,}")
# Letters people stretch ("diiie", "sooo", "killll"); checking these few first is
# much cheaper than a regular expression over every post.
_TRIPLES = tuple(letter * 3 for letter in "aeiouylsh")

# Misspellings, algospeak and contractions, mapped in one pass.
_WORD_MAP = {
    # suicide / suicidal
    **dict.fromkeys(
        "suicde sucide suiside suacide sueside suicied suicie suecide suiced "
        "sewerslide suicidr suicde suiicide".split(),
        "suicide",
    ),
    **dict.fromkeys(
        "suicdal sucidal suicidle suicidial suisidal suicidel suicial suicidical "
        "suicudal sucidial suacidal suicidel suicidall suecidal suicidsl".split(),
        "suicidal",
    ),
    "sewer slide": "suicide",
    "kermit sudoku": "suicide",
    "ctb": "suicide",
    "sui": "suicide",
    "unalive": "kill",
    "unalived": "killed",
    "unaliving": "killing",
    "self unalive": "kill myself",
    "self delete": "kill myself",
    "kms": "kill myself",
    "killmyself": "kill myself",
    "killyourself": "kill yourself",
    "hurtmyself": "hurt myself",
    "cutmyself": "cut myself",
    "hangmyself": "hang myself",
    "endmylife": "end my life",
    "enditall": "end it all",
    "wanttodie": "want to die",
    "iwanttodie": "i want to die",
    "kys": "kill yourself",
    "abt": "about",
    "meself": "myself",
    "hav": "have",
    "od": "overdose",
    # texting shorthand for times, wants and goodbyes
    **dict.fromkeys("tonite 2nite 2night tonigt tonihgt".split(), "tonight"),
    **dict.fromkeys(
        "tmr tmrw tmw 2moro 2morrow tomoz tomorow tommorow".split(), "tomorrow"
    ),
    "2day": "today",
    **dict.fromkeys("wnat wnt watn wamt".split(), "want"),
    **dict.fromkeys(
        "evrything everythin evrythin everyting evrythng".split(), "everything"
    ),
    **dict.fromkeys("sry soz sorri".split(), "sorry"),
    **dict.fromkeys("anymor anymoe nemore".split(), "anymore"),
    "bby": "baby",
    "oding": "overdosing",
    "paracetemol": "paracetamol",
    "paracetomol": "paracetamol",
    # self-harm
    "selfharm": "self harm",
    "selfharming": "self harming",
    "selfharmed": "self harmed",
    "s/h": "self harm",
    "sh": "self harm",
    "shing": "self harming",
    # pronouns and shorthand
    "myslef": "myself",
    "my self": "myself",
    "mysef": "myself",
    "your self": "yourself",
    "urself": "yourself",
    "yourslef": "yourself",
    "u": "you",
    "ur": "your",
    "r": "are",
    "ya": "you",
    "gonna": "going to",
    "gona": "going to",
    "wanna": "want to",
    "wana": "want to",
    "gotta": "got to",
    "lo": "baby",
    "dd": "baby",
    "ds": "baby",
    "bubba": "baby",
    # contractions written out, so patterns need only one spelling
    "cannot": "cant",
    "can not": "cant",
    "do not": "dont",
    "does not": "doesnt",
    "did not": "didnt",
    "will not": "wont",
    "would not": "wouldnt",
    "could not": "couldnt",
    "should not": "shouldnt",
    "is not": "isnt",
    "are not": "arent",
    "was not": "wasnt",
    "were not": "werent",
    "have not": "havent",
    "has not": "hasnt",
    "had not": "hadnt",
    "i am": "im",
    "i have": "ive",
    "i m": "im",
    "i ve": "ive",
    "don t": "dont",
    "can t": "cant",
    "won t": "wont",
    # censored swearing is still swearing
    "f*ck": "fuck",
    "f**k": "fuck",
    "sh*t": "shit",
    "b*tch": "bitch",
    "c*nt": "cunt",
}

# Every entry of the map as a whole word, found in one pass.
_WORD_MAP_RE = re.compile(r"\b(?<![*/])" + trie_regex(_WORD_MAP) + r"(?![\w*/])")


def _leet(match: re.Match) -> str:
    """Leetspeak: "k1ll", "su1c1de", "$uicide", "d!e" are words; "20mg", "3am",
    "help!" are not."""
    run = match.group(0)
    start, end = match.span()
    string = match.string
    letter_before = start > 0 and "a" <= string[start - 1] <= "z"
    letter_after = end < len(string) and "a" <= string[end] <= "z"
    if run[0].isdigit() and not letter_before:
        return run  # a number, perhaps with a unit
    if not (letter_before or letter_after):
        return run
    if not run.strip("!|") and not (letter_before and letter_after):
        return run  # punctuation after a word
    return run.translate(_LEET)


def _unspace(match: re.Match) -> str:
    return _SPACED_SEPARATORS.sub("", match.group(0))


def _shorten(match: re.Match) -> str:
    letter = match.group(1)
    return letter if letter in "aeiou" else letter * 2


@cache
def _latin_skeleton() -> dict[int, str]:
    """Each character that Unicode's confusables table says imitates a Latin letter
    or digit, mapped to that letter: "кіll" reads as "kill"."""
    table = {}
    for character, lookalikes in confusables_data.items():
        if len(character) != 1 or character.isascii():
            continue
        for lookalike in lookalikes:
            latin = _plain_latin(lookalike["c"], lookalike["n"])
            if latin:
                table[ord(character)] = latin
                break
    return table


# "LATIN LETTER SMALL CAPITAL T" imitates t as surely as "t" does; a letter with a
# bar or hook is a different letter.
_LATIN_NAME = re.compile(r"LATIN (?:SMALL |CAPITAL )?LETTER (?:SMALL CAPITAL )?([A-Z])")


# Kra is drawn as a small capital K: Greek kappa and Cyrillic ka are listed as its
# look-alikes, not k's.
_DRAWN_AS = {"LATIN SMALL LETTER KRA": "k"}


def _plain_latin(character: str, name: str) -> str:
    if len(character) != 1:
        return ""
    if character.isascii():
        return character.lower() if character.isalnum() else ""
    if name in _DRAWN_AS:
        return _DRAWN_AS[name]
    named = _LATIN_NAME.fullmatch(name)
    return named.group(1).lower() if named else ""


def text_form(text: str) -> str:
    """NFKC, lower case, straight quotes, invisible characters removed, look-alike
    letters folded to Latin."""
    if text.isascii():
        plain = text.lower()
        if "\t" in plain or "\r" in plain:
            plain = plain.replace("\t", " ").replace("\r", "\n")
        return plain
    plain = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).lower()
    if plain.isascii():
        return plain
    return plain.translate(_latin_skeleton())


# Laughing faces read as the word they stand for: a pattern's word boundaries cannot
# sit beside an emoji, and "i cant breathe 😂" is a laugh, not an emergency.
_LAUGHING_FACES = re.compile("[\U0001f602\U0001f923\U0001f639\U0001f606\U0001f480]+")


def _laughs_spelt(plain: str) -> str:
    spelt, faces = _LAUGHING_FACES.subn(" lol ", plain)
    return spelt.strip() if faces else plain


def words_form(plain: str) -> str:
    """The text form with evasions undone, for matching words (see module doc)."""
    plain = _laughs_spelt(plain)
    # Spelled-out words ("s-u-i-c-i-d-e") are joined before hyphens become spaces, so
    # the next word's single letter ("... a lot") is not joined on too.
    words = _LEET_RUN.sub(_leet, plain.replace("'", ""))
    words = _SPACED.sub(_unspace, words).replace("-", " ")
    if any(triple in words for triple in _TRIPLES):
        words = _REPEATS.sub(_shorten, words)
    while "  " in words:
        words = words.replace("  ", " ")
    return _WORD_MAP_RE.sub(_map_word, words)


# A unit after a number is a measure: "walked 5 kms", "600 kms to the grandparents".
_UNITS = frozenset({"kms"})
_NUMBER_BEFORE = re.compile(r"\d[\d,.]*\s?$")
# "a SH Stokke", "selling sh cot": second-hand; "sh = stay home": a word being defined.
_SECOND_HAND_BEFORE = re.compile(
    r"\b(?:a|an|any|selling|sell|buy|buying|bought|cheap)\s$"
)
_DEFINED_AFTER = re.compile(
    r"\s?(?:(?:in|on) (?:my|the|his|her) (?:\w+ ){0,2}?"
    r"(?:notes?|app|list|calendar|diary) )?(?:=|means\b|stands for\b)"
)
# "SH Bugaboo for sale", "selling s/h uppababy": second-hand goods.
_SECOND_HAND_AFTER = re.compile(
    r"\s(?:\w+\s){0,3}?(?:for sale|shop|shops|store|pram|buggy|cot|crib|stroller|"
    r"car seat|clothes|bargain|furniture|bike|books|toys|good condition|"
    r"uppababy|bugaboo|stokke|icandy|joolz|cybex|maxi cosi|silver cross|babyzen|nuna|"
    r"graco|chicco)\b"
)


def _map_word(match: re.Match) -> str:
    word, start, end, string = match.group(0), match.start(), match.end(), match.string
    if word in _UNITS and _NUMBER_BEFORE.search(string[max(0, start - 12) : start]):
        return word
    if word == "sh" and (
        string[max(0, start - 3) : start] == "sh " or string[end : end + 3] == " sh"
    ):
        return word  # "sh sh sh" is shushing a baby
    if word in ("sh", "s/h") and (
        _SECOND_HAND_BEFORE.search(string[max(0, start - 9) : start])
        or _SECOND_HAND_AFTER.match(string, end)
    ):
        return word
    if _DEFINED_AFTER.match(string, end):
        return word  # "kms = keep my sanity": a word being defined
    return _WORD_MAP[word]


def normalise(text: str) -> str:
    """The words form of text, as the risk rules see it (for operators and tests)."""
    return words_form(text_form(text))


# --- Spanish -------------------------------------------------------------------------

# Accents and ñ folded: people type them or not, and the rules are written without.
_ES_FOLD = str.maketrans("áéíóúüàèìòùñ¿¡", "aeiouuaeioun  ")

# Texting shorthand and common misspellings, mapped in one pass like _WORD_MAP.
_ES_WORD_MAP = {
    "q": "que",
    "k": "que",
    "ke": "que",
    "xq": "porque",
    "pq": "porque",
    "porq": "porque",
    "xk": "porque",
    "por que": "porque",
    "tb": "tambien",
    "tmb": "tambien",
    "tmbn": "tambien",
    "x": "por",
    "d": "de",
    "pa": "para",
    "toy": "estoy",
    "toi": "estoy",
    "stoy": "estoy",
    "ta": "esta",
    "tas": "estas",
    "bb": "bebe",
    "bebito": "bebe",
    "bebita": "bebe",
    "nomas": "nada mas",
    "ntp": "no te preocupes",
    "tqm": "te quiero mucho",
    "mija": "mi hija",
    "mijo": "mi hijo",
    "suisidio": "suicidio",
    "suicido": "suicidio",
    "sewerslide": "suicidio",
    "suicidarme": "suicidarme",
    "matarme": "matarme",
    "kitarme": "quitarme",
    "qitarme": "quitarme",
    "aorita": "ahorita",
    "orita": "ahorita",
    "ai": "ahi",
    "aki": "aqui",
    "aca": "aca",
    "nadien": "nadie",
    "haci": "asi",
    "kiero": "quiero",
    "qiero": "quiero",
    "kero": "quiero",
    "kisiera": "quisiera",
    "qisiera": "quisiera",
    "kiere": "quiere",
    "pastis": "pastillas",
    "pastillitas": "pastillas",
    "pildoritas": "pildoras",
    "pal": "para el",
    "pa la": "para la",
    "na": "nada",
    "bn": "bien",
    "dsp": "despues",
    "xfa": "por favor",
    "kmo": "como",
    "xa": "para",
    "vdd": "verdad",
    "hrs": "horas",
    "sta": "esta",
    "stamos": "estamos",
    "mnn": "manana",
    "s*icidio": "suicidio",
    "su*cidio": "suicidio",
    "suic*dio": "suicidio",
    "s**cidio": "suicidio",
    "m*tarme": "matarme",
    "mat*rme": "matarme",
    "jarta": "harta",
    "jarto": "harto",
    "mai": "mama",
    "pai": "papa",
    "tngo": "tengo",
    "tng": "tengo",
    "m": "me",
    "t": "te",
    "nd": "nada",
    "dnd": "donde",
    "cnd": "cuando",
    "qndo": "cuando",
    "kndo": "cuando",
    "kien": "quien",
    "qien": "quien",
    "sq": "es que",
    "msj": "mensaje",
    "muxo": "mucho",
    "tbn": "tambien",
}
_ES_WORD_MAP_RE = re.compile(r"\b" + trie_regex(_ES_WORD_MAP) + r"(?![\w*/])")
_ES_TRIPLES = tuple(letter * 3 for letter in "aeiousnl")


def words_form_es(plain: str) -> str:
    """The Spanish words form: the same evasions undone as in English, accents
    folded, Spanish texting shorthand spelt out ("xq" is "porque", "q" is "que")."""
    # A comma between words joins them here: chat runs its clauses together with
    # commas, and "amarillo, hasta los pies" is one thought ("38,5" keeps its comma).
    plain = _laughs_spelt(plain).replace(", ", " ")
    words = _LEET_RUN.sub(_leet, plain.replace("'", "").translate(_ES_FOLD))
    words = _SPACED.sub(_unspace, words).replace("-", " ")
    if any(triple in words for triple in _ES_TRIPLES):
        words = _REPEATS.sub(_shorten, words)
    while "  " in words:
        words = words.replace("  ", " ")
    words = _ES_WORD_MAP_RE.sub(lambda m: _ES_WORD_MAP[m.group(0)], words.strip())
    if "ao" in words:
        words = _ES_DROPPED_D.sub(_restore_d, words)
    return words


# Caribbean and Andalusian speech drops the d of -ado ("cansao", "pensao").
_ES_DROPPED_D = re.compile(r"\b(\w{2,}[^\Waeiou])ao\b")
_ES_REAL_AO = frozenset({"bacalao", "cacao", "callao", "sarao", "macao"})


def _restore_d(match: re.Match) -> str:
    word = match.group(0)
    return word if word in _ES_REAL_AO else match.group(1) + "ado"


WORDS_FORMS = {"en": words_form, "es": words_form_es}
