import json
from pathlib import Path

import pytest

from support.signposting.services import resources_load

SEED = Path(__file__).resolve().parents[2] / "support/signposting/data/resources.json"
SIX_COUNTRIES = {
    "US": "911",
    "GB": "999",
    "CA": "911",
    "AU": "000",
    "IE": "112",
    "NZ": "111",
}


def seed_entries() -> list:
    return json.loads(SEED.read_text(encoding="utf-8"))


@pytest.fixture
def seeded(db):
    """The shipped resources, loaded through the same service the command uses."""
    return resources_load(entries=seed_entries())


INVENTED_QUESTIONNAIRE = {
    "slug": "pebble-week",
    "title": "Pebble week (invented for tests)",
    "version": "0.1",
    "citation": "Invented for Kindred's tests; not a validated instrument.",
    "instructions": "Think about the last seven days.",
    "options": [
        {"label": "Never", "weight": 0},
        {"label": "Sometimes", "weight": 1},
        {"label": "Often", "weight": 2},
    ],
    "items": [
        {"id": "calm", "text": "I felt calm.", "reverse": True},
        {"id": "tired", "text": "I felt worn out."},
        {"id": "dark", "text": "I had thoughts of hurting myself."},
    ],
    "thresholds": [
        {"min": 0, "max": 2, "label": "A fairly gentle week", "advice": "Keep going."},
        {"min": 3, "max": 6, "label": "A heavy week", "advice": "Tell your GP."},
    ],
    "crisis_item": {"id": "dark", "positive_options": ["Sometimes", "Often"]},
}


@pytest.fixture
def invented_questionnaire():
    return json.loads(json.dumps(INVENTED_QUESTIONNAIRE))
