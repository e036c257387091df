"""Every kind of page carries quick exit and "Get help now"."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.urls("tests.accounts.urls_raising")


def assert_has_quick_exit_and_help(html: str) -> None:
    exit_link = re.search(r'<a class="quick-exit" id="quick-exit" href="([^"]+)"', html)
    assert exit_link, "quick exit link missing"
    assert exit_link.group(1) == settings.QUICK_EXIT_URL
    assert f'data-exit-url="{settings.QUICK_EXIT_URL}"' in html
    assert re.search(r'<script src="[^"]*js/quick-exit\.js" defer></script>', html)
    help_url = reverse("support:crisis")
    assert re.search(
        rf'<a [^>]*href="{re.escape(help_url)}"[^>]*>Get help now</a>', html
    )
    assert "<script>" not in html, "no inline scripts (CSP)"
    assert " style=" not in html, "no inline styles (CSP)"
    assert re.search(r"\son[a-z]+=", html) is None, "no inline event handlers"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/guidelines/", 200),
        ("/peer-support/", 200),
        ("/privacy/", 200),
        ("/accounts/join/", 200),
        ("/accounts/sign-in/", 200),
        ("/accounts/recover/", 200),
        ("/accounts/recover/email/", 200),
        ("/no-such-page-here/", 404),
        ("/test-forbidden/", 403),
        ("/test-garbled/", 400),
    ],
)
def test_public_pages_and_error_pages_carry_quick_exit_and_help(
    client, db, path, status
):
    """Signed out, every page type has quick exit (neutral URL + script) and help."""
    response = client.get(path)
    assert response.status_code == status
    assert_has_quick_exit_and_help(response.content.decode())


def test_settings_and_recovery_codes_pages_carry_quick_exit_and_help(client, member):
    """Signed-in pages too."""
    client.force_login(member)
    for path in ("/accounts/settings/", "/accounts/recovery-codes/", "/guidelines/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_has_quick_exit_and_help(response.content.decode())


def test_the_server_error_page_is_calm_and_carries_quick_exit_and_help(client, db):
    """A crash shows a branded 500 page, not a stack trace."""
    client.raise_request_exception = False
    response = client.get("/test-broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "Traceback" not in html and "deliberately" not in html
    assert_has_quick_exit_and_help(html)


def test_error_pages_send_the_security_headers(client, db):
    """The CSP applies to error pages as to any other."""
    client.raise_request_exception = False
    for path in ("/no-such-page-here/", "/test-broken/"):
        csp = client.get(path)["Content-Security-Policy"]
        assert "script-src 'self'" in csp


def test_the_404_page_says_nothing_about_what_exists(client, db):
    """A missing page says it's missing, kindly, without detail."""
    html = client.get("/accounts/nothing-here/").content.decode()
    assert "We couldn't find that page" in html
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert "nothing-here" not in main


def test_the_header_offers_the_spaces_live_support_and_help(client, db):
    """The header links the spaces, "I need someone now" and "Get help now"."""
    html = client.get("/").content.decode()
    assert reverse("support:request_start") in html
    assert "I need someone now" in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html


def test_signed_out_header_offers_sign_in_and_join_and_signed_in_offers_sign_out(
    client, member
):
    """The account links change with signing in; sign-out is a POST form."""
    html = client.get("/").content.decode()
    assert reverse("accounts:sign_in") in html and reverse("accounts:join") in html
    client.force_login(member)
    html = client.get("/").content.decode()
    assert f'action="{reverse("accounts:sign_out")}"' in html
    assert reverse("accounts:settings") in html


def test_the_guidelines_page_lists_every_guideline_with_an_anchor(client, db):
    """Moderation reasons link to #guideline-N, so every number has an anchor."""
    from accounts.guidelines import GUIDELINES

    html = client.get("/guidelines/").content.decode()
    for item in GUIDELINES:
        assert f'id="guideline-{item.number}"' in html


def test_the_privacy_page_states_the_retention_and_ip_stance(client, db, settings):
    """The privacy page tells how long chats are kept and that IPs are hashed."""
    settings.CHAT_RETENTION_DAYS = 21
    html = client.get("/privacy/").content.decode()
    assert "21 days" in html
    assert "hash" in html


def test_the_peer_support_page_says_it_is_not_a_crisis_service(client, db):
    html = client.get("/peer-support/").content.decode()
    assert "isn't a crisis service" in html


def test_night_mode_follows_the_device_until_chosen(client, db):
    """With no choice the page follows the system preference."""
    html = client.get("/").content.decode()
    assert 'data-theme="system"' in html
    assert '<meta name="color-scheme" content="light dark">' in html
