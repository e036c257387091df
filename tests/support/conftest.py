"""Fixtures for live support: listeners on duty, requests and rooms, the channel
layer a socket test runs on, and Daphne processes sharing Redis."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import DaphneServer, redis_url_for_tests

ORIGIN = [(b"origin", b"http://127.0.0.1")]


@pytest.fixture
def on_duty(db):
    """on_duty(listener, **status_fields) puts a listener on duty."""
    from support import services
    from support.models import ListenerStatus

    def put(listener, **fields):
        if fields:
            ListenerStatus.objects.update_or_create(listener=listener, defaults=fields)
        services.listener_set_duty(listener=listener, on_duty=True)
        return listener

    return put


@pytest.fixture
def private_room(member, listener, on_duty):
    """A private room between `member` and `listener`, accepted just now."""
    from support import services

    on_duty(listener)
    request = services.request_create(member=member, chips=["lonely"])
    return services.request_accept(listener=listener, request_id=request.pk)


@pytest.fixture
def connect(db):
    """connect(path, user) -> a connected WebsocketCommunicator (session-less auth)."""
    from channels.testing import WebsocketCommunicator

    from kindred.asgi import application

    opened = []

    async def open_socket(path: str, user=None, *, expect_ok: bool = True):
        communicator = WebsocketCommunicator(application, path, headers=ORIGIN)
        if user is not None:
            communicator.scope["user"] = user
        opened.append(communicator)
        connected, _ = await communicator.connect()
        assert connected
        return communicator

    yield open_socket


async def receive_until(
    communicator, kind: str, timeout: float = 2, *, having: str | None = None
):
    """Read frames until one of type `kind` (carrying the key `having`, if given)
    arrives; return it."""
    while True:
        frame = await communicator.receive_json_from(timeout=timeout)
        if frame["type"] == kind and (having is None or having in frame):
            return frame


async def drain(communicator, timeout: float = 0.2) -> list[dict]:
    """Every frame that arrives within a short quiet period."""
    frames = []
    while not await communicator.receive_nothing(timeout=timeout):
        frames.append(await communicator.receive_json_from())
    return frames


@pytest.fixture
def group_room(db):
    """An always-open group room, as an operator would create it."""
    from support.models import Room

    return Room.objects.create(
        kind=Room.Kind.GROUP, name="Night feeds", description="Company at 3 a.m."
    )


def connect_host(room, person, channel_name: str = ""):
    """Record person's socket as open in a group room, as their room page does."""
    from support.models import HostConnection

    return HostConnection.objects.create(
        room=room,
        host=person,
        channel_name=channel_name or f"test.host.{room.pk}.{person.pk}",
    )


@pytest.fixture
def hosted_group_room(group_room, listener):
    """group_room with a listener connected, so members may write in it."""
    connect_host(group_room, listener)
    return group_room


@pytest.fixture
def resource(db):
    """Samaritans (GB), loaded from the verified directory data."""
    import json
    from pathlib import Path

    from support.signposting import services as signposting_services
    from support.signposting.models import Resource

    data = (
        Path(__file__).resolve().parents[2] / "support/signposting/data/resources.json"
    )
    entries = [e for e in json.loads(data.read_text()) if e["country"] == "GB"]
    signposting_services.resources_load(entries=entries)
    return Resource.objects.get(country="GB", name="Samaritans")


@pytest.fixture
def directory(db):
    """The whole verified directory, loaded as tests/signposting does."""
    from support.signposting.services import resources_load
    from tests.signposting.conftest import seed_entries

    return resources_load(entries=seed_entries())


@pytest.fixture
def layer(request, settings):
    """The channel layer a test runs on: in-memory (default) or Redis (`redis`)."""
    import channels.layers

    if request.param == "redis":
        request.getfixturevalue("redis_channel_layer")
    else:
        settings.CHANNEL_LAYERS = {
            "default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}
        }
        channels.layers.channel_layers.backends.clear()
    yield request.param
    channels.layers.channel_layers.backends.clear()


BOTH_LAYERS = pytest.mark.parametrize(
    "layer", ["memory", pytest.param("redis", marks=pytest.mark.redis)], indirect=True
)


def session_cookie(person) -> str:
    """A signed-in session for person, stored in the test database."""
    client = Client()
    client.force_login(person)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def two_daphnes(django_db_setup):
    """Two Daphne processes on different ports sharing the test database and Redis
    (tests using them are transactional, so the processes see their data)."""
    environment = {"REDIS_URL": redis_url_for_tests()}
    servers = [DaphneServer(extra_env=environment) for _ in range(2)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        try:
            list(pool.map(DaphneServer.start, servers))
            yield servers
        finally:
            list(pool.map(DaphneServer.stop, servers))
