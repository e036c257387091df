"""Site-wide pages: home, the guidelines and the pages that explain the place."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accounts import services as account_services
from accounts.guidelines import GUIDELINES, GUIDELINES_VERSION
from accounts.models import Member
from core.context_processors import THEME_COOKIE
from forum import selectors as forum_selectors


def home(request: HttpRequest) -> HttpResponse:
    context = forum_selectors.home_context(request.user)
    return render(request, "home.html", context)


def guidelines(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/guidelines.html",
        {"guidelines": GUIDELINES, "guidelines_version": GUIDELINES_VERSION},
    )


def peer_support(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/peer_support.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/privacy.html",
        {"chat_retention_days": settings.CHAT_RETENTION_DAYS},
    )


def quick_exit(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/quick_exit.html")


def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: a phone can keep Kindred on its home screen."""
    icons = [
        {
            "src": static("img/kindred-icon.svg"),
            "type": "image/svg+xml",
            "sizes": "any",
        },
        {
            "src": static("img/kindred-icon-192.png"),
            "type": "image/png",
            "sizes": "192x192",
        },
        {
            "src": static("img/kindred-icon-512.png"),
            "type": "image/png",
            "sizes": "512x512",
        },
    ]
    data = {
        "name": "Kindred",
        "short_name": "Kindred",
        "description": gettext("Anonymous, moderated peer support for parents."),
        "start_url": reverse("home"),
        "scope": reverse("home"),
        "display": "standalone",
        "background_color": "#fbf8f4",
        "theme_color": "#2f6b5e",
        "icons": icons,
    }
    response = JsonResponse(data)
    response["Content-Type"] = "application/manifest+json"
    return response


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links to."""
    return redirect(static("img/favicon-32.png"), permanent=True)


@require_POST
def toggle_theme(request: HttpRequest) -> HttpResponse:
    """Switch between night and light.

    Remembered in the member's settings, or in a cookie when signed out.
    """
    current = request.POST.get("current", "")
    choice = Member.Theme.LIGHT if current == Member.Theme.DARK else Member.Theme.DARK
    requested = request.POST.get("theme")
    if requested in Member.Theme.values:
        choice = requested
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if request.user.is_authenticated:
        account_services.member_set_theme(member=request.user, theme=choice)
    else:
        response.set_cookie(
            THEME_COOKIE,
            choice,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def forbidden(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form whose CSRF check failed (CSRF_FAILURE_VIEW): usually one left open
    too long. Said plainly, with quick exit and help, never Django's bare page."""
    return render(request, "errors/csrf.html", status=403)


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request or context processors: the failure may be the
    # database or the session itself. reverse() needs neither.
    html = loader.render_to_string(
        "errors/500.html",
        {
            "quick_exit_url": settings.QUICK_EXIT_URL,
            "help_url": reverse("support:crisis"),
        },
    )
    return HttpResponse(html, status=500)
