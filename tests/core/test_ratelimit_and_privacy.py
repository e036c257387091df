"""Rate limits in the cache and IP hashing that never keeps the address."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import RequestFactory

from core import ratelimit
from core.privacy import client_ip, hash_ip, hashed_client_ip


def test_hit_counts_up_to_the_limit_then_reports_over():
    """The attempt past the limit is the first one reported as over."""
    results = [ratelimit.hit("test", "k", limit=3, period=60) for _ in range(4)]
    assert results == [False, False, False, True]
    assert ratelimit.count("test", "k", period=60) == 4


def test_is_limited_does_not_count():
    """Checking is free; only hits count."""
    for _ in range(2):
        ratelimit.hit("test", "k", limit=2, period=60)
    assert ratelimit.is_limited("test", "k", limit=2, period=60)
    assert ratelimit.is_limited("test", "k", limit=2, period=60)
    assert ratelimit.count("test", "k", period=60) == 2
    assert not ratelimit.is_limited("test", "k", limit=3, period=60)


def test_scopes_and_keys_are_independent():
    ratelimit.hit("a", "k", limit=1, period=60)
    ratelimit.hit("a", "k", limit=1, period=60)
    assert ratelimit.is_limited("a", "k", limit=1, period=60)
    assert not ratelimit.is_limited("b", "k", limit=1, period=60)
    assert not ratelimit.is_limited("a", "other", limit=1, period=60)


def test_reset_clears_the_window():
    ratelimit.hit("test", "k", limit=1, period=60)
    ratelimit.reset("test", "k", period=60)
    assert ratelimit.count("test", "k", period=60) == 0


def test_a_new_window_starts_fresh():
    """Limits are per fixed window of the period."""
    with time_machine.travel(datetime(2026, 1, 1, 10, 0, 0, tzinfo=UTC), tick=False):
        for _ in range(3):
            ratelimit.hit("test", "k", limit=2, period=60)
        assert ratelimit.is_limited("test", "k", limit=2, period=60)
    with time_machine.travel(datetime(2026, 1, 1, 10, 1, 1, tzinfo=UTC), tick=False):
        assert not ratelimit.is_limited("test", "k", limit=2, period=60)


def test_cache_keys_do_not_contain_the_key_in_clear():
    """Keys are digested, so an address or pseudonym never sits in the cache name."""
    from django.core.cache import cache

    ratelimit.hit("test", "203.0.113.5", limit=1, period=60)
    key = ratelimit._window_key("test", "203.0.113.5", 60)
    assert "203.0.113.5" not in key
    assert cache.get(key) == 1


@pytest.mark.redis
def test_limits_are_shared_through_redis(settings, redis_url):
    """With Redis as the cache, every process counts into the same window."""
    import redis
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "kindred-test-rl",
        }
    }
    assert type(caches["default"]).__name__ == "RedisCache"
    ratelimit.reset("shared", "k", period=60)
    assert ratelimit.hit("shared", "k", limit=1, period=60) is False
    # Another process would see the same key: look in Redis directly.
    raw = redis.Redis.from_url(redis_url)
    assert any(b"rl:shared:" in key for key in raw.keys("kindred-test-rl*"))
    assert ratelimit.hit("shared", "k", limit=1, period=60) is True
    ratelimit.reset("shared", "k", period=60)


# --- IP hashing -------------------------------------------------------------------


def test_ip_hash_is_a_keyed_hex_digest_not_the_address():
    digest = hash_ip("198.51.100.7")
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert "198.51.100.7" not in digest


def test_ip_hash_is_stable_within_a_month_and_rotates_across_months():
    """Same month, same hash (so limits work); next month a different one."""
    early = datetime(2026, 4, 2, tzinfo=UTC)
    late = datetime(2026, 4, 29, tzinfo=UTC)
    next_month = datetime(2026, 5, 1, tzinfo=UTC)
    assert hash_ip("198.51.100.7", when=early) == hash_ip("198.51.100.7", when=late)
    assert hash_ip("198.51.100.7", when=early) != hash_ip(
        "198.51.100.7", when=next_month
    )
    assert hash_ip("198.51.100.7", when=early) != hash_ip("198.51.100.8", when=early)


def test_ip_hash_depends_on_the_secret(settings):
    """Without the secret the hash can't be recomputed by trying every address."""
    settings.IP_HASH_SECRET = "one secret"
    first = hash_ip("198.51.100.7")
    settings.IP_HASH_SECRET = "another secret"
    assert hash_ip("198.51.100.7") != first


def test_forwarded_for_is_trusted_only_behind_a_proxy(settings):
    """X-Forwarded-For is ignored unless KINDRED_BEHIND_PROXY is on."""
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1"
    )
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "10.0.0.1"
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "203.0.113.9"
    assert hashed_client_ip(request) == hash_ip("203.0.113.9")
