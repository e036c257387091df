"""A second opinion for what no lexicon foresaw.

Each sentence of a text (and the text as a whole) is embedded with a small static
embedding model that ships inside its wheel (wordllama, 256 dimensions, loaded from
the package's own folder: nothing is fetched) and compared with prototypes: labelled
texts written for the rules' development corpora, every category and register,
everyday posts among them. When the nearest prototype of some sentence is one of
clear risk (high or urgent) and close enough, the text is raised to "signpost and
flag for review" (level high) under that prototype's category.

It only ever adds: a text the rules already rate high or urgent is left as it is,
and nothing is held, hidden or lowered because of it. A nearest prototype that is
an everyday post keeps a text quiet, which is what stops "ready to die lol, the lift
was broken" from being raised by its words alone.

When the embedding hears nothing, the word model (word_model.py), trained on the
same texts, is asked in turn; either may raise the text, in the same way. The word
model also says how urgent a text sounds, and when it is sure, a text the rules
rate below urgent is marked urgent: first in the moderators' queue, with their
urgent alert. That too is only a flag: nothing is held or hidden by it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from core.once import once
from moderation.levels import is_serious
from moderation.rules.schema import Assessment
from moderation.rules.word_model import CORPORA, label, read_labelled, word_model

# Every development corpus, English and Spanish: a Spanish post is nearest to
# Spanish prototypes. The held-out corpora are never prototypes.
PROTOTYPES = CORPORA
# The similarity (cosine) a sentence needs with its nearest risk prototype, and how
# much nearer it must be than the nearest everyday one. Chosen by leaving each
# development corpus out in turn, with the others as prototypes (see
# docs/safety-rules.md).
THRESHOLD = 0.60
MARGIN = 0.15
RULE_ID = "second_opinion"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_SHORTEST = 12  # characters: "ok thanks" says nothing either way


@dataclass(frozen=True)
class Opinion:
    category: str
    similarity: float
    sentence: str
    prototype: str


@lru_cache(maxsize=1)
def _model():
    import wordllama

    return wordllama.WordLlama.load(
        cache_dir=Path(wordllama.__file__).parent, dim=256, disable_download=True
    )


class SecondOpinion:
    def __init__(self, prototype_files=PROTOTYPES, threshold: float = THRESHOLD):
        self.threshold = threshold
        entries = read_labelled(prototype_files)
        texts = [entry["text"] for entry in entries]
        labels = [label(entry) for entry in entries]
        everyday = [entry["level"] == "none" for entry in entries]
        self._texts, self._labels = texts, labels
        self._risky = np.array([bool(category) for category in labels])
        self._everyday = np.array(everyday)
        self._vectors = _model().embed(texts, norm=True)

    def opinion(self, text: str) -> Opinion | None:
        """The closest risk prototype to any sentence of text, if close enough and
        nearer than every everyday one."""
        pieces = [text, *_sentences(text)]
        pieces = [p for p in dict.fromkeys(pieces) if len(p) >= _SHORTEST]
        if not pieces:
            return None
        similarities = _model().embed(pieces, norm=True) @ self._vectors.T
        best = None
        for piece, row in zip(pieces, similarities, strict=True):
            risk = np.where(self._risky, row, -1.0)
            nearest = int(risk.argmax())
            score = float(risk[nearest])
            calm = float(np.where(self._everyday, row, -1.0).max())
            if score >= self.threshold and score - calm >= MARGIN:
                if best is None or score > best.similarity:
                    best = Opinion(
                        self._labels[nearest], score, piece, self._texts[nearest]
                    )
        return best


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


@once
def second_opinion() -> SecondOpinion:
    """The embedding reader, once per process."""
    return SecondOpinion()


def heard(text: str, opinion=None, words=None, leaning=None) -> str | None:
    """The risk category the embedding, or else the word model, hears in text
    (leaning: the word model's reading of text, when it has been read already)."""
    found = (opinion or second_opinion()).opinion(text)
    if found is None:
        words = words or word_model()
        leaning = leaning or words.leaning(text)
        found = leaning if words.far_enough(leaning) else None
    return None if found is None else found.category


def raised(assessment: Assessment, text: str, opinion=None, words=None) -> Assessment:
    """assessment, raised to signpost and flag when the second opinion hears risk
    the rules did not: to urgent when the word model is sure it sounds urgent, else
    to high. Never lowered, held or hidden."""
    if assessment.level == "urgent":
        return assessment
    words = words or word_model()
    leaning = words.leaning(text)
    if words.sounds_urgent(leaning):
        return _raised_to("urgent", assessment, leaning.category)
    if is_serious(assessment.level):
        return assessment
    category = heard(text, opinion, words, leaning)
    if category is None:
        return assessment
    return _raised_to("high", assessment, category)


def _raised_to(level: str, assessment: Assessment, category: str) -> Assessment:
    others = tuple(c for c in assessment.categories if c != category)
    # What the rules rated high they named better than the words' leaning can.
    first_named = is_serious(assessment.level) and others
    categories = (*others, category) if first_named else (category, *others)
    return replace(
        assessment,
        level=level,
        categories=categories,
        rules=(*assessment.rules, RULE_ID),
        actions=assessment.actions | {"signpost", "flag"},
    )


def with_second_opinion(assess, opinion=None, words=None):
    """assess (text, new_account=...) with the second opinion after it."""

    def assess_twice(text: str, new_account: bool = False) -> Assessment:
        return raised(assess(text, new_account=new_account), text, opinion, words)

    return assess_twice
