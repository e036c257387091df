from urllib.parse import urlsplit

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString

from support import presentation, selectors
from support.signposting.countries import chooser_for_request, country_for_request
from support.training import selectors as training_selectors

register = template.Library()


@register.inclusion_tag("support/_nav_listener.html", takes_context=True)
def support_nav(context) -> dict:
    """The "On duty" link for listeners, with how many people are waiting."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.can("listen"):
        return {"show": False}
    status = selectors.listener_status_for(user)
    return {
        "show": True,
        "on_duty": bool(status and status.on_duty),
        "waiting": selectors.waiting_requests().count(),
    }


@register.simple_tag
def asks_for_live_support(next_url: str) -> bool:
    """Whether next_url (already checked to be on this site) leads back to "I need
    someone now": joining and signing in then show the help lines too."""
    return bool(next_url) and urlsplit(next_url).path == reverse(
        "support:request_start"
    )


@register.simple_tag(takes_context=True)
def crisis_panel_when_asking(context, next_url: str) -> SafeString | str:
    """The crisis panel for the visitor's country, on a page she passes through on
    her way to ask for a listener (next_url leads there); nothing otherwise."""
    request = context.get("request")
    if request is None or not asks_for_live_support(next_url):
        return ""
    country = country_for_request(request)
    return presentation.crisis_panel_html(
        country, chooser=chooser_for_request(request, country)
    )


@register.simple_tag
def listener_way_in(member):
    """Whether member may apply to listen, or why not yet (see way_in)."""
    return training_selectors.way_in(member)
