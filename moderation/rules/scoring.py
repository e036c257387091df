"""Scoring the rules against a labelled corpus (JSON Lines).

Each line is {"text", "level", "categories"}, optionally "theme" and "register". The
score is what a moderator would ask: is the level right, are urgent texts caught, do
everyday posts stay quiet, and per category, how precise and how complete.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from moderation.levels import LEVEL_RANK, ORDER
from moderation.rules.schema import CATEGORIES, RISK_CATEGORIES


class CorpusError(ValueError):
    """A corpus line that cannot be scored; the message names the file and line."""


@dataclass(frozen=True)
class Labelled:
    text: str
    level: str
    categories: frozenset[str]
    theme: str = ""
    where: str = ""

    @property
    def everyday(self) -> bool:
        return self.level == "none" and not (self.categories & RISK_CATEGORIES)


def read_corpus(path: str | Path) -> list[Labelled]:
    entries = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{where}: not valid JSON: {exc}") from None
            level = raw.get("level") if isinstance(raw, dict) else None
            categories = raw.get("categories", []) if isinstance(raw, dict) else None
            if not isinstance(raw.get("text") if level else None, str):
                raise CorpusError(f"{where}: needs a text and a level")
            if level not in LEVEL_RANK:
                raise CorpusError(f"{where}: unknown level {level!r}")
            unknown = set(categories or ()) - set(CATEGORIES)
            if not isinstance(categories, list) or unknown:
                raise CorpusError(f"{where}: unknown categories {sorted(unknown)}")
            entries.append(
                Labelled(
                    raw["text"],
                    level,
                    frozenset(categories),
                    raw.get("theme", ""),
                    where,
                )
            )
    return entries


@dataclass
class Score:
    total: int = 0
    level_right: int = 0
    urgent: int = 0
    urgent_caught: int = 0
    everyday: int = 0
    everyday_raised: int = 0
    confusion: Counter = field(default_factory=Counter)  # (expected, got)
    true_positive: Counter = field(default_factory=Counter)
    false_positive: Counter = field(default_factory=Counter)
    false_negative: Counter = field(default_factory=Counter)
    misses: list = field(default_factory=list)  # (entry, assessment)

    def add(self, entry: Labelled, got) -> None:
        self.total += 1
        self.confusion[(entry.level, got.level)] += 1
        right = got.level == entry.level
        self.level_right += right
        if entry.level == "urgent":
            self.urgent += 1
            self.urgent_caught += got.level == "urgent"
        if entry.everyday:
            self.everyday += 1
            self.everyday_raised += bool(set(got.categories) & RISK_CATEGORIES)
        found = set(got.categories)
        for category in CATEGORIES:
            expected, matched = category in entry.categories, category in found
            if expected and matched:
                self.true_positive[category] += 1
            elif matched:
                self.false_positive[category] += 1
            elif expected:
                self.false_negative[category] += 1
        if not right or found != set(entry.categories):
            self.misses.append((entry, got))

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def accuracy(self):
        return self._share(self.level_right, self.total)

    @property
    def urgent_recall(self):
        return self._share(self.urgent_caught, self.urgent)

    @property
    def everyday_raised_share(self):
        return self._share(self.everyday_raised, self.everyday)

    def per_category(self) -> list[tuple[str, int, float | None, float | None]]:
        rows = []
        for category in CATEGORIES:
            tp = self.true_positive[category]
            fp = self.false_positive[category]
            fn = self.false_negative[category]
            if tp + fp + fn:
                rows.append(
                    (
                        category,
                        tp + fn,
                        self._share(tp, tp + fp),
                        self._share(tp, tp + fn),
                    )
                )
        return rows


def score(entries, assess) -> Score:
    """Score assess(text) -> Assessment over the labelled entries."""
    result = Score()
    for entry in entries:
        result.add(entry, assess(entry.text))
    return result


def percent(value: float | None) -> str:
    return "  -  " if value is None else f"{100 * value:5.1f}"


def report(result: Score) -> list[str]:
    """The score as lines of text: headline figures, categories, level confusion."""
    lines = [
        f"texts: {result.total}",
        f"level right:            {percent(result.accuracy)} %",
        f"urgent caught:          {percent(result.urgent_recall)} % "
        f"({result.urgent_caught} of {result.urgent})",
        f"everyday posts raised:  {percent(result.everyday_raised_share)} % "
        f"({result.everyday_raised} of {result.everyday})",
        "",
        f"{'category':<24}{'texts':>6}{'precision':>11}{'recall':>8}",
    ]
    for category, count, precision, recall in result.per_category():
        lines.append(
            f"{category:<24}{count:>6}{percent(precision):>11}{percent(recall):>8}"
        )
    lines += ["", "expected \\ got  " + "".join(f"{lv:>8}" for lv in ORDER)]
    for expected in ORDER:
        row = "".join(f"{result.confusion[(expected, got)]:>8}" for got in ORDER)
        lines.append(f"{expected:<16}{row}")
    return lines
