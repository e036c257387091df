"""Suspended and banned members see one page explaining why, and nothing else but
help and signing out. Also remembers who is acting, for the audit log."""

from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse

from accounts.acting import acting_as

# Help must stay reachable for everyone, whatever their account's state.
ALWAYS_OPEN = [
    "moderation:suspended",
    "accounts:sign_out",
    "support:crisis",
    "support:worried",
    "guidelines",
    "privacy",
    "peer_support",
    "toggle_theme",
    "moderation:notices",
]


def _open_paths() -> set[str]:
    paths = set()
    for name in ALWAYS_OPEN:
        try:
            paths.add(reverse(name))
        except NoReverseMatch:
            continue
    return paths


class ModerationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user if user is not None and user.is_authenticated else None
        with acting_as(signed_in):
            redirect_to = self._locked_out(request, user)
            if redirect_to:
                return redirect(redirect_to)
            return self.get_response(request)

    def _locked_out(self, request, user) -> str:
        if user is None or not user.is_authenticated:
            return ""
        from moderation.selectors import sanctions_to_show

        sanctions = sanctions_to_show(user)
        request.moderation_sanctions = sanctions
        if not any(s.locks_out and s.is_active() for s in sanctions):
            return ""
        from django.conf import settings

        path = request.path
        if path.startswith((settings.STATIC_URL, "/admin/")) or path in _open_paths():
            return ""
        return reverse("moderation:suspended")
