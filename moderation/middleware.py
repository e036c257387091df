"""Suspended and banned members see one page explaining why, and nothing else but
help and signing out. Also remembers who is acting, for the audit log.

What stays open is declared by URL name: moderation's own pages and signing out
here, other apps' pages in moderation's registry (register_open_urls), the site's
own pages in settings.ALWAYS_OPEN_URLS. Live support's pages (registered with
register_live_support_urls) stay open too while no sanction includes live support:
a suspended member may still need a listener.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import NoReverseMatch, Resolver404, get_urlconf, resolve, reverse

from accounts.acting import acting_as
from moderation import registry

# Help must stay reachable for everyone, whatever their account's state.
OWN_OPEN_URLS = (
    "moderation:suspended",
    "moderation:notices",
    "moderation:sanction_appeal",
    "accounts:sign_out",
)
# Paths under these URLs stay open too: static files, and the admin for operators.
OPEN_PREFIX_URLS = ("admin:index",)

_resolved: dict[tuple, tuple[frozenset[str], tuple[str, ...]]] = {}


def _reverse_all(names) -> list[str]:
    paths = []
    for name in names:
        try:
            paths.append(reverse(name))
        except NoReverseMatch:
            continue
    return paths


def open_paths() -> tuple[frozenset[str], tuple[str, ...]]:
    """(paths, path prefixes) a locked-out member may still visit. Reversed once per
    URLconf and set of names, on the first request that needs them (the URLconf is
    not ready when the middleware is built)."""
    names = (*OWN_OPEN_URLS, *registry.open_urls(), *settings.ALWAYS_OPEN_URLS)
    key = (get_urlconf(), names, settings.STATIC_URL)
    if key not in _resolved:
        prefixes = (settings.STATIC_URL, *_reverse_all(OPEN_PREFIX_URLS))
        _resolved[key] = (frozenset(_reverse_all(names)), prefixes)
    return _resolved[key]


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
        active = [s for s in sanctions if s.is_active()]
        if not any(s.locks_out for s in active):
            return ""
        paths, prefixes = open_paths()
        if request.path in paths or request.path.startswith(prefixes):
            return ""
        if not any(s.pauses_live_support for s in active) and _is_live_support_page(
            request
        ):
            return ""
        return reverse("moderation:suspended")


def _is_live_support_page(request) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in registry.live_support_urls()
