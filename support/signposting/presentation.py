"""Signposting as HTML: the crisis panel, for pages and for the live chat."""

from __future__ import annotations

from django.template.loader import render_to_string

from support.signposting import selectors


def crisis_panel_html(country: str, *, visible: bool = True) -> str:
    """The crisis panel for country (emergency number first, then what is open
    now). visible=False builds it for a page that keeps it hidden until needed."""
    return render_to_string(
        "signposting/_crisis_panel.html",
        {"crisis": selectors.crisis_panel_context(country, visible=visible)},
    )
