"""release_channel() clears what channels-redis's pub/sub layer leaves behind when
a socket stops before its next read of the layer has started."""

import asyncio
import os

import pytest
import redis
from channels.layers import InMemoryChannelLayer
from channels_redis.pubsub import RedisPubSubChannelLayer

from core.channel_layers import release_channel

pytestmark = pytest.mark.redis


@pytest.fixture
async def layer(redis_url):
    prefix = f"kindred-test-release-{os.getpid()}"
    layer = RedisPubSubChannelLayer(
        hosts=[{"address": redis_url, "socket_timeout": None}], prefix=prefix
    )
    layer.test_prefix = prefix
    yield layer
    await layer.flush()


def subscriptions(redis_url: str, prefix: str) -> list[bytes]:
    client = redis.Redis.from_url(redis_url)
    try:
        return client.pubsub_channels(f"{prefix}*")
    finally:
        client.close()


async def stop_before_the_next_read(layer, channel: str) -> None:
    """What Channels does when a socket stops right after an event: the next read
    is created, then cancelled before it ever ran."""
    read = asyncio.ensure_future(layer.receive(channel))
    read.cancel()
    with pytest.raises(asyncio.CancelledError):
        await read


async def test_a_read_cancelled_before_it_ran_leaves_the_subscription(layer, redis_url):
    """The library's own behaviour, which release_channel() exists for."""
    channel = await layer.new_channel()
    await stop_before_the_next_read(layer, channel)
    await asyncio.sleep(0.2)
    assert subscriptions(redis_url, layer.test_prefix) != []


async def test_releasing_unsubscribes_the_channel_and_its_last_groups(layer, redis_url):
    stays, goes = await layer.new_channel(), await layer.new_channel()
    await layer.group_add("room.1", stays)
    await layer.group_add("room.1", goes)
    await layer.group_add("room.1.member.2", goes)

    await stop_before_the_next_read(layer, goes)
    await release_channel(layer, goes)
    await asyncio.sleep(0.2)

    left = sorted(subscriptions(redis_url, layer.test_prefix))
    assert left == sorted(
        [stays.encode(), f"{layer.test_prefix}__group__room.1".encode()]
    )
    await layer.group_send("room.1", {"type": "still.heard"})
    assert await asyncio.wait_for(layer.receive(stays), 2) == {"type": "still.heard"}


async def test_releasing_twice_or_on_the_in_memory_layer_does_nothing(layer):
    channel = await layer.new_channel()
    await release_channel(layer, channel)
    await release_channel(layer, channel)
    await release_channel(InMemoryChannelLayer(), "memory.channel")
