"""Reading a match in its context: sentences, clauses, quotes and idioms.

The weighing (weigh.py) asks, for each match, where its sentence and clause begin
and end (negation and past tense count only there), whether it sits in quoted text,
and whether an idiom covers it.
"""

from __future__ import annotations

import re

_SENTENCE_MARKS = ".!?\n"
# Quoted text: in double quotes, a "> " quoted line, or in single quotes that are
# not apostrophes.
_QUOTE_SPANS = re.compile(
    r'"[^"\n]{1,600}"|(?m:^[ ]*>.*$)|'
    r"(?<![a-z0-9])'[^'\n]{1,300}'(?![a-z0-9])"
)


class Context:
    """Sentences, clauses, quotes and idioms around the matches in one words form.

    Bounds are found by looking outwards from a match, so a long post costs no more
    than a short one. contrast finds the words that end a clause ("but").
    """

    __slots__ = ("contrast", "words", "_quotes", "_idioms", "_bounds", "memo")

    def __init__(self, words: str, idioms: list[tuple[int, int]], contrast: re.Pattern):
        self.contrast = contrast
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
        contrast = self.contrast
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
                self._quotes = [m.span() for m in _QUOTE_SPANS.finditer(words)]
            else:
                self._quotes = []
        return any(start <= position < end for start, end in self._quotes)

    def inside_idiom(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self._idioms)
