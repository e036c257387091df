"""The health check a proxy asks every process: can it serve?

It answers 200 when the database answers, and 503 when it doesn't; Redis is only
reported, because a process without Redis still stores every message (clients catch
up by id later) and every process shares the same Redis, so taking one out of the
proxy's list would not help. Nothing about hosts, versions or errors is given away.
"""

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

REDIS_PING_TIMEOUT_SECONDS = 0.5


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.warning("Health check: the database did not answer", exc_info=True)
        return False


def redis_state() -> str:
    """ "off" without REDIS_URL, else "ok" or "down"."""
    if not settings.REDIS_URL:
        return "off"
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL,
        socket_timeout=REDIS_PING_TIMEOUT_SECONDS,
        socket_connect_timeout=REDIS_PING_TIMEOUT_SECONDS,
    )
    try:
        return "ok" if client.ping() else "down"
    except Exception:
        logger.warning("Health check: Redis did not answer", exc_info=True)
        return "down"
    finally:
        client.close()


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    database_ok = database_answers()
    report = {
        "status": "ok" if database_ok else "down",
        "database": "ok" if database_ok else "down",
        "redis": redis_state(),
    }
    return JsonResponse(report, status=200 if database_ok else 503)
