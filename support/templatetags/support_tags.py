from django import template

from support import selectors

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
