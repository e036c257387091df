"""PostgreSQL unreachable for a few seconds, on a real Daphne server in production
mode (DEBUG off) that reaches PostgreSQL through a TCP proxy the test cuts: pages
show the calm branded error page, chat sockets are answered and told to try again,
and everything recovers without a restart. The shared PostgreSQL is never
stopped."""

import asyncio
import gzip
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection

from core.sockets import CLOSE_TRY_AGAIN
from support.models import ChatMessage
from tests.conftest import PROJECT_ROOT, DaphneServer, database_url_for_subprocess
from tests.private_servers import TcpProxy
from tests.support.conftest import session_cookie
from tests.support.live_client import (
    frames_until_closed,
    handshake_close_code,
    room_socket,
    say,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TIMEOUT = 5
PRODUCTION = {"DEBUG": "0", "KINDRED_HTTPS": "0", "REDIS_URL": ""}


@pytest.fixture(scope="module")
def collected_static():
    """DEBUG off serves static files from collectstatic's output, as in
    production."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=PROJECT_ROOT,
        env={**os.environ, **PRODUCTION, "SECRET_KEY": settings.SECRET_KEY},
        check=True,
        timeout=120,
    )


@pytest.fixture
def proxy():
    db = connection.settings_dict
    proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    yield proxy
    proxy.close()


@pytest.fixture
def server(proxy, collected_static):
    direct = urlparse(database_url_for_subprocess())
    through_proxy = direct._replace(
        netloc=direct.netloc.rpartition("@")[0] + f"@127.0.0.1:{proxy.port}"
    )
    daphne = DaphneServer(
        extra_env={**PRODUCTION, "DATABASE_URL": through_proxy.geturl()}
    ).start()
    yield daphne
    daphne.stop()


def fetch(server: DaphneServer, path: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(server.url + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for_status(server: DaphneServer, path: str, status: int) -> float:
    started = time.monotonic()
    while fetch(server, path)[0] != status:
        assert time.monotonic() - started < 15, f"{path} never answered {status}"
        time.sleep(0.2)
    return time.monotonic() - started


def test_pages_and_sockets_ride_out_a_lost_database(
    server, proxy, private_room, member, settings
):
    from forum import services
    from forum.models import Space

    settings.PREMODERATION_POSTS = 0
    thread = services.thread_create(
        author=member,
        space=Space.objects.create(name="Loneliness", slug="loneliness"),
        title="Does anyone else feel invisible",
        body="Some days nobody says my name.",
    ).thread
    page = thread.get_absolute_url()
    cookie = session_cookie(member)
    assert fetch(server, page)[0] == 200

    async def chat_through_the_cut():
        async with room_socket(server, private_room.pk, cookie, 0) as ws:
            first = await say(ws, "Is anyone awake?", "m-1")
            proxy.cut()
            status, _, body = fetch(server, page)
            static = fetch(
                server, "/static/css/kindred.css", **{"Accept-Encoding": "gzip"}
            )
            await ws.send(
                '{"type": "message", "body": "Still here", "client_id": "m-2"}'
            )
            frames, code = await frames_until_closed(ws)
            new_socket = await handshake_close_code(server, private_room.pk, cookie)
            return first, (status, body.decode()), static, frames, code, new_socket

    first, (status, html), static, frames, code, new_socket = asyncio.run(
        chat_through_the_cut()
    )

    # The calm page, branded, with quick exit and help; nothing technical.
    assert status == 500
    assert "Something went wrong on our side" in html
    assert 'class="quick-exit"' in html and "Get help now" in html
    assert "Traceback" not in html and "OperationalError" not in html
    # Static files don't need the database, and leave compressed.
    assert static[0] == 200 and static[1]["Content-Encoding"] == "gzip"
    assert b"{" in gzip.decompress(static[2])
    # The unsaved message is not acknowledged: the socket says so and closes with
    # the code the chat page reconnects after; a new socket gets the same.
    assert [f["type"] for f in frames] == ["error"]
    assert frames[0]["code"] == "unavailable" and "client_id" not in frames[0]
    assert code == CLOSE_TRY_AGAIN
    assert new_socket == CLOSE_TRY_AGAIN

    proxy.restore()
    wait_for_status(server, page, 200)

    async def resume():
        async with room_socket(
            server, private_room.pk, cookie, first["id"], retry_for=10
        ) as ws:
            # The chat page resends what was never acknowledged, same client_id.
            again = await say(ws, "Still here", "m-2")
            return ws.replay, again

    replay, again = asyncio.run(resume())

    assert replay == []
    stored = list(
        ChatMessage.objects.filter(room=private_room, kind=ChatMessage.Kind.MESSAGE)
        .order_by("pk")
        .values_list("pk", "client_id")
    )
    assert stored == [(first["id"], "m-1"), (again["id"], "m-2")]
