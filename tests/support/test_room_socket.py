"""The room socket, /ws/support/rooms/<id>/: the chat protocol, resuming by id, bad
frames, rate limits and every refusal."""

import json
from datetime import timedelta
from unittest import mock

import pytest
from channels.db import database_sync_to_async
from channels.exceptions import ChannelFull
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.utils import timezone

from core.sockets import CLOSE_FORBIDDEN, CLOSE_REMOVED, CLOSE_UNAUTHENTICATED
from moderation.models import Sanction
from moderation.services import Screening
from support import services
from support.models import ChatMessage, RoomMembership
from tests.support.conftest import ORIGIN, drain, receive_until

pytestmark = pytest.mark.django_db(transaction=True)


def room_path(room, after=None) -> str:
    path = f"/ws/support/rooms/{room.pk}/"
    return path if after is None else f"{path}?after={after}"


async def opened(connect, path, user):
    socket = await connect(path, user)
    ready = await receive_until(socket, "ready")
    return socket, ready


async def refused_with(path, user=None, cookie=None) -> dict:
    """Connect and return the first frame: for a refused socket, the close."""
    from kindred.asgi import application

    headers = list(ORIGIN)
    if cookie:
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    socket = WebsocketCommunicator(application, path, headers=headers)
    if user is not None:
        socket.scope["user"] = user
    connected, code = await socket.connect()
    if not connected:
        return {"type": "websocket.close", "code": code}
    frame = await socket.receive_output(timeout=2)
    await socket.disconnect()
    return frame


# --- The conversation ---


async def test_a_message_is_stored_then_reaches_everyone_with_its_client_id(
    private_room, member, listener, connect
):
    """The writer and the listener both receive the stored message, once, with its id,
    the room, the author, clean HTML and the writer's client_id."""
    mine, _ = await opened(connect, room_path(private_room), member)
    theirs, _ = await opened(connect, room_path(private_room), listener)

    await mine.send_json_to(
        {"type": "message", "body": "I'm *so* tired", "client_id": "c-1"}
    )
    echo = await receive_until(mine, "message")
    received = await receive_until(theirs, "message")

    stored = await database_sync_to_async(ChatMessage.objects.get)(client_id="c-1")
    assert echo == received
    assert echo["id"] == stored.id and echo["room"] == private_room.pk
    assert echo["author"] == "Quiet Heron" and echo["author_id"] == member.pk
    assert echo["body_html"] == "<p>I'm <em>so</em> tired</p>"
    assert echo["client_id"] == "c-1" and "created" in echo
    assert [f for f in await drain(mine) if f["type"] == "message"] == []


async def test_resending_the_same_client_id_is_not_stored_twice(
    private_room, member, connect
):
    """A client resending after a dropped connection gets the stored message back
    and nothing is duplicated."""
    socket, _ = await opened(connect, room_path(private_room), member)
    frame = {"type": "message", "body": "hello", "client_id": "same"}
    await socket.send_json_to(frame)
    first = await receive_until(socket, "message")
    second_socket, _ = await opened(
        connect, room_path(private_room, first["id"]), member
    )
    await second_socket.send_json_to(frame)
    again = await receive_until(second_socket, "message")

    assert again["id"] == first["id"]
    count = await database_sync_to_async(
        ChatMessage.objects.filter(client_id="same").count
    )()
    assert count == 1


async def test_connecting_with_after_replays_every_later_message_in_order_first(
    private_room, member, listener, connect
):
    """?after=<id> sends the stored messages after that id, oldest first, before the
    "ready" frame and anything live."""

    def write(count):
        return [
            services.message_create(
                room=private_room, author=listener, body=f"note {n}", client_id=f"n{n}"
            ).id
            for n in range(count)
        ]

    ids = await database_sync_to_async(write)(5)
    socket = await connect(room_path(private_room, ids[1]), member)
    frames = []
    while True:
        frame = await socket.receive_json_from(timeout=2)
        if frame["type"] == "ready":
            break
        frames.append(frame)

    assert [f["id"] for f in frames] == ids[2:]
    assert [f["client_id"] for f in frames] == ["n2", "n3", "n4"]


async def test_without_after_the_whole_transcript_is_replayed(
    private_room, member, connect
):
    """A first connection gets the transcript so far (here, the listener's arrival)."""
    socket = await connect(room_path(private_room), member)
    first = await socket.receive_json_from(timeout=2)
    assert first["type"] == "message" and first["kind"] == "system"


async def test_typing_reaches_the_others_but_not_the_typist_and_is_not_stored(
    private_room, member, listener, connect
):
    """Typing is its own frame type, relayed to others only, never stored."""
    mine, _ = await opened(connect, room_path(private_room), member)
    theirs, _ = await opened(connect, room_path(private_room), listener)
    await drain(mine)
    await drain(theirs)

    await mine.send_json_to({"type": "typing"})
    typing = await receive_until(theirs, "typing")

    assert typing == {"type": "typing", "author": "Quiet Heron", "author_id": member.pk}
    assert [f for f in await drain(mine) if f["type"] == "typing"] == []
    count = await database_sync_to_async(ChatMessage.objects.count)()
    assert count == 1  # only the listener's arrival note


async def test_presence_lists_who_is_here_and_updates_when_someone_leaves(
    private_room, member, listener, connect
):
    """Presence frames list each person once; leaving updates the others."""
    mine, _ = await opened(connect, room_path(private_room), member)
    theirs, _ = await opened(connect, room_path(private_room), listener)
    # Presence is sent once arrivals settle, a moment after the last one.
    here = []
    while len(here) < 2:
        here = (await receive_until(mine, "presence"))["here"]
    assert sorted(p["name"] for p in here) == ["Quiet Heron", "Steady Willow"]
    assert {p["role"] for p in here} == {"member", "listener"}

    await theirs.disconnect()
    left = await receive_until(mine, "presence")
    assert [p["name"] for p in left["here"]] == ["Quiet Heron"]


async def test_a_session_cookie_authenticates_the_socket(private_room, member):
    """Sockets authenticate with the site session (no token in the URL)."""

    def cookie():
        client = Client()
        client.force_login(member)
        return client.cookies["sessionid"].value

    from kindred.asgi import application

    value = await database_sync_to_async(cookie)()
    socket = WebsocketCommunicator(
        application,
        room_path(private_room),
        headers=[*ORIGIN, (b"cookie", f"sessionid={value}".encode())],
    )
    connected, _ = await socket.connect()
    assert connected
    ready = await receive_until(socket, "ready")
    assert ready["role"] == "member"
    await socket.disconnect()


# --- Malformed frames: an error each, and the socket stays open ---


MALFORMED = [
    ("not json at all", "bad_json"),
    ("[1, 2, 3]", "bad_json"),
    ('{"body": "no type"}', "bad_json"),
    ('{"type": "dance"}', "unknown_type"),
    ('{"type": "message", "body": 42, "client_id": "x"}', "bad_message"),
    ('{"type": "message", "body": "hi", "client_id": ["x"]}', "bad_message"),
    ('{"type": "message", "client_id": "x"}', "bad_message"),
    ('{"type": "message", "body": "   ", "client_id": "x"}', "empty"),
    (json.dumps({"type": "message", "body": "a" * 7000, "client_id": "x"}), "too_long"),
    (
        json.dumps({"type": "message", "body": "a" * 9000, "client_id": "x"}),
        "too_large",
    ),
    ('{"type": "resource_card", "resource_id": "7"}', "bad_message"),
    ('{"type": "history", "after": -1}', "bad_message"),
    ('{"type": "slow_mode", "seconds": 10}', "forbidden"),
]


async def test_each_malformed_frame_gets_an_error_and_the_socket_stays_open(
    private_room, member, connect
):
    """Non-JSON, unknown types, oversized frames and wrongly typed fields are each
    answered with {"type": "error", "code", "message"}; the same socket then still
    sends and receives messages."""
    socket, _ = await opened(connect, room_path(private_room), member)
    for frame, code in MALFORMED:
        await socket.send_to(text_data=frame)
        error = await receive_until(socket, "error")
        assert (error["code"], bool(error["message"])) == (code, True), frame

    await socket.send_json_to(
        {"type": "message", "body": "still here", "client_id": "ok"}
    )
    message = await receive_until(socket, "message")
    assert message["client_id"] == "ok"
    stored = await database_sync_to_async(
        ChatMessage.objects.filter(author=member).count
    )()
    assert stored == 1


async def test_a_binary_frame_gets_an_error(private_room, member, connect):
    socket, _ = await opened(connect, room_path(private_room), member)
    await socket.send_to(bytes_data=b"\x00\x01")
    error = await receive_until(socket, "error")
    assert error["code"] == "bad_json"


async def test_a_flood_is_rate_limited_per_socket_with_an_error_not_a_close(
    private_room, member, connect
):
    """Past the per-socket limit, messages get a rate_limited error naming the
    client_id; the socket stays open and nothing past the limit is stored."""
    socket, _ = await opened(connect, room_path(private_room), member)
    limit = 10
    for n in range(limit + 2):
        await socket.send_json_to(
            {"type": "message", "body": f"m{n}", "client_id": f"f{n}"}
        )
    frames = []
    while len([f for f in frames if f["type"] in {"message", "error"}]) < limit + 2:
        frames.append(await socket.receive_json_from(timeout=2))
    errors = [f for f in frames if f["type"] == "error"]

    assert [e["code"] for e in errors] == ["rate_limited", "rate_limited"]
    assert {e["client_id"] for e in errors} == {f"f{limit}", f"f{limit + 1}"}
    stored = await database_sync_to_async(
        ChatMessage.objects.filter(author=member).count
    )()
    assert stored == limit
    await socket.send_json_to({"type": "ping"})
    assert (await receive_until(socket, "pong"))["type"] == "pong"


# --- Safety in the room ---


@pytest.mark.parametrize(
    "text",
    [
        "text me on 07700 900123 any time",
        "my email is quiet.heron@example.com",
        "add me on insta, it's easier",
        "find me @quietheron99",
    ],
)
async def test_a_contact_swap_is_held_and_only_its_writer_sees_it_with_an_explanation(
    private_room, member, listener, connect, text
):
    """Phone numbers, emails, handles and "add me on ..." are held: the writer gets
    the message marked held with a gentle notice, the listener gets nothing."""
    mine, _ = await opened(connect, room_path(private_room), member)
    theirs, _ = await opened(connect, room_path(private_room), listener)
    await drain(theirs)

    await mine.send_json_to({"type": "message", "body": text, "client_id": "h1"})
    held = await receive_until(mine, "message")

    assert held["status"] == "held"
    assert "phone numbers" in held["notice"]
    assert [f for f in await drain(theirs) if f["type"] == "message"] == []
    stored = await database_sync_to_async(ChatMessage.objects.get)(client_id="h1")
    assert stored.status == ChatMessage.Status.HELD
    # Reconnecting, the listener's replay does not include it; the writer's does.
    listener_again = await connect(room_path(private_room), listener)
    listener_replay = await drain(listener_again)
    assert held["id"] not in [f.get("id") for f in listener_replay]
    member_again = await connect(room_path(private_room), member)
    assert held["id"] in [f.get("id") for f in await drain(member_again)]


async def test_a_high_risk_message_shows_only_its_writer_the_crisis_panel(
    private_room, member, listener, connect
):
    """The writer's sockets get a "crisis" frame with the panel; the listener sees
    the message but never the panel."""
    mine, _ = await opened(connect, room_path(private_room), member)
    theirs, _ = await opened(connect, room_path(private_room), listener)
    await drain(theirs)
    risky = Screening(level="high", categories=("suicidal_thoughts",), signpost=True)
    with mock.patch("support.services.chat.screen_submission", return_value=risky):
        await mine.send_json_to(
            {"type": "message", "body": "I can't keep going", "client_id": "r1"}
        )
        crisis = await receive_until(mine, "crisis")

    assert "crisis-panel" in crisis["html"]
    frames = await drain(theirs)
    assert [f["type"] for f in frames if f["type"] in {"message", "crisis"}] == [
        "message"
    ]


async def test_the_crisis_panel_lists_the_lines_of_the_country_her_browser_names(
    private_room, member, directory
):
    """A member with no country set, whose browser says en-US: after a high-risk
    message her socket gets the United States' panel (988 and 911), not the
    international 112 of the site default."""
    from kindred.asgi import application

    socket = WebsocketCommunicator(
        application,
        room_path(private_room),
        headers=[*ORIGIN, (b"accept-language", b"en-US,en;q=0.9")],
    )
    socket.scope["user"] = member
    assert (await socket.connect())[0]
    await receive_until(socket, "ready")
    risky = Screening(level="high", categories=("suicidal_thoughts",), signpost=True)
    with mock.patch("support.services.chat.screen_submission", return_value=risky):
        await socket.send_json_to(
            {"type": "message", "body": "I can't do this any more", "client_id": "u"}
        )
        crisis = await receive_until(socket, "crisis")
    await socket.disconnect()

    assert member.country == ""
    assert 'data-country="US"' in crisis["html"]
    assert "988" in crisis["html"] and "Call 911" in crisis["html"]
    assert "112" not in crisis["html"]


async def test_resolving_countries_leaves_no_cache_client_on_each_socket(
    private_room, member, listener, directory
):
    """Django keeps cache clients per context, and a socket's database calls hand
    their context back to it: the country is resolved in the database thread's
    own context, so opening many sockets makes at most one client per thread."""
    from django.core.cache import caches

    from core.database_threads import POSTGRESQL_THREADS
    from kindred.asgi import application

    sockets = []
    with mock.patch.object(
        caches, "create_connection", wraps=caches.create_connection
    ) as created:
        for person in [member, listener] * 3:
            socket = WebsocketCommunicator(
                application,
                room_path(private_room),
                headers=[*ORIGIN, (b"accept-language", b"en-US")],
            )
            socket.scope["user"] = person
            assert (await socket.connect())[0]
            await receive_until(socket, "ready")
            sockets.append(socket)
    for socket in sockets:
        await socket.disconnect()

    assert created.call_count <= POSTGRESQL_THREADS


async def test_a_muted_or_suspended_member_cannot_send(private_room, member, connect):
    """A sanction (screening.blocked) refuses the message with an error."""
    socket, _ = await opened(connect, room_path(private_room), member)
    with mock.patch(
        "support.services.chat.screen_submission",
        return_value=Screening(blocked="You're muted until tomorrow."),
    ):
        await socket.send_json_to({"type": "message", "body": "hi", "client_id": "b1"})
        error = await receive_until(socket, "error")

    assert error == {
        "type": "error",
        "code": "blocked",
        "message": "You're muted until tomorrow.",
        "client_id": "b1",
    }
    assert not await database_sync_to_async(
        ChatMessage.objects.filter(client_id="b1").exists
    )()


async def test_a_sanction_issued_elsewhere_stops_an_open_socket(
    private_room, member, moderator, connect, monkeypatch
):
    """The socket keeps what it checks messages against, but reads the writer's
    sanctions again every SANCTIONS_SECONDS (here: before every message)."""
    monkeypatch.setattr(services.chat, "SANCTIONS_SECONDS", 0.0)
    socket, _ = await opened(connect, room_path(private_room), member)
    await socket.send_json_to({"type": "message", "body": "hi", "client_id": "k1"})
    await receive_until(socket, "message")

    await database_sync_to_async(Sanction.objects.create)(
        member=member,
        kind=Sanction.Kind.SUSPENSION,
        guideline=1,
        message="m",
        issued_by=moderator,
        ends_at=timezone.now() + timedelta(days=1),
        includes_live_support=True,
    )
    await socket.send_json_to({"type": "message", "body": "hi", "client_id": "k2"})

    assert (await receive_until(socket, "error"))["code"] == "blocked"


async def test_relaying_a_message_does_not_wait_for_the_database_thread(
    private_room, member, listener, connect
):
    """Channels would close stale connections on its one sync thread before every
    event; the room socket relays without that hop."""
    mine, _ = await opened(connect, room_path(private_room), member)
    theirs, _ = await opened(connect, room_path(private_room), listener)
    with mock.patch(
        "channels.consumer.aclose_old_connections", side_effect=AssertionError
    ):
        await mine.send_json_to({"type": "message", "body": "hi", "client_id": "r"})
        received = await receive_until(theirs, "message")

    assert received["client_id"] == "r"


async def test_a_full_inbox_drops_a_presence_reply_and_the_socket_stays(
    private_room, member, listener, connect
):
    """Under load the layer refuses direct sends to a full process inbox; the
    presence reply is dropped, not the socket."""
    mine, _ = await opened(connect, room_path(private_room), member)
    layer = get_channel_layer()
    real_send = layer.send

    async def full_for_presence(channel, message):
        if message["type"] == "chat.presence_here":
            raise ChannelFull
        return await real_send(channel, message)

    with mock.patch.object(layer, "send", full_for_presence):
        theirs, _ = await opened(connect, room_path(private_room), listener)
        while len((await receive_until(mine, "presence"))["here"]) < 2:
            pass
    await mine.send_json_to({"type": "message", "body": "still here", "client_id": "p"})

    assert (await receive_until(theirs, "message"))["client_id"] == "p"


# --- Refusals: a clear close code, and nothing else ---


async def test_an_anonymous_socket_is_closed_with_4401(private_room):
    frame = await refused_with(room_path(private_room))
    assert frame == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}


async def test_another_member_is_refused_with_4403_and_learns_nothing(
    private_room, other_member
):
    """The first and only frame a stranger gets is the close: no messages, no
    presence, no room details."""
    frame = await refused_with(room_path(private_room), other_member)
    assert frame == {"type": "websocket.close", "code": CLOSE_FORBIDDEN}


async def test_an_unknown_room_is_refused_exactly_like_a_forbidden_one(other_member):
    frame = await refused_with("/ws/support/rooms/999999/", other_member)
    assert frame == {"type": "websocket.close", "code": CLOSE_FORBIDDEN}


async def test_a_socket_without_an_allowed_origin_is_refused(private_room, member):
    from kindred.asgi import application

    socket = WebsocketCommunicator(
        application,
        room_path(private_room),
        headers=[(b"origin", b"http://evil.example")],
    )
    socket.scope["user"] = member
    connected, _ = await socket.connect()
    assert not connected


async def test_a_listener_who_handed_over_is_removed_and_refused_afterwards(
    private_room, member, listener, make_member, on_duty, connect
):
    """Handover closes the old listener's socket with 4410 and later connects with
    4403, while the member's socket carries on and sees the handover note."""
    second = await database_sync_to_async(make_member)("Warm Lark", roles=["listener"])
    await database_sync_to_async(on_duty)(second)
    theirs, _ = await opened(connect, room_path(private_room), listener)
    mine, _ = await opened(connect, room_path(private_room), member)

    await database_sync_to_async(services.room_handover)(
        room=private_room, from_listener=listener, to_listener=second
    )
    revoked = await receive_until(theirs, "revoked")
    assert revoked["message"]
    closed = await theirs.receive_output(timeout=2)
    assert closed == {"type": "websocket.close", "code": CLOSE_REMOVED}
    note = await receive_until(mine, "message")
    assert "Warm Lark" in note["body_html"]

    frame = await refused_with(room_path(private_room), listener)
    assert frame == {"type": "websocket.close", "code": CLOSE_FORBIDDEN}
    new_socket, ready = await opened(connect, room_path(private_room), second)
    assert ready["role"] == "listener"


async def test_a_moderator_joins_visibly(private_room, member, moderator, connect):
    """A moderator's socket is let in, and the room is told a moderator joined."""
    mine, _ = await opened(connect, room_path(private_room), member)
    await drain(mine)
    _, ready = await opened(connect, room_path(private_room), moderator)
    assert ready["role"] == "moderator"
    note = await receive_until(mine, "message")
    assert note["kind"] == "system" and "moderator" in note["body_html"]


# --- Ending, slow mode and mute ---


async def test_ending_tells_everyone_and_further_messages_get_an_error(
    private_room, member, listener, connect
):
    mine, _ = await opened(connect, room_path(private_room), member)
    theirs, _ = await opened(connect, room_path(private_room), listener)
    await database_sync_to_async(services.room_end)(room=private_room, by=listener)

    assert (await receive_until(mine, "ended"))["by"] == "Steady Willow"
    await receive_until(theirs, "ended")
    await mine.send_json_to({"type": "message", "body": "wait", "client_id": "late"})
    assert (await receive_until(mine, "error"))["code"] == "room_ended"


async def test_moderators_set_slow_mode_and_mute_over_the_socket_in_a_group_room(
    group_room, member, moderator, connect
):
    """Slow mode makes a second quick message fail; a muted member gets an error."""
    mod, _ = await opened(connect, room_path(group_room), moderator)
    mine, _ = await opened(connect, room_path(group_room), member)

    await mod.send_json_to({"type": "slow_mode", "seconds": 30})
    # A "room" frame may first say the moderator is here to host.
    room_frame = await receive_until(mine, "room", having="slow_mode_seconds")
    assert room_frame["slow_mode_seconds"] == 30
    await mine.send_json_to({"type": "message", "body": "one", "client_id": "s1"})
    await receive_until(mine, "message")
    await drain(mine)
    await mine.send_json_to({"type": "message", "body": "two", "client_id": "s2"})
    assert (await receive_until(mine, "error"))["code"] == "slow_mode"

    await mod.send_json_to({"type": "mute", "member_id": member.pk, "minutes": 10})
    assert (await receive_until(mine, "muted"))["until"]
    await mod.send_json_to({"type": "slow_mode", "seconds": 0})
    await receive_until(mine, "room", having="slow_mode_seconds")
    await mine.send_json_to({"type": "message", "body": "three", "client_id": "s3"})
    assert (await receive_until(mine, "error"))["code"] == "muted"


async def test_members_cannot_use_moderator_commands(group_room, member, connect):
    mine, _ = await opened(connect, room_path(group_room), member)
    await mine.send_json_to({"type": "mute", "member_id": member.pk, "minutes": 10})
    assert (await receive_until(mine, "error"))["code"] == "forbidden"
    membership = await database_sync_to_async(
        RoomMembership.objects.filter(room=group_room, member=member).first
    )()
    assert membership is None or membership.muted_until is None


async def test_a_listener_sends_a_resource_card_from_the_directory(
    private_room, member, listener, resource, connect
):
    """The card arrives as a message of kind resource_card with the entry's facts."""
    mine, _ = await opened(connect, room_path(private_room), member)
    theirs, _ = await opened(connect, room_path(private_room), listener)
    await theirs.send_json_to(
        {"type": "resource_card", "resource_id": resource.pk, "client_id": "card-1"}
    )
    card = await receive_until(mine, "message")

    assert card["kind"] == "resource_card"
    assert card["card"]["name"] == resource.name
    assert resource.name in card["body_html"]


async def test_a_member_cannot_send_resource_cards(
    private_room, member, resource, connect
):
    mine, _ = await opened(connect, room_path(private_room), member)
    await mine.send_json_to(
        {"type": "resource_card", "resource_id": resource.pk, "client_id": "c"}
    )
    assert (await receive_until(mine, "error"))["code"] == "forbidden"
