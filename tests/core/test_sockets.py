"""Every WebSocket route answers a malformed frame the same way: an error frame
with the same code, and the socket stays open (core.sockets.JsonSocket)."""

import json

import pytest
from channels.testing import WebsocketCommunicator

from core.sockets import MAX_FRAME_CHARS
from kindred.asgi import application, websocket_urlpatterns

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://127.0.0.1")

BAD_FRAMES = [
    ("not json at all", "bad_json"),
    ("[1, 2, 3]", "bad_json"),
    ('"just a string"', "bad_json"),
    ('{"body": "no type"}', "bad_json"),
    ('{"type": 7}', "bad_json"),
    ('{"type": "dance"}', "unknown_type"),
    (json.dumps({"type": "ping", "padding": "a" * MAX_FRAME_CHARS}), "too_large"),
    (b"\x00\x01", "bad_json"),
]


@pytest.fixture
def world(member, other_member, listener, moderator):
    """One admitted person and path for each route."""
    from support import services

    services.listener_set_duty(listener=listener, on_duty=True)
    chat = services.request_create(member=member, chips=["lonely"])
    room = services.request_accept(listener=listener, request_id=chat.pk)
    waiting = services.request_create(member=other_member, chips=[])
    return {
        "ws/notifications/": ("/ws/notifications/", member),
        "ws/support/rooms/<int:room_id>/": (f"/ws/support/rooms/{room.pk}/", member),
        "ws/support/queue/": ("/ws/support/queue/", listener),
        "ws/support/requests/<int:request_id>/": (
            f"/ws/support/requests/{waiting.pk}/",
            other_member,
        ),
        "ws/moderation/": ("/ws/moderation/", moderator),
    }


ROUTES = sorted(str(pattern.pattern) for pattern in websocket_urlpatterns)


def test_the_test_knows_every_route(world):
    """A new socket must join the parametrised test below."""
    assert set(world) == set(ROUTES)


async def next_of(socket, kind: str) -> dict:
    """The next frame of type kind, passing over what the socket sends anyway
    (replay, presence, counts)."""
    while True:
        frame = await socket.receive_json_from(timeout=3)
        if frame["type"] == kind:
            return frame


@pytest.mark.parametrize("route", ROUTES)
async def test_each_bad_frame_gets_the_same_error_and_the_socket_stays_open(
    route, world
):
    path, person = world[route]
    socket = WebsocketCommunicator(application, path, headers=[ORIGIN])
    socket.scope["user"] = person
    connected, code = await socket.connect()
    assert connected, code

    for frame, expected in BAD_FRAMES:
        if isinstance(frame, bytes):
            await socket.send_to(bytes_data=frame)
        else:
            await socket.send_to(text_data=frame)
        error = await next_of(socket, "error")
        assert error["code"] == expected, frame
        assert set(error) == {"type", "code", "message"} and error["message"]

    await socket.send_json_to({"type": "ping"})
    assert await next_of(socket, "pong") == {"type": "pong"}
    await socket.disconnect()


@pytest.mark.parametrize("route", ROUTES)
async def test_a_flood_of_frames_is_refused_with_an_error_not_a_close(route, world):
    path, person = world[route]
    socket = WebsocketCommunicator(application, path, headers=[ORIGIN])
    socket.scope["user"] = person
    assert (await socket.connect())[0]

    for _ in range(61):
        await socket.send_json_to({"type": "ping"})
    frames = [await next_of(socket, "pong") for _ in range(60)]
    error = await next_of(socket, "error")

    assert len(frames) == 60 and error["code"] == "rate_limited"
    await socket.disconnect()
