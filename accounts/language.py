"""The language a page is shown in, and the switcher that changes it.

The order: the member's own choice (Member.language) when signed in and set, then
the language cookie, then the browser's Accept-Language (the last two are
Django's LocaleMiddleware, which runs before this one).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts import services


def _known(code: str) -> bool:
    return code in dict(settings.LANGUAGES)


class MemberLanguageMiddleware:
    """After AuthenticationMiddleware: a signed-in member's own language wins."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = ""
        if user is not None and user.is_authenticated:
            language = getattr(user, "language", "")
        if language and _known(language):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """One tap: show the site in the language asked for, back on the same page.

    Kept in a cookie, and in the member's settings when signed in. A blank
    language (offered in settings) goes back to following the browser.
    """
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language and not _known(language):
        return response
    if request.user.is_authenticated:
        services.member_set_language(member=request.user, language=language)
    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE or request.is_secure(),
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    else:
        response.delete_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
