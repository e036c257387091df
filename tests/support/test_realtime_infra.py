"""Live chat on real infrastructure: the Redis channel layer, several Daphne processes
sharing Redis and the database, restarts mid-conversation and a layer that drops
messages. Store first, fan out second, resume by id: nothing acknowledged is lost."""

import asyncio
import json
from contextlib import asynccontextmanager, suppress
from unittest import mock

import pytest
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from support.models import ChatMessage
from tests.conftest import DaphneServer
from tests.support.conftest import BOTH_LAYERS, session_cookie

ORIGIN = b"http://127.0.0.1"
FRAME_TIMEOUT = 5


# --- Set-up ------------------------------------------------------------------------


@pytest.fixture
def room(private_room):
    return private_room


@pytest.fixture
def cookies(member, listener):
    return {"member": session_cookie(member), "listener": session_cookie(listener)}


# --- In-process sockets (WebsocketCommunicator) -------------------------------------


@asynccontextmanager
async def communicator(room_id: int, cookie: str, query: str = ""):
    from kindred.asgi import application

    path = f"/ws/support/rooms/{room_id}/" + (f"?{query}" if query else "")
    socket = WebsocketCommunicator(
        application,
        path,
        headers=[(b"origin", ORIGIN), (b"cookie", f"sessionid={cookie}".encode())],
    )
    connected, code = await socket.connect(timeout=FRAME_TIMEOUT)
    assert connected, f"refused with close code {code}"
    socket.replay = await replay_until_ready(socket.receive_json_from)
    try:
        yield socket
    finally:
        # A failure inside the block has already stopped the consumer; keep it visible.
        with suppress(Exception, asyncio.CancelledError):
            await socket.disconnect()


async def replay_until_ready(receive) -> list[dict]:
    """The stored messages a socket is sent on connect, up to the "ready" frame."""
    replay = []
    while True:
        frame = await receive(timeout=FRAME_TIMEOUT)
        assert frame.get("type") != "error", frame
        if frame.get("type") == "ready":
            return replay
        if frame.get("type") == "message":
            replay.append(frame)


async def next_message(socket, timeout: float = FRAME_TIMEOUT) -> dict:
    """The next "message" frame, passing over presence and typing frames."""
    while True:
        frame = await socket.receive_json_from(timeout=timeout)
        assert frame.get("type") != "error", frame
        if frame.get("type") == "message":
            return frame


async def messages_within(socket, seconds: float) -> list[dict]:
    """Every "message" frame that arrives within a quiet period of `seconds`."""
    found = []
    while not await socket.receive_nothing(timeout=seconds):
        frame = await socket.receive_json_from()
        if frame.get("type") == "message":
            found.append(frame)
    return found


@BOTH_LAYERS
@pytest.mark.django_db(transaction=True)
async def test_a_message_from_one_participant_reaches_the_other(layer, room, cookies):
    """On either channel layer, what the member sends arrives, once, at the listener,
    and the member gets its own echo carrying the client_id back."""
    async with (
        communicator(room.pk, cookies["member"]) as member_socket,
        communicator(room.pk, cookies["listener"]) as listener_socket,
    ):
        await member_socket.send_json_to(
            {"type": "message", "body": "Are you there?", "client_id": "m-1"}
        )
        echo = await next_message(member_socket)
        received = await next_message(listener_socket)

        assert echo["client_id"] == received["client_id"] == "m-1"
        assert echo["id"] == received["id"]
        assert received["room"] == room.pk
        assert "Are you there?" in received["body_html"]
        assert await messages_within(listener_socket, 0.3) == []


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
async def test_an_idle_socket_on_the_redis_layer_outlives_the_socket_timeout(
    redis_channel_layer, room, cookies
):
    """A consumer left idle past the 5 s socket timeout of recent redis-py still
    listens: the layer's blocking read must not time out and close it."""
    async with (
        communicator(room.pk, cookies["member"]) as member_socket,
        communicator(room.pk, cookies["listener"]) as listener_socket,
    ):
        await asyncio.sleep(6.5)
        await member_socket.send_json_to(
            {"type": "message", "body": "Still awake", "client_id": "late-1"}
        )
        received = await next_message(listener_socket)

        assert received["client_id"] == "late-1"


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
async def test_an_acknowledged_message_survives_a_layer_that_drops_it(
    redis_channel_layer, room, cookies
):
    """When the layer silently drops the fan-out (Redis away, a full queue), the
    message the sender saw acknowledged is stored and comes back through ?after=."""
    async with communicator(room.pk, cookies["listener"]) as listener_socket:
        async with communicator(room.pk, cookies["member"]) as member_socket:
            await member_socket.send_json_to(
                {"type": "message", "body": "First, delivered", "client_id": "d-1"}
            )
            first = await next_message(listener_socket)
            await next_message(member_socket)

            layer = get_channel_layer()
            real_group_send = layer.group_send

            async def drop_chat_messages(group, message):
                if message.get("type") == "chat.message":
                    return None  # what a lost event looks like: nothing
                return await real_group_send(group, message)

            with mock.patch.object(layer, "group_send", drop_chat_messages):
                await member_socket.send_json_to(
                    {"type": "message", "body": "Second, dropped", "client_id": "d-2"}
                )
                ack = await next_message(member_socket)
                missed = await messages_within(listener_socket, 0.5)

        assert ack["client_id"] == "d-2"
        assert missed == []
        stored = await ChatMessage.objects.filter(pk=ack["id"]).afirst()
        assert stored is not None and stored.client_id == "d-2"

    async with communicator(
        room.pk, cookies["listener"], query=f"after={first['id']}"
    ) as resumed:
        assert [(m["id"], m["client_id"]) for m in resumed.replay] == [
            (ack["id"], "d-2")
        ]
        assert await messages_within(resumed, 0.3) == []


@BOTH_LAYERS
@pytest.mark.django_db(transaction=True)
async def test_a_connected_socket_catches_up_on_what_the_layer_lost(
    layer, room, cookies, monkeypatch
):
    """A message whose fan-out the layer lost reaches the other person, still
    connected, at the socket's next catch-up, once and in order."""
    from support.consumers import RoomConsumer

    monkeypatch.setattr(RoomConsumer, "catch_up_seconds", 0.3)
    async with communicator(room.pk, cookies["listener"]) as listener_socket:
        async with communicator(room.pk, cookies["member"]) as member_socket:
            layer_in_use = get_channel_layer()
            real_group_send = layer_in_use.group_send

            async def lose_chat_messages(group, message):
                if message.get("type") == "chat.message":
                    return None
                return await real_group_send(group, message)

            with mock.patch.object(layer_in_use, "group_send", lose_chat_messages):
                await member_socket.send_json_to(
                    {"type": "message", "body": "Lost on the way", "client_id": "c-1"}
                )
                ack = await next_message(member_socket)
            caught_up = await next_message(listener_socket)
            again = await messages_within(listener_socket, 0.8)

    assert caught_up["id"] == ack["id"] and caught_up["client_id"] == "c-1"
    assert again == []  # later rounds find nothing new to send


# --- Real Daphne processes and real WebSocket clients -------------------------------


def room_url(server: DaphneServer, room_id: int, after: int | None = None) -> str:
    query = f"?after={after}" if after is not None else ""
    return f"ws://127.0.0.1:{server.port}/ws/support/rooms/{room_id}/{query}"


@asynccontextmanager
async def ws_room(
    server: DaphneServer, room_id: int, cookie: str, after: int | None = None
):
    """A real WebSocket client in a room, signed in by its session cookie; its
    `replay` holds the stored messages sent before "ready"."""
    async with connect(
        room_url(server, room_id, after),
        origin=server.url,
        additional_headers={"Cookie": f"sessionid={cookie}"},
        proxy=None,
        open_timeout=FRAME_TIMEOUT,
    ) as ws:

        async def receive(timeout):
            return json.loads(await asyncio.wait_for(ws.recv(), timeout))

        ws.replay = await replay_until_ready(receive)
        yield ws


async def ws_next_message(ws, timeout: float = FRAME_TIMEOUT) -> dict:
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), timeout))
        assert frame.get("type") != "error", frame
        if frame.get("type") == "message":
            return frame


async def ws_messages_within(ws, seconds: float) -> list[dict]:
    found = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while (left := deadline - loop.time()) > 0:
        try:
            frame = json.loads(await asyncio.wait_for(ws.recv(), left))
        except TimeoutError:
            break
        if frame.get("type") == "message":
            found.append(frame)
    return found


async def ws_say(ws, body: str, client_id: str) -> dict:
    """Send a message and wait for its acknowledgement (the sender's echo)."""
    await ws.send(json.dumps({"type": "message", "body": body, "client_id": client_id}))
    while True:
        frame = await ws_next_message(ws)
        if frame["client_id"] == client_id:
            return frame


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_two_daphne_processes_sharing_redis_carry_a_chat_both_ways(
    two_daphnes, room, cookies
):
    """A member on one process and a listener on another talk as if on one server."""
    server_a, server_b = two_daphnes

    async def chat():
        async with (
            ws_room(server_a, room.pk, cookies["member"]) as member_ws,
            ws_room(server_b, room.pk, cookies["listener"]) as listener_ws,
        ):
            sent = await ws_say(member_ws, "Hello from the night feed", "a-1")
            heard = await ws_next_message(listener_ws)
            reply = await ws_say(listener_ws, "Hello, I'm here with you", "b-1")
            answer = await ws_next_message(member_ws)
            return sent, heard, reply, answer

    sent, heard, reply, answer = asyncio.run(chat())

    assert (heard["id"], heard["client_id"]) == (sent["id"], "a-1")
    assert "Hello from the night feed" in heard["body_html"]
    assert (answer["id"], answer["client_id"]) == (reply["id"], "b-1")
    assert reply["id"] > sent["id"]


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_client_resumes_exactly_where_it_left_off_after_its_server_restarts(
    two_daphnes, room, cookies
):
    """The member's process goes down mid-chat; the listener, on the other process,
    keeps writing. After the restart the member reconnects with ?after=<last id seen>
    and receives exactly the missed messages, in order, then the chat goes on live."""
    server_a, server_b = two_daphnes

    async def before_restart():
        async with (
            ws_room(server_a, room.pk, cookies["member"]) as member_ws,
            ws_room(server_b, room.pk, cookies["listener"]) as listener_ws,
        ):
            first = await ws_say(member_ws, "It's been a long night", "m-1")
            await ws_next_message(listener_ws)
            server_a.stop()
            with pytest.raises(ConnectionClosed):
                async with asyncio.timeout(FRAME_TIMEOUT):
                    while True:
                        await member_ws.recv()
            missed = [
                await ws_say(listener_ws, f"Message {n} while you were away", f"l-{n}")
                for n in range(1, 4)
            ]
            return first, missed

    first, missed = asyncio.run(before_restart())
    server_a.start()

    async def after_restart():
        async with (
            ws_room(
                server_a, room.pk, cookies["member"], after=first["id"]
            ) as member_ws,
            ws_room(
                server_b, room.pk, cookies["listener"], after=missed[-1]["id"]
            ) as listener_ws,
        ):
            replayed = member_ws.replay
            extra = await ws_messages_within(member_ws, 0.5)
            assert listener_ws.replay == []
            live = await ws_say(member_ws, "I'm back", "m-2")
            heard = await ws_next_message(listener_ws)
            return replayed, extra, live, heard

    replayed, extra, live, heard = asyncio.run(after_restart())

    assert [m["id"] for m in replayed] == [m["id"] for m in missed]
    assert [m["client_id"] for m in replayed] == ["l-1", "l-2", "l-3"]
    assert extra == []
    assert heard["id"] == live["id"] > missed[-1]["id"]
    stored = ChatMessage.objects.filter(room=room, kind=ChatMessage.Kind.MESSAGE)
    assert stored.count() == 5
