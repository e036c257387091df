"""Assess a text against the rules file (rules.json, next to this module).

The file is read, checked and compiled once, at import. A broken file raises
RulesFileError naming the rule, so a bad edit stops start-up instead of failing the
moment a member posts.

How a text is assessed:

1. Two forms of the text are made. The *text* form is NFKC, lower case, straight
   quotes, no invisible characters. The *words* form also undoes evasions (spaced
   letters, leetspeak, stretched letters, misspellings, algospeak, contractions);
   rules match on it unless they say "match_on": "text" (postcodes, whose digits
   must stay digits).
2. One scan over the words form, for literal text the patterns need, finds the few
   patterns worth trying, so an ordinary post costs little more than that pass.
3. Every match is weighed in its sentence and clause: negation, quoting and reported
   speech, past or recovery, idioms, fear framing (intrusive thoughts), then the
   escalators (means, plans, timing) and the pill or knife emoji.
4. The level is the highest over the matches that survive; actions come from the rules.

Urgent matches are never dropped by a modifier: at most they are lowered to high and
still flagged. Rules marked "fixed" (psychosis, means questions, medical emergencies)
ignore modifiers altogether.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from moderation.rules import pattern_shape as shape

LEVELS = ("none", "low", "high", "urgent")
LEVEL_RANK = {name: rank for rank, name in enumerate(LEVELS)}
ACTIONS = frozenset({"signpost", "flag", "hold", "nudge"})
CATEGORIES = (
    "suicidal_thoughts",
    "self_harm",
    "harm_to_baby",
    "intrusive_thoughts",
    "psychosis",
    "abuse",
    "medical_emergency",
    "identifying_details",
    "links_spam",
    "harsh_language",
)
# Categories about someone's safety: these signpost, and flag from high up.
RISK_CATEGORIES = frozenset(
    {
        "suicidal_thoughts",
        "self_harm",
        "harm_to_baby",
        "intrusive_thoughts",
        "psychosis",
        "abuse",
        "medical_emergency",
    }
)
# Thoughts of dying or self-harm become urgent beside means, plans or timing.
ESCALATABLE = frozenset({"suicidal_thoughts", "self_harm"})
FORMS = ("words", "text")
MODIFIER_KEYS = (
    "negation",
    "pseudo_negation",
    "contrast",
    "reported",
    "affirmed",
    "past",
    "recovery",
    "back",
    "idioms",
    "fear_frame",
    "escalators",
    "escalator_negation",
    "raisers",
)
RULE_KEYS = {
    "id",
    "category",
    "level",
    "action",
    "patterns",
    "examples",
    "description",
    "match_on",
    "negation",
    "quoting",
    "past",
    "fixed",
    "new_accounts_only",
    "context",
    "not_context",
    "when_framed",
}
DEFAULT_PATH = Path(__file__).with_name("rules.json")


_IDIOM, _ESCALATOR = -1, -2


class RulesFileError(Exception):
    """The rules file cannot be used; the message names the rule and the problem."""


@dataclass(frozen=True)
class Assessment:
    level: str = "none"
    categories: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    actions: frozenset[str] = field(default_factory=frozenset)

    @property
    def signpost(self) -> bool:
        return "signpost" in self.actions

    @property
    def hold(self) -> bool:
        return "hold" in self.actions

    @property
    def flag(self) -> bool:
        return "flag" in self.actions

    @property
    def nudge(self) -> bool:
        return "nudge" in self.actions


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    level: str
    actions: frozenset[str]
    patterns: tuple[re.Pattern, ...]
    examples_positive: tuple[str, ...]
    examples_negative: tuple[str, ...]
    description: str = ""
    match_on: str = "words"
    negation: bool = True
    quoting: bool = True
    past: bool = True
    fixed: bool = False
    new_accounts_only: bool = False
    context: re.Pattern | None = None
    not_context: re.Pattern | None = None
    when_framed: str | None = None  # the rule a fear-framed match counts for

    @property
    def is_risk(self) -> bool:
        return self.category in RISK_CATEGORIES


# --- Normalisation -----------------------------------------------------------------

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
# A run of letters mixed with leet characters ("k1ll", "$uicide", "d!e"); "!" and "|"
# count only between word characters so "help!" stays as it is.
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
    "od": "overdose",
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


def text_form(text: str) -> str:
    """NFKC, lower case, straight quotes, invisible characters removed."""
    if text.isascii():
        plain = text.lower()
        if "\t" in plain or "\r" in plain:
            plain = plain.replace("\t", " ").replace("\r", "\n")
        return plain
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE).lower()


def words_form(plain: str) -> str:
    """The text form with evasions undone, for matching words (see module doc)."""
    # Spelled-out words ("s-u-i-c-i-d-e") are joined before hyphens become spaces, so
    # the next word's single letter ("... a lot") is not joined on too.
    words = _LEET_RUN.sub(_leet, plain.replace("'", ""))
    words = _SPACED.sub(_unspace, words).replace("-", " ")
    if any(triple in words for triple in _TRIPLES):
        words = _REPEATS.sub(_shorten, words)
    while "  " in words:
        words = words.replace("  ", " ")
    return _WORD_MAP_RE.sub(_map_word, words)


def _map_word(match: re.Match) -> str:
    return _WORD_MAP[match.group(0)]


def normalise(text: str) -> str:
    """The words form of text, as the risk rules see it (for operators and tests)."""
    return words_form(text_form(text))


# --- Literal openings of patterns, for the one-pass prefilter ----------------------

_PREFIX_MAX = 6
_PREFIX_MIN = 3
_ZERO_WIDTH = {shape.AT, shape.ASSERT, shape.ASSERT_NOT}
_REPEATS_OPS = {shape.MAX_REPEAT, shape.MIN_REPEAT}


class _Unbounded(Exception):
    pass


def _expand_item(op, av) -> set[tuple[str, bool]]:
    if op is shape.LITERAL:
        return {(chr(av), False)}
    if op in _ZERO_WIDTH:
        return {("", False)}
    if op is shape.IN:
        chars: set[str] = set()
        for item_op, item_av in av:
            if item_op is shape.LITERAL:
                chars.add(chr(item_av))
            elif item_op is shape.RANGE and item_av[1] - item_av[0] < 10:
                chars.update(chr(c) for c in range(item_av[0], item_av[1] + 1))
            else:
                return {("", True)}
        if len(chars) > 12:
            return {("", True)}
        return {(c, False) for c in chars}
    if op is shape.BRANCH:
        out: set[tuple[str, bool]] = set()
        for alternative in av[1]:
            out |= _expand_seq(alternative)
        return out
    if op is shape.SUBPATTERN:
        return _expand_seq(av[-1])
    if op in _REPEATS_OPS:
        low, high, sub = av
        if high == 1:  # optional: what follows one repetition is the next item
            inner = set(_expand_seq(sub))
        else:
            inner = {(s, True) for s, _ in _expand_seq(sub)}
        if low == 0:
            inner.add(("", False))
        return inner
    return {("", True)}


def _expand_seq(seq) -> set[tuple[str, bool]]:
    current = {("", False)}
    for op, av in seq:
        if all(done or len(s) >= _PREFIX_MAX for s, done in current):
            break
        options = _expand_item(op, av)
        grown = set()
        for s, done in current:
            if done or len(s) >= _PREFIX_MAX:
                grown.add((s[:_PREFIX_MAX], True))
                continue
            for extra, extra_done in options:
                joined = s + extra
                grown.add(
                    (joined[:_PREFIX_MAX], extra_done or len(joined) >= _PREFIX_MAX)
                )
        current = grown
        if len(current) > 1000:
            raise _Unbounded
    return current


def literal_openings(pattern: str) -> frozenset[str] | None:
    """Every match of pattern starts with one of these strings, or None if unknown."""
    try:
        openings = {s for s, _ in _expand_seq(shape.parse(pattern))}
    except (_Unbounded, RecursionError, shape.Unsupported):
        return None
    if not openings or any(len(s) < _PREFIX_MIN for s in openings):
        return None
    return frozenset(openings)


def _trie_regex(words) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [
            re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            body = "(?:" + body + ")?" if len(branches) == 1 else body + "?"
        return body

    return build(trie)


def _literal_set(op, av) -> set[str] | None:
    """The strings one item can match if it is pure literal text, else None."""
    if op is shape.LITERAL:
        return {chr(av)}
    if op is shape.IN:
        chars = set()
        for item_op, item_av in av:
            if item_op is not shape.LITERAL:
                return None
            chars.add(chr(item_av))
        return chars if len(chars) <= 8 else None
    if op is shape.SUBPATTERN:
        return _literal_seq(av[-1])
    if op is shape.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            strings = _literal_seq(alternative)
            if strings is None:
                return None
            out |= strings
        return out if len(out) <= 64 else None
    return None


def _literal_seq(seq) -> set[str] | None:
    strings = {""}
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue
        item = _literal_set(op, av)
        if item is None or len(strings) * len(item) > 64:
            return None
        strings = {a + b for a in strings for b in item}
    return strings


def _score(strings) -> tuple[int, int]:
    return (min(map(len, strings)), -len(strings)) if strings else (0, 0)


def required_literals(seq, at_word_start: bool = False) -> set[str] | None:
    """A set of strings, one of which every match of the sequence contains, each
    starting where a word starts (or with a space), so a scan that looks at word
    boundaries only cannot miss it. None if there is no such set."""
    best: set[str] | None = None

    def consider(candidate, word_start):
        nonlocal best
        if not candidate or "" in candidate:
            return
        if not (word_start or all(c.startswith(" ") for c in candidate)):
            return
        if best is None or _score(candidate) > _score(best):
            best = candidate

    run, run_start = {""}, at_word_start
    for op, av in seq:
        if op in _ZERO_WIDTH:
            if op is shape.AT and av is shape.AT_BOUNDARY and run == {""}:
                run_start = True
            continue
        item = _literal_set(op, av)
        if item is not None and len(run) * len(item) <= 64:
            if run == {""}:
                run_start = run_start or all(x.startswith(" ") for x in item)
            run = {a + b for a in run for b in item}
            continue
        consider(run, run_start)
        here = run == {""} and run_start  # nothing consumed since a word start
        ends_in_space = run != {""} and all(r.endswith(" ") for r in run)
        inner_start = here or ends_in_space
        if item is not None:
            run, run_start = set(item), inner_start
            continue
        run, run_start = {""}, False
        if op in _REPEATS_OPS and _ends_with_space(av[2]):
            # "(?:\w+ ){0,3}" leaves the scan at a word start again.
            run_start = av[0] >= 1 or inner_start
        if op is shape.SUBPATTERN:
            consider(required_literals(av[-1], inner_start), True)
        elif op is shape.BRANCH:
            union: set[str] = set()
            for alternative in av[1]:
                found = required_literals(alternative, inner_start)
                if not found:
                    union = set()
                    break
                union |= found
            consider(union, True)
        elif op in _REPEATS_OPS and av[0] >= 1:
            consider(required_literals(av[2], inner_start), True)
    consider(run, run_start)
    return best


def _ends_with_space(seq) -> bool:
    """Whether every way through the sequence ends with a space."""
    items = list(seq)
    if not items:
        return False
    op, av = items[-1]
    if op is shape.LITERAL:
        return av == ord(" ")
    if op is shape.SUBPATTERN:
        return _ends_with_space(av[-1])
    if op is shape.BRANCH:
        return all(_ends_with_space(alternative) for alternative in av[1])
    return False


def _min_digits(seq) -> int:
    """How many digits any match of the sequence must contain at least."""
    total = 0
    for op, av in seq:
        if op is shape.LITERAL:
            total += chr(av).isdigit()
        elif op is shape.IN:
            total += all(
                (o is shape.CATEGORY and a is shape.CATEGORY_DIGIT)
                or (o is shape.LITERAL and chr(a).isdigit())
                or (o is shape.RANGE and chr(a[0]).isdigit() and chr(a[1]).isdigit())
                for o, a in av
            )
        elif op is shape.SUBPATTERN:
            total += _min_digits(av[-1])
        elif op in _REPEATS_OPS:
            total += av[0] * _min_digits(av[2])
        elif op is shape.BRANCH:
            total += min(_min_digits(alternative) for alternative in av[1])
    return total


_WINDOW_BEFORE = 160
_WINDOW_AFTER = 260
_PUNCTUATION_FIRST = re.compile(r"[^\w ]")
_AT_OPENING, _WINDOW, _WHOLE, _GATE = 0, 1, 2, 3
_DIGITS = str.maketrans("", "", "0123456789")
_WORD_START = re.compile(r"\b(?=\w)")


def _word_starts(text: str, low: int, high: int) -> list[int]:
    return [m.start() for m in _WORD_START.finditer(text, low, high)]


class _Scanner:
    """Finds where the patterns match, with one pass over the words form.

    The pass looks, at every word boundary, for literal text the patterns need:
    their openings (a pattern is tried exactly there, and if a rarer literal it
    needs exists, only when that one turned up too), or, for a pattern with no
    literal opening, a literal it contains (it is tried at the word starts just
    before). Patterns on the text form are searched there once a literal they need
    has turned up. A pattern with none of these is searched everywhere, unless the
    text has too few digits for it. So patterns are tried where words start.
    """

    def __init__(
        self, entries: list[tuple[int, re.Pattern, str, bool]], *, prefilter=True
    ):
        # entries: (rule index, compiled, source, matched on the text form)
        # prefilter=False searches every pattern everywhere: the slow, plain way
        # that the prefilter must agree with.
        self.entries = entries
        self.keys: dict[str, list[tuple[int, int]]] = {}
        self.always: list[tuple[int, int]] = []  # (entry index, digits needed)
        self.gated: set[int] = set()
        for index, (_rule_index, _compiled, source, on_text) in enumerate(entries):
            try:
                parsed = shape.parse(source) if prefilter else None
            except shape.Unsupported:
                parsed = None
            if parsed is None:
                self.always.append((index, 0))
                continue
            openings = literal_openings(source)
            try:
                anchors = required_literals(parsed)
            except RecursionError:
                anchors = None
            if anchors is not None and _score(anchors)[0] < _PREFIX_MIN:
                anchors = None
            # Keys are looked for at word boundaries only, so one that starts with
            # punctuation (which need not follow a word) cannot be relied on.
            if openings is not None and any(
                _PUNCTUATION_FIRST.match(o) for o in openings
            ):
                openings = None
            if anchors is not None and any(
                _PUNCTUATION_FIRST.match(a) for a in anchors
            ):
                anchors = None
            if on_text:
                # Text-form keys only gate a search; openings serve as anchors too.
                gate = anchors if anchors is not None else openings
                if gate is not None and _score(gate)[0] >= _PREFIX_MIN:
                    for key in gate:
                        self.keys.setdefault(key, []).append((index, _WHOLE))
                else:
                    self.always.append((index, _min_digits(parsed)))
            elif openings is not None:
                for opening in openings:
                    self.keys.setdefault(opening, []).append((index, _AT_OPENING))
                if anchors is not None and _score(anchors) > _score(openings):
                    self.gated.add(index)
                    for anchor in anchors:
                        self.keys.setdefault(anchor, []).append((index, _GATE))
            elif anchors is not None:
                for anchor in anchors:
                    self.keys.setdefault(anchor, []).append((index, _WINDOW))
            else:
                self.always.append((index, _min_digits(parsed)))
        trie = _trie_regex(self.keys) if self.keys else ""
        # Keys start at word boundaries; the lookahead finds overlapping ones too.
        self.scan = re.compile(r"\b(?=(" + trie + "))") if trie else None
        self._found_by: dict[str, tuple] = {}

    def _candidates(self, hit: str) -> tuple:
        """The patterns a key found in the text calls for, by how to look."""
        found = self._found_by.get(hit)
        if found is None:
            entries = {
                entry: None
                for length in range(len(hit), 0, -1)
                for entry in self.keys.get(hit[:length], ())
            }
            found = tuple(
                tuple(index for index, how in entries if how == kind)
                for kind in (_AT_OPENING, _WINDOW, _WHOLE, _GATE)
            )
            if len(self._found_by) < 100_000:
                self._found_by[hit] = found
        return found

    def matches(self, words: str, text: str):
        """Yield (rule index, start, end, pattern) of every match. Positions are in
        the words form, or in the text form for rules matched on it."""
        entries = self.entries
        windowed: set[tuple[int, int]] = set()
        whole: dict[int, None] = {}
        if self.scan is not None:
            places: dict[str, list[int]] = {}
            for found in self.scan.finditer(words):
                hit = found.group(1)
                if hit in places:
                    places[hit].append(found.start())
                else:
                    places[hit] = [found.start()]
            size = len(words)
            found_by = [(self._candidates(hit), where) for hit, where in places.items()]
            opened: set[int] = set()
            for (_exact, _windows, _wholes, gates), _where in found_by:
                opened.update(gates)
            gated = self.gated
            for (exact, windows, wholes, _gates), where in found_by:
                for index in exact:
                    if index in gated and index not in opened:
                        continue
                    rule_index, compiled, source, _on_text = entries[index]
                    match = compiled.match
                    for position in where:
                        m = match(words, position)
                        if m is not None:
                            yield rule_index, position, m.end(), source
                for index in windows:
                    # Try the pattern at each word start shortly before the literal
                    # it needs: far cheaper than searching every position.
                    rule_index, compiled, source, _on_text = entries[index]
                    match = compiled.match
                    for position in where:
                        low = max(0, position - _WINDOW_BEFORE)
                        high = min(size, position + _WINDOW_AFTER)
                        for start in _word_starts(words, low, position + 1):
                            if (index, start) in windowed:
                                continue
                            windowed.add((index, start))
                            m = match(words, start, high)
                            if m is not None:
                                yield rule_index, start, m.end(), source
                for index in wholes:
                    whole[index] = None
        digits = -1
        for index, needed in self.always:
            if needed:
                if digits < 0:
                    digits = len(text) - len(text.translate(_DIGITS))
                if digits < needed:
                    continue
            whole[index] = None
        for index in whole:
            rule_index, compiled, source, on_text = entries[index]
            for m in compiled.finditer(text if on_text else words):
                yield rule_index, m.start(), m.end(), source


_WORD_MAP_RE = re.compile(r"\b(?<![*/])" + _trie_regex(_WORD_MAP) + r"(?![\w*/])")


# --- Loading and checking the rules file -------------------------------------------


def _fail(where: str, problem: str) -> RulesFileError:
    return RulesFileError(f"rules file: {where}: {problem}")


def _compile(where: str, pattern) -> re.Pattern:
    if not isinstance(pattern, str) or not pattern.strip():
        raise _fail(where, "a pattern must be a non-empty string")
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise _fail(where, f"bad pattern {pattern!r}: {exc}") from None
    if compiled.match("") is not None:
        raise _fail(where, f"pattern {pattern!r} matches empty text")
    if pattern != pattern.lower() and not re.search(r"\\[A-Z]", pattern):
        raise _fail(where, f"pattern {pattern!r} has capitals; texts are lower-cased")
    return compiled


def _compile_any(where: str, patterns) -> re.Pattern:
    if not isinstance(patterns, list) or not patterns:
        raise _fail(where, "needs a non-empty list of patterns")
    for pattern in patterns:
        _compile(where, pattern)
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _rule_from(raw, seen_ids: set[str], position: int) -> Rule:
    if not isinstance(raw, dict):
        raise _fail(f"rule #{position}", "each rule must be an object")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z0-9_]+", rule_id or ""):
        raise _fail(f"rule #{position}", f"bad or missing id {rule_id!r}")
    where = f"rule {rule_id!r}"
    if rule_id in seen_ids:
        raise _fail(where, "duplicate id")
    seen_ids.add(rule_id)
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise _fail(where, f"unknown keys {sorted(unknown)}")
    category = raw.get("category")
    if category not in CATEGORIES:
        raise _fail(where, f"unknown category {category!r}")
    level = raw.get("level")
    if level not in LEVELS:
        raise _fail(where, f"unknown level {level!r}")
    actions = raw.get("action")
    actions = [actions] if isinstance(actions, str) else actions
    if not isinstance(actions, list) or not actions:
        raise _fail(where, "missing action")
    for action in actions:
        if action not in ACTIONS:
            raise _fail(where, f"unknown action {action!r}")
    patterns = raw.get("patterns")
    if not isinstance(patterns, list) or not patterns:
        raise _fail(where, "missing patterns")
    compiled = tuple(_compile(where, p) for p in patterns)
    examples = raw.get("examples")
    if not isinstance(examples, dict) or set(examples) - {"positive", "negative"}:
        raise _fail(where, "examples must be {'positive': [...], 'negative': [...]}")
    for kind in ("positive", "negative"):
        listed = examples.get(kind)
        if (
            not isinstance(listed, list)
            or len(listed) < 3
            or not all(isinstance(e, str) and e.strip() for e in listed)
        ):
            raise _fail(where, f"needs at least 3 {kind} examples")
    flags = {}
    match_on = raw.get("match_on", "words")
    if match_on not in FORMS:
        raise _fail(where, f"match_on must be one of {FORMS}")
    default_modifiers = match_on == "words"
    for key, default in (
        ("negation", default_modifiers),
        ("quoting", default_modifiers),
        ("past", default_modifiers),
        ("fixed", False),
        ("new_accounts_only", False),
    ):
        value = raw.get(key, default)
        if not isinstance(value, bool):
            raise _fail(where, f"{key} must be true or false")
        flags[key] = value
    if flags["fixed"] and level != "urgent":
        raise _fail(where, "only urgent rules can be fixed")
    context = raw.get("context")
    not_context = raw.get("not_context")
    when_framed = raw.get("when_framed")
    if when_framed is not None and not isinstance(when_framed, str):
        raise _fail(where, "when_framed must name another rule")
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise _fail(where, "description must be text")
    return Rule(
        id=rule_id,
        category=category,
        level=level,
        actions=frozenset(actions),
        patterns=compiled,
        examples_positive=tuple(examples["positive"]),
        examples_negative=tuple(examples["negative"]),
        description=description,
        match_on=match_on,
        context=_compile_any(f"{where} context", context) if context else None,
        not_context=(
            _compile_any(f"{where} not_context", not_context) if not_context else None
        ),
        when_framed=when_framed,
        **flags,
    )


@dataclass
class _Hit:
    rule: Rule
    start: int
    end: int
    level: str
    category: str
    pattern: str = ""
    lowered_past: bool = False
    softened: bool = False  # negated, quoted or reported, but kept as urgent-high
    cancelled: bool = False


class Ruleset:
    """A checked, compiled rules file. Use load_rules() to make one."""

    def __init__(self, data, source: str = "rules file", *, prefilter: bool = True):
        if not isinstance(data, dict):
            raise _fail(source, "the file must hold an object")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise _fail(source, "version must be a positive whole number")
        raw_rules = data.get("rules")
        if not isinstance(raw_rules, list) or not raw_rules:
            raise _fail(source, "rules must be a non-empty list")
        modifiers = data.get("modifiers")
        if not isinstance(modifiers, dict):
            raise _fail(source, "modifiers must be an object")
        missing = set(MODIFIER_KEYS) - set(modifiers)
        unknown = set(modifiers) - set(MODIFIER_KEYS)
        if missing or unknown:
            raise _fail(
                "modifiers", f"missing {sorted(missing)} / unknown {sorted(unknown)}"
            )
        self.version = version
        seen: set[str] = set()
        self.rules = tuple(
            _rule_from(raw, seen, position) for position, raw in enumerate(raw_rules, 1)
        )
        self.by_id = {rule.id: rule for rule in self.rules}
        for rule in self.rules:
            if rule.when_framed is not None and (
                rule.when_framed not in self.by_id or rule.when_framed == rule.id
            ):
                raise _fail(
                    f"rule {rule.id!r}",
                    f"when_framed names no other rule {rule.when_framed!r}",
                )
        self.modifiers_source = modifiers
        m = {
            key: _compile_any(f"modifier {key!r}", modifiers[key])
            for key in MODIFIER_KEYS
        }
        self._negation = re.compile(
            r"\b(?:" + m["negation"].pattern + r")\b(?:\s+\S+){0,5}\s*$"
        )
        self._negation_word = re.compile(r"\b(?:" + m["negation"].pattern + r")\b")
        self._pseudo_negation = m["pseudo_negation"]
        self._contrast = re.compile(r"\b(?:" + m["contrast"].pattern + r")\b")
        self._reported = m["reported"]
        self._affirmed = m["affirmed"]
        self._past = m["past"]
        self._back = m["back"]
        self._recovery = m["recovery"]
        self._fear_frame = m["fear_frame"]
        self._escalator_negation = re.compile(
            r"\b(?:" + m["escalator_negation"].pattern + r")\s+(?:\S+\s+){0,2}$"
        )
        self._raisers = m["raisers"]
        self._quote_spans = re.compile(
            r'"[^"\n]{1,600}"|(?m:^[ ]*>.*$)|'
            r"(?<![a-z0-9])'[^'\n]{1,300}'(?![a-z0-9])"
        )
        # One scanner for the rules, the idioms (-1) and the escalators (-2).
        self.scanner = _Scanner(
            [
                (index, compiled, compiled.pattern, rule.match_on == "text")
                for index, rule in enumerate(self.rules)
                for compiled in rule.patterns
            ]
            + [
                (owner, _compile(f"modifier {key!r}", pattern), pattern, False)
                for owner, key in ((_IDIOM, "idioms"), (_ESCALATOR, "escalators"))
                for pattern in modifiers[key]
            ],
            prefilter=prefilter,
        )

    # -- assessing

    def assess(self, text: str, *, new_account: bool = False) -> Assessment:
        if not text:
            return Assessment()
        plain = text_form(text)
        words = words_form(plain)
        hits: list[_Hit] = []
        idioms: list[tuple[int, int]] = []
        escalators: list[tuple[int, int]] = []
        seen: set[tuple[int, int, int]] = set()
        for rule_index, start, end, source in self.scanner.matches(words, plain):
            if rule_index < 0:
                (idioms if rule_index == _IDIOM else escalators).append((start, end))
                continue
            rule = self.rules[rule_index]
            if rule.new_accounts_only and not new_account:
                continue
            if (rule_index, start, end) in seen:
                continue  # the same words found by two patterns of one rule
            seen.add((rule_index, start, end))
            hits.append(_Hit(rule, start, end, rule.level, rule.category, source))
        if not hits:
            return Assessment()
        context = _Context(self, words, idioms)
        for hit in hits:
            if hit.rule.match_on == "words":
                self._weigh(hit, context)
            else:
                self._check_context(hit, context, plain)
        if any(
            not h.cancelled and h.category in ESCALATABLE and not h.lowered_past
            for h in hits
        ):
            self._escalate(hits, context, escalators)
        if self._raisers.search(plain):
            for hit in hits:
                if (
                    not hit.cancelled
                    and not hit.softened
                    and hit.category in RISK_CATEGORIES
                    and hit.level != "none"
                ):
                    hit.level = _raise(hit.level)
        return self._summarise(hits)

    def _check_context(self, hit: _Hit, context: _Context, form: str) -> None:
        rule = hit.rule
        if rule.context is None and rule.not_context is None:
            return
        if form is context.words:
            start, end = context.sentence_bounds(hit.start, hit.end)
            window = form[max(0, start - 200) : end + 200]
        else:
            window = form
        if rule.context is not None and not rule.context.search(window):
            hit.cancelled = True
        if rule.not_context is not None and rule.not_context.search(window):
            hit.cancelled = True

    def _weigh(self, hit: _Hit, context: _Context) -> None:
        rule = hit.rule
        words = context.words
        self._check_context(hit, context, words)
        if hit.cancelled:
            return
        if context.inside_idiom(hit.start, hit.end):
            hit.cancelled = True
            return
        if rule.fixed:
            return
        clause_start, clause_end = context.clause_bounds(hit.start, hit.end)
        before = words[clause_start : hit.start]
        if rule.when_framed and self._fear_frame.search(before):
            # "I'm terrified I'm going to hurt her": fear of the act, not intent.
            rule = hit.rule = self.by_id[rule.when_framed]
            hit.category = rule.category
        rule_level = rule.level
        cancel = False
        memo = context.memo
        if rule.quoting and (
            context.inside_quote(hit.start)
            or _memo(
                memo,
                ("reported", clause_start, hit.start),
                self._reported.search,
                before,
            )
        ):
            sentence_start, sentence_end = context.sentence_bounds(hit.start, hit.end)
            if not self._affirmed.search(words, hit.end, sentence_end):
                cancel = True
        if not cancel and rule.negation:
            # A negation just before the match, or inside it ("he never hit me")
            # unless the pattern spells that word out itself ("real mums dont").
            pseudo = self._pseudo_negation
            negated_before = _memo(
                memo,
                ("negated", clause_start, hit.start),
                lambda text: self._negation.search(pseudo.sub(" _ ", text)),
                before,
            )
            if negated_before or any(
                found.group(0) not in hit.pattern
                for found in self._negation_word.finditer(
                    pseudo.sub(" _ ", words[hit.start : hit.end])
                )
            ):
                cancel = True
        level = rule_level
        if cancel:
            level = "none"
        elif rule.past and _memo(
            memo, ("past", clause_start, clause_end), self._in_past, context, hit
        ):
            sentence_start, sentence_end = context.sentence_bounds(hit.start, hit.end)
            following = context.next_sentence_end(sentence_end)
            if not _memo(
                memo,
                ("back", sentence_start, following),
                self._back.search,
                words[sentence_start:following],
            ):
                level = _lower(level)
                hit.lowered_past = True
        if rule_level == "urgent" and LEVEL_RANK[level] < LEVEL_RANK["high"]:
            level = "high"
            hit.softened = True
        if level == "none" and rule.is_risk:
            hit.cancelled = True
        elif cancel and not rule.is_risk:
            hit.cancelled = True
        hit.level = level

    def _in_past(self, context: _Context, hit: _Hit) -> bool:
        words = context.words
        clause_start, clause_end = context.clause_bounds(hit.start, hit.end)
        return bool(
            self._past.search(words, clause_start, clause_end)
            or self._recovery.search(
                words, *context.sentence_bounds(hit.start, hit.end)
            )
        )

    def _escalate(
        self, hits: list[_Hit], context: _Context, escalators: list[tuple[int, int]]
    ) -> None:
        words = context.words
        cues = []
        for start, end in escalators:
            if self._escalator_negation.search(words, max(0, start - 40), start):
                continue
            if context.inside_idiom(start, end):
                continue
            cues.append(start)
        if not cues:
            return
        for hit in hits:
            if (
                hit.cancelled
                or hit.softened
                or hit.lowered_past
                or hit.category not in ESCALATABLE
                or hit.rule.match_on != "words"
                or hit.level == "none"
            ):
                continue
            if any(abs(position - hit.start) <= 250 for position in cues):
                hit.level = "urgent" if hit.level == "high" else _raise(hit.level)

    def _summarise(self, hits: list[_Hit]) -> Assessment:
        best: dict[str, _Hit] = {}
        order: list[str] = []
        for hit in hits:
            if hit.cancelled:
                continue
            current = best.get(hit.rule.id)
            if current is None:
                order.append(hit.rule.id)
                best[hit.rule.id] = hit
            elif LEVEL_RANK[hit.level] > LEVEL_RANK[current.level]:
                best[hit.rule.id] = hit
        if not best:
            return Assessment()
        level = "none"
        actions: set[str] = set()
        category_rank: dict[str, int] = {}
        for rule_id in order:
            hit = best[rule_id]
            rule = hit.rule
            rank = LEVEL_RANK[hit.level]
            level = max(level, hit.level, key=LEVEL_RANK.__getitem__)
            category_rank[hit.category] = max(category_rank.get(hit.category, -1), rank)
            if rule.is_risk:
                actions.add("signpost")
                if rank >= LEVEL_RANK["high"] or rule.level == "urgent":
                    actions.add("flag")
                actions.update(rule.actions - {"flag"})
            else:
                actions.update(rule.actions)
        ordered_rules = sorted(order, key=lambda r: -LEVEL_RANK[best[r].level])
        categories = sorted(category_rank, key=lambda c: -category_rank[c])
        return Assessment(
            level=level,
            categories=tuple(categories),
            rules=tuple(ordered_rules),
            actions=frozenset(actions),
        )

    # -- operators

    def describe(self) -> dict:
        """The rules as operators see them: no patterns, just what each rule is for."""
        return {
            "version": self.version,
            "rules": [
                {
                    "id": rule.id,
                    "category": rule.category,
                    "level": rule.level,
                    "actions": sorted(rule.actions),
                    "description": rule.description,
                    "patterns": len(rule.patterns),
                    "fixed": rule.fixed,
                    "new_accounts_only": rule.new_accounts_only,
                    "examples": {
                        "positive": list(rule.examples_positive),
                        "negative": list(rule.examples_negative),
                    },
                }
                for rule in self.rules
            ],
        }

    def check_examples(self) -> list[str]:
        """Every rule example that does not behave as it says, as readable lines."""
        problems = []
        for rule in self.rules:
            for example in rule.examples_positive:
                got = self.assess(example, new_account=rule.new_accounts_only)
                if rule.id not in got.rules:
                    problems.append(f"{rule.id}: missed positive example {example!r}")
            for example in rule.examples_negative:
                got = self.assess(example, new_account=rule.new_accounts_only)
                if rule.id in got.rules:
                    problems.append(f"{rule.id}: matched negative example {example!r}")
        return problems


_SENTENCE_MARKS = ".!?\n"


class _Context:
    """Sentences, clauses, quotes and idioms around the matches in one words form.

    Bounds are found by looking outwards from a match, so a long post costs no more
    than a short one.
    """

    __slots__ = ("ruleset", "words", "_quotes", "_idioms", "_bounds", "memo")

    def __init__(self, ruleset: Ruleset, words: str, idioms: list[tuple[int, int]]):
        self.ruleset = ruleset
        self.words = words
        self._quotes = None
        self._idioms = idioms
        self._bounds: dict[tuple[str, int, int], tuple[int, int]] = {}
        self.memo: dict = {}

    def _is_full_stop(self, index: int) -> bool:
        words = self.words
        if words[index] != ".":
            return True
        # A decimal point ("5.4kg", "3.15am") does not end a sentence.
        return not (
            0 < index < len(words) - 1
            and words[index - 1].isdigit()
            and words[index + 1].isdigit()
        )

    def _sentence_start(self, position: int) -> int:
        words = self.words
        limit = position
        while True:
            mark = max(words.rfind(c, 0, limit) for c in _SENTENCE_MARKS)
            if mark < 0:
                return 0
            if self._is_full_stop(mark):
                return mark + 1
            limit = mark

    def _sentence_end(self, position: int) -> int:
        words = self.words
        size = len(words)
        start = position
        while True:
            found = [words.find(c, start) for c in _SENTENCE_MARKS]
            found = [f for f in found if f >= 0]
            if not found:
                return size
            mark = min(found)
            if self._is_full_stop(mark):
                return mark
            start = mark + 1

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        key = ("sentence", start, end)
        if key not in self._bounds:
            self._bounds[key] = (self._sentence_start(start), self._sentence_end(end))
        return self._bounds[key]

    def clause_bounds(self, start: int, end: int) -> tuple[int, int]:
        key = ("clause", start, end)
        if key not in self._bounds:
            self._bounds[key] = self._clause_bounds(start, end)
        return self._bounds[key]

    def _clause_bounds(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around the match, cut at ";" and at contrast words."""
        words = self.words
        left, right = self.sentence_bounds(start, end)
        left = max(left, words.rfind(";", left, start) + 1)
        semicolon = words.find(";", end, right)
        if semicolon >= 0:
            right = semicolon
        contrast = self.ruleset._contrast
        for m in contrast.finditer(words, left, start):
            left = m.end()
        m = contrast.search(words, end, right)
        if m is not None:
            right = m.start()
        return left, right

    def next_sentence_end(self, position: int) -> int:
        """Where the sentence after the one ending at position ends."""
        if position >= len(self.words):
            return position
        return self._sentence_end(position + 1)

    def inside_quote(self, position: int) -> bool:
        if self._quotes is None:
            words = self.words
            if '"' in words or ">" in words or "'" in words:
                self._quotes = [
                    m.span() for m in self.ruleset._quote_spans.finditer(words)
                ]
            else:
                self._quotes = []
        return any(start <= position < end for start, end in self._quotes)

    def inside_idiom(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self._idioms)


def _memo(memo: dict, key, function, *args):
    """function(*args), worked out once per key for one text."""
    if key not in memo:
        memo[key] = function(*args)
    return memo[key]


def _lower(level: str) -> str:
    return LEVELS[max(0, LEVEL_RANK[level] - 1)]


def _raise(level: str) -> str:
    return LEVELS[min(len(LEVELS) - 1, LEVEL_RANK[level] + 1)]


def load_rules(path: str | Path | None = None, *, prefilter: bool = True) -> Ruleset:
    """Read, check and compile a rules file (the one beside this module by default).
    prefilter=False skips the prefilter, for tests that compare the two."""
    path = Path(path) if path is not None else DEFAULT_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulesFileError(f"rules file {path}: cannot read it: {exc}") from None
    except json.JSONDecodeError as exc:
        raise RulesFileError(f"rules file {path}: not valid JSON: {exc}") from None
    return Ruleset(data, source=str(path), prefilter=prefilter)


RULES = load_rules()
RULES_VERSION = RULES.version


def assess(text: str, *, new_account: bool = False) -> Assessment:
    """Assess text with the rules file. new_account: the author is new (links count)."""
    return RULES.assess(text, new_account=new_account)


def describe() -> dict:
    """The loaded rules, for operators and documentation."""
    return RULES.describe()
