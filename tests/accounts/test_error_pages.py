"""Refusals look like Kindred: a form whose CSRF check failed, a 403 and a 400
get the site's layout, quick exit and help, in plain words."""

import pytest
from django.test import Client

from tests.accounts.test_site_shell import assert_has_quick_exit_and_help

pytestmark = pytest.mark.urls("tests.accounts.urls_raising")


def test_an_expired_form_gets_a_calm_page_with_quick_exit_and_help(db):
    """A sign-in posted without its CSRF token (an old tab, a lost cookie)."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/sign-in/", {"pseudonym": "Quiet Heron", "password": "x" * 12}
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "This form had expired" in html
    assert "what you typed may still be in the form" in html
    assert "CSRF" not in html
    assert_has_quick_exit_and_help(html)


def test_an_expired_form_is_refused_for_signed_in_members_too(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post("/accounts/sign-out/")
    assert response.status_code == 403
    assert "This form had expired" in response.content.decode()
    assert response.wsgi_request.user.is_authenticated


def test_a_form_with_its_token_is_not_refused(db):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/sign-in/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/accounts/sign-in/",
        {"pseudonym": "Nobody", "password": "x" * 12, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 200
    assert "This form had expired" not in response.content.decode()


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/test-forbidden/", 403, "That page isn't open to you"),
        ("/test-garbled/", 400, "That request didn't make sense"),
    ],
)
def test_refusals_use_the_site_layout(client, db, path, status, words):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == status
    assert words in html
    assert '<header class="site-header">' in html
    assert_has_quick_exit_and_help(html)
