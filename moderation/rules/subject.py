"""Whose words are these about: the writer's own, or someone she is worried for?

"I want to die" is the writer's risk; "my sister says she wants to die" is the same
risk in someone else, and the writer needs help to help her. The rules find the risk
either way; this module reads who it belongs to, from the words the match covers and
the last person named before it in its clause.

It uses two concepts of the rules file: "writer" (I, me, my) and "someone_else"
(she, he, they, my sister, a mum on here). Without them every match is the writer's.
"""

from __future__ import annotations

import re

# Categories that describe the writer's own state or acts, so they can belong to
# someone else instead.
WRITERS_OWN = frozenset(
    {
        "suicidal_thoughts",
        "self_harm",
        "harm_to_baby",
        "intrusive_thoughts",
        "psychosis",
    }
)
_THIRD_PERSON = r"(?:she|he|they|shes|hes|theyre|theyve|shed|hed|theyd|shell|theyll)"
_REFLEXIVE = re.compile(r"\b(?:herself|himself|themselves|themself)\b")
# "she told me she ...", "he keeps saying he ...": speech reported about its speaker.
_SPEAKER_ABOUT_SELF = re.compile(
    r"\b(?:told me|tells me|telling me|said|says|saying|texted(?: me)?|"
    r"messaged(?: me)?|admitted|confided|wrote|posted|mentioned)(?: that)? "
    + _THIRD_PERSON
    + r"\b"
)


WRITER, SOMEONE_ELSE, ADDRESSEE = "writer", "someone else", "addressee"
_WHO = {"other": SOMEONE_ELSE, "you": ADDRESSEE, "self": WRITER}
_YOU = r"you|u|ya|yourself|urself"
# The addressee in each language a rules file may be written in ("ya" is Spanish
# for "already", not "you").
_YOU_IN = {"en": _YOU, "es": r"tu|usted|ustedes|vos|te mueras|se mueran"}
# Someone else's psychosis is told through what she says, thinks or perceives
# ("my wife thinks the baby was swapped"); otherwise "she" in a delusion is
# usually the baby it is about ("she's possessed").
_BELIEF = (
    r"(?: \w+){0,6} (?:thinks|thought|believes|believed|says|said|keeps saying|"
    r"kept saying|is convinced|was convinced|convinced|is sure|swears|insists|"
    r"hears|heard|is hearing|sees|saw|is seeing|has been (?:hearing|seeing|saying)|"
    r"told me|tells me|keeps telling)\b"
)


# "love you all", "thank you": you as the one loved or thanked, not the one at risk.
_YOU_AS_OBJECT = re.compile(
    r"\b(?:love|thank|miss|tell|told|to|with|for|and|of|see)\s*$"
)


# "texted me goodbye", "sent me a note": me as the one told, not the one at risk.
_TOLD = re.compile(
    r"\b(?:texted|messaged|sent|told|rang|called|phoned|asked|showed|gave|wrote|"
    r"emailed|dm(?:e|m)?d|snapped|tagged)\s*$"
)


def _told(matched: str, found: re.Match) -> bool:
    return found.group(0) == "me" and bool(_TOLD.search(matched, 0, found.start()))


def _wished_on(matched: str, found: re.Match) -> bool:
    """True when "you" in the match is the one the words wish harm on."""
    return found.lastgroup == "you" and not _YOU_AS_OBJECT.search(
        matched, 0, found.start()
    )


class Subject:
    def __init__(
        self,
        writer: re.Pattern | None,
        someone_else: re.Pattern | None,
        you: str = _YOU,
    ):
        self._writer = writer
        self._someone_else = someone_else
        if writer is not None and someone_else is not None:
            # Someone else first, so "my sister" is read before "my".
            self._person = re.compile(
                rf"\b(?:(?P<other>{someone_else.pattern})|(?P<you>{you})|"
                rf"(?P<self>{writer.pattern}))\b"
            )
            self._believer = re.compile(someone_else.pattern + _BELIEF)
            self._speaker_quoted = re.compile(
                rf"{someone_else.pattern}(?: \w+){{0,3}} (?:said|says|texted|"
                r"messaged|wrote|posted|told me|tells me|sent me)\b[^\"]{0,20}\"[^\"]*$"
            )
        else:
            self._person = None

    @classmethod
    def from_concepts(cls, concepts: dict, language: str = "en") -> Subject:
        writer = concepts.get("writer")
        someone_else = concepts.get("someone_else")
        return cls(
            writer.pattern if writer else None,
            someone_else.pattern if someone_else else None,
            _YOU_IN[language],
        )

    def whose(self, hit, words: str, clause_start: int) -> str:
        """WRITER, SOMEONE_ELSE or ADDRESSEE ("I hope you die"): whom the match
        is about."""
        if self._person is None or hit.category not in WRITERS_OWN:
            return WRITER
        matched = words[hit.start : hit.end]
        if _REFLEXIVE.search(matched):
            return SOMEONE_ELSE
        if hit.category == "psychosis":
            before = words[clause_start : hit.start]
            return SOMEONE_ELSE if self._believer.search(before) else WRITER
        people = [p for p in self._person.finditer(matched) if not _told(matched, p)]
        if any(found.lastgroup == "self" for found in people):
            return WRITER
        if people and people[0].start() == 0:
            return _WHO[people[0].lastgroup]
        if any(_wished_on(matched, found) for found in people):
            return ADDRESSEE
        last = None
        for found in self._person.finditer(words, clause_start, hit.start):
            last = found
        return _WHO[last.lastgroup] if last is not None else WRITER

    def reports_someone_else(self, before: str) -> bool:
        """True when the words before a match report another person speaking of
        herself ("she told me she ...", 'my sister texted "...').'"""
        if self._person is None:
            return False
        return bool(
            _SPEAKER_ABOUT_SELF.search(before) or self._speaker_quoted.search(before)
        )
