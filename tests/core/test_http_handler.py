"""Pages served through the ASGI application: the whole middleware chain and the
view run in one call on a page thread that keeps its database connection."""

import asyncio
import threading

import pytest
from channels.testing import HttpCommunicator
from django.db import connection

from core import database_threads
from core.http import PageThreadASGIHandler

pytestmark = pytest.mark.django_db(transaction=True)


def _handler_recording(seen: list) -> PageThreadASGIHandler:
    handler = PageThreadASGIHandler()
    get_response = handler.get_response

    def recording(request):
        response = get_response(request)
        # The connection itself, not its id: a closed one's id may be reused.
        seen.append((threading.current_thread().name, connection.connection))
        return response

    handler.get_response = recording
    return handler


async def _get(application, path: str) -> dict:
    communicator = HttpCommunicator(
        application, "GET", path, headers=[(b"host", b"127.0.0.1")]
    )
    return await communicator.get_response(timeout=10)


async def test_a_page_goes_through_every_middleware():
    """The security middleware, ours and Django's, all answer on the way out."""
    response = await _get(PageThreadASGIHandler(), "/guidelines/")
    headers = {name.lower(): value for name, value in response["headers"]}
    assert response["status"] == 200
    assert b"script-src 'self'" in headers[b"content-security-policy"]
    assert headers[b"x-frame-options"] == b"DENY"
    assert b"<html" in response["body"]


async def test_a_missing_page_is_a_404_not_an_error():
    response = await _get(PageThreadASGIHandler(), "/nowhere-at-all/")
    assert response["status"] == 404


async def test_pages_run_on_the_page_threads_and_keep_their_connections():
    """However many pages are served, no more threads than PAGE_THREADS serve them,
    and each thread opens its database connection once, not once a page."""
    seen: list[tuple[str, object]] = []
    handler = _handler_recording(seen)
    for _ in range(database_threads.PAGE_THREADS * 3):
        assert (await _get(handler, "/"))["status"] == 200
    threads = {name for name, _ in seen}
    assert all(name.startswith("pages") for name in threads)
    assert len(threads) <= database_threads.PAGE_THREADS
    for name in threads:
        opened = [c for n, c in seen if n == name]
        assert all(c is opened[0] for c in opened), name


async def test_only_http_is_served():
    with pytest.raises(ValueError, match="websocket"):
        await PageThreadASGIHandler()({"type": "websocket"}, None, None)


@pytest.mark.postgres
async def test_a_kept_connection_that_died_is_replaced_before_the_page_runs():
    """A page after the database connection died is served, not a 500: the page
    thread's kept connection is checked and reopened first. (SQLite connections
    don't die this way.)"""
    handler = PageThreadASGIHandler()
    assert (await _get(handler, "/"))["status"] == 200
    # Every page thread at once, so that each one's connection is broken.
    all_threads = threading.Barrier(database_threads.PAGE_THREADS, timeout=10)

    def break_connection():
        all_threads.wait()
        connection.ensure_connection()
        connection.connection.close()

    await asyncio.gather(
        *(
            database_threads.in_page_thread(break_connection)
            for _ in range(database_threads.PAGE_THREADS)
        )
    )
    for _ in range(database_threads.PAGE_THREADS * 2):
        assert (await _get(handler, "/"))["status"] == 200
