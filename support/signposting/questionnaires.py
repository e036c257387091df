"""Kindred's own check-in questions, and the engine for screening questionnaires that
operators load as data (Kindred ships no copyrighted instrument's wording).

A questionnaire file is JSON::

    {
      "slug": "calm-week",                 # letters, digits and dashes
      "title": "...", "version": "1.0",
      "citation": "...",                   # shown with the questionnaire and results
      "instructions": "...",               # optional
      "options": [{"label": "...", "weight": 0}, ...],   # optional default options
      "items": [
        {"id": "q1", "text": "...", "options": [...], "reverse": false}, ...
      ],
      "thresholds": [                      # cover every possible total, no gaps
        {"min": 0, "max": 4, "label": "...", "advice": "..."}, ...
      ],
      "crisis_item": {"id": "q5", "positive_options": ["Sometimes", "Often"]}
    }

An item without "options" uses the default ones. A reversed item scores
(highest weight + lowest weight - weight). A chosen option listed in the crisis
item's positive_options shows the crisis panel, whatever the total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.data_files import DataFileError

# --- Kindred's own check-in -------------------------------------------------------

MOOD_CHOICES = [
    (1, _("Very low")),
    (2, pgettext_lazy("mood", "Low")),
    (3, _("Up and down")),
    (4, _("Mostly OK")),
    (5, _("Good")),
]

HOW_OFTEN = [
    ("never", _("Not at all")),
    ("sometimes", _("Now and then")),
    ("often", _("Often")),
    ("mostly", _("Most of the time")),
]

# key, question, choices. The wording is Kindred's own, about the past week.
CHECK_IN_QUESTIONS = [
    (
        "sleep",
        _(
            "When you've had the chance to sleep (the baby asleep, or someone else "
            "with them), have you been able to?"
        ),
        [
            ("yes", _("Mostly, yes")),
            ("some", _("Some of the time")),
            ("no", _("Hardly at all, even with the chance")),
        ],
    ),
    (
        "enjoy",
        _("Have you been able to enjoy things, or look forward to anything?"),
        [
            ("usual", _("About as much as usual")),
            ("less", _("A bit less than usual")),
            ("much_less", _("Much less than usual")),
            ("none", _("Not really at all")),
        ],
    ),
    ("worry", _("Have you felt worried, anxious or on edge?"), HOW_OFTEN),
    ("overwhelmed", _("Have things felt like too much to cope with?"), HOW_OFTEN),
    (
        "support",
        _("Is there someone you can be honest with about how you feel?"),
        [
            ("yes", _("Yes")),
            ("sort_of", _("Sort of")),
            ("no", _("Not really")),
        ],
    ),
    (
        "low_for",
        _("If you've been feeling low, how long has it been going on?"),
        [
            ("not_low", _("I haven't been feeling low")),
            ("under_two_weeks", _("Less than two weeks")),
            ("two_weeks_or_more", _("Two weeks or more")),
        ],
    ),
    (
        "self_harm",
        _(
            "Have you had thoughts of harming yourself, or that you'd be better off "
            "not being here?"
        ),
        [
            ("no", _("No")),
            ("sometimes", _("Yes, sometimes")),
            ("often", _("Yes, often")),
        ],
    ),
]
SELF_HARM_YES = {"sometimes", "often"}


ADVICE = {
    "low": _(
        "Feeling low or flat for two weeks or more is worth telling a professional "
        "about: your midwife, health visitor, GP or doctor. You don't need to be sure "
        "anything is wrong to ask. It is common, it is treatable, and they hear it "
        "every day."
    ),
    "worry": _(
        "Worry or overwhelm most days is a lot to carry. If it has been going on for "
        "a while, or it stops you resting, eating or going out, mention it to your "
        "midwife, health visitor or GP."
    ),
    "sleep": _(
        "Not being able to sleep even when you get the chance is worth raising with "
        "your GP, midwife or health visitor. It is different from the baby waking you."
    ),
    "support": _(
        "Having nobody to be honest with makes everything heavier. Other parents here "
        "understand, and a listener can talk with you now."
    ),
    "steady": _(
        "Thank you for checking in with yourself. If things change, come back any "
        "time. You can talk to your midwife, health visitor or GP about how you feel "
        "even on an OK week."
    ),
}


def advice_for(mood: int | None, answers: dict) -> list[str]:
    """Plain next steps for a Kindred check-in. Never a diagnosis or a score."""
    keys = []
    flat = (
        mood is not None and mood <= 2 and answers.get("enjoy") in {"much_less", "none"}
    )
    if answers.get("low_for") == "two_weeks_or_more" or flat:
        keys.append("low")
    if {answers.get("worry"), answers.get("overwhelmed")} & {"often", "mostly"}:
        keys.append("worry")
    if answers.get("sleep") == "no":
        keys.append("sleep")
    if answers.get("support") in {"no", "sort_of"}:
        keys.append("support")
    return [ADVICE[key] for key in keys or ["steady"]]


# --- Loaded questionnaires ----------------------------------------------------------


class QuestionnaireError(DataFileError):
    """A questionnaire file that can't be used; errors lists every reason."""


_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


def _text(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_options(options, where: str, errors: list[str]) -> None:
    if not isinstance(options, list) or len(options) < 2:
        errors.append(f"{where}: needs at least two answer options")
        return
    labels = set()
    for number, option in enumerate(options):
        if not isinstance(option, dict) or set(option) != {"label", "weight"}:
            errors.append(f"{where}, option {number}: needs exactly label and weight")
            continue
        if not _text(option["label"]):
            errors.append(f"{where}, option {number}: label is empty")
        if not _int(option["weight"]):
            errors.append(f"{where}, option {number}: weight must be a whole number")
        if option["label"] in labels:
            errors.append(
                f"{where}, option {number}: label {option['label']!r} repeats"
            )
        labels.add(option["label"])


def validate_definition(data) -> list[str]:
    """Every reason data can't be used as a questionnaire (empty when it can)."""
    if not isinstance(data, dict):
        return ["the file must hold a JSON object"]
    errors: list[str] = []
    allowed = {
        "slug",
        "title",
        "version",
        "citation",
        "instructions",
        "options",
        "items",
        "thresholds",
        "crisis_item",
    }
    for key in sorted(set(data) - allowed):
        errors.append(f"unknown key {key!r}")
    for key in ("slug", "title", "version", "citation"):
        if not _text(data.get(key)):
            errors.append(f"{key} is missing or empty")
    if _text(data.get("slug")) and not _SLUG.match(data["slug"]):
        errors.append("slug may hold only lowercase letters, digits and dashes")
    if "options" in data:
        _check_options(data["options"], "default options", errors)
    items = data.get("items")
    if not isinstance(items, list) or not items:
        errors.append("items must be a non-empty list")
        items = []
    ids = set()
    for number, item in enumerate(items):
        where = f"item {number}"
        if not isinstance(item, dict):
            errors.append(f"{where}: must be an object")
            continue
        extra = set(item) - {"id", "text", "options", "reverse"}
        if extra:
            errors.append(f"{where}: unknown keys {sorted(extra)}")
        if not _text(item.get("id")):
            errors.append(f"{where}: id is missing")
        elif item["id"] in ids:
            errors.append(f"{where}: id {item['id']!r} repeats")
        else:
            ids.add(item["id"])
        if not _text(item.get("text")):
            errors.append(f"{where}: text is missing")
        if not isinstance(item.get("reverse", False), bool):
            errors.append(f"{where}: reverse must be true or false")
        if "options" in item:
            _check_options(item["options"], where, errors)
        elif "options" not in data:
            errors.append(f"{where}: has no options and there are no default options")
    crisis = data.get("crisis_item")
    if not isinstance(crisis, dict) or set(crisis) != {"id", "positive_options"}:
        errors.append("crisis_item needs exactly id and positive_options")
    elif crisis["id"] not in ids:
        errors.append(f"crisis_item names {crisis['id']!r}, which is not an item")
    elif (
        not isinstance(crisis["positive_options"], list)
        or not crisis["positive_options"]
    ):
        errors.append(
            "crisis_item.positive_options must list at least one option label"
        )
    if errors:
        return errors
    definition = Definition(data)
    labels = {option["label"] for option in definition.options_for(crisis["id"])}
    for label in crisis["positive_options"]:
        if label not in labels:
            errors.append(f"crisis_item: {label!r} is not one of that item's options")
    errors += _check_thresholds(data.get("thresholds"), *definition.total_range())
    return errors


def _check_thresholds(thresholds, lowest: int, highest: int) -> list[str]:
    if not isinstance(thresholds, list) or not thresholds:
        return ["thresholds must be a non-empty list"]
    errors = []
    for number, band in enumerate(thresholds):
        if not isinstance(band, dict) or not {"min", "max", "label"} <= set(band):
            errors.append(f"threshold {number}: needs min, max and label")
        elif not (_int(band["min"]) and _int(band["max"])) or band["min"] > band["max"]:
            errors.append(
                f"threshold {number}: min and max must be whole numbers, min <= max"
            )
        elif not _text(band["label"]):
            errors.append(f"threshold {number}: label is empty")
        elif set(band) - {"min", "max", "label", "advice"}:
            errors.append(f"threshold {number}: unknown keys")
    if errors:
        return errors
    bands = sorted(thresholds, key=lambda band: band["min"])
    expected = lowest
    for band in bands:
        if band["min"] != expected:
            what = "gap" if band["min"] > expected else "overlap"
            errors.append(f"thresholds: {what} at total {expected}")
            return errors
        expected = band["max"] + 1
    if expected - 1 != highest:
        errors.append(
            f"thresholds must cover totals {lowest} to {highest}, "
            f"they end at {expected - 1}"
        )
    return errors


@dataclass(frozen=True)
class Result:
    total: int
    band: dict
    crisis: bool


class Definition:
    """A validated questionnaire definition: its items, scoring and bands."""

    def __init__(self, data: dict):
        self.data = data

    @property
    def items(self) -> list[dict]:
        return self.data["items"]

    def options_for(self, item_id: str) -> list[dict]:
        item = next(item for item in self.items if item["id"] == item_id)
        return item.get("options") or self.data["options"]

    def score(self, item: dict, label: str) -> int:
        options = item.get("options") or self.data["options"]
        weights = [option["weight"] for option in options]
        weight = next(o["weight"] for o in options if o["label"] == label)
        if item.get("reverse"):
            return max(weights) + min(weights) - weight
        return weight

    def total_range(self) -> tuple[int, int]:
        lowest = highest = 0
        for item in self.items:
            weights = [o["weight"] for o in item.get("options") or self.data["options"]]
            lowest += min(weights)
            highest += max(weights)
        return lowest, highest

    def result(self, answers: dict[str, str]) -> Result:
        """Score complete answers (item id -> chosen option label)."""
        total = sum(self.score(item, answers[item["id"]]) for item in self.items)
        band = next(b for b in self.data["thresholds"] if b["min"] <= total <= b["max"])
        crisis_item = self.data["crisis_item"]
        crisis = answers.get(crisis_item["id"]) in crisis_item["positive_options"]
        return Result(total=total, band=band, crisis=crisis)
