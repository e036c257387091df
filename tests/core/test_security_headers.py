"""The Content-Security-Policy and other headers every response carries."""

import pytest


@pytest.mark.parametrize(
    "path", ["/", "/accounts/join/", "/accounts/sign-in/", "/nowhere/"]
)
def test_csp_forbids_inline_script_and_third_parties(client, db, path):
    """script-src is 'self' only: no 'unsafe-inline', no 'unsafe-eval', no hosts."""
    csp = client.get(path)["Content-Security-Policy"]
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in (d.strip() for d in csp.split(";"))
    )
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "http" not in csp


def test_pages_are_not_framed_sniffed_or_leaking_referrers(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    # same-origin, not no-referrer: the latter makes browsers send "Origin: null"
    # on form posts, which CSRF refuses.
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_site_context_gives_theme_and_quick_exit(rf, db, settings):
    """The base layout gets a valid theme and the neutral exit URL."""
    from django.contrib.auth.models import AnonymousUser

    from core.context_processors import THEME_COOKIE, site

    settings.QUICK_EXIT_URL = "https://weather.example/"
    request = rf.get("/")
    request.user = AnonymousUser()
    request.COOKIES[THEME_COOKIE] = "<script>"
    assert site(request) == {
        "theme": "system",
        "quick_exit_url": "https://weather.example/",
    }
    request.COOKIES[THEME_COOKIE] = "dark"
    assert site(request)["theme"] == "dark"
