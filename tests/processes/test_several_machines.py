"""Settings for several machines: the channel layer over two Redis servers
(KINDRED_CHANNEL_LAYER_URLS), where channels-redis shards channels and groups
between them and group fan-out and per-channel sends still reach every process;
and PostgreSQL behind a transaction pooler (KINDRED_DATABASE_POOLER)."""

import asyncio
import json
import os
import subprocess
import sys
import uuid

import pytest
from channels_redis.pubsub import RedisPubSubChannelLayer

from tests.processes.servers import PROJECT_ROOT, RedisServer

pytestmark = pytest.mark.proxy

GROUPS = 16
RECEIVE_TIMEOUT = 5


def layer_settings(**environment) -> dict:
    """The channel layer settings a process started with `environment` builds."""
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.CHANNEL_LAYERS['default']))"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "KINDRED_CHANNEL_LAYER_URLS"}
    }
    env |= {"DJANGO_SETTINGS_MODULE": "kindred.settings", **environment}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_channel_layer_spreads_over_every_url_given():
    layer = layer_settings(
        REDIS_URL="redis://cache.internal:6379/0",
        KINDRED_CHANNEL_LAYER_URLS="redis://one.internal:6379/0, redis://two.internal:6380/0",
    )

    hosts = layer["CONFIG"]["hosts"]
    assert [host["address"] for host in hosts] == [
        "redis://one.internal:6379/0",
        "redis://two.internal:6380/0",
    ]
    assert all(host["socket_timeout"] is None for host in hosts)


def test_without_channel_layer_urls_the_layer_uses_redis_url_alone():
    layer = layer_settings(REDIS_URL="redis://cache.internal:6379/0")

    assert [h["address"] for h in layer["CONFIG"]["hosts"]] == [
        "redis://cache.internal:6379/0"
    ]


@pytest.fixture
def two_redis_servers():
    servers = [RedisServer().start() for _ in range(2)]
    yield servers
    for server in servers:
        server.stop()


def sharded_layer(servers) -> RedisPubSubChannelLayer:
    """A layer over both servers, as settings build it; one per "process"."""
    hosts = [{"address": s.url, "socket_timeout": None} for s in servers]
    return RedisPubSubChannelLayer(hosts=hosts, prefix="kindred-sharded")


def channels_on(server) -> set[str]:
    return {name.decode() for name in server.client().pubsub_channels()}


async def test_group_fan_out_and_channel_sends_cross_two_redis_servers(
    two_redis_servers,
):
    """Two processes' layers over the same two servers: every group's event reaches
    the sockets of both processes, every direct send reaches its socket, and both
    servers carry part of the traffic."""
    here, there = sharded_layer(two_redis_servers), sharded_layer(two_redis_servers)
    try:
        groups = [f"room.{uuid.uuid4().hex[:8]}" for _ in range(GROUPS)]
        members = {}
        for group in groups:
            members[group] = [await here.new_channel(), await there.new_channel()]
            for layer, channel in zip((here, there), members[group], strict=True):
                await layer.group_add(group, channel)
        subscribed = [channels_on(server) for server in two_redis_servers]

        for group in groups:
            await here.group_send(group, {"type": "chat.message", "group": group})
        fanned_out = [
            await asyncio.wait_for(layer.receive(channel), RECEIVE_TIMEOUT)
            for group in groups
            for layer, channel in zip((here, there), members[group], strict=True)
        ]

        for group in groups:
            await here.send(members[group][1], {"type": "direct", "to": group})
        direct = [
            await asyncio.wait_for(there.receive(members[group][1]), RECEIVE_TIMEOUT)
            for group in groups
        ]
    finally:
        await here.flush()
        await there.flush()

    assert all(subscribed), "one Redis server carried nothing"
    assert subscribed[0].isdisjoint(subscribed[1])
    assert [event["group"] for event in fanned_out] == [g for g in groups for _ in "ab"]
    assert [event["to"] for event in direct] == groups


def database_settings(**environment) -> dict:
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'], default=str))"
    )
    env = {k: v for k, v in os.environ.items() if k != "KINDRED_DATABASE_POOLER"}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=PROJECT_ROOT,
        env=env | {"DJANGO_SETTINGS_MODULE": "kindred.settings", **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_behind_a_transaction_pooler_server_side_cursors_are_off():
    pooled = database_settings(
        DATABASE_URL="postgres://kindred@pgbouncer:6432/kindred",
        KINDRED_DATABASE_POOLER="1",
    )
    direct = database_settings(DATABASE_URL="postgres://kindred@db:5432/kindred")

    assert pooled["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert pooled["CONN_MAX_AGE"] == 0
    assert direct.get("DISABLE_SERVER_SIDE_CURSORS", False) is False
