"""Real-time events, sent only once the surrounding transaction has committed.

Services call announce(group, event) for everything they tell sockets, and nothing
else. Where the event goes from there depends on who called the service:

- a view, a command, a test: the event is sent from the thread that committed, as
  soon as it has (broadcast_now);
- a socket, through collect() on a database thread: the events are kept, in the
  order they were announced, and the socket sends them itself on its event loop
  (Announced.send) once the call has returned. The database thread never waits on
  the channel layer, and the socket decides what goes out first (the writer's
  acknowledgement, say, before the room hears of it).

Whatever is announced was stored first, so an event the channel layer loses is
recovered by the client's resync, never by failing what caused it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any, TypeVar

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from redis.exceptions import RedisError

from core.database_threads import in_database

logger = logging.getLogger(__name__)

Result = TypeVar("Result")
Event = dict[str, Any]


class Announced(list[tuple[str, Event]]):
    """(group, event) pairs a call announced, in order, to be sent from the loop."""

    async def send(self) -> bool:
        """Send every event; False when any was lost (each failure is logged)."""
        layer = get_channel_layer()
        if layer is None:
            return True
        delivered = True
        for group, event in self:
            try:
                await layer.group_send(group, event)
            except (RedisError, OSError) as error:
                logger.warning("Broadcast to %s failed: %r", group, error)
                delivered = False
            except Exception:
                logger.exception("Broadcast to %s failed", group)
                delivered = False
        return delivered


# Set while collect() runs a call: what it announces goes here instead of out.
_collecting: ContextVar[Announced | None] = ContextVar("collecting", default=None)


def broadcast_now(group: str, payload: Event) -> None:
    """Send payload to a channel-layer group now (inside collect(): hand it to the
    collector). A layer failure is logged, not raised."""
    collected = _collecting.get()
    if collected is not None:
        collected.append((group, payload))
        return
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, payload)
    except (RedisError, OSError) as error:
        logger.warning("Broadcast to %s failed: %r", group, error)
    except Exception:
        logger.exception("Broadcast to %s failed", group)


def announce(group: str, event: Event) -> None:
    """Send event to group once the current transaction commits (at once outside
    one). The one way services tell sockets anything."""
    transaction.on_commit(lambda: broadcast_now(group, event))


def announce_built(build: Callable[[], Iterable[tuple[str, Event]]]) -> None:
    """announce() for events read once the transaction has committed (a snapshot
    of the queue, say): build() runs then, and returns (group, event) pairs."""

    def send() -> None:
        for group, event in build():
            broadcast_now(group, event)

    transaction.on_commit(send)


# The name other apps' services know it by.
broadcast_on_commit = announce


def collect(call: Callable[[], Result]) -> tuple[Result, Announced]:
    """Run call() (on a database thread) keeping what it announces; return its
    result and those events, for the caller to send from its event loop.

    When call() raises, whatever it had already committed and announced is sent
    from here before the error goes on: nothing committed goes untold."""
    collected = Announced()
    token = _collecting.set(collected)
    try:
        result = call()
    except BaseException:
        _collecting.reset(token)
        for group, event in collected:
            broadcast_now(group, event)
        raise
    _collecting.reset(token)
    return result, collected


async def in_database_announcing(call: Callable[[], Result]) -> Result:
    """Run call() on a database thread, then send what it announced, in order,
    from this event loop."""
    result, announced = await in_database(lambda: collect(call))
    await announced.send()
    return result
