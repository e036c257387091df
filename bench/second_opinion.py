"""How much the second opinion hears, and how often it raises an everyday post.

Run from the project root: python bench/second_opinion.py [--held-out]

Each development corpus is left out in turn; both readers (the embedding and the
word model) learn from the others and are asked about every text of the one left
out, on their own, without the rules. Prints one JSON line per word-model threshold:
risky texts (high or urgent) heard and everyday texts raised, by each reader and by
either; then one line per urgency threshold: how many texts of each level the word
model would mark urgent. With --held-out it then prints, for each held-out corpus,
how many of the risky texts the rules leave below high each reader raises, how many
of the urgent texts the rules leave below urgent it marks urgent, and how many
everyday posts the rules leave quiet it raises, and texts of other levels it marks
urgent (totals only: no text is printed).
"""

import argparse
import json
import os
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindred.settings")

import django  # noqa: E402

django.setup()

from moderation.levels import LEVEL_RANK  # noqa: E402
from moderation.rules import current_rules  # noqa: E402
from moderation.rules.engine import assess_with  # noqa: E402
from moderation.rules.schema import RISK_CATEGORIES  # noqa: E402
from moderation.rules.scoring import read_corpus  # noqa: E402
from moderation.rules.semantic import SecondOpinion, second_opinion  # noqa: E402
from moderation.rules.word_model import (  # noqa: E402
    CORPORA,
    THRESHOLD,
    URGENT_THRESHOLD,
    WordModel,
    label,
    read_labelled,
    word_model,
)

THRESHOLDS = (THRESHOLD - 0.1, THRESHOLD, THRESHOLD + 0.1)
URGENT_THRESHOLDS = (URGENT_THRESHOLD - 0.1, URGENT_THRESHOLD, URGENT_THRESHOLD + 0.1)


class LeftOut(NamedTuple):
    """What both readers made of one text of a corpus left out."""

    embedding_heard: bool
    word_risk: float
    urgency: float
    level: str
    risky: bool
    everyday: bool


def left_out_in_turn() -> list[LeftOut]:
    rows = []
    for left_out in CORPORA:
        others = [path for path in CORPORA if path != left_out]
        embedding = SecondOpinion(prototype_files=others)
        words = WordModel(corpus_files=others)
        for entry in read_labelled([left_out]):
            text, level = entry["text"], entry["level"]
            heard = embedding.opinion(text) is not None
            leaning = words.leaning(text)
            everyday = level == "none" and not label(entry)
            rows.append(
                LeftOut(
                    heard,
                    leaning.risk,
                    leaning.urgency,
                    level,
                    bool(label(entry)),
                    everyday,
                )
            )
    return rows


def shares(rows: list[LeftOut], threshold: float) -> dict:
    result = {"word_model_threshold": threshold}
    for group in ("risky", "everyday"):
        chosen = [row for row in rows if getattr(row, group)]
        by_embedding = sum(row.embedding_heard for row in chosen)
        by_words = sum(row.word_risk >= threshold for row in chosen)
        by_either = sum(
            row.embedding_heard or row.word_risk >= threshold for row in chosen
        )
        result[group] = {
            "texts": len(chosen),
            "embedding": by_embedding,
            "word_model": by_words,
            "either": by_either,
            "either_percent": round(100 * by_either / len(chosen), 1),
        }
    return result


def marked_urgent(rows: list[LeftOut], threshold: float) -> dict:
    result = {"urgent_threshold": threshold}
    for level in LEVEL_RANK:
        chosen = [row for row in rows if row.level == level]
        marked = sum(row.urgency >= threshold for row in chosen)
        result[level] = {
            "texts": len(chosen),
            "marked_urgent": marked,
            "percent": round(100 * marked / max(1, len(chosen)), 1),
        }
    return result


def held_out_effect():
    for language in ("en", "es"):
        current_rules(language)
    corpus = ROOT / "moderation" / "rules" / "corpus"
    for path in sorted(corpus.glob("heldout*.jsonl")):
        counts = dict.fromkeys(
            ("below_high", "embedding", "word_model", "either", "quiet_everyday"), 0
        )
        raised_everyday = dict.fromkeys(("embedding", "word_model", "either"), 0)
        urgency = dict.fromkeys(("below_urgent", "marked_urgent", "wrongly_urgent"), 0)
        for entry in read_corpus(path):
            rules = assess_with(current_rules, entry.text)
            embedding = second_opinion().opinion(entry.text) is not None
            leaning = word_model().leaning(entry.text)
            words = word_model().far_enough(leaning)
            sounds_urgent = word_model().sounds_urgent(leaning)
            if rules.level != "urgent":
                if entry.level == "urgent":
                    urgency["below_urgent"] += 1
                    urgency["marked_urgent"] += sounds_urgent
                else:
                    urgency["wrongly_urgent"] += sounds_urgent
            if LEVEL_RANK[entry.level] >= 2 and LEVEL_RANK[rules.level] < 2:
                counts["below_high"] += 1
                counts["embedding"] += embedding
                counts["word_model"] += words
                counts["either"] += embedding or words
            if entry.everyday and not set(rules.categories) & RISK_CATEGORIES:
                counts["quiet_everyday"] += 1
                raised_everyday["embedding"] += embedding
                raised_everyday["word_model"] += words
                raised_everyday["either"] += embedding or words
        print(
            json.dumps(
                {
                    "corpus": path.name,
                    **counts,
                    "everyday_raised": raised_everyday,
                    "urgency": urgency,
                }
            )
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", action="store_true")
    options = parser.parse_args()
    rows = left_out_in_turn()
    for threshold in THRESHOLDS:
        print(json.dumps(shares(rows, threshold)))
    for threshold in URGENT_THRESHOLDS:
        print(json.dumps(marked_urgent(rows, threshold)))
    if options.held_out:
        held_out_effect()


if __name__ == "__main__":
    main()
