"""Fixed-window counters in the cache, shared across processes when Redis is set."""

import hashlib
import time

from django.core.cache import cache


def _window_key(scope: str, key: str, period: int) -> str:
    window = int(time.time()) // period
    digest = hashlib.sha256(str(key).encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}:{period}:{window}"


def hit(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Count one attempt; return True when this attempt is over the limit."""
    cache_key = _window_key(scope, key, period)
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=period + 1)
        count = 1
    return count > limit


def count(scope: str, key: str, *, period: int) -> int:
    """Return how many attempts were counted in the current window."""
    return int(cache.get(_window_key(scope, key, period), 0))


def is_limited(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Return True when the limit is already reached, without counting an attempt."""
    return count(scope, key, period=period) >= limit


def reset(scope: str, key: str, *, period: int) -> None:
    cache.delete(_window_key(scope, key, period))
