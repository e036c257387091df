"""Through a real Daphne server, every socket refuses the way the README's close
code table says: the handshake succeeds, then the socket closes at once with the
code (a close before accepting would reach the browser as an HTTP 403)."""

import asyncio
import json

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from core.sockets import CLOSE_FORBIDDEN, CLOSE_NOT_FOUND, CLOSE_UNAUTHENTICATED
from tests.conftest import DaphneServer
from tests.support.conftest import session_cookie

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def server(django_db_setup):
    daphne = DaphneServer().start()
    yield daphne
    daphne.stop()


async def first_answer(server: DaphneServer, path: str, cookie: str = "") -> dict:
    """What the socket says first: a frame, or how it closed."""
    headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
    try:
        async with connect(
            f"ws://127.0.0.1:{server.port}{path}",
            origin=server.url,
            additional_headers=headers,
            proxy=None,
            open_timeout=5,
        ) as ws:
            try:
                return json.loads(await asyncio.wait_for(ws.recv(), 5))
            except ConnectionClosed as closed:
                return {"closed": closed.rcvd.code if closed.rcvd else None}
    except InvalidStatus as refused:
        return {"http": refused.response.status_code}


def answer(server, path, person=None) -> dict:
    cookie = session_cookie(person) if person is not None else ""
    return asyncio.run(first_answer(server, path, cookie))


def test_the_moderation_socket_closes_with_4404_for_anyone_but_moderators(
    server, member
):
    assert answer(server, "/ws/moderation/") == {"closed": CLOSE_NOT_FOUND}
    assert answer(server, "/ws/moderation/", member) == {"closed": CLOSE_NOT_FOUND}


def test_a_moderator_is_let_in_and_gets_the_counts(server, moderator):
    assert answer(server, "/ws/moderation/", moderator)["type"] == "counts"


def test_the_notifications_socket_closes_with_4401_when_signed_out(server, member):
    assert answer(server, "/ws/notifications/") == {"closed": CLOSE_UNAUTHENTICATED}
    assert answer(server, "/ws/notifications/", member)["type"] == "notification"


def test_the_support_sockets_close_with_4401_or_4403(server, member):
    assert answer(server, "/ws/support/queue/") == {"closed": CLOSE_UNAUTHENTICATED}
    assert answer(server, "/ws/support/queue/", member) == {"closed": CLOSE_FORBIDDEN}
    for path in ("/ws/support/rooms/99999/", "/ws/support/requests/99999/"):
        assert answer(server, path) == {"closed": CLOSE_UNAUTHENTICATED}
        assert answer(server, path, member) == {"closed": CLOSE_FORBIDDEN}


def test_a_socket_from_another_origin_is_refused_in_the_handshake(server, member):
    """The one refusal that stays an HTTP 403, as the README says."""

    async def from_elsewhere():
        try:
            async with connect(
                f"ws://127.0.0.1:{server.port}/ws/notifications/",
                origin="http://evil.example",
                proxy=None,
                open_timeout=5,
            ):
                return None
        except InvalidStatus as refused:
            return refused.response.status_code

    assert asyncio.run(from_elsewhere()) == 403
