"""Concepts and the combinations that compose them.

A phrase list only hears the phrasings it lists. The rules file also names
*concepts*, each a lexicon of words and phrases with their inflections and slang
("means": pills, tablets, Panadol, a rope, the car keys; "time": tonight, once he's
at work), and *combinations*, which say what the concepts mean together within one
clause or sentence: self + a death wish is high, + means at hand is urgent; another
person + a death wish is worry for someone else.

A combination starts from its first concept, its anchor, which the scanner finds in
one pass with the rules' own patterns; the other concepts are looked for only in the
clause or sentence around an anchor, so everyday posts pay for the anchors alone.
The match then goes through the same weighing as a rule (negation, quoting, past,
idioms), so "I'd never take the pills" stays quiet.

Terms are regular expressions on the words form (see normalise.py). A term ending in
"~" also matches the word's regular inflections: "swallow~" is swallow, swallows,
swallowed, swallowing; "stockpile~" is stockpile, stockpiles, stockpiled, stockpiling.
In a Spanish rules file "~" follows a regular verb's infinitive and hears every
common form of the verb ("decidir~" is decidi, decidimos, he decidido, decidire,
decidiera...; see verbs_es.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from moderation.rules.prefilter import literal_openings, trie_regex
from moderation.rules.schema import Rule, compile_pattern, fail
from moderation.rules.verbs_es import forms_pattern, is_infinitive

SCOPES = ("clause", "sentence", "text")
CONCEPT_KEYS = {"description", "terms", "includes"}
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_INFLECTED = re.compile(r"([a-z]+)~")


@dataclass(frozen=True)
class Concept:
    name: str
    description: str
    terms: tuple[str, ...]  # regular expressions, inflections expanded
    pattern: re.Pattern  # every term, as whole words


@dataclass(frozen=True)
class Combination:
    """A rule that matches when its concepts meet: all of `needs` in the scope
    around an anchor, none of `unless`, all of `anywhere` somewhere in the text and
    none of `nowhere` anywhere in it."""

    rule: Rule
    anchor: str
    needs: tuple[str, ...]
    unless: tuple[str, ...]
    within: str
    anywhere: tuple[str, ...] = ()
    nowhere: tuple[str, ...] = ()


def inflect(term: str, language: str = "en") -> str:
    """Expand "word~" into the word and its regular inflections; in Spanish the
    word is a verb's infinitive and the inflections its forms."""
    if language == "es":
        return _INFLECTED.sub(lambda m: _verb_forms(m.group(1)), term)
    return _INFLECTED.sub(lambda m: _forms(m.group(1)), term)


def _verb_forms(infinitive: str) -> str:
    if not is_infinitive(infinitive):
        raise ValueError(f'{infinitive}~: a Spanish "~" follows an infinitive')
    return f"(?:{forms_pattern(infinitive)})"


def _forms(stem: str) -> str:
    if stem.endswith("e") and not stem.endswith("ee"):
        return f"{stem[:-1]}(?:e|es|ed|ing)"
    if len(stem) > 2 and stem.endswith("y") and stem[-2] not in "aeiou":
        return f"{stem[:-1]}(?:y|ies|ied|ying)"
    if (
        len(stem) > 2
        and stem[-1] in "ptgbdmn"
        and stem[-2] in "aeiou"
        and (stem[-3] not in "aeiou")
    ):
        # stop, stopping; drop, dropped: a short vowel doubles the last consonant.
        last = stem[-1]
        return f"{stem}(?:s|{last}ed|{last}ing|ed|ing)?"
    return f"{stem}(?:s|es|ed|ing)?"


def whole_words(terms) -> str:
    return r"\b(?:" + "|".join(f"(?:{t})" for t in terms) + r")\b"


def read_concepts(raw, language: str = "en") -> dict[str, Concept]:
    """Check and compile the "concepts" object of a rules file."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise fail("concepts", "must be an object of named concepts")
    terms_of: dict[str, list[str]] = {}
    includes_of: dict[str, list[str]] = {}
    descriptions = {}
    for name, body in raw.items():
        where = f"concept {name!r}"
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise fail(where, "a name is lower case letters, digits and _")
        if not isinstance(body, dict) or set(body) - CONCEPT_KEYS:
            raise fail(
                where, f"must be an object with keys from {sorted(CONCEPT_KEYS)}"
            )
        terms = body.get("terms", [])
        includes = body.get("includes", [])
        if not isinstance(terms, list) or not isinstance(includes, list):
            raise fail(where, "terms and includes must be lists")
        if not terms and not includes:
            raise fail(where, "needs terms or includes")
        expanded = []
        for term in terms:
            if not isinstance(term, str) or not term.strip():
                raise fail(where, "a term must be a non-empty string")
            try:
                pattern = inflect(term, language)
            except ValueError as error:
                raise fail(where, str(error)) from None
            compile_pattern(where, pattern)
            expanded.append(pattern)
        terms_of[name] = expanded
        includes_of[name] = includes
        descriptions[name] = body.get("description", "")
    concepts = {}
    for name in raw:
        terms = _gather(name, terms_of, includes_of, ())
        concepts[name] = Concept(
            name=name,
            description=descriptions[name],
            terms=tuple(terms),
            pattern=re.compile(whole_words(terms)),
        )
    return concepts


def _gather(name, terms_of, includes_of, path) -> list[str]:
    if name in path:
        raise fail(f"concept {name!r}", f"includes itself through {list(path)}")
    if name not in terms_of:
        raise fail(f"concept {path[-1]!r}", f"includes unknown concept {name!r}")
    terms = list(terms_of[name])
    for included in includes_of[name]:
        terms += _gather(included, terms_of, includes_of, (*path, name))
    return list(dict.fromkeys(terms))


def read_combination(raw, rule: Rule, concepts: dict[str, Concept]) -> Combination:
    """The concept part of one combination; its rule part is read like any rule's."""
    where = f"combination {rule.id!r}"
    needs = raw.get("all")
    unless = raw.get("none", [])
    anywhere = raw.get("anywhere", [])
    nowhere = raw.get("nowhere", [])
    within = raw.get("within", "clause")
    if not isinstance(needs, list) or not needs:
        raise fail(where, "'all' must list the concepts that must meet")
    if not all(isinstance(names, list) for names in (unless, anywhere, nowhere)):
        raise fail(where, "'none', 'anywhere' and 'nowhere' must list concepts")
    for name in (*needs, *unless, *anywhere, *nowhere):
        if name not in concepts:
            raise fail(where, f"unknown concept {name!r}")
    if within not in SCOPES:
        raise fail(where, f"'within' must be one of {SCOPES}")
    return Combination(
        rule=rule,
        anchor=needs[0],
        needs=tuple(needs[1:]),
        unless=tuple(unless),
        within=within,
        anywhere=tuple(anywhere),
        nowhere=tuple(nowhere),
    )


def anchor_entries(concepts: dict[str, Concept], combinations, owner_of):
    """Scanner entries for every anchor concept's terms: (owner, compiled, source,
    on_text). owner_of(name) gives the owner number the scanner reports."""
    anchors = dict.fromkeys(c.anchor for c in combinations)
    return [
        (owner_of(name), re.compile(whole_words([term])), whole_words([term]), False)
        for name in anchors
        for term in concepts[name].terms
    ]


class ConceptIndex:
    """Finds a concept in a text quickly: a scan for the literal openings of its
    terms, the concept tried only where one is, which is far quicker than searching
    a long alternation at every position. Terms with no literal opening are searched
    on their own."""

    def __init__(self, concepts: dict[str, Concept]):
        self.concepts = concepts
        self._starts: dict[str, re.Pattern] = {}
        self._loose: dict[str, re.Pattern] = {}
        for name, concept in concepts.items():
            openings: set[str] = set()
            loose = []
            for term in concept.terms:
                found = literal_openings(whole_words([term]), shortest=1)
                if found is None or not all(o[0].isalnum() for o in found):
                    loose.append(term)
                else:
                    openings |= found
            if openings:
                self._starts[name] = re.compile(rf"\b(?={trie_regex(openings)})")
            if loose:
                self._loose[name] = re.compile(whole_words(loose))

    def find(self, name: str, words: str, low: int = 0, high: int = -1) -> list:
        """Every match of the concept in words[low:high] (high -1: to the end)."""
        high = len(words) if high < 0 else high
        found = []
        starts = self._starts.get(name)
        if starts is not None:
            match = self.concepts[name].pattern.match
            for start in starts.finditer(words, low, high):
                hit = match(words, start.start(), high)
                if hit is not None:
                    found.append(hit)
        loose = self._loose.get(name)
        if loose is not None:
            found += loose.finditer(words, low, high)
            found.sort(key=lambda m: m.start())
        return found


class Places:
    """Where each concept matches in one text: looked for once, when first asked."""

    def __init__(self, index: ConceptIndex, words: str):
        self._index = index
        self._words = words
        self._found: dict[str, list[re.Match]] = {}
        self._scoped: dict[tuple[str, int, int], list[re.Match]] = {}

    def of(self, name: str) -> list[re.Match]:
        found = self._found.get(name)
        if found is None:
            found = self._found[name] = self._index.find(name, self._words)
        return found

    def within(self, name: str, low: int, high: int) -> list[re.Match]:
        everywhere = self._found.get(name)
        if everywhere is not None:
            return [m for m in everywhere if low <= m.start() and m.end() <= high]
        key = (name, low, high)
        found = self._scoped.get(key)
        if found is None:
            found = self._scoped[key] = self._index.find(name, self._words, low, high)
        return found


def meet(
    combination: Combination,
    places: Places,
    words: str,
    anchor: tuple[int, int],
    scope: tuple[int, int],
) -> tuple[int, int, str] | None:
    """Where the combination's concepts meet around an anchor match, as (start, end,
    the words each concept matched), or None if one is missing or one excluded is
    there."""
    low, high = scope
    if any(places.within(name, low, high) for name in combination.unless):
        return None
    if not all(places.of(name) for name in combination.anywhere):
        return None
    if any(places.of(name) for name in combination.nowhere):
        return None
    start, end = anchor
    matched = [words[start:end]]
    for name in combination.needs:
        found = _nearest(places.within(name, low, high), anchor)
        if found is None:
            return None
        if combination.within == "clause":
            start, end = min(start, found.start()), max(end, found.end())
        matched.append(found.group(0))
    # Within a clause the match covers every concept, so a negation among them
    # counts ("I don't want to die"); across sentences only the anchor is weighed,
    # or one "not" anywhere would silence the whole text.
    return start, end, " ".join(matched)


def _nearest(found: list[re.Match], anchor: tuple[int, int]) -> re.Match | None:
    return min(
        found,
        key=lambda m: max(anchor[0] - m.end(), m.start() - anchor[1], 0),
        default=None,
    )


def combined(anchors, anchored: dict, index: ConceptIndex, context):
    """Each combination whose concepts meet around one of the anchors found, as
    (rule, start, end, the words matched). anchors: (concept, start, end);
    anchored: the combinations by anchor concept."""
    found: set[tuple[str, int, int]] = set()
    words = context.words
    places = Places(index, words)
    for name, start, end in anchors:
        for combination in anchored.get(name, ()):
            scope = _scope(combination.within, context, start, end)
            met = meet(combination, places, words, (start, end), scope)
            if met is None:
                continue
            low, high, matched = met
            key = (combination.rule.id, low, high)
            if key not in found:
                found.add(key)
                yield combination.rule, low, high, matched


def _scope(within: str, context, start: int, end: int) -> tuple[int, int]:
    if within == "clause":
        return context.clause_bounds(start, end)
    if within == "sentence":
        return context.sentence_bounds(start, end)
    return 0, len(context.words)
