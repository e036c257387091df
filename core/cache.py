"""The cache: Redis while it answers, this process's own memory while it doesn't.

Every page reads the cache (the spaces menu, sign-in throttles), so a Redis that
stops answering must not take the site with it. FallbackRedisCache hands each call to
Django's RedisCache; when Redis can't be reached it serves the call from a
local-memory cache instead and stops asking Redis for a few seconds (a circuit
breaker), so that requests don't each wait for a timeout. Rate limits keep counting
in memory meanwhile: per process rather than shared, but never "allow everything".

The outage is logged once when it starts and once when Redis answers again.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# What "Redis is unreachable" looks like from redis-py.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# Short, so that a Redis that is away costs a page at most this once per breaker
# period; generous enough for a Redis on another machine of the same network.
DEFAULT_CONNECTION_OPTIONS = {
    "socket_connect_timeout": 0.5,
    "socket_timeout": 1.0,
    "retry": Retry(NoBackoff(), 0),
}
DEFAULT_RETRY_SECONDS = 5.0


class Breaker:
    """Whether Redis is believed away, shared by every cache object of a process
    (Django makes one per thread and per task)."""

    def __init__(self, location: str, retry_seconds: float):
        self.location = location
        self.retry_seconds = retry_seconds
        self.open_until = 0.0
        self.down = False
        self.lock = threading.Lock()

    def allows_redis(self) -> bool:
        return time.monotonic() >= self.open_until

    def failed(self, error: BaseException) -> None:
        with self.lock:
            self.open_until = time.monotonic() + self.retry_seconds
            if self.down:
                return
            self.down = True
        logger.warning(
            "Redis cache at %s is unreachable (%s); serving the cache from this "
            "process's memory, trying Redis again every %g s",
            _safe_location(self.location),
            error.__class__.__name__,
            self.retry_seconds,
        )

    def succeeded(self) -> None:
        if not self.down:
            return
        with self.lock:
            if not self.down:
                return
            self.down = False
        logger.info("Redis cache at %s answers again", _safe_location(self.location))


_breakers: dict[str, Breaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str, retry_seconds: float) -> Breaker:
    with _breakers_lock:
        breaker = _breakers.get(location)
        if breaker is None:
            breaker = _breakers[location] = Breaker(location, retry_seconds)
        return breaker


def _safe_location(location: str) -> str:
    """The Redis address without a password."""
    if "@" in location:
        scheme, _, rest = location.partition("://")
        return f"{scheme}://…@{rest.rpartition('@')[2]}"
    return location


class FallbackRedisCache(BaseCache):
    """Django's RedisCache, falling back to a per-process LocMemCache while Redis
    is unreachable. Settings: LOCATION, KEY_PREFIX, TIMEOUT and OPTIONS as for
    RedisCache (short connection timeouts are the default here), and
    FALLBACK_RETRY_SECONDS, how long to leave Redis alone after a failure."""

    def __init__(self, server: str, params: dict[str, Any]):
        super().__init__(params)
        options = {**DEFAULT_CONNECTION_OPTIONS, **params.get("OPTIONS", {})}
        self.redis = RedisCache(server, {**params, "OPTIONS": options})
        local_params = {k: v for k, v in params.items() if k != "OPTIONS"}
        self.local = LocMemCache(f"fallback:{server}", local_params)
        retry_seconds = float(
            params.get("FALLBACK_RETRY_SECONDS", DEFAULT_RETRY_SECONDS)
        )
        self.breaker = breaker_for(str(server), retry_seconds)

    def _call(self, name: str, *args, **kwargs) -> Any:
        if self.breaker.allows_redis():
            try:
                result = getattr(self.redis, name)(*args, **kwargs)
            except UNREACHABLE as error:
                self.breaker.failed(error)
            else:
                self.breaker.succeeded()
                return result
        return getattr(self.local, name)(*args, **kwargs)

    @property
    def using_fallback(self) -> bool:
        """True while calls go to this process's memory."""
        return not self.breaker.allows_redis()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version)

    def clear(self):
        # The memory kept during an outage goes too: it would otherwise come back
        # stale at the next one.
        self.local.clear()
        return self._call("clear")

    def close(self, **kwargs):
        self.redis.close(**kwargs)
