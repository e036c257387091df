"""Live support as HTML: resource cards, and the crisis panel as chat shows it.

The directory and the panel belong to signposting; this is where live support turns
them into what a chat and a listener's page show. Services and selectors return
data; they call here only to build an event that carries HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string

from support.signposting import presentation as signposting_presentation
from support.signposting import selectors as signposting

if TYPE_CHECKING:
    from support.signposting.countries import CountryChooser
    from support.signposting.models import Resource


MORE_HELP_TEMPLATE = "support/_more_help.html"


def crisis_panel_html(
    country: str,
    *,
    visible: bool = True,
    chooser: CountryChooser | None = None,
    more_help: bool = False,
) -> str:
    """The crisis panel for country (see signposting's presentation). In a chat,
    more_help adds the member's "Tell my listener I need more help" button."""
    return signposting_presentation.crisis_panel_html(
        country,
        visible=visible,
        chooser=chooser,
        more_help=MORE_HELP_TEMPLATE if more_help else "",
    )


def card_from_resource(resource: Resource) -> dict[str, Any]:
    """A snapshot of the public facts of a directory entry (no operator notes),
    stored with the message so that it reads the same later."""
    phone = " ".join(
        part for part in (resource.phone_number, resource.phone_note) if part
    )
    return {
        "id": resource.pk,
        "country": resource.country,
        "kind": resource.kind,
        "name": resource.name,
        "phone": phone,
        "tel": resource.tel_href,
        "sms": resource.sms_display,
        "url": resource.url,
        "hours": resource.hours_display,
        "description": resource.description_display,
    }


def resource_card_html(card: dict[str, Any]) -> str:
    """A card as the chat shows it."""
    return render_to_string("support/_resource_card.html", {"card": card})


def resources_for_cards(country: str, *, language: str = "") -> list[dict[str, Any]]:
    """Directory entries a listener may send as a card: the supported member's
    country's lines first, the international ones after, each by kind of help;
    within a kind, those answering in the chat's language (when given) first."""
    kinds = signposting.KIND_ORDER

    def order(resource: Resource) -> tuple:
        kind = kinds.index(resource.kind) if resource.kind in kinds else len(kinds)
        speaks = bool(language) and signposting.answers_in(resource, language)
        return (resource.country != country, kind, not speaks, resource.name.lower())

    return [
        card_from_resource(resource)
        for resource in sorted(signposting.resources_for(country), key=order)
    ]
