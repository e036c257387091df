"""A room's order is the database's: each message takes the room's next number
(seq) in the transaction that stores it, so writers on different processes get
distinct numbers without gaps, in commit order. Clients resume from the seq they
hold everything up to, the periodic catch-up reads the whole gap, and the message
limit counts messages by when they were sent, not when they were processed."""

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import connection

from support import services
from support.consumers import RoomConsumer
from support.models import ChatMessage, Room
from tests.support.conftest import drain, receive_until

pytestmark = pytest.mark.django_db(transaction=True)


def room_path(room, query: str = "") -> str:
    return f"/ws/support/rooms/{room.pk}/" + (f"?{query}" if query else "")


async def open_until_ready(connect, path, user) -> tuple[object, list[dict], dict]:
    """A socket, the messages replayed to it, and its "ready" frame."""
    socket = await connect(path, user)
    replay = []
    while True:
        frame = await socket.receive_json_from(timeout=3)
        if frame["type"] == "ready":
            return socket, replay, frame
        if frame["type"] == "message":
            replay.append(frame)


def write(room, author, bodies: list[str]) -> list[ChatMessage]:
    return [
        services.message_create(room=room, author=author, body=body, client_id=body)
        for body in bodies
    ]


def seqs_in(room) -> list[int]:
    return list(
        ChatMessage.objects.filter(room=room)
        .order_by("seq")
        .values_list("seq", flat=True)
    )


# --- Numbering ------------------------------------------------------------------


def test_writers_on_many_threads_get_distinct_numbers_without_gaps_in_commit_order(
    private_room, member, listener
):
    """Four writers at once, each on its own database connection (as two processes
    would be): every number from 1 up is used once, the room's counter matches,
    and numbers follow the order rows were stored (ids rise with seq)."""
    start = threading.Barrier(4)

    def writer(author, name: str) -> None:
        try:
            start.wait()
            write(private_room, author, [f"{name}-{n}" for n in range(12)])
        finally:
            connection.close()

    authors = [member, listener, member, listener]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(writer, authors, ["a", "b", "c", "d"]))

    stored = list(ChatMessage.objects.filter(room=private_room).order_by("seq"))
    assert [m.seq for m in stored] == list(range(1, len(stored) + 1))
    assert len(stored) >= 48
    assert [m.id for m in stored] == sorted(m.id for m in stored)
    private_room.refresh_from_db()
    assert private_room.message_seq == len(stored)


def test_a_resend_gives_its_number_back(private_room, member):
    """A resend the unique constraint catches rolls its number back: no gap."""
    first = services.message_create(
        room=private_room, author=member, body="once", client_id="same"
    )
    again = services.message_create(
        room=private_room, author=member, body="once", client_id="same"
    )
    later = services.message_create(
        room=private_room, author=member, body="next", client_id="other"
    )

    assert again.pk == first.pk
    assert later.seq == first.seq + 1
    assert seqs_in(private_room) == list(range(1, later.seq + 1))


def test_rooms_are_numbered_each_on_their_own(private_room, group_room, listener):
    services.room_host_arrive(
        room_id=group_room.pk, host=listener, channel_name="test.order.host"
    )
    in_group = write(group_room, listener, ["g1", "g2"])
    in_private = write(private_room, listener, ["p1"])

    assert [m.seq for m in in_group][-2:] == [
        group_room.messages.count() - 1,
        group_room.messages.count(),
    ]
    assert in_private[0].seq == private_room.messages.count()


# --- Resuming -------------------------------------------------------------------


async def test_resuming_since_a_seq_sends_every_message_after_it_in_order(
    private_room, member, listener, connect
):
    """A client that holds everything up to seq 3, however many later ones it has
    already seen (from another process, out of order), gets every message after 3,
    in the room's order, and "ready" with the seq it now holds everything up to."""
    stored = await database_sync_to_async(write)(
        private_room, listener, ["one", "two", "three", "four", "five"]
    )
    since = stored[1].seq

    _socket, replay, ready = await open_until_ready(
        connect, room_path(private_room, f"since={since}"), member
    )

    assert [m["seq"] for m in replay] == [m.seq for m in stored[2:]]
    assert [m["client_id"] for m in replay] == ["three", "four", "five"]
    assert ready["last_seq"] == stored[-1].seq
    assert ready["more"] is False


async def test_ready_passes_over_a_message_the_reader_may_not_see(
    private_room, member, listener, connect
):
    """The member's held message is not the listener's to see; the listener's
    "ready" still says they hold everything up to it, so their client never waits
    on a gap that will not fill."""

    def store() -> tuple[ChatMessage, ChatMessage]:
        shown = write(private_room, member, ["hello"])[0]
        held = services.message_create(
            room=private_room,
            author=member,
            body="text me on 07700 900123",
            client_id="held",
        )
        return shown, held

    shown, held = await database_sync_to_async(store)()
    assert held.status == ChatMessage.Status.HELD

    _socket, replay, ready = await open_until_ready(
        connect, room_path(private_room, f"since={shown.seq - 1}"), listener
    )

    assert [m["client_id"] for m in replay] == ["hello"]
    assert ready["last_seq"] == held.seq


async def test_history_since_a_seq_replays_what_followed(
    private_room, member, listener, connect
):
    socket, _replay, _ready = await open_until_ready(
        connect, room_path(private_room), member
    )
    stored = await database_sync_to_async(write)(private_room, listener, ["x", "y"])
    await drain(socket)

    await socket.send_json_to({"type": "history", "since": stored[0].seq})
    frames = []
    while (frame := await socket.receive_json_from(timeout=3))["type"] != "ready":
        frames.append(frame)

    assert [f["seq"] for f in frames if f["type"] == "message"] == [stored[1].seq]
    assert frame["last_seq"] == stored[1].seq


@pytest.mark.parametrize(
    "history",
    [
        {"type": "history", "since": -1},
        {"type": "history", "since": "3"},
        {"type": "history", "since": True},
        {"type": "history", "since": 1, "after": 1},
        {"type": "history"},
    ],
)
async def test_a_history_without_one_whole_number_is_refused(
    private_room, member, connect, history
):
    socket, _replay, _ready = await open_until_ready(
        connect, room_path(private_room), member
    )
    await socket.send_json_to(history)
    error = await receive_until(socket, "error")
    assert error["code"] == "bad_message"


async def test_the_catch_up_reads_the_whole_gap_since_the_socket_opened(
    private_room, member, listener, connect, monkeypatch
):
    """Sixty messages whose fan-out the layer lost (more than any fixed window of
    newest ones) all reach a connected socket at its catch-ups, in order and
    once, followed by "synced" with the room's newest seq."""
    monkeypatch.setattr(RoomConsumer, "catch_up_seconds", 0.5)
    socket, _replay, ready = await open_until_ready(
        connect, room_path(private_room), member
    )
    layer = get_channel_layer()
    real_group_send = layer.group_send

    async def lose_chat_messages(group, message):
        if message.get("type") == "chat.message":
            return None
        return await real_group_send(group, message)

    with mock.patch.object(layer, "group_send", lose_chat_messages):
        stored = await database_sync_to_async(write)(
            private_room, listener, [f"lost {n}" for n in range(60)]
        )
        frames = []
        while True:
            frame = await socket.receive_json_from(timeout=3)
            frames.append(frame)
            if frame["type"] == "synced" and frame["seq"] >= stored[-1].seq:
                break

    assert [f["seq"] for f in frames if f["type"] == "message"] == [
        m.seq for m in stored
    ]
    assert frame["seq"] == stored[-1].seq > ready["last_seq"]
    assert [f for f in await drain(socket, 0.8) if f["type"] == "message"] == []


async def test_the_older_after_id_form_still_resumes(
    private_room, member, listener, connect
):
    stored = await database_sync_to_async(write)(private_room, listener, ["a", "b"])

    _socket, replay, ready = await open_until_ready(
        connect, room_path(private_room, f"after={stored[0].id}"), member
    )

    assert [m["id"] for m in replay] == [stored[1].id]
    assert ready["last_seq"] == stored[1].seq


# --- The message limit counts by send time --------------------------------------


async def send_spaced(socket, count: int, spacing: float, *, stamped: bool) -> None:
    # The client's clock is far from the server's: only its spacing may count.
    skew_ms = 3_600_000
    for n in range(count):
        frame = {"type": "message", "body": f"m{n}", "client_id": f"c{n}"}
        if stamped:
            frame["sent_at"] = time.time() * 1000 + skew_ms
        await socket.send_json_to(frame)
        await asyncio.sleep(spacing)


async def outcomes(socket, count: int) -> dict[str, str]:
    """client_id -> "stored" or the error code, for `count` messages."""
    found: dict[str, str] = {}
    while len(found) < count:
        frame = await socket.receive_json_from(timeout=5)
        if frame["type"] == "message" and frame["client_id"]:
            found[frame["client_id"]] = "stored"
        elif frame["type"] == "error" and frame.get("client_id"):
            found[frame["client_id"]] = frame["code"]
    return found


@pytest.mark.parametrize("stamped", [True, False], ids=["sent_at", "no sent_at"])
async def test_messages_held_up_by_a_slow_database_count_when_they_were_sent(
    private_room, member, connect, monkeypatch, stamped
):
    """Three messages a second are allowed here. Messages sent at that pace but
    held up behind a two-second database pause are all stored when they carry
    their send time; counted when processed (no sent_at), the ones held up run
    into the limit."""
    monkeypatch.setattr(RoomConsumer, "message_limit", (3, 1.0))
    real_send = services.ChatSession.send_message
    calls = []

    def pausing_send(self, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            time.sleep(2.0)
        return real_send(self, **kwargs)

    monkeypatch.setattr(services.ChatSession, "send_message", pausing_send)
    socket, _replay, _ready = await open_until_ready(
        connect, room_path(private_room), member
    )

    await send_spaced(socket, 6, 0.4, stamped=stamped)
    found = await outcomes(socket, 6)

    refused = sorted(key for key, outcome in found.items() if outcome != "stored")
    if stamped:
        assert refused == []
    else:
        assert refused and set(found[key] for key in refused) == {"rate_limited"}


async def test_a_send_time_cannot_buy_more_than_the_limit(
    private_room, member, connect, monkeypatch
):
    """Stamps claiming a slow pace for messages sent all at once, or stamps from
    long ago, are held to what the server saw: past the limit they are refused."""
    monkeypatch.setattr(RoomConsumer, "message_limit", (3, 1.0))
    socket, _replay, _ready = await open_until_ready(
        connect, room_path(private_room), member
    )
    now_ms = time.time() * 1000
    stamps = [now_ms + 2000 * n for n in range(4)] + [now_ms - 600_000] * 4
    for n, stamp in enumerate(stamps):
        await socket.send_json_to(
            {"type": "message", "body": f"m{n}", "client_id": f"c{n}", "sent_at": stamp}
        )

    found = await outcomes(socket, len(stamps))

    stored = [key for key, outcome in found.items() if outcome == "stored"]
    assert sorted(stored) == ["c0", "c1", "c2"]
    assert {found[key] for key in found if key not in stored} == {"rate_limited"}


def test_a_stale_whole_row_save_of_the_room_cannot_make_numbers_repeat(
    private_room, member
):
    """A room saved whole from an old copy (an operator's form) writes back an old
    counter; the next message still takes the number after the newest stored."""
    stale = Room.objects.get(pk=private_room.pk)
    newest = write(private_room, member, ["one", "two"])[-1]
    stale.name = "renamed"
    stale.save()

    after = write(private_room, member, ["three"])[0]

    assert after.seq == newest.seq + 1
    assert seqs_in(private_room) == list(range(1, after.seq + 1))
