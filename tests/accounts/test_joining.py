"""Joining anonymously: pseudonyms, passwords, guidelines, recovery codes shown once."""

import re

import pytest
from django.urls import reverse

from accounts import services
from accounts.guidelines import GUIDELINES_VERSION
from accounts.models import Member, RecoveryCode
from accounts.pseudonyms import validate_pseudonym_shape
from accounts.selectors import pseudonym_suggestions

JOIN_URL = "/accounts/join/"
CODE_PATTERN = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")


def join_data(**overrides):
    data = {
        "pseudonym": "Sleepy Wren",
        "password1": "a long kind password",
        "password2": "a long kind password",
        "email": "",
        "age": "on",
        "guidelines": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_a_newcomer_joins_and_is_shown_eight_recovery_codes_once(client):
    """Joining signs the member in and shows eight codes once; only hashes are kept."""
    response = client.post(JOIN_URL, join_data())
    assert response.status_code == 302
    assert response.url == reverse("accounts:recovery_codes")

    page = client.get(response.url)
    codes = CODE_PATTERN.findall(page.content.decode())
    assert len(set(codes)) == 8
    assert "only time we'll show them" in page.content.decode()
    assert "no-store" in page["Cache-Control"]

    member = Member.objects.get(pseudonym="Sleepy Wren")
    assert page.wsgi_request.user == member
    stored = set(
        RecoveryCode.objects.filter(member=member).values_list("code_hash", flat=True)
    )
    assert stored == {services.recovery_code_hash(code) for code in codes}
    assert not any(code in stored for code in codes)

    again = client.get(response.url).content.decode()
    assert CODE_PATTERN.findall(again) == []
    assert "already been shown" in again


@pytest.mark.django_db
def test_joining_records_guidelines_version_age_and_member_role(client):
    """The accepted guidelines version, when, and the 16+ confirmation are recorded."""
    client.post(JOIN_URL, join_data(email="Someone@Example.ORG"))
    member = Member.objects.get(pseudonym="Sleepy Wren")
    assert member.guidelines_version == GUIDELINES_VERSION
    assert member.guidelines_accepted_at is not None
    assert member.age_confirmed_at is not None
    assert member.email == "Someone@example.org"
    assert not member.groups.exists()  # "member" is every account; no group needed
    assert member.check_password("a long kind password")


@pytest.mark.django_db
def test_joining_trims_and_collapses_spaces_in_the_pseudonym(client):
    """Leading, trailing and repeated spaces are tidied before saving."""
    client.post(JOIN_URL, join_data(pseudonym="   Sleepy    Wren  "))
    assert Member.objects.filter(pseudonym="Sleepy Wren").exists()


@pytest.mark.django_db
def test_joining_with_an_email_already_in_use_looks_exactly_the_same(
    client, make_member
):
    """Emails are not unique and joining never hints that one is already registered."""
    make_member("Early Lark", email="shared@example.org")
    used = client.post(
        JOIN_URL, join_data(pseudonym="Misty Fern", email="shared@example.org")
    )
    client.logout()
    fresh = client.post(
        JOIN_URL, join_data(pseudonym="Misty Moss", email="new@example.org")
    )
    assert used.status_code == fresh.status_code == 302
    assert used.url == fresh.url
    assert Member.objects.filter(email="shared@example.org").count() == 2


@pytest.mark.django_db
def test_a_refused_join_keeps_what_was_typed_and_says_why_next_to_the_field(client):
    """Errors sit next to their fields; passwords are never echoed back."""
    response = client.post(
        JOIN_URL,
        join_data(pseudonym="Sleepy Wren", password2="something else entirely"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Sleepy Wren"' in html
    assert "The two passwords don&#x27;t match." in html
    assert "a long kind password" not in html
    assert not Member.objects.exists()


@pytest.mark.django_db
def test_joining_needs_age_confirmation_and_the_guidelines(client):
    """Both boxes are required; nothing is created without them."""
    response = client.post(JOIN_URL, join_data(age=None, guidelines=None))
    form = response.context["form"]
    assert "age" in form.errors and "guidelines" in form.errors
    assert not Member.objects.exists()


@pytest.mark.django_db
def test_a_weak_password_is_refused_by_the_validators(client):
    """Django's password validators apply (length, common, numeric, similarity)."""
    response = client.post(
        JOIN_URL, join_data(password1="password", password2="password")
    )
    assert "password1" in response.context["form"].errors
    response = client.post(
        JOIN_URL, join_data(password1="Sleepy Wren 1", password2="Sleepy Wren 1")
    )
    assert "password1" in response.context["form"].errors
    assert not Member.objects.exists()


@pytest.mark.parametrize(
    "pseudonym",
    [
        "ab",
        "x" * 31,
        "Admin",
        "admin",
        "Friendly Admin",
        "The-Moderator",
        "mod team",
        "Kindred Helper",
        "Anonymous",
        "anonymous parent",
        "Staff Nurse",
        "Support",
        "SYSTEM",
        "Listener Jo",
        "operator",
        "administrator",
        "Former member 12",
        "emoji 🌙 name",
        "under_score",
        "dot.name",
        "12345678",
        "-leading",
        "trailing-",
        "two  -  hyphens",
        "a@b.com",
    ],
)
def test_pseudonyms_that_are_refused(pseudonym):
    """Reserved words (as whole words), bad characters and lengths are refused."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_pseudonym_shape(pseudonym)


@pytest.mark.parametrize(
    "pseudonym",
    [
        "Quiet Heron",
        "Badminton Mum",
        "Modest Moth",
        "Zoë",
        "Мама Лиса",
        "mum-of-2",
        "Ana",
    ],
)
def test_pseudonyms_that_are_welcome(pseudonym):
    """Unicode letters, digits, hyphens, and reserved words inside other words."""
    assert validate_pseudonym_shape(pseudonym) == pseudonym


@pytest.mark.django_db
def test_pseudonyms_are_unique_ignoring_case(client, make_member):
    """A pseudonym someone has, in any case, is refused with a kind message."""
    make_member("Quiet Heron")
    response = client.post(JOIN_URL, join_data(pseudonym="QUIET heron"))
    assert "already uses that pseudonym" in response.content.decode()
    assert Member.objects.count() == 1


@pytest.mark.django_db
def test_the_join_page_offers_four_free_suggestions(client, make_member, monkeypatch):
    """Suggestions are gentle adjective + nature names that nobody has yet."""
    make_member("Quiet Heron")
    monkeypatch.setattr(
        "accounts.selectors.candidate_pseudonyms",
        lambda count: (
            ["Quiet Heron", "Calm Otter", "Soft Fern", "Brave Wren", "Warm Moss"]
            + ["Still Tide"] * 0
        ),
    )
    assert pseudonym_suggestions(4) == [
        "Calm Otter",
        "Soft Fern",
        "Brave Wren",
        "Warm Moss",
    ]
    html = client.get(JOIN_URL).content.decode()
    assert html.count('data-pseudonym="') == 4


@pytest.mark.django_db
def test_suggestions_are_valid_pseudonyms(db):
    """Every generated suggestion passes the pseudonym rules."""
    for name in pseudonym_suggestions(4):
        assert validate_pseudonym_shape(name) == name


@pytest.mark.django_db
def test_joining_is_throttled_per_client(client, monkeypatch):
    """After a few accounts from one connection, joining pauses there."""
    monkeypatch.setattr(services, "JOIN_CLIENT_LIMIT", (2, 3600))
    for name in ("Calm One", "Calm Two"):
        assert client.post(JOIN_URL, join_data(pseudonym=name)).status_code == 302
        client.logout()
    response = client.post(JOIN_URL, join_data(pseudonym="Calm Three"))
    assert response.status_code == 200
    assert "joining is paused" in response.content.decode()
    assert not Member.objects.filter(pseudonym="Calm Three").exists()
    other_client = client.post(
        JOIN_URL, join_data(pseudonym="Calm Four"), REMOTE_ADDR="10.0.0.9"
    )
    assert other_client.status_code == 302


@pytest.mark.django_db
def test_signed_in_members_are_sent_home_from_join(client, member):
    """The join page is for newcomers."""
    client.force_login(member)
    assert client.get(JOIN_URL).status_code == 302


@pytest.mark.django_db
def test_the_codes_page_needs_sign_in(client):
    """Nobody sees a codes page without an account."""
    response = client.get(reverse("accounts:recovery_codes"))
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response.url


@pytest.mark.postgres
def test_on_postgresql_uniqueness_ignores_case_in_every_alphabet(client, make_member):
    """PostgreSQL folds case beyond ASCII, so "ZOË" and "zoë" are one name."""
    make_member("Zoë Fern")
    response = client.post(JOIN_URL, join_data(pseudonym="ZOË FERN"))
    assert "already uses that pseudonym" in response.content.decode()
