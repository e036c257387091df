"""The second opinion's other reader: what the words of a text lean towards.

A linear model over the words and pairs of words of a whole text, trained when first
needed on the labelled texts of every development corpus (English and Spanish, the
held-out corpora never), with one class per risk category and one for "nothing to
raise". The embedding reader compares averages of word vectors, which lose which
words sit together; this one keeps pairs ("all my", "not here", "ya no"), so it hears
much of what was said in words no lexicon lists. Left out corpus by corpus it heard
far more than the embedding at the same share of everyday posts raised (see
docs/safety-rules.md and bench/second_opinion.py).

Words are hashed into a fixed table, so no vocabulary is kept; training is
stochastic gradient descent in a fixed order (a seeded shuffle), so every process
learns the same weights from the same files.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from moderation.levels import LEVEL_RANK
from moderation.rules.normalise import text_form
from moderation.rules.schema import RISK_CATEGORIES

CORPORA = tuple(sorted((Path(__file__).parent / "corpus").glob("dev*.jsonl")))
NOTHING = ""
CLASSES = (NOTHING, *sorted(RISK_CATEGORIES))
# The share of its weight a text must give to the risk categories. Chosen by leaving
# each development corpus out in turn, together with the embedding's cosine and margin
# (semantic.py): the pair that heard most with no more than 3 % of everyday posts
# raised.
THRESHOLD = 0.75
_SLOTS = 2**18
_EPOCHS = 15
_STEP = 0.2
_SHRINK = 0.1  # L2 weight decay: keeps one rare word from deciding alone
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Leaning:
    category: str
    risk: float  # the share of the model's weight on the risk categories


def features(text: str) -> np.ndarray:
    """The hashed slots of the text's words and neighbouring pairs of words."""
    folded = unicodedata.normalize("NFKD", text_form(text).replace("'", ""))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words = _WORD.findall(plain)
    tokens = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    slots = {zlib.crc32(token.encode()) % _SLOTS for token in tokens}
    return np.fromiter(sorted(slots), dtype=np.int64, count=len(slots))


def label(entry: dict) -> str:
    """The class a labelled text teaches: its risk category when high or urgent."""
    if LEVEL_RANK[entry["level"]] < LEVEL_RANK["high"]:
        return NOTHING
    risky = [c for c in entry.get("categories", ()) if c in RISK_CATEGORIES]
    return risky[0] if risky else NOTHING


def read_labelled(files) -> list[dict]:
    return [
        json.loads(line)
        for path in files
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


class WordModel:
    def __init__(self, corpus_files=CORPORA, threshold: float = THRESHOLD):
        self.threshold = threshold
        entries = read_labelled(corpus_files)
        weights, self._bias = _train(
            [features(e["text"]) for e in entries],
            np.array([CLASSES.index(label(e)) for e in entries]),
        )
        self._weights = weights.astype(np.float32)  # half the memory, same answers

    def leaning(self, text: str) -> Leaning:
        shares = _softmax(self._weights[features(text)].sum(axis=0) + self._bias)
        strongest = int(shares[1:].argmax()) + 1
        return Leaning(CLASSES[strongest], float(1.0 - shares[0]))

    def far_enough(self, leaning: Leaning) -> bool:
        return leaning.risk >= self.threshold

    def opinion(self, text: str) -> Leaning | None:
        """The risk category the text leans towards, if it leans far enough."""
        found = self.leaning(text)
        return found if self.far_enough(found) else None


def _softmax(scores: np.ndarray) -> np.ndarray:
    exp = np.exp(scores - scores.max())
    return exp / exp.sum()


def _train(texts: list[np.ndarray], classes: np.ndarray):
    weights = np.zeros((_SLOTS, len(CLASSES)))
    bias = np.zeros(len(CLASSES))
    # Everyday texts and risky ones count as two halves, however many of each.
    counts = np.bincount(classes, minlength=len(CLASSES))
    risky = max(1, int(counts[1:].sum()))
    balance = np.full(len(CLASSES), 0.5 * len(classes) / risky)
    balance[0] = 0.5 * len(classes) / max(1, int(counts[0]))
    order = np.random.default_rng(0)
    for _ in range(_EPOCHS):
        for i in order.permutation(len(texts)):
            slots, truth = texts[i], classes[i]
            error = _softmax(weights[slots].sum(axis=0) + bias)
            error[truth] -= 1.0
            error *= balance[truth]
            weights[slots] -= _STEP * (error + _SHRINK * weights[slots])
            bias -= _STEP * error
    return weights, bias


@lru_cache(maxsize=1)
def word_model() -> WordModel:
    return WordModel()
