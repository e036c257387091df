"""With DEBUG on (make run), errors still show the site's own pages, not Django's
debug pages listing every URL."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from core.middleware import BrandedErrorsMiddleware

pytestmark = pytest.mark.django_db


def test_a_mistyped_address_shows_the_branded_404_in_debug(client, settings):
    settings.DEBUG = True
    response = client.get("/no-such-page-here/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "couldn&#x27;t find that page" in html or "couldn't find that page" in html
    assert "URLconf" not in html


def test_a_missing_object_shows_the_branded_404_in_debug(client, settings):
    settings.DEBUG = True
    response = client.get("/threads/999999/")
    assert response.status_code == 404
    assert "URLconf" not in response.content.decode()


def test_a_crash_shows_the_branded_500_in_debug_and_logs_it(settings, caplog):
    settings.DEBUG = True
    request = RequestFactory().get("/")
    middleware = BrandedErrorsMiddleware(lambda request: None)
    response = middleware.process_exception(request, RuntimeError("boom"))
    assert response.status_code == 500
    assert b"Traceback" not in response.content
    assert any("boom" in str(record.exc_info) for record in caplog.records)


def test_operators_can_ask_for_djangos_debug_pages(client, settings):
    settings.DEBUG = True
    settings.DEBUG_ERROR_PAGES = True
    middleware = BrandedErrorsMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, Http404()) is None
    assert "URLconf" in client.get("/no-such-page-here/").content.decode()
