"""The cache while Redis is unreachable: pages answer, rate limits keep limiting
from this process's memory, the outage is logged once, and Redis is used again as
soon as it answers (core.cache.FallbackRedisCache)."""

import logging

import pytest
from django.core.cache import cache

from core import ratelimit
from core.cache import FallbackRedisCache
from tests.conftest import free_port
from tests.private_servers import RedisServer

PASSWORD = "a long kind password"


def fallback_caches(location: str, retry_seconds: float = 5) -> dict:
    return {
        "default": {
            "BACKEND": "core.cache.FallbackRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"kindred-test-{free_port()}",
            "FALLBACK_RETRY_SECONDS": retry_seconds,
        }
    }


@pytest.fixture
def unreachable_redis_cache(settings):
    """The cache pointed at a port where no Redis listens."""
    settings.CACHES = fallback_caches(f"redis://127.0.0.1:{free_port()}/0")
    yield
    cache.clear()


def test_pages_answer_while_the_redis_cache_is_unreachable(
    client, member, unreachable_redis_cache
):
    """Home, the spaces menu and sign-in read the cache; none of them fails."""
    for path in ("/", "/spaces/", "/accounts/sign-in/"):
        assert client.get(path).status_code == 200, path
    client.force_login(member)
    assert client.get("/").status_code == 200


def test_sign_in_keeps_its_throttle_while_redis_is_unreachable(
    client, member, unreachable_redis_cache
):
    """Failing safe: five wrong passwords still pause the account, right password
    included, counted in this process's memory."""
    for _ in range(5):
        response = client.post(
            "/accounts/sign-in/",
            {"pseudonym": "Quiet Heron", "password": "not the password"},
        )
        assert response.status_code == 200
    response = client.post(
        "/accounts/sign-in/", {"pseudonym": "Quiet Heron", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "paused sign-in" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_rate_limits_count_in_memory_while_redis_is_unreachable(
    unreachable_redis_cache,
):
    over = [ratelimit.hit("test", "someone", limit=3, period=60) for _ in range(5)]
    assert over == [False, False, False, True, True]
    assert ratelimit.is_limited("test", "someone", limit=3, period=60)


def test_an_outage_is_logged_once_and_redis_is_left_alone_meanwhile(
    unreachable_redis_cache, caplog, monkeypatch
):
    """The first failure opens the breaker; later calls go straight to memory
    without waiting on Redis, and say nothing more in the log."""
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        cache.set("first", 1)
        assert cache.using_fallback

        def must_not_be_called(*args, **kwargs):
            raise AssertionError("Redis was asked while the breaker was open")

        monkeypatch.setattr(cache.redis, "get", must_not_be_called)
        monkeypatch.setattr(cache.redis, "set", must_not_be_called)
        for number in range(50):
            cache.set(f"key-{number}", number)
            assert cache.get(f"key-{number}") == number
    warnings = [r for r in caplog.records if r.name == "core.cache"]
    assert len(warnings) == 1
    assert "unreachable" in warnings[0].getMessage()


def test_the_logged_address_hides_a_password(settings, caplog):
    location = f"redis://:sekrit@127.0.0.1:{free_port()}/0"
    backend = FallbackRedisCache(location, fallback_caches(location)["default"])
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        backend.get("anything")
    assert "sekrit" not in caplog.text
    assert "unreachable" in caplog.text


@pytest.mark.redis
def test_the_cache_goes_back_to_redis_once_it_answers(settings, caplog):
    """Down at first, then started: after the retry period values land in Redis."""
    import time

    import redis

    server = RedisServer()
    settings.CACHES = fallback_caches(server.url, retry_seconds=0.2)
    with caplog.at_level(logging.INFO, logger="core.cache"):
        cache.set("while-down", "memory")
        assert cache.using_fallback
        server.start()
        try:
            time.sleep(0.3)
            cache.set("once-back", "redis")
            assert not cache.using_fallback
            direct = redis.Redis.from_url(server.url)
            assert any(b"once-back" in key for key in direct.keys("*"))
            assert cache.get("once-back") == "redis"
        finally:
            server.stop()
    assert "answers again" in caplog.text
