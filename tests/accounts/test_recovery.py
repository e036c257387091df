"""Recovery without email (single-use codes) and with email (never revealing who)."""

import re

import pytest
from django.core import mail

from accounts import services
from accounts.models import Member, RecoveryCode

RECOVER_URL = "/accounts/recover/"
NEW_PASSWORD = "a brand new kind password"


@pytest.fixture
def codes(member):
    return services.recovery_codes_issue(member=member)


def recover(client, pseudonym, code, password=NEW_PASSWORD, **extra):
    return client.post(
        RECOVER_URL,
        {
            "pseudonym": pseudonym,
            "code": code,
            "new_password1": password,
            "new_password2": password,
        },
        **extra,
    )


def test_recovery_codes_are_high_entropy_and_from_an_unambiguous_alphabet(member):
    """Eight distinct 4-4-4 codes without 0/O, 1/I/L lookalikes."""
    codes = services.recovery_codes_issue(member=member)
    assert len(set(codes)) == 8
    for code in codes:
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
        assert not set(code) & set("01OIL5S")


def test_a_code_resets_the_password_and_is_then_spent(client, member, codes):
    """The code works once: the password changes and the same code fails after."""
    response = recover(client, "quiet heron", codes[0].lower().replace("-", " "))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert (
        RecoveryCode.objects.get(
            code_hash=services.recovery_code_hash(codes[0])
        ).used_at
        is not None
    )
    client.logout()
    again = recover(
        client, "Quiet Heron", codes[0], password="yet another kind password"
    )
    assert "don&#x27;t match" in again.content.decode()
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_wrong_code_and_wrong_pseudonym_give_one_identical_error(
    client, member, other_member, codes
):
    """Neither the pseudonym nor the code is confirmed by the error."""
    wrong_code = recover(client, "Quiet Heron", "AAAA-BBBB-CCCC")
    wrong_name = recover(client, "Nobody Here", codes[1])
    someone_else = recover(client, "Gentle Otter", codes[1])
    errors = {
        tuple(response.context["form"].non_field_errors())
        for response in (wrong_code, wrong_name, someone_else)
    }
    assert len(errors) == 1
    member.refresh_from_db()
    assert member.check_password("a long kind password")


def test_recovery_is_throttled_per_account(client, member, codes):
    """Guessing codes for one pseudonym is paused after a few tries."""
    for _ in range(5):
        recover(client, "Quiet Heron", "AAAA-BBBB-CCCC", REMOTE_ADDR="10.0.0.1")
    response = recover(client, "Quiet Heron", codes[0], REMOTE_ADDR="10.0.0.2")
    assert "paused recovery" in response.content.decode()
    member.refresh_from_db()
    assert not member.check_password(NEW_PASSWORD)


def test_a_weak_new_password_does_not_spend_the_code(client, member, codes):
    """Nothing is half-done: a refused password leaves the code unused."""
    response = recover(client, "Quiet Heron", codes[0], password="password")
    assert "new_password1" in response.context["form"].errors
    assert RecoveryCode.objects.filter(used_at__isnull=False).count() == 0


def test_regenerating_codes_invalidates_the_old_ones(client, member, codes):
    """A fresh set replaces the old one entirely."""
    fresh = services.recovery_codes_issue(member=member)
    assert set(fresh).isdisjoint(codes)
    assert (
        "don&#x27;t match" in recover(client, "Quiet Heron", codes[2]).content.decode()
    )
    assert recover(client, "Quiet Heron", fresh[2]).status_code == 302


def test_inactive_members_cannot_recover(client, member, codes):
    """A deleted account's codes are gone with it."""
    services.member_erase(member=member)
    assert RecoveryCode.objects.count() == 0


def test_email_reset_sends_a_link_only_to_members_with_that_email(client, make_member):
    """A reset link goes to the address; the response is the same either way."""
    make_member("Early Lark", email="lark@example.org")
    known = client.post("/accounts/recover/email/", {"email": "lark@example.org"})
    unknown = client.post("/accounts/recover/email/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lark@example.org"]
    assert "Early Lark" in mail.outbox[0].body
    assert "/accounts/recover/email/" in mail.outbox[0].body


def test_the_emailed_link_sets_a_new_password(client, make_member):
    """Following the link lets the member choose a new password."""
    lark = make_member("Early Lark", email="lark@example.org")
    client.post("/accounts/recover/email/", {"email": "lark@example.org"})
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    lark.refresh_from_db()
    assert lark.check_password(NEW_PASSWORD)


def test_email_reset_is_throttled_silently(client, make_member, monkeypatch):
    """Past the limit no mail is sent, and the response still looks the same."""
    monkeypatch.setattr(services, "EMAIL_RESET_CLIENT_LIMIT", (1, 3600))
    make_member("Early Lark", email="lark@example.org")
    first = client.post("/accounts/recover/email/", {"email": "lark@example.org"})
    second = client.post("/accounts/recover/email/", {"email": "lark@example.org"})
    assert first.url == second.url
    assert len(mail.outbox) == 1
    assert Member.objects.count() == 1
