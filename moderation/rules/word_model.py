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

A second head on the same words learns the level (none, low, high, urgent), and says
how urgent a text sounds: the rules hear urgency only in the phrasings their
lexicons list, and a fresh way of saying "tonight, with the tablets I saved" is as
often missed altogether as rated high. When this head is sure enough, the second
opinion marks the text urgent: the top of the moderators' queue and their urgent
alert, still never held or hidden.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
from django.conf import settings

from core.once import once
from moderation.levels import LEVEL_RANK, ORDER
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
# The share of its weight the level head must give to urgent. Chosen the same way:
# the lowest that marked no more than 2 % of everyday posts and 1 % of high ones
# urgent, left out corpus by corpus.
URGENT_THRESHOLD = 0.7
URGENT = ORDER.index("urgent")
_SLOTS = 2**18
_EPOCHS = 15
_STEP = 0.2
_SHRINK = 0.1  # L2 weight decay: keeps one rare word from deciding alone
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Leaning:
    category: str
    risk: float  # the share of the model's weight on the risk categories
    urgency: float = 0.0  # the share of the level head's weight on urgent


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
    """Learnt from corpus_files; with a cache_dir, what was learnt is kept there and
    loaded by the next model of the same corpora instead of learning again."""

    def __init__(
        self,
        corpus_files=CORPORA,
        threshold: float = THRESHOLD,
        urgent_threshold: float = URGENT_THRESHOLD,
        cache_dir: str | Path | None = None,
    ):
        self.threshold = threshold
        self.urgent_threshold = urgent_threshold
        if cache_dir is None:
            learnt = _learn(read_labelled(corpus_files))
        else:
            learnt = _kept_or_learnt(Path(cache_dir), corpus_files)
        self._categories, self._levels = learnt

    def leaning(self, text: str) -> Leaning:
        slots = features(text)
        shares = _shares(self._categories, slots)
        strongest = int(shares[1:].argmax()) + 1
        urgency = _shares(self._levels, slots)[URGENT]
        return Leaning(CLASSES[strongest], float(1.0 - shares[0]), float(urgency))

    def far_enough(self, leaning: Leaning) -> bool:
        return leaning.risk >= self.threshold

    def sounds_urgent(self, leaning: Leaning) -> bool:
        return leaning.urgency >= self.urgent_threshold

    def opinion(self, text: str) -> Leaning | None:
        """The risk category the text leans towards, if it leans far enough."""
        found = self.leaning(text)
        return found if self.far_enough(found) else None


def _learn(entries: list[dict]):
    categories = np.array([CLASSES.index(label(e)) for e in entries])
    levels = np.array([LEVEL_RANK[e["level"]] for e in entries])
    return _train(
        [features(e["text"]) for e in entries],
        # Everyday texts and risky ones count as two halves, however many of each;
        # each level weighs the same in all, however many texts it has.
        (categories, _halves(categories)),
        (levels, _evenly(levels, len(ORDER))),
    )


def _kept_or_learnt(cache_dir: Path, corpus_files):
    kept = cache_dir / f"word-model-{_fingerprint(corpus_files)}.npz"
    learnt = _load(kept)
    if learnt is None:
        learnt = _learn(read_labelled(corpus_files))
        _keep(kept, learnt)
        for outdated in cache_dir.glob("word-model-*.npz"):
            if outdated != kept:
                outdated.unlink(missing_ok=True)
    return learnt


# Part of every cache file's name: change it when features or training change.
_LEARNING = f"words+pairs {_SLOTS} {_EPOCHS} {_STEP} {_SHRINK} {CLASSES} {ORDER}"


def _fingerprint(corpus_files) -> str:
    digest = hashlib.sha256(_LEARNING.encode())
    for path in corpus_files:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:20]


def _keep(path: Path, heads) -> None:
    """Only the rows some word reached are written (a few MB, not the whole table).
    Written beside and then moved into place, so no reader finds half a file; a
    folder that cannot be written only means learning again next time."""
    (categories, category_bias), (levels, level_bias) = heads
    rows = np.flatnonzero(np.any(categories != 0, axis=1) | np.any(levels != 0, axis=1))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as file:
            np.savez(
                file,
                rows=rows,
                categories=categories[rows],
                category_bias=category_bias,
                levels=levels[rows],
                level_bias=level_bias,
            )
        os.replace(file.name, path)
    except OSError:
        return


def _load(path: Path):
    """The heads kept at path, or None when there are none to be read."""
    try:
        with np.load(path) as kept:
            return [
                (_table(kept["rows"], kept[name]), kept[f"{bias}_bias"])
                for name, bias in (("categories", "category"), ("levels", "level"))
            ]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None


def _table(rows: np.ndarray, values: np.ndarray) -> np.ndarray:
    table = np.zeros((_SLOTS, values.shape[1]), dtype=np.float32)
    table[rows] = values
    return table


def _softmax(scores: np.ndarray) -> np.ndarray:
    exp = np.exp(scores - scores.max())
    return exp / exp.sum()


def _shares(head, slots: np.ndarray) -> np.ndarray:
    weights, bias = head
    return _softmax(weights[slots].sum(axis=0) + bias)


def _halves(classes: np.ndarray) -> np.ndarray:
    """How much each class's texts weigh so class 0 and the rest weigh half each."""
    counts = np.bincount(classes, minlength=len(CLASSES))
    balance = np.full(len(CLASSES), 0.5 * len(classes) / max(1, int(counts[1:].sum())))
    balance[0] = 0.5 * len(classes) / max(1, int(counts[0]))
    return balance


def _evenly(classes: np.ndarray, count: int) -> np.ndarray:
    return len(classes) / (count * np.maximum(np.bincount(classes, minlength=count), 1))


def _train(texts: list[np.ndarray], *heads: tuple[np.ndarray, np.ndarray]):
    """One (weights, bias) per head, each head given as (class of each text, weight
    of each class). The heads read the same words, so they learn side by side in one
    table, each with its own columns: one pass costs little more than one head."""
    widths = [len(balance) for _, balance in heads]
    edges = np.cumsum([0, *widths])
    spans = list(pairwise(edges))
    weights = np.zeros((_SLOTS, edges[-1]))
    bias = np.zeros(edges[-1])
    keep = 1.0 - _STEP * _SHRINK
    order = np.random.default_rng(0)
    for _ in range(_EPOCHS):
        for i in order.permutation(len(texts)):
            slots = texts[i]
            rows = weights[slots]
            scores = rows.sum(axis=0) + bias
            error = np.empty_like(scores)
            for (classes, balance), (low, high) in zip(heads, spans, strict=True):
                share = _softmax(scores[low:high])
                share[classes[i]] -= 1.0
                error[low:high] = share * balance[classes[i]]
            weights[slots] = rows * keep - _STEP * error
            bias -= _STEP * error
    weights = weights.astype(np.float32)  # half the memory, same answers
    return [(weights[:, low:high].copy(), bias[low:high]) for low, high in spans]


@once
def word_model() -> WordModel:
    """The model learnt from every development corpus (or kept from learning it
    before), once per process."""
    return WordModel(cache_dir=settings.MODEL_CACHE_DIR or None)
