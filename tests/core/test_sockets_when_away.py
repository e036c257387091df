"""Every socket, when Redis or the database is away: accepted and closed at once
with 4503 (the code clients reconnect after), never a failed handshake; an open
socket whose work fails says "unavailable" and closes with 4503."""

import channels.layers
import pytest
from channels.testing import WebsocketCommunicator
from django.db import OperationalError

from core.sockets import CLOSE_TRY_AGAIN
from kindred.asgi import application
from tests.conftest import free_port
from tests.core.test_sockets import ORIGIN, ROUTES
from tests.core.test_sockets import world as world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def unreachable_layer(settings):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [{"address": f"redis://127.0.0.1:{free_port()}/0"}],
                "prefix": "kindred-test-away",
            },
        }
    }
    channels.layers.channel_layers.backends.clear()
    yield
    channels.layers.channel_layers.backends.clear()


async def opened_then_closed_with(path: str, person) -> dict:
    socket = WebsocketCommunicator(application, path, headers=[ORIGIN])
    socket.scope["user"] = person
    connected, _ = await socket.connect(timeout=5)
    assert connected
    closing = await socket.receive_output(timeout=5)
    await socket.wait()
    return closing


@pytest.mark.parametrize("route", ROUTES)
async def test_every_socket_asks_to_try_again_while_the_layer_is_away(
    route, world, unreachable_layer
):
    path, person = world[route]
    assert await opened_then_closed_with(path, person) == {
        "type": "websocket.close",
        "code": CLOSE_TRY_AGAIN,
    }


async def test_a_socket_asks_to_try_again_while_the_database_is_away(
    world, monkeypatch
):
    from forum.consumers import NotificationConsumer

    async def away(self):
        raise OperationalError("the database is away")

    monkeypatch.setattr(NotificationConsumer, "admit", away)
    path, person = world["ws/notifications/"]
    assert await opened_then_closed_with(path, person) == {
        "type": "websocket.close",
        "code": CLOSE_TRY_AGAIN,
    }


async def test_an_open_socket_says_unavailable_then_closes_to_be_retried(
    world, monkeypatch
):
    from forum.consumers import NotificationConsumer

    path, person = world["ws/notifications/"]
    socket = WebsocketCommunicator(application, path, headers=[ORIGIN])
    socket.scope["user"] = person
    assert (await socket.connect(timeout=5))[0]
    assert (await socket.receive_json_from(timeout=5))["type"] == "notification"

    async def away(self, frame):
        raise OperationalError("the database is away")

    monkeypatch.setattr(NotificationConsumer, "on_sync", away)
    await socket.send_json_to({"type": "sync"})
    error = await socket.receive_json_from(timeout=5)
    assert error["type"] == "error" and error["code"] == "unavailable"
    assert await socket.receive_output(timeout=5) == {
        "type": "websocket.close",
        "code": CLOSE_TRY_AGAIN,
    }


async def test_a_bug_is_not_mistaken_for_an_outage(world, monkeypatch):
    """Only Redis and database outages ask clients to come back; anything else
    fails as before, loudly."""
    from forum.consumers import NotificationConsumer

    async def broken(self):
        raise ValueError("a bug")

    monkeypatch.setattr(NotificationConsumer, "admit", broken)
    path, person = world["ws/notifications/"]
    socket = WebsocketCommunicator(application, path, headers=[ORIGIN])
    socket.scope["user"] = person
    with pytest.raises(ValueError):
        await socket.connect(timeout=5)


async def test_a_room_whose_replay_fails_asks_to_try_again_and_closes_cleanly(
    world, monkeypatch
):
    """The database goes away between admitting the socket and its replay."""
    from support.consumers.room import RoomConsumer

    async def away(self, *args, **kwargs):
        raise OperationalError("the database is away")

    monkeypatch.setattr(RoomConsumer, "_replay", away)
    path, person = world["ws/support/rooms/<int:room_id>/"]
    socket = WebsocketCommunicator(application, path, headers=[ORIGIN])
    socket.scope["user"] = person
    assert (await socket.connect(timeout=5))[0]
    error = await socket.receive_json_from(timeout=5)
    assert error["type"] == "error" and error["code"] == "unavailable"
    assert await socket.receive_output(timeout=5) == {
        "type": "websocket.close",
        "code": CLOSE_TRY_AGAIN,
    }
    await socket.disconnect()  # raises if closing the socket failed
