"""Changing whose lines a panel or card shows, in place: every panel and card has a
"Not in <country>? Change" control; a reader who never said which country's lines
she wants is asked once, inside the first panel or card she is shown, with the
guessed country chosen; the country view saves the answer (a member's setting, a
cookie when signed out) and goes back only to a page of this site."""

import pytest
from django.test import Client
from django.urls import reverse

from forum import services as forum_services
from forum.models import Space
from support.signposting import countries, presentation
from support.signposting.services import ASKED_SESSION_KEY

pytestmark = pytest.mark.django_db

QUESTION = "Which country's lines should we show you?"
HELP = "/support/help/"


def page(client: Client, url: str = HELP, language: str = "en-GB") -> str:
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def choose(client: Client, **data):
    return client.post(reverse("support:country_set"), data)


# --- Asked once ---------------------------------------------------------------------


def test_a_new_reader_is_asked_once_with_her_guessed_country_chosen(seeded):
    client = Client()
    first = page(client)
    second = page(client)

    assert QUESTION in first
    assert '<option value="GB" selected>' in first
    assert 'name="confirm" value="GB"' in first
    assert f'name="next" value="{HELP}"' in first
    assert QUESTION not in second
    assert "Not in United Kingdom? Change" in second


def test_a_member_with_a_country_is_never_asked(seeded, make_member):
    client = Client()
    client.force_login(make_member("Set Wren", country="IE"))
    html = page(client)
    assert QUESTION not in html
    assert "Not in Ireland? Change" in html


def test_a_member_without_a_country_is_asked_once_too(seeded, member):
    client = Client()
    client.force_login(member)
    assert QUESTION in page(client, language="en-AU")
    assert QUESTION not in page(client, language="en-AU")
    assert "Not in Australia? Change" in page(client, language="en-AU")


def test_a_remembered_choice_counts_as_answered(seeded):
    client = Client()
    client.cookies[countries.COUNTRY_COOKIE] = "NZ"
    html = page(client)
    assert QUESTION not in html and "Not in New Zealand? Change" in html


def test_the_first_contextual_card_asks_when_no_panel_did(seeded, member, other_member):
    """On a thread, the first card shown asks; it carries the change control."""
    from forum.models import PostStatus, Thread

    space = Space.objects.create(name="Night", slug="night")
    thread = forum_services.thread_create(
        author=other_member, space=space, title="Nights", body="So tired tonight."
    ).thread
    Thread.objects.filter(pk=thread.pk).update(
        status=PostStatus.VISIBLE, risk_categories=["suicidal_thoughts"]
    )
    client = Client()
    client.force_login(member)

    html = page(client, thread.get_absolute_url(), language="en-US")
    again = page(client, thread.get_absolute_url(), language="en-US")

    assert 'class="sp-card"' in html and QUESTION in html
    assert QUESTION not in again and "Not in United States? Change" in again


def test_a_panel_built_without_a_page_still_has_a_change_link(seeded):
    """No request at hand: the control links to the directory's country picker."""
    html = presentation.crisis_panel_html("US")
    assert "Not in United States? Change" in html
    assert 'href="/support/resources/"' in html


def test_international_lines_say_so(seeded):
    client = Client()
    client.cookies[countries.COUNTRY_COOKIE] = "INT"
    assert "Showing international lines. Change country" in page(client)


# --- Answering ----------------------------------------------------------------------


def test_a_member_saves_her_country_and_comes_back(seeded, member):
    client = Client()
    client.force_login(member)
    response = choose(client, country="CA", next="/support/worried/?x=1")

    member.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == "/support/worried/?x=1"
    assert member.country == "CA"
    assert countries.COUNTRY_COOKIE not in response.cookies
    html = page(client, "/support/worried/")
    assert 'data-country="CA"' in html and QUESTION not in html


def test_these_are_right_saves_the_guess(seeded, member):
    client = Client()
    client.force_login(member)
    choose(client, country="US", confirm="GB", next=HELP)
    member.refresh_from_db()
    assert member.country == "GB"


def test_a_signed_out_reader_gets_a_cookie(seeded):
    client = Client()
    response = choose(client, country="AU", next=HELP)

    cookie = response.cookies[countries.COUNTRY_COOKIE]
    assert cookie.value == "AU" and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert client.session[ASKED_SESSION_KEY] is True
    html = page(client, language="en-US")
    assert 'data-country="AU"' in html and QUESTION not in html


@pytest.mark.parametrize(
    "hostile",
    [
        "https://evil.example/",
        "//evil.example/support/help/",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
        "",
    ],
)
def test_a_hostile_next_is_ignored(seeded, hostile):
    response = choose(Client(), country="IE", next=hostile)
    assert response.status_code == 302
    assert response["Location"] == HELP


def test_an_unknown_country_changes_nothing(seeded, member):
    client = Client()
    client.force_login(member)
    response = choose(client, country="XX", next="/support/resources/")
    member.refresh_from_db()
    assert response["Location"] == "/support/resources/"
    assert member.country == ""
    assert countries.COUNTRY_COOKIE not in response.cookies


def test_the_country_view_only_takes_posts(seeded):
    assert Client().get(reverse("support:country_set")).status_code == 405


def test_the_country_view_needs_its_csrf_token(seeded):
    client = Client(enforce_csrf_checks=True)
    assert choose(client, country="GB", next=HELP).status_code == 403


def test_a_check_in_result_lists_parents_lines_with_the_change_control(
    seeded, make_member
):
    from support.signposting import services
    from tests.signposting.test_check_in import CALM

    member = make_member("Calm Finch", country="NZ")
    answers = {key: value for key, value in CALM.items() if key != "mood"}
    entry = services.check_in_create(member=member, mood=4, answers=answers)
    client = Client()
    client.force_login(member)
    html = client.get(f"/support/check-in/{entry.pk}/").text
    assert "Lines for parents in New Zealand" in html
    assert "Not in New Zealand? Change" in html and QUESTION not in html
