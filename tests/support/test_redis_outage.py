"""Redis goes away in the middle of a chat, on a real Daphne server with its own
redis-server: pages keep answering, sockets get answers they can retry on, and
once Redis is back on the same port the chat carries on. Nothing acknowledged is
lost: the database holds every message a writer saw acknowledged, and every
socket, after resuming, has seen every stored message."""

import asyncio
import time

import pytest
import redis

from core.sockets import CLOSE_TRY_AGAIN
from support.models import ChatMessage
from tests.conftest import DaphneServer
from tests.private_servers import RedisServer
from tests.support.conftest import session_cookie
from tests.support.live_client import (
    frames_until_closed,
    handshake_close_code,
    next_frame,
    next_message,
    post_form,
    room_socket,
    say,
    sign_in_answer,
    status_of,
)

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def server(redis_server):
    daphne = DaphneServer(
        extra_env={
            "REDIS_URL": redis_server.url,
            "KINDRED_CACHE_RETRY_SECONDS": "1",
        }
    ).start()
    yield daphne
    daphne.stop()


@pytest.fixture
def thread(member, settings):
    from forum import services
    from forum.models import Space

    settings.PREMODERATION_POSTS = 0
    space = Space.objects.create(name="Good days", slug="good-days")
    return services.thread_create(
        author=member,
        space=space,
        title="A small good thing today",
        body="The baby slept four hours in a row.",
    ).thread


# --- The outage ---------------------------------------------------------------------


def test_a_chat_survives_redis_going_away_and_coming_back(
    server, redis_server, private_room, member, listener, thread
):
    """Pages answer 200 while Redis is away; the writer's message is stored and
    acknowledged, then her socket closes with 4503, as does a new one; with Redis
    back both resume by id and talk live, and the database holds exactly what was
    acknowledged."""
    room = private_room
    cookies = {"member": session_cookie(member), "listener": session_cookie(listener)}
    acknowledged: list[dict] = []

    async def before_and_during():
        async with (
            room_socket(server, room.pk, cookies["member"], 0) as member_ws,
            room_socket(server, room.pk, cookies["listener"], 0) as listener_ws,
        ):
            acknowledged.append(await say(member_ws, "Are you there?", "m-1"))
            heard = await next_message(listener_ws)
            assert heard["client_id"] == "m-1"

            redis_server.stop()
            pages = {
                path: status_of(server, path)
                for path in (thread.get_absolute_url(), "/spaces/", "/")
            }
            signing_in = [
                sign_in_answer(server, "Quiet Heron", "not the password")
                for _ in range(2)
            ]
            replying = post_form(
                server,
                thread.get_absolute_url(),
                f"/threads/{thread.pk}/reply/",
                {"body": "So glad to read this tonight."},
                cookies["listener"],
            )

            # The writer's message is stored and acknowledged; the room can't hear
            # of it live, so the socket says so and closes with a code to retry on.
            acknowledged.append(await say(member_ws, "The line went quiet", "m-2"))
            after_ack, member_code = await frames_until_closed(member_ws)
            new_socket_code = await handshake_close_code(
                server, room.pk, cookies["member"]
            )
            return {
                "pages": pages,
                "signing_in": signing_in,
                "replying": replying,
                "after_ack": after_ack,
                "member_code": member_code,
                "new_socket_code": new_socket_code,
                "last_seen": {
                    "member": max(member_ws.seen),
                    "listener": max(listener_ws.seen),
                },
            }

    during = asyncio.run(before_and_during())
    pages, last_seen = during["pages"], during["last_seen"]

    assert set(pages.values()) == {200}, pages
    assert during["signing_in"] == [200, 200]  # refused kindly, not a 500
    assert during["replying"] == 302  # posted; its live announcement is what waits
    assert thread.replies.filter(body_source="So glad to read this tonight.").exists()
    assert during["member_code"] == CLOSE_TRY_AGAIN
    errors = [f["code"] for f in during["after_ack"] if f["type"] == "error"]
    assert errors == ["unavailable"]
    assert during["new_socket_code"] == CLOSE_TRY_AGAIN

    redis_server.start()

    async def after():
        # Both clients resume from the last id they saw, as the chat page does.
        async with (
            room_socket(
                server, room.pk, cookies["member"], last_seen["member"], retry_for=10
            ) as member_ws,
            room_socket(
                server, room.pk, cookies["listener"], last_seen["listener"], 10
            ) as listener_ws,
        ):
            listener_replay = list(listener_ws.replay)
            acknowledged.append(await say(listener_ws, "I'm here, still", "l-1"))
            heard = await next_message(member_ws)
            acknowledged.append(await say(member_ws, "Thank you", "m-3"))
            heard_back = await next_message(listener_ws)
            return listener_replay, heard, heard_back

    listener_replay, heard, heard_back = asyncio.run(after())

    assert [m["client_id"] for m in listener_replay] == ["m-2"]
    assert heard["client_id"] == "l-1" and heard_back["client_id"] == "m-3"
    # The cache is back in Redis once the breaker's retry period (1 s) is over.
    time.sleep(1.2)
    assert status_of(server, "/spaces/") == 200
    keys = redis.Redis.from_url(redis_server.url).keys()
    assert any(b"spaces" in key for key in keys)
    # Said once when the outage began and once when it ended, not per call.
    log = server.log_path.read_text()
    assert log.count("serving the cache from this process's memory") == 1
    assert log.count("Redis cache at") == 2

    stored = list(
        ChatMessage.objects.filter(room=room, kind=ChatMessage.Kind.MESSAGE)
        .order_by("pk")
        .values_list("pk", "client_id")
    )
    assert stored == [(m["id"], m["client_id"]) for m in acknowledged]


def test_a_socket_left_open_through_the_outage_hears_the_room_again(
    server, redis_server, private_room, member, listener
):
    """A listener who sent nothing while Redis was away keeps her socket; once
    Redis is back the room's messages reach it live again."""
    room = private_room
    cookies = {"member": session_cookie(member), "listener": session_cookie(listener)}

    async def run():
        async with room_socket(server, room.pk, cookies["listener"], 0) as listener_ws:
            # "ready" comes before the socket announces itself to the room; its
            # first "who is here" frame means that has gone round the layer, so
            # the outage can't catch her socket still opening.
            while (await next_frame(listener_ws))["type"] != "presence":
                pass
            redis_server.stop()
            await asyncio.sleep(1)
            redis_server.start()
            await asyncio.sleep(2)
            async with room_socket(
                server, room.pk, cookies["member"], 0, retry_for=10
            ) as member_ws:
                sent = await say(member_ws, "Back again", "m-1")
            heard = await next_message(listener_ws)
            return sent, heard

    sent, heard = asyncio.run(run())
    assert heard["id"] == sent["id"]
