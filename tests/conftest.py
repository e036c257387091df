"""Shared test fixtures.

Tests that need Redis, PostgreSQL or Chromium carry the marker of that service. When the
service is absent they skip with the reason; when KINDRED_REQUIRE_SERVICES is set
("1" for all, or a comma-separated list such as "redis,browser") they fail instead.
"""

import itertools
import os
import shutil
import socket
import subprocess
import sys
import time
import weakref
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_PATH = "/usr/bin/chromium"
FALLBACK_REDIS_URL = "redis://127.0.0.1:6379/15"
SERVICE_MARKERS = ("redis", "postgres", "browser", "proxy")

_pseudonym_numbers = itertools.count(1)


def required_services() -> set[str]:
    raw = os.environ.get("KINDRED_REQUIRE_SERVICES", "").strip().lower()
    if raw in {"", "0", "false", "no"}:
        return set()
    if raw in {"1", "true", "yes", "all"}:
        return set(SERVICE_MARKERS)
    return {part.strip() for part in raw.split(",") if part.strip()}


def redis_url_for_tests() -> str:
    """The Redis used by Redis-marked tests: REDIS_URL, else a local one if running."""
    return os.environ.get("REDIS_URL") or FALLBACK_REDIS_URL


def _redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=1).ping())
    except Exception:
        return False


def _service_missing(name: str) -> str | None:
    """Return why a service is unavailable, or None when it is there."""
    if name == "redis":
        url = redis_url_for_tests()
        return None if _redis_reachable(url) else f"Redis is not reachable at {url}"
    if name == "postgres":
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            return "needs DATABASE_URL pointing at PostgreSQL"
        return None
    if name == "browser":
        if not Path(CHROMIUM_PATH).exists():
            return f"Chromium is not installed at {CHROMIUM_PATH}"
        try:
            import playwright  # noqa: F401
        except ImportError:
            return "playwright is not installed"
        return None
    if name == "proxy":
        search = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
        if shutil.which("haproxy", path=search) is None:
            return "HAProxy is not installed (apt-get install haproxy)"
        if shutil.which("redis-server") is None:
            return "redis-server is not installed"
        return None
    raise ValueError(name)


_service_cache: dict[str, str | None] = {}


def pytest_runtest_setup(item: pytest.Item) -> None:
    required = required_services()
    for name in SERVICE_MARKERS:
        if item.get_closest_marker(name) is None:
            continue
        if name not in _service_cache:
            _service_cache[name] = _service_missing(name)
        reason = _service_cache[name]
        if reason is None:
            continue
        if name in required:
            pytest.fail(f"{name} is required here (KINDRED_REQUIRE_SERVICES): {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """The test database, with every connection this process opened on any thread
    closed before it is dropped: PostgreSQL refuses to drop a database in use, and
    worker threads (the chat's database threads, a browser test's helpers) keep
    theirs."""
    from django.db.backends.signals import connection_created

    opened = weakref.WeakSet()

    def remember(sender, connection, **kwargs):
        opened.add(connection)

    connection_created.connect(remember, weak=False)
    yield
    connection_created.disconnect(remember)
    for connection in list(opened):
        connection.inc_thread_sharing()
        try:
            connection.close()
        finally:
            connection.dec_thread_sharing()


@pytest.fixture(autouse=True)
def _fresh_cache_and_fast_hashing(request, settings):
    """Each test starts with an empty cache; passwords hash quickly in tests, except
    in browser tests, whose Daphne process only knows the real hashers."""
    from django.core.cache import cache

    if request.node.get_closest_marker("browser") is None:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_member(db):
    """Create a member: make_member(roles=["listener"], pseudonym=..., **fields)."""
    from accounts.models import Member
    from accounts.roles import sync_role_groups

    def make(
        pseudonym: str | None = None,
        *,
        roles=(),
        password="a long kind password",
        **fields,
    ):
        if roles:
            sync_role_groups()
        name = pseudonym or f"Parent {next(_pseudonym_numbers)}"
        fields.setdefault("guidelines_version", 1)
        member = Member.objects.create_user(name, password, **fields)
        for role in roles:
            member.groups.add(Group.objects.get(name=role))
        return member

    return make


@pytest.fixture
def member(make_member):
    return make_member("Quiet Heron")


@pytest.fixture
def other_member(make_member):
    return make_member("Gentle Otter")


@pytest.fixture
def listener(make_member):
    return make_member("Steady Willow", roles=["listener"])


@pytest.fixture
def moderator(make_member):
    return make_member("Careful Owl", roles=["moderator"])


@pytest.fixture
def operator(make_member):
    return make_member("Patient Badger", roles=["operator"], is_staff=True)


@pytest.fixture
def approval_space(db):
    """A forum space whose new threads wait for a moderator's approval."""
    from forum.models import Space

    return Space.objects.create(
        name="Loss", slug="loss", order=2, requires_approval=True
    )


@pytest.fixture
def redis_url() -> str:
    return redis_url_for_tests()


@pytest.fixture
def redis_channel_layer(settings, redis_url):
    """Switch the channel layer to channels-redis on the test Redis (mark the
    tests redis)."""
    import channels.layers

    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [{"address": redis_url, "socket_timeout": None}],
                "prefix": f"kindred-test-{os.getpid()}",
            },
        }
    }
    channels.layers.channel_layers.backends.clear()
    yield
    channels.layers.channel_layers.backends.clear()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url_for_subprocess() -> str:
    """A URL a separate process can use to open the test database."""
    from django.db import connection

    db = connection.settings_dict
    if "sqlite" in db["ENGINE"]:
        return f"sqlite:///{db['NAME']}"
    parsed = urlparse(os.environ["DATABASE_URL"])
    return parsed._replace(path=f"/{db['NAME']}").geturl()


class DaphneServer:
    """A Daphne process serving Kindred on a free port, against the test database."""

    def __init__(self, port: int | None = None, extra_env: dict | None = None):
        self.port = port or free_port()
        self.extra_env = extra_env or {}
        self.process: subprocess.Popen | None = None
        self.log_path = Path(f"/tmp/kindred-daphne-{os.getpid()}-{self.port}.log")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "DaphneServer":
        env = {
            **os.environ,
            "DATABASE_URL": database_url_for_subprocess(),
            "DEBUG": "1",
            "SECRET_KEY": settings.SECRET_KEY,
            "KINDRED_HTTPS": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # The same Redis prefixes as this process, though its database is
            # named differently: what a test announces reaches the server's sockets.
            "KINDRED_INSTANCE": settings.INSTANCE,
            **self.extra_env,
        }
        daphne = (
            shutil.which("daphne", path=str(Path(sys.executable).parent)) or "daphne"
        )
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                daphne,
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                "kindred.asgi:application",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"Daphne exited: {self.log_path.read_text()[-2000:]}"
                )
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("Daphne did not start within 30 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture
def daphne_server(transactional_db):
    """Daphne on a free port sharing this test's database (data must be committed)."""
    server = DaphneServer().start()
    yield server
    server.stop()
