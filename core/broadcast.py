"""Real-time events, sent only once the surrounding transaction has committed."""

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def broadcast_now(group: str, payload: dict[str, Any]) -> None:
    """Send payload to a channel-layer group; a layer failure is logged, not raised.

    Whatever is broadcast was stored first, so a lost event is recovered by the
    client's resync rather than by failing the request that caused it.
    """
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, payload)
    except Exception:
        logger.exception("Broadcast to %s failed", group)


def broadcast_on_commit(group: str, payload: dict[str, Any]) -> None:
    """Send payload to group after the current transaction commits (now if none)."""
    transaction.on_commit(lambda: broadcast_now(group, payload))
