"""Signposting as HTML: the crisis panel for pages and the live chat, and the
contextual card. Rendering a panel for someone to see records it as shown."""

from __future__ import annotations

from django.template.loader import render_to_string

from support.signposting import selectors, services

CRISIS_PANEL_TEMPLATE = "signposting/_crisis_panel.html"
CONTEXTUAL_CARD_TEMPLATE = "signposting/_contextual_card.html"


def crisis_panel(country: str, *, visible: bool = True) -> dict:
    """The crisis panel for country, for a page that includes
    signposting/_crisis_panel.html with it as "crisis". Call it once per page.

    Recorded as shown unless visible=False: a page that keeps the panel hidden
    until needed records it with services.record_crisis_panel_shown() when it is
    revealed.
    """
    panel = selectors.crisis_panel_context(country)
    if visible:
        services.record_crisis_panel_shown()
    return panel


def crisis_panel_html(country: str, *, visible: bool = True) -> str:
    """The crisis panel for country (emergency number first, then what is open
    now), recorded as shown unless visible=False (see crisis_panel)."""
    return render_to_string(
        CRISIS_PANEL_TEMPLATE, {"crisis": crisis_panel(country, visible=visible)}
    )


def contextual_card_html(card: dict) -> str:
    """One card from selectors.contextual_cards_for, as the forum shows it."""
    return render_to_string(CONTEXTUAL_CARD_TEMPLATE, {"card": card})
