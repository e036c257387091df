"""Signing in and out, with throttling that never says which part was wrong."""

from django.urls import reverse

from accounts import services
from core.privacy import hash_ip

SIGN_IN_URL = "/accounts/sign-in/"
PASSWORD = "a long kind password"


def attempt(client, pseudonym, password, **extra):
    return client.post(
        SIGN_IN_URL, {"pseudonym": pseudonym, "password": password}, **extra
    )


def test_the_sign_in_page_has_the_labels_people_rely_on(client, db):
    """Labels read exactly "Pseudonym" and "Password" and the button "Sign in"."""
    html = client.get(SIGN_IN_URL).content.decode()
    assert '<label for="id_pseudonym">Pseudonym</label>' in html
    assert '<label for="id_password">Password</label>' in html
    assert (
        '<button class="button button-primary" type="submit">Sign in</button>' in html
    )


def test_a_member_signs_in_with_any_case_of_their_pseudonym(client, member):
    """Pseudonyms are case-insensitive at sign-in."""
    response = attempt(client, "quiet HERON", PASSWORD)
    assert response.status_code == 302
    assert response.wsgi_request.user == member


def test_sign_in_follows_a_safe_next_link_only(client, member):
    """next= may only point inside Kindred."""
    response = client.post(
        SIGN_IN_URL + "?next=/accounts/settings/",
        {"pseudonym": "Quiet Heron", "password": PASSWORD},
    )
    assert response.url == "/accounts/settings/"
    client.logout()
    response = client.post(
        SIGN_IN_URL + "?next=https://evil.example/",
        {"pseudonym": "Quiet Heron", "password": PASSWORD},
    )
    assert response.url == reverse("home")


def test_wrong_password_and_unknown_pseudonym_give_the_same_error(client, member):
    """The error never reveals whether the pseudonym exists."""
    wrong_password = attempt(client, "Quiet Heron", "not the password at all")
    unknown = attempt(client, "Nobody Here", PASSWORD)
    assert wrong_password.status_code == unknown.status_code == 200
    assert (
        wrong_password.context["form"].non_field_errors()
        == unknown.context["form"].non_field_errors()
    )
    assert "don&#x27;t match an account" in wrong_password.content.decode()
    assert 'value="Quiet Heron"' in wrong_password.content.decode()


def test_five_failures_lock_the_account_even_for_the_right_password(client, member):
    """After 5 failed tries in 15 minutes the right password is refused, kindly."""
    for _ in range(5):
        attempt(client, "Quiet Heron", "wrong password here", REMOTE_ADDR="10.0.0.1")
    response = attempt(client, "Quiet Heron", PASSWORD, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 200
    assert "paused sign-in" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_the_account_lock_lifts_after_the_window(client, member):
    """Throttling is a window, not a permanent lock."""
    import time_machine

    with time_machine.travel("2026-03-01 10:00", tick=False):
        for _ in range(5):
            attempt(client, "Quiet Heron", "wrong password here")
        assert "paused" in attempt(client, "Quiet Heron", PASSWORD).content.decode()
    with time_machine.travel("2026-03-01 10:16", tick=False):
        assert attempt(client, "Quiet Heron", PASSWORD).status_code == 302


def test_twenty_failures_from_one_client_pause_it_for_every_account(
    client, member, monkeypatch
):
    """A client guessing across many pseudonyms is paused too."""
    monkeypatch.setattr(services, "SIGN_IN_CLIENT_LIMIT", (3, 900))
    for number in range(3):
        attempt(
            client, f"Guess {number}", "wrong password here", REMOTE_ADDR="10.1.1.1"
        )
    response = attempt(client, "Quiet Heron", PASSWORD, REMOTE_ADDR="10.1.1.1")
    assert "paused sign-in" in response.content.decode()
    elsewhere = attempt(client, "Quiet Heron", PASSWORD, REMOTE_ADDR="10.2.2.2")
    assert elsewhere.status_code == 302


def test_client_throttling_uses_hashed_addresses_only(client, member, monkeypatch):
    """Rate limits are keyed by the monthly keyed hash, never the clear address."""
    from core import ratelimit

    seen = []
    real_hit = ratelimit.hit

    def spy(scope, key, **kwargs):
        seen.append((scope, key))
        return real_hit(scope, key, **kwargs)

    monkeypatch.setattr(ratelimit, "hit", spy)
    attempt(client, "Quiet Heron", "wrong password here", REMOTE_ADDR="203.0.113.77")
    client_keys = [key for scope, key in seen if scope == "sign-in-client"]
    assert client_keys == [hash_ip("203.0.113.77")]
    assert not any("203.0.113.77" in key for _, key in seen)


def test_inactive_members_cannot_sign_in(client, make_member):
    """A deleted (inactive) account can't be used, and the error is the same."""
    make_member("Gone Away", is_active=False)
    response = attempt(client, "Gone Away", PASSWORD)
    assert "don&#x27;t match an account" in response.content.decode()


def test_sign_out_is_post_only(client, member):
    """A GET can't sign anyone out (no sign-out by image or link)."""
    client.force_login(member)
    assert client.get("/accounts/sign-out/").status_code == 405
    response = client.post("/accounts/sign-out/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
