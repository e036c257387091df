"""The language a page is shown in: the member's choice, the cookie, the browser."""

import re

import pytest
from django.conf import settings

from accounts.models import Member

COOKIE = settings.LANGUAGE_COOKIE_NAME


def html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert match, "no lang attribute on <html>"
    return match.group(1)


def test_without_any_choice_pages_are_english(client, db):
    response = client.get("/privacy/")
    assert html_lang(response) == "en"
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


def test_the_browser_language_is_followed(client, db):
    response = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9")
    assert html_lang(response) == "es"
    assert response["Content-Language"] == "es"


def test_an_unknown_browser_language_falls_back_to_english(client, db):
    response = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="de-DE")
    assert html_lang(response) == "en"


def test_every_page_offers_both_languages_in_one_tap(client, db):
    html = client.get("/guidelines/").content.decode()
    form = re.search(
        r'<form method="post" action="/language/".*?</form>', html, re.DOTALL
    )
    assert form, "no language switcher"
    assert 'name="csrfmiddlewaretoken"' in form.group(0)
    assert '<input type="hidden" name="next" value="/guidelines/">' in form.group(0)
    assert re.search(r'value="en" lang="en"[^>]*>English</button>', form.group(0))
    assert re.search(r'value="es" lang="es"[^>]*>Español</button>', form.group(0))
    # Each language keeps its own name, whatever the page's language.
    spanish = client.get("/guidelines/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert re.search(r'value="en" lang="en"[^>]*>English</button>', spanish)


def test_switching_signed_out_keeps_a_cookie_and_returns(client, db):
    response = client.post("/language/", {"language": "es", "next": "/privacy/"})
    assert response.status_code == 302
    assert response.url == "/privacy/"
    assert response.cookies[COOKIE].value == "es"
    assert response.cookies[COOKIE]["httponly"]
    # The cookie beats the browser's own language.
    page = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(page) == "es"


@pytest.mark.parametrize(
    "next_url", ["https://elsewhere.example/", "//elsewhere.example/", ""]
)
def test_switching_never_leads_off_the_site(client, db, next_url):
    response = client.post("/language/", {"language": "es", "next": next_url})
    assert response.url == "/"


def test_an_unknown_language_changes_nothing(client, db):
    response = client.post("/language/", {"language": "xx", "next": "/privacy/"})
    assert response.url == "/privacy/"
    assert COOKIE not in response.cookies


def test_switching_is_a_post(client, db):
    assert client.get("/language/?language=es").status_code == 405


def test_signed_in_the_choice_is_saved_and_wins(client, member):
    client.force_login(member)
    client.post("/language/", {"language": "es", "next": "/"})
    member.refresh_from_db()
    assert member.language == "es"
    # The member's choice wins over a cookie and the browser, on any device.
    client.cookies[COOKIE] = "en"
    page = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(page) == "es"
    assert page["Content-Language"] == "es"


def test_a_blank_choice_follows_the_browser_again(client, make_member):
    member = make_member(language="es")
    client.force_login(member)
    client.cookies[COOKIE] = "es"
    response = client.post("/language/", {"language": "", "next": "/"})
    assert response.cookies[COOKIE].value == ""  # deleted
    assert Member.objects.get(pk=member.pk).language == ""
    page = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(page) == "en"


def test_the_javascript_catalogue_follows_the_language(client, db):
    english = client.get("/jsi18n/?l=en")
    assert english.status_code == 200
    assert "django.gettext" in english.content.decode()
    assert "max-age" in english["Cache-Control"]
    spanish = client.get("/jsi18n/?l=es", HTTP_ACCEPT_LANGUAGE="es")
    assert spanish.status_code == 200
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    catalogue = html.index('<script src="/jsi18n/?l=es" defer></script>')
    assert catalogue < html.index("js/quick-exit.js")


def test_the_language_is_in_the_export_and_erased_with_the_account(make_member):
    from accounts import services
    from accounts.selectors import member_export_account

    member = make_member(language="es")
    assert member_export_account(member)["language"] == "es"
    services.member_erase(member=member)
    assert Member.objects.get(pk=member.pk).language == ""
