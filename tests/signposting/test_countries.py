"""Whose helplines a reader sees: one resolver for every page and socket, in a fixed
order (member setting, ?country=, cookie, browser region, site default, INT), and the
same answer on the thread page's cards, the help pages and the check-in's panel."""

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from forum import services as forum_services
from forum.models import Space, Thread
from forum.views import POSTED_KEY
from support.signposting.countries import (
    COUNTRY_COOKIE,
    browser_regions,
    country_for_member,
    country_for_request,
    country_for_scope,
    resolve_country,
    valid_choice,
)

pytestmark = pytest.mark.django_db

US_LINES = ('href="tel:988"', 'href="tel:911"')
ROOT = Path(__file__).resolve().parents[2]


def request_with(*, member=None, query=None, cookie=None, accept_language=None):
    request = RequestFactory().get("/", query or {})
    request.user = member or AnonymousUser()
    if cookie is not None:
        request.COOKIES[COUNTRY_COOKIE] = cookie
    if accept_language is not None:
        request.META["HTTP_ACCEPT_LANGUAGE"] = accept_language
    return request


# --- The order of precedence ------------------------------------------------------


def test_a_members_own_setting_comes_before_everything_else(seeded, make_member):
    member = make_member(country="NZ")
    request = request_with(
        member=member, query={"country": "IE"}, cookie="CA", accept_language="en-US"
    )
    assert country_for_request(request) == "NZ"


def test_a_country_picked_on_the_page_comes_next(seeded, make_member):
    request = request_with(
        member=make_member(),
        query={"country": "ie"},
        cookie="CA",
        accept_language="en-US",
    )
    assert country_for_request(request) == "IE"


def test_the_remembered_cookie_comes_after_the_pick(seeded):
    request = request_with(cookie="CA", accept_language="en-US")
    assert country_for_request(request) == "CA"


def test_the_browser_region_comes_after_the_cookie(seeded, settings):
    settings.DEFAULT_COUNTRY = "GB"
    assert country_for_request(request_with(accept_language="en-US,en;q=0.9")) == "US"


def test_the_first_region_we_list_lines_for_wins(seeded):
    """fr-FR names a country without lines, so en-AU after it decides."""
    request = request_with(accept_language="fr-FR,fr;q=0.9,en-AU;q=0.8")
    assert country_for_request(request) == "AU"


def test_the_site_default_comes_when_nothing_else_says(seeded, settings):
    settings.DEFAULT_COUNTRY = "gb"
    assert country_for_request(request_with(accept_language="de")) == "GB"


def test_the_international_lines_come_last(seeded, settings):
    settings.DEFAULT_COUNTRY = "not a country"
    assert country_for_request(request_with()) == "INT"
    settings.DEFAULT_COUNTRY = ""
    assert country_for_request(request_with()) == "INT"


def test_a_member_without_a_country_falls_through_to_the_browser(seeded, make_member):
    request = request_with(member=make_member(country=""), accept_language="en-US")
    assert country_for_request(request) == "US"


def test_a_bad_pick_falls_through_to_the_cookie(seeded):
    for bad in ("<script>", "XX", "United States", ""):
        request = request_with(query={"country": bad}, cookie="CA")
        assert country_for_request(request) == "CA", bad


def test_a_bad_cookie_falls_through_to_the_browser(seeded):
    for bad in ("<script>", "ZZ", "gb; path=/"):
        request = request_with(cookie=bad, accept_language="en-NZ")
        assert country_for_request(request) == "NZ", bad


def test_valid_choices_are_countries_with_lines_or_int(seeded):
    assert valid_choice(" us ") == "US"
    assert valid_choice("int") == "INT"
    assert valid_choice("FR") is None
    assert valid_choice(None) is None


def test_browser_regions_read_accept_language_in_order():
    assert browser_regions("en-US,en;q=0.9,en_gb;q=0.8,fr") == ["US", "GB"]
    assert browser_regions("en-UK") == ["GB"]
    assert browser_regions("") == []


def test_the_resolver_ignores_a_signed_out_visitors_country_attribute(seeded):
    visitor = AnonymousUser()
    visitor.country = "NZ"
    assert resolve_country(member=visitor, cookie="CA") == "CA"


def test_a_member_away_from_their_own_page_gets_their_setting_or_the_default(
    seeded, make_member, settings
):
    settings.DEFAULT_COUNTRY = "GB"
    assert country_for_member(make_member(country="IE")) == "IE"
    assert country_for_member(make_member(country="")) == "GB"


# --- Sockets ----------------------------------------------------------------------


def scope_with(headers: dict[str, str], **extra) -> dict:
    return {
        "type": "websocket",
        "headers": [
            (k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()
        ],
        **extra,
    }


def test_a_socket_reads_the_cookie_from_its_handshake_headers(seeded):
    scope = scope_with(
        {"Cookie": f"sessionid=abc; {COUNTRY_COOKIE}=CA", "Accept-Language": "en-US"}
    )
    assert country_for_scope(scope) == "CA"


def test_a_socket_reads_the_browser_region_from_its_headers(seeded):
    scope = scope_with({"Accept-Language": "en-AU,en;q=0.5"})
    assert country_for_scope(scope) == "AU"


def test_a_socket_prefers_the_parsed_cookies_in_its_scope(seeded):
    """Channels' cookie middleware leaves them in scope["cookies"]."""
    scope = scope_with(
        {"cookie": f"{COUNTRY_COOKIE}=CA", "accept-language": "en-US"},
        cookies={COUNTRY_COOKIE: "IE"},
    )
    assert country_for_scope(scope) == "IE"


def test_a_socket_uses_its_members_setting_first(seeded, make_member):
    member = make_member(country="NZ")
    headers = {"cookie": f"{COUNTRY_COOKIE}=CA", "accept-language": "en-US"}
    assert country_for_scope(scope_with(headers, user=member)) == "NZ"
    assert country_for_scope(scope_with(headers), member) == "NZ"


def test_a_socket_with_a_bad_cookie_falls_through(seeded, settings):
    settings.DEFAULT_COUNTRY = "GB"
    scope = scope_with({"cookie": f"{COUNTRY_COOKIE}=<b>"}, user=AnonymousUser())
    assert country_for_scope(scope) == "GB"


# --- The same lines on every page ---------------------------------------------------


@pytest.fixture
def thread_with_cards(make_member, settings):
    """A thread whose rules matched suicidal thoughts and a medical emergency."""
    settings.PREMODERATION_POSTS = 0
    space = Space.objects.create(name="Postpartum", slug="postpartum", order=1)
    thread = forum_services.thread_create(
        author=make_member(),
        space=space,
        title="A hard night",
        body="Long night, long day.",
    ).thread
    Thread.objects.filter(pk=thread.pk).update(
        risk_categories=["suicidal_thoughts", "medical_emergency"]
    )
    return thread


def check_in_with_a_self_harm_yes(client) -> str:
    answers = {
        "mood": "2",
        "sleep": "yes",
        "enjoy": "usual",
        "worry": "sometimes",
        "overwhelmed": "never",
        "support": "yes",
        "low_for": "not_low",
        "self_harm": "sometimes",
    }
    response = client.post(
        reverse("support:check_in"),
        answers,
        follow=True,
        headers={"accept-language": "en-US"},
    )
    return response.content.decode()


def test_a_member_without_a_country_gets_their_browsers_lines_everywhere(
    client, seeded, make_member, thread_with_cards
):
    """en-US with no setting: 988 and 911 on the cards, the help and worried pages
    and the check-in's panel, never the international 112 in their place."""
    client.force_login(make_member(country=""))
    us = {"accept-language": "en-US,en;q=0.9"}
    pages = {
        "thread cards": client.get(thread_with_cards.get_absolute_url(), headers=us),
        "help": client.get(reverse("support:crisis"), headers=us),
        "worried": client.get(reverse("support:worried"), headers=us),
    }
    pages = {name: response.content.decode() for name, response in pages.items()}
    pages["check-in panel"] = check_in_with_a_self_harm_yes(client)
    assert 'data-category="suicidal_thoughts"' in pages["thread cards"]
    assert 'data-country="US"' in pages["check-in panel"]
    for name, html in pages.items():
        for line in US_LINES:
            assert line in html, (name, line)
        assert 'href="tel:112"' not in html, name
    directory = client.get(reverse("support:resources"), headers=us)
    assert directory.context["directory"]["country"] == "US"


def test_a_member_with_a_country_keeps_it_whatever_the_browser_says(
    client, seeded, make_member, thread_with_cards
):
    client.force_login(make_member(country="GB"))
    us = {"accept-language": "en-US"}
    pages = [
        client.get(thread_with_cards.get_absolute_url(), headers=us),
        client.get(reverse("support:crisis"), headers=us),
        client.get(reverse("support:resources"), headers=us),
    ]
    htmls = [response.content.decode() for response in pages]
    htmls.append(check_in_with_a_self_harm_yes(client))
    for html in htmls:
        assert 'href="tel:999"' in html
        assert 'href="tel:911"' not in html and 'href="tel:988"' not in html


def test_the_thread_pages_panel_after_posting_uses_the_same_country(
    client, seeded, make_member, thread_with_cards
):
    client.force_login(make_member(country=""))
    session = client.session
    session[POSTED_KEY] = {"draft": "", "signpost": True}
    session.save()
    html = client.get(
        thread_with_cards.get_absolute_url(), headers={"accept-language": "en-US"}
    ).content.decode()
    assert 'class="crisis-panel sp-panel"' in html and 'data-country="US"' in html


def test_a_signed_out_reader_on_a_thread_gets_the_remembered_country(
    client, seeded, thread_with_cards
):
    client.cookies[COUNTRY_COOKIE] = "GB"
    html = client.get(
        thread_with_cards.get_absolute_url(), headers={"accept-language": "en-US"}
    ).content.decode()
    assert 'href="tel:999"' in html and 'href="tel:911"' not in html


# --- No second copy of the rule ---------------------------------------------------

DECIDERS = {"kindred/settings.py", "support/signposting/countries.py"}


def test_only_the_resolver_reads_the_site_default_country():
    readers = {
        str(path.relative_to(ROOT))
        for package in ("core", "accounts", "moderation", "support", "forum", "kindred")
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts and "DEFAULT_COUNTRY" in path.read_text()
    }
    assert readers == DECIDERS
