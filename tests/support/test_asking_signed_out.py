"""Signed out, "I need someone now" explains why a chat needs an account, offers the
two ways in (each coming back to the request page) and shows the help lines; joining
from there shows the recovery codes once and then leads straight to asking."""

import re
from urllib.parse import quote

import pytest
from django.urls import reverse

from accounts.models import Member
from support.models import SupportRequest

pytestmark = pytest.mark.django_db

CODE_PATTERN = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")
HOSTILE = [
    "//evil.example",
    "https://evil.example",
    "https://evil.example/support/now/",
]


def request_page() -> str:
    return reverse("support:request_start")


def join_data(**overrides) -> dict:
    return {
        "pseudonym": "Quiet Heron",
        "password1": "a long kind password",
        "password2": "a long kind password",
        "email": "",
        "age": "on",
        "guidelines": "on",
        **overrides,
    }


def test_signed_out_the_request_page_explains_and_offers_both_ways_in(
    client, directory
):
    response = client.get(request_page())
    page = response.content.decode()
    back = f"?next={quote(request_page(), safe='')}"

    assert response.status_code == 200
    assert "Why we ask you to join first" in page
    assert "your listener can still reach you in the same chat" in page
    assert "no real name, no phone number, and no email unless you want one" in page
    assert f'href="{reverse("accounts:join")}{back}"' in page
    assert f'href="{reverse("accounts:sign_in")}{back}"' in page
    assert "Join anonymously" in page and ">Sign in</a>" in page
    assert 'class="crisis-panel' in page and 'href="tel:' in page
    assert 'name="chips"' not in page


def test_signed_out_asking_creates_nothing(client):
    response = client.post(request_page(), {"chips": ["low"]})
    assert response.status_code == 200
    assert "Why we ask you to join first" in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_the_join_and_sign_in_pages_show_the_help_lines_on_the_way_to_asking(
    client, directory
):
    for name in ("accounts:join", "accounts:sign_in"):
        page = client.get(reverse(name), {"next": request_page()}).content.decode()
        assert 'class="crisis-panel' in page, name
        assert f'name="next" value="{request_page()}"' in page, name

        elsewhere = client.get(reverse(name)).content.decode()
        assert 'class="crisis-panel' not in elsewhere, name


def test_joining_from_the_request_page_shows_the_codes_then_leads_to_asking(
    client, listener, on_duty
):
    on_duty(listener)
    response = client.post(
        f"{reverse('accounts:join')}?next={quote(request_page())}", join_data()
    )
    assert response.status_code == 302
    codes_url = response["Location"]
    assert codes_url.startswith(reverse("accounts:recovery_codes"))

    codes_page = client.get(codes_url).content.decode()
    assert len(set(CODE_PATTERN.findall(codes_page))) == 8
    assert f'href="{request_page()}"' in codes_page
    assert "take me to ask for a listener" in codes_page

    asking = client.get(request_page())
    assert asking.status_code == 200 and 'name="chips"' in asking.content.decode()
    member = Member.objects.get(pseudonym="Quiet Heron")
    client.post(request_page(), {"chips": ["lonely"]})
    assert SupportRequest.objects.filter(member=member).exists()


def test_the_codes_page_seen_again_still_leads_to_asking(client):
    response = client.post(
        reverse("accounts:join"), {**join_data(), "next": request_page()}
    )
    client.get(response["Location"])
    again = client.get(response["Location"]).content.decode()
    assert "already been shown" in again
    assert f'href="{request_page()}"' in again


def test_signing_in_from_the_request_page_lands_on_it(client, member):
    member.set_password("a long kind password")
    member.save()
    response = client.post(
        reverse("accounts:sign_in"),
        {
            "pseudonym": member.pseudonym,
            "password": "a long kind password",
            "next": request_page(),
        },
    )
    assert response.status_code == 302 and response["Location"] == request_page()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_next_is_ignored_when_joining(client, hostile):
    response = client.post(
        f"{reverse('accounts:join')}?next={quote(hostile)}",
        {**join_data(), "next": hostile},
    )
    assert response["Location"] == reverse("accounts:recovery_codes")
    page = client.get(response["Location"]).content.decode()
    assert "evil.example" not in page
    assert f'href="{reverse("home")}"' in page


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_next_is_ignored_by_the_pages_on_the_way(client, member, hostile):
    for name in ("accounts:join", "accounts:sign_in", "accounts:recovery_codes"):
        if name == "accounts:recovery_codes":
            client.force_login(member)
        page = client.get(reverse(name), {"next": hostile}).content.decode()
        # (The night-mode switch sends the page's own address back to the site.)
        assert f'"{hostile}"' not in page, name
        assert f'href="{reverse("accounts:join")}?next=' not in page, name
        assert f'href="{reverse("accounts:sign_in")}?next=' not in page, name
        assert 'class="crisis-panel' not in page, name
    client.logout()
    response = client.post(
        reverse("accounts:sign_in"),
        {"pseudonym": member.pseudonym, "password": "x", "next": hostile},
    )
    assert "evil.example" not in response.content.decode()
