"""The site served as `make serve` serves it: two Daphne processes behind HAProxy,
with a redis-server of its own, over the test database. Started once for all the
tests here; tests using it are transactional so the processes see their data."""

import pytest

from tests.processes.servers import RedisServer, ServedSite
from tests.support.conftest import (  # noqa: F401  (fixtures shared with support)
    group_room,
    on_duty,
    private_room,
    session_cookie,
)


@pytest.fixture(scope="package")
def served_site(django_db_setup):
    redis_server = RedisServer().start()
    site = ServedSite(redis_server, workers=2)
    try:
        yield site.start()
    finally:
        site.stop()
        redis_server.stop()


@pytest.fixture
def site(served_site):
    """The served site with every process up behind the proxy."""
    served_site.wait_all_up()
    return served_site


@pytest.fixture
def cookie_of(transactional_db):
    return session_cookie
