"""Signposting as HTML: the crisis panel for pages and the live chat, and the
contextual card. Rendering a panel for someone to see records it as shown.

Every panel and card carries a way to change whose lines it shows, in place (a
countries.CountryChooser; one that knows nothing of its page links back to the
help page), and asks a reader who has never said which country's lines she wants,
once, the first time one is shown to her."""

from __future__ import annotations

from django.template.loader import render_to_string

from support.signposting import selectors, services
from support.signposting.countries import CountryChooser

CRISIS_PANEL_TEMPLATE = "signposting/_crisis_panel.html"
CONTEXTUAL_CARD_TEMPLATE = "signposting/_contextual_card.html"


def _chooser_context(chooser: CountryChooser, *, ask: bool) -> dict:
    return {
        "chooser": chooser,
        "ask_country": ask,
        "country_name": selectors.country_name(chooser.country),
        "country_choices": selectors.available_countries(),
    }


def crisis_panel(
    country: str,
    *,
    visible: bool = True,
    chooser: CountryChooser | None = None,
    more_help: str = "",
) -> dict:
    """The crisis panel for country, for a page that includes
    signposting/_crisis_panel.html with it as "crisis". Call it once per page.

    chooser changes the country in place (countries.chooser_for_request); its
    question is asked here when it should be and the panel is visible. more_help
    names a template the panel includes after its first lines (the chat's "Tell
    my listener I need more help").

    Recorded as shown unless visible=False: a page that keeps the panel hidden
    until needed records it with services.record_crisis_panel_shown() when it is
    revealed.
    """
    panel = selectors.crisis_panel_context(country)
    chooser = chooser or CountryChooser(country=panel["country"])
    ask = chooser.ask and visible
    panel.update(_chooser_context(chooser, ask=ask), more_help=more_help)
    if visible:
        services.record_crisis_panel_shown()
    if ask:
        services.country_asked(chooser)
    return panel


def crisis_panel_html(
    country: str,
    *,
    visible: bool = True,
    chooser: CountryChooser | None = None,
    more_help: str = "",
) -> str:
    """The crisis panel for country (emergency number first, then what is open
    now), recorded as shown unless visible=False (see crisis_panel)."""
    panel = crisis_panel(country, visible=visible, chooser=chooser, more_help=more_help)
    return render_to_string(CRISIS_PANEL_TEMPLATE, {"crisis": panel})


def country_control(chooser: CountryChooser) -> dict:
    """What a page's own list of lines needs to include
    signposting/_country_chooser.html: asks (once) when no panel or card did."""
    ask = chooser.ask
    context = _chooser_context(chooser, ask=ask)
    if ask:
        services.country_asked(chooser)
    return context


def contextual_card_html(card: dict, chooser: CountryChooser | None = None) -> str:
    """One card from selectors.contextual_cards_for, as the forum shows it, with
    its change control (and the country question, when it is due)."""
    chooser = chooser or CountryChooser(country=card["country"])
    ask = chooser.ask
    html = render_to_string(
        CONTEXTUAL_CARD_TEMPLATE, {"card": card, **_chooser_context(chooser, ask=ask)}
    )
    if ask:
        services.country_asked(chooser)
    return html
