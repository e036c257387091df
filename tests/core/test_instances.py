"""Two deployments on one Redis server do not hear or read each other: Redis
pub/sub ignores the database number, so only the instance's prefix (KINDRED_INSTANCE,
by default the database's name) keeps their live chat and their cache apart."""

import asyncio
import os

import pytest
from channels_redis.pubsub import RedisPubSubChannelLayer
from django.core.cache.backends.redis import RedisCache

from tests.core.test_settings import settings_with

pytestmark = pytest.mark.redis


@pytest.fixture(scope="module")
def two_deployments():
    """The settings of two sites whose REDIS_URLs share one server, on databases
    named differently."""
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    base = redis_url.rsplit("/", 1)[0]
    sites = []
    for number, name in enumerate(("north", "south")):
        sites.append(
            settings_with(
                DATABASE_URL=f"postgres://u@db.example/{name}_{os.getpid()}",
                REDIS_URL=f"{base}/{number}",
            )
        )
    return sites


def layer_of(site: dict) -> RedisPubSubChannelLayer:
    [host] = site["layer_hosts"]
    return RedisPubSubChannelLayer(hosts=[host], prefix=site["layer_prefix"])


async def receive_or_none(layer, channel: str, seconds: float) -> dict | None:
    try:
        return await asyncio.wait_for(layer.receive(channel), seconds)
    except TimeoutError:
        return None


async def test_a_room_event_of_one_site_never_reaches_the_other(two_deployments):
    north, south = (layer_of(site) for site in two_deployments)
    try:
        heard_north = await north.new_channel()
        heard_south = await south.new_channel()
        await north.group_add("room.1", heard_north)
        await south.group_add("room.1", heard_south)

        await north.group_send("room.1", {"type": "chat.message", "id": 7})

        assert await receive_or_none(north, heard_north, 2) == {
            "type": "chat.message",
            "id": 7,
        }
        assert await receive_or_none(south, heard_south, 0.5) is None
    finally:
        await north.flush()
        await south.flush()


def test_cache_keys_and_rate_limits_of_one_site_are_not_the_others(two_deployments):
    """Even on the same Redis database, each site reads only its own keys."""
    north_site, south_site = two_deployments
    shared_location = north_site["cache_location"]
    north, south = (
        RedisCache(shared_location, {"KEY_PREFIX": site["cache_prefix"]})
        for site in two_deployments
    )
    key = "rl:chat:someone:10:1"
    try:
        north.set(key, 10, 30)
        south.add(key, 0, 30)

        assert north.get(key) == 10
        assert south.incr(key) == 1
    finally:
        north.delete(key)
        south.delete(key)
