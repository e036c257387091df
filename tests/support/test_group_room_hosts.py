"""Group rooms open to members only while a listener or moderator is connected:
the host rows behind it, the room socket, several Daphne processes, and the pages."""

import asyncio
import json
from contextlib import asynccontextmanager
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import ConnectionClosed

from support import selectors, services
from support.models import ChatMessage, HostConnection, Room
from tests.conftest import DaphneServer
from tests.support.conftest import (
    BOTH_LAYERS,
    connect_host,
    drain,
    receive_until,
    session_cookie,
)

FRAME_TIMEOUT = 5


def say(room, author, body, client_id=""):
    return services.message_create(
        room=room, author=author, body=body, client_id=client_id
    )


def room_path(room) -> str:
    return f"/ws/support/rooms/{room.pk}/"


# --- Host rows and the rule they decide ---------------------------------------------


def test_a_member_cannot_write_in_a_group_room_without_a_host(group_room, member):
    with pytest.raises(services.SupportError) as refused:
        say(group_room, member, "anyone up?")

    assert refused.value.code == "no_host"
    assert "listener or moderator joins" in refused.value.message
    assert not ChatMessage.objects.filter(room=group_room).exists()


def test_a_member_can_write_once_a_listener_is_connected(group_room, member, listener):
    connect_host(group_room, listener)

    message = say(group_room, member, "anyone up?")

    assert message.status == ChatMessage.Status.VISIBLE


def test_a_host_row_older_than_two_minutes_no_longer_counts(
    group_room, member, listener
):
    """A process that died leaves its row behind; it stops counting once stale."""
    row = connect_host(group_room, listener)
    HostConnection.objects.filter(pk=row.pk).update(
        last_seen=timezone.now() - selectors.HOST_STALE_AFTER - timedelta(seconds=1)
    )

    assert not selectors.room_has_host(group_room.pk)
    with pytest.raises(services.SupportError) as refused:
        say(group_room, member, "hello?")
    assert refused.value.code == "no_host"


def test_listeners_and_moderators_write_in_a_group_room_with_nobody_else_there(
    group_room, listener, moderator
):
    by_listener = say(group_room, listener, "I'm here for a while tonight.")
    by_moderator = say(group_room, moderator, "Evening, everyone.")

    assert by_listener.author_role == "listener"
    assert by_moderator.author_role == "moderator"


def test_private_rooms_need_no_host(private_room, member):
    assert say(private_room, member, "are you there?").pk


def test_arriving_clears_the_rooms_stale_rows_and_leaving_removes_its_own(
    group_room, listener, moderator
):
    stale = connect_host(group_room, moderator, "crashed.process!abc")
    HostConnection.objects.filter(pk=stale.pk).update(
        last_seen=timezone.now() - timedelta(minutes=10)
    )

    services.room_host_arrive(
        room_id=group_room.pk, host=listener, channel_name="alive!1"
    )
    assert list(HostConnection.objects.values_list("channel_name", flat=True)) == [
        "alive!1"
    ]

    services.room_host_leave(room_id=group_room.pk, channel_name="alive!1")
    assert not HostConnection.objects.exists()


def test_only_moderators_end_a_group_room(group_room, listener, moderator, client):
    client.force_login(listener)
    response = client.post(reverse("support:room_end", args=[group_room.pk]))
    group_room.refresh_from_db()
    assert response.status_code in {403, 302} and group_room.ended_at is None

    services.room_end(room=group_room, by=moderator)
    group_room.refresh_from_db()
    assert group_room.ended_at is not None


# --- The room socket ---------------------------------------------------------------


async def joined(connect, room, person):
    socket = await connect(room_path(room), person)
    ready = await receive_until(socket, "ready")
    return socket, ready


async def send_message(socket, body: str, client_id: str) -> None:
    await socket.send_json_to({"type": "message", "body": body, "client_id": client_id})


def stored_count(room) -> int:
    return ChatMessage.objects.filter(room=room, kind="message").count()


@BOTH_LAYERS
@pytest.mark.django_db(transaction=True)
async def test_messages_wait_for_a_host_and_open_while_one_is_connected(
    layer, group_room, member, listener, connect
):
    """Without a host the member's message is refused with an error and the socket
    stays open; a listener connecting opens the room for everyone (a "room" frame),
    and the room closes to members again when they leave."""
    mine, ready = await joined(connect, group_room, member)
    assert ready["host_present"] is False

    await send_message(mine, "anyone up?", "m1")
    refused = await receive_until(mine, "error")
    assert (refused["code"], refused["client_id"]) == ("no_host", "m1")
    await mine.send_json_to({"type": "ping"})
    assert (await receive_until(mine, "pong"))["type"] == "pong"
    assert await database_sync_to_async(stored_count)(group_room) == 0

    theirs, their_ready = await joined(connect, group_room, listener)
    assert (their_ready["role"], their_ready["host_present"]) == ("listener", True)
    assert (await receive_until(mine, "room")) == {"type": "room", "host_present": True}

    await send_message(mine, "anyone up?", "m1")
    heard = await receive_until(theirs, "message")
    assert heard["client_id"] == "m1"

    await theirs.disconnect()
    assert (await receive_until(mine, "room")) == {
        "type": "room",
        "host_present": False,
    }
    await drain(mine)
    await send_message(mine, "still there?", "m2")
    assert (await receive_until(mine, "error"))["code"] == "no_host"
    assert await database_sync_to_async(stored_count)(group_room) == 1
    assert not await HostConnection.objects.filter(room=group_room).aexists()


@pytest.mark.django_db(transaction=True)
async def test_one_host_leaving_keeps_the_room_open_while_another_stays(
    group_room, member, listener, moderator, connect
):
    mine, _ = await joined(connect, group_room, member)
    first, _ = await joined(connect, group_room, listener)
    second, _ = await joined(connect, group_room, moderator)
    assert (await receive_until(mine, "room"))["host_present"] is True

    await first.disconnect()
    frames = await drain(mine)
    assert [f for f in frames if f["type"] == "room"] == []

    await send_message(mine, "thank you for staying", "k1")
    assert (await receive_until(second, "message"))["client_id"] == "k1"


@pytest.mark.django_db(transaction=True)
async def test_a_listener_writes_in_an_empty_group_room_over_the_socket(
    group_room, listener, connect
):
    theirs, _ = await joined(connect, group_room, listener)
    await send_message(theirs, "I'm here until midnight.", "l1")

    echo = await receive_until(theirs, "message")
    assert (echo["client_id"], echo["author_role"]) == ("l1", "listener")


@pytest.mark.django_db(transaction=True)
async def test_a_hosts_ping_keeps_its_row_fresh_and_revives_a_stale_one(
    group_room, member, listener, connect, monkeypatch
):
    """A host whose row went stale (say the laptop slept) counts again, and the
    room hears it, as soon as its socket pings."""
    monkeypatch.setattr(selectors, "HOST_TOUCH_SECONDS", 0)
    theirs, _ = await joined(connect, group_room, listener)
    # Their arrival reaches every socket of the room already joined; wait for it, so
    # that a slow channel layer cannot bring it to the member's socket afterwards.
    assert (await receive_until(theirs, "room"))["host_present"] is True
    long_ago = timezone.now() - timedelta(minutes=5)
    await HostConnection.objects.filter(room=group_room).aupdate(last_seen=long_ago)
    mine, ready = await joined(connect, group_room, member)
    assert ready["host_present"] is False

    await theirs.send_json_to({"type": "ping"})
    await receive_until(theirs, "pong")

    assert (await receive_until(mine, "room"))["host_present"] is True
    row = await HostConnection.objects.aget(room=group_room)
    assert row.last_seen > timezone.now() - timedelta(seconds=30)


@pytest.mark.django_db(transaction=True)
async def test_private_room_sockets_carry_no_host_state(private_room, member, connect):
    _, ready = await joined(connect, private_room, member)
    assert "host_present" not in ready
    assert not await HostConnection.objects.aexists()


# --- Several Daphne processes ------------------------------------------------------


@asynccontextmanager
async def ws_room(server: DaphneServer, room_id: int, cookie: str):
    """A real WebSocket client in a room; `ready` holds its "ready" frame."""
    async with ws_connect(
        f"ws://127.0.0.1:{server.port}/ws/support/rooms/{room_id}/",
        origin=server.url,
        additional_headers={"Cookie": f"sessionid={cookie}"},
        proxy=None,
        open_timeout=FRAME_TIMEOUT,
    ) as ws:
        ws.ready = await ws_until(ws, "ready")
        yield ws


async def ws_until(ws, kind: str) -> dict:
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), FRAME_TIMEOUT))
        if frame["type"] == kind:
            return frame


async def ws_say(ws, body: str, client_id: str) -> dict:
    """Send a message; return its echo, or the error that refused it."""
    await ws.send(json.dumps({"type": "message", "body": body, "client_id": client_id}))
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), FRAME_TIMEOUT))
        if frame["type"] in {"message", "error"} and frame["client_id"] == client_id:
            return frame


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_host_on_another_process_opens_and_closes_the_room(
    two_daphnes, group_room, member, listener
):
    server_a, server_b = two_daphnes
    member_cookie, listener_cookie = session_cookie(member), session_cookie(listener)

    async def visit():
        async with ws_room(server_a, group_room.pk, member_cookie) as member_ws:
            before = await ws_say(member_ws, "anyone up?", "x1")
            async with ws_room(server_b, group_room.pk, listener_cookie):
                opened = await ws_until(member_ws, "room")
                during = await ws_say(member_ws, "anyone up?", "x1")
            closed = await ws_until(member_ws, "room")
            after = await ws_say(member_ws, "still there?", "x2")
            return member_ws.ready, before, opened, during, closed, after

    ready, before, opened, during, closed, after = asyncio.run(visit())

    assert ready["host_present"] is False
    assert (before["type"], before["code"]) == ("error", "no_host")
    assert opened["host_present"] is True
    assert during["type"] == "message"
    assert closed["host_present"] is False
    assert (after["type"], after["code"]) == ("error", "no_host")
    assert not HostConnection.objects.exists()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_host_whose_process_crashed_stops_counting_after_two_minutes(
    two_daphnes, group_room, listener
):
    server = two_daphnes[1]
    listener_cookie = session_cookie(listener)

    async def connect_then_crash():
        async with ws_room(server, group_room.pk, listener_cookie) as ws:
            server.process.kill()
            server.process.wait()
            with pytest.raises((ConnectionClosed, TimeoutError)):
                await ws_until(ws, "never")

    try:
        asyncio.run(connect_then_crash())
    finally:
        server.start()

    assert HostConnection.objects.filter(room=group_room).exists()
    assert selectors.room_has_host(group_room.pk)
    later = timezone.now() + selectors.HOST_STALE_AFTER + timedelta(seconds=1)
    assert not selectors.room_has_host(group_room.pk, later)


# --- Pages -------------------------------------------------------------------------


def make_group_rooms(count: int) -> list[Room]:
    return [
        Room.objects.create(kind=Room.Kind.GROUP, name=f"Room {n}")
        for n in range(count)
    ]


def test_the_group_room_list_says_where_a_listener_is_here_now(
    group_room, member, listener, client, django_assert_max_num_queries
):
    quiet = Room.objects.create(kind=Room.Kind.GROUP, name="Quiet hours")
    connect_host(group_room, listener)
    client.force_login(member)

    with django_assert_max_num_queries(12):
        page = client.get(reverse("support:rooms")).content.decode()

    night, rest = page.split("Quiet hours")
    assert "A listener or moderator is here now." in night
    assert "Waiting for a listener or moderator." in rest
    assert quiet.name in page


def test_the_group_room_list_query_count_does_not_grow_with_rooms(
    member, listener, client
):
    client.force_login(member)

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("support:rooms")).status_code == 200
        return len(captured.captured_queries)

    queries_for_list()  # the first visit also settles the session
    connect_host(make_group_rooms(2)[0], listener)
    with_two = queries_for_list()
    for room in make_group_rooms(8):
        connect_host(room, listener)

    assert queries_for_list() == with_two


def test_the_room_page_says_messages_wait_for_a_host(
    group_room, member, client, django_assert_max_num_queries
):
    client.force_login(member)
    with django_assert_max_num_queries(20):
        page = client.get(group_room.get_absolute_url()).content.decode()

    assert "Waiting for a listener or moderator to join before messages open." in page
    assert 'data-host-needed="1" data-host-present="0"' in page


def test_the_room_page_says_when_a_host_is_here(
    group_room, member, listener, client, django_assert_max_num_queries
):
    connect_host(group_room, listener)
    client.force_login(member)
    with django_assert_max_num_queries(20):
        page = client.get(group_room.get_absolute_url()).content.decode()

    assert ">A listener or moderator is here.</p>" in page
    assert 'data-host-present="1"' in page


def test_a_listener_on_the_room_page_is_told_members_can_write_while_they_stay(
    group_room, listener, client
):
    client.force_login(listener)
    page = client.get(group_room.get_absolute_url()).content.decode()

    assert "While you're here, members can write." in page
    assert 'data-host-ping="1"' in page
    assert "data-host-needed" not in page


def test_the_private_room_page_has_no_host_line(private_room, member, client):
    client.force_login(member)
    page = client.get(private_room.get_absolute_url()).content.decode()

    assert 'data-chat="host"' not in page and "data-host-" not in page
