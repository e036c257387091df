"""The crisis panel and resource cards, as live support shows them.

The directory and the panel belong to signposting; this is the one place live
support reaches into it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from support.signposting import presentation
from support.signposting import selectors as signposting
from support.signposting.countries import country_for_request
from support.signposting.models import Resource


def country_for(member: Any) -> str:
    return (getattr(member, "country", "") or settings.DEFAULT_COUNTRY).upper()


def crisis_panel_html(request_or_country: Any, *, visible: bool = True) -> str:
    """The crisis panel (emergency number first, then what is open now) as HTML.
    visible=False builds it for a page that keeps it hidden until needed."""
    if isinstance(request_or_country, HttpRequest):
        request_or_country = country_for_request(request_or_country)
    return presentation.crisis_panel_html(request_or_country, visible=visible)


def count_crisis_panel_shown() -> None:
    """Count a panel built hidden (visible=False) at the moment it is revealed."""
    signposting.count_crisis_panel_shown()


def resources_for_cards(country: str) -> list[dict[str, Any]]:
    """Directory entries a listener may send as a card: the member's country first."""
    return [
        card_from_resource(resource) for resource in signposting.resources_for(country)
    ]


def card_for(resource_id: int) -> dict[str, Any] | None:
    resource = Resource.objects.filter(pk=resource_id).first()
    return card_from_resource(resource) if resource is not None else None


def card_from_resource(resource: Resource) -> dict[str, Any]:
    """A snapshot of the public facts of a directory entry (no operator notes)."""
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
