"""Room sockets leave nothing subscribed in Redis once they close, however many
close at once: a leftover pub/sub subscription costs Redis and the process memory
for as long as the process lives."""

import asyncio
import os
import time
from contextlib import AsyncExitStack

import pytest
import redis

from tests.support.conftest import session_cookie
from tests.support.test_realtime_infra import communicator


def subscribed_channels(url: str, prefix: str) -> list[bytes]:
    client = redis.Redis.from_url(url)
    try:
        return client.pubsub_channels(f"{prefix}*")
    finally:
        client.close()


@pytest.fixture
def cookies(member, listener):
    return [session_cookie(member), session_cookie(listener)]


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
async def test_both_sides_of_a_chat_closing_together_leave_no_subscription(
    redis_channel_layer, redis_url, private_room, cookies, settings
):
    prefix = settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"]
    for _round in range(3):
        async with (
            communicator(private_room.pk, cookies[0]) as one,
            communicator(private_room.pk, cookies[1]) as other,
        ):
            assert subscribed_channels(redis_url, prefix)
            await asyncio.gather(one.disconnect(), other.disconnect())
    await asyncio.sleep(0.3)
    assert subscribed_channels(redis_url, prefix) == []


@pytest.fixture
def daphne_on_redis(transactional_db, redis_url):
    from tests.conftest import DaphneServer

    instance = f"subscriptions-{os.getpid()}"
    server = DaphneServer(
        extra_env={"REDIS_URL": redis_url, "KINDRED_INSTANCE": instance}
    ).start()
    yield server, f"kindred.{instance}"
    server.stop()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_sockets_of_one_room_closing_together_on_daphne_leave_no_subscription(
    daphne_on_redis, redis_url, private_room, cookies
):
    from tests.support.test_realtime_infra import ws_room

    server, prefix = daphne_on_redis

    async def open_and_close_together(pairs: int):
        async with AsyncExitStack() as stack:
            for _pair in range(pairs):
                for cookie in cookies:
                    await stack.enter_async_context(
                        ws_room(server, private_room.pk, cookie)
                    )
            opened = subscribed_channels(redis_url, prefix)
        return opened

    opened = asyncio.run(open_and_close_together(5))
    time.sleep(0.5)
    left = subscribed_channels(redis_url, prefix)
    assert len(opened) > 5
    assert left == []
