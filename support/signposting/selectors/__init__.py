"""Signposting reads, one module per subject: the resource directory (resources), the
crisis panel (panel), contextual cards (cards) and a member's own check-ins
(check_ins). Nothing here writes; the public names are gathered here for callers."""

from support.signposting.selectors.cards import (
    CARD_KINDS,
    CARD_WORDS,
    contextual_cards_for,
)
from support.signposting.selectors.check_ins import (
    active_questionnaires,
    check_in_export_rows,
    check_in_for,
    check_ins_for,
    mood_chart,
)
from support.signposting.selectors.panel import crisis_panel_context
from support.signposting.selectors.resources import (
    COUNTRY_NAMES,
    INTERNATIONAL,
    KIND_ORDER,
    Line,
    answers_in,
    available_countries,
    country_name,
    directory_context,
    line_for,
    perinatal_lines,
    resources_for,
    status_text,
)

__all__ = [
    "CARD_KINDS",
    "CARD_WORDS",
    "COUNTRY_NAMES",
    "INTERNATIONAL",
    "KIND_ORDER",
    "Line",
    "active_questionnaires",
    "answers_in",
    "available_countries",
    "check_in_export_rows",
    "check_in_for",
    "check_ins_for",
    "contextual_cards_for",
    "country_name",
    "crisis_panel_context",
    "directory_context",
    "line_for",
    "mood_chart",
    "perinatal_lines",
    "resources_for",
    "status_text",
]
