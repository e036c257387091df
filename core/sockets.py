"""The one WebSocket base every socket of the site is built on.

Frames are JSON objects with a string "type". A frame that is not one (binary, not
JSON, not an object, no type, too large, a type this socket doesn't know, too many
at once) is answered {"type": "error", "code": ..., "message": ...} and the socket
stays open: a bad frame alone never closes it. "ping" is answered "pong" everywhere.

A subclass says who may connect (admit), which groups it listens to
(socket_groups), what it sends first (on_open) and what it does on closing
(on_close), and names a method per frame type in `handlers`. Group events arrive at
methods named for their type, as in Channels ("chat.message" -> chat_message).
"""

from __future__ import annotations

import bisect
import json
import logging
import math
import time
from typing import Any

from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncWebsocketConsumer
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from core.channel_layers import release_channel

logger = logging.getLogger(__name__)

# Close codes. A socket that refuses someone sends nothing before the close.
CLOSE_UNAUTHENTICATED = 4401  # not signed in
CLOSE_FORBIDDEN = 4403  # not yours, or no such thing: the same answer
CLOSE_NOT_FOUND = 4404  # a socket that, like its pages, does not exist for you
CLOSE_REMOVED = 4410  # you were removed from it (a chat you handed over)
# Redis or the database can't be reached: nothing is wrong with the socket, the
# client reconnects with backoff and resumes where it was. (WebSocket's own 1013,
# "try again later", is one Daphne refuses to send.)
CLOSE_TRY_AGAIN = 4503

# What an unreachable channel layer raises.
LAYER_UNREACHABLE = (RedisError, OSError)
# What a socket can't do its work without for a moment: the layer or the database.
SERVICES_AWAY = (*LAYER_UNREACHABLE, OperationalError, InterfaceError)

MAX_FRAME_CHARS = 8000


def encode_frame(payload: dict[str, Any]) -> str:
    """A frame as sent on the socket."""
    return json.dumps(payload, separators=(",", ":"))


class SlidingWindow:
    """At most `limit` events per `period` seconds, for one socket.

    allow(at) counts an event at time `at` on the time.monotonic() clock (now by
    default): a message sent earlier but processed late counts when it was sent
    (ClientClock). An event is refused while `limit` counted ones are later than
    `at - period`."""

    def __init__(self, limit: int, period: float, lookback: float = 0.0):
        self.limit = limit
        self.period = period
        # How far in the past a time given to allow() may be.
        self.lookback = lookback
        self.events: list[float] = []

    def allow(self, at: float | None = None) -> bool:
        now = time.monotonic()
        at = now if at is None else min(max(at, now - self.lookback), now)
        # No time given is earlier than the lookback, so an event older than that
        # and a period can refuse nothing any more.
        stale = bisect.bisect_right(self.events, now - self.lookback - self.period)
        del self.events[:stale]
        later = len(self.events) - bisect.bisect_right(self.events, at - self.period)
        if later >= self.limit:
            return False
        bisect.insort(self.events, at)
        return True


class ClientClock:
    """When a client sent its frames, on this process's time.monotonic() clock.

    The client stamps each frame with its own clock ("sent_at", milliseconds since
    the epoch), which may be off by any amount. The gap between that clock and
    ours is learnt from the least delayed frame seen; a frame processed late (the
    database paused, frames queued behind it) then counts when it was sent. A
    stamp never puts a frame later than now, nor more than `trust_seconds` ago,
    so a client lying about it gains at most a one-off burst of what that many
    seconds would allow."""

    def __init__(self, trust_seconds: float):
        self.trust_seconds = trust_seconds
        self.offset: float | None = None

    def at(self, sent_at: Any) -> float:
        now = time.monotonic()
        if (
            not isinstance(sent_at, int | float)
            or isinstance(sent_at, bool)
            or not math.isfinite(sent_at)
        ):
            return now
        sent = sent_at / 1000
        if self.offset is None or now - sent < self.offset:
            self.offset = now - sent
        return max(sent + self.offset, now - self.trust_seconds)


class JsonSocket(AsyncWebsocketConsumer):
    """JSON frames with a "type"; malformed frames get an error, never a close."""

    # Any frames, per socket: (how many, per how many seconds).
    frame_limit = (60, 10.0)
    # Frame type -> name of the method that handles it (with the decoded frame).
    handlers: dict[str, str] = {"ping": "on_ping"}
    # Who is not signed in is refused with this code.
    unauthenticated_code = CLOSE_UNAUTHENTICATED

    user: Any
    ready: bool = False

    # --- Opening and closing -----------------------------------------------------

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            # Only now has every read of the socket's channel ended. A socket
            # turned away while the layer was unreachable never had a channel.
            channel_name = getattr(self, "channel_name", None)
            if getattr(self, "channel_layer", None) is not None and channel_name:
                await release_channel(self.channel_layer, channel_name)

    async def connect(self) -> None:
        self.ready = False
        self.joined_groups: list[str] = []
        self.frames = SlidingWindow(*self.frame_limit)
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(self.unauthenticated_code)
            return
        self.user = user
        refusal = await self.admit()
        if refusal is not None:
            await self.refuse(refusal)
            return
        # Groups first, so that nothing announced while opening falls in between.
        # (Redis or the database away until here: TryAgainWhenAway answers.)
        for group in self.socket_groups():
            await self.channel_layer.group_add(group, self.channel_name)
            self.joined_groups.append(group)
        await self.accept()
        self.ready = True
        try:
            await self.on_open()
        except SERVICES_AWAY as error:
            await self.try_again_later(error)

    async def admit(self) -> int | None:
        """Read what the socket needs (self.user is signed in); return a close code
        to refuse it, or None to let it in."""
        return None

    def socket_groups(self) -> list[str]:
        """The channel-layer groups this socket listens to, once admitted."""
        return []

    async def on_open(self) -> None:
        """Send what an admitted socket gets first."""

    async def on_close(self) -> None:
        """Tidy up after an admitted socket (its groups are left afterwards)."""

    async def refuse(self, code: int) -> None:
        # Accepted first: a close before the handshake is answered 403 by Daphne,
        # and the browser would see a failed socket without the code.
        await self.accept()
        await self.close(code=code)

    async def disconnect(self, code: int) -> None:
        if self.ready:
            self.ready = False
            try:
                await self.on_close()
            except SERVICES_AWAY as error:
                logger.warning("Socket closed without tidying up: %r", error)
        for group in getattr(self, "joined_groups", []):
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except LAYER_UNREACHABLE:
                # The layer forgot its subscriptions when it went away anyway.
                pass

    async def group_send(self, group: str, event: dict[str, Any]) -> bool:
        """Send event to a group; False (logged) when the layer can't be reached."""
        try:
            await self.channel_layer.group_send(group, event)
        except LAYER_UNREACHABLE:
            logger.warning("Channel layer unreachable; %s not sent", event["type"])
            return False
        return True

    async def try_again_later(
        self, reason: object = "the channel layer is unreachable"
    ) -> None:
        """Redis or the database is away: say so, and close with a code the
        client reconnects after (it resumes by id and resends what was not
        acknowledged, so nothing is lost)."""
        logger.warning("Socket asked to try again: %r", reason)
        await self.send_error(
            "unavailable",
            _(
                "The connection dropped for a moment. Anything already sent is "
                "saved; reconnecting…"
            ),
        )
        await self.close(code=CLOSE_TRY_AGAIN)

    async def dispatch(self, message: dict) -> None:
        # Channels would first close stale database connections on its one sync
        # thread, so every frame and every relayed event would queue behind other
        # sockets' database writes. Sockets built on this base make every database
        # call through core.database_threads.in_database or database_sync_to_async,
        # which look after their own connections.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    # --- Frames ------------------------------------------------------------------

    async def send_frame(self, payload: dict[str, Any]) -> None:
        await self.send(text_data=encode_frame(payload))

    async def send_error(self, code: str, message: str, client_id: str = "") -> None:
        payload = {"type": "error", "code": code, "message": message}
        if client_id:
            # Lets the client mark which of its pending messages was refused.
            payload["client_id"] = client_id
        await self.send_frame(payload)

    async def receive(self, text_data=None, bytes_data=None) -> None:
        if not self.ready:
            return
        if not self.frames.allow():
            await self.send_error(
                "rate_limited", _("That's a lot at once. Please slow down a little.")
            )
            return
        if text_data is None:
            await self.send_error("bad_json", _("Frames must be JSON text."))
            return
        if len(text_data) > MAX_FRAME_CHARS:
            await self.send_error("too_large", _("That message is too long to send."))
            return
        try:
            frame = json.loads(text_data)
        except ValueError:
            await self.send_error("bad_json", _("That couldn't be read as JSON."))
            return
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            await self.send_error(
                "bad_json", _("Each frame must be an object with a type.")
            )
            return
        handler = self.handlers.get(frame["type"])
        if handler is None:
            await self.send_error(
                "unknown_type", _("That kind of message isn't known.")
            )
            return
        try:
            await getattr(self, handler)(frame)
        except SERVICES_AWAY as error:
            await self.try_again_later(error)

    async def on_ping(self, frame: dict) -> None:
        await self.send_frame({"type": "pong"})


class TryAgainWhenAway:
    """ASGI middleware for sockets: when Redis or the database is away before the
    handshake is answered (the session, the channel layer, a socket's admit), the
    socket is accepted and closed at once with CLOSE_TRY_AGAIN instead of failing
    the handshake with a 500."""

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "websocket":
            return await self.inner(scope, receive, send)
        seen = {"connect": False, "answered": False}

        async def watched_receive():
            message = await receive()
            if message["type"] == "websocket.connect":
                seen["connect"] = True
            return message

        async def watched_send(message):
            if message["type"] in ("websocket.accept", "websocket.close"):
                seen["answered"] = True
            await send(message)

        try:
            await self.inner(scope, watched_receive, watched_send)
        except SERVICES_AWAY as error:
            if seen["answered"]:
                raise
            logger.warning("Socket asked to try again before opening: %r", error)
            if not seen["connect"]:
                message = await receive()
                if message["type"] != "websocket.connect":
                    return
            await send({"type": "websocket.accept"})
            await send({"type": "websocket.close", "code": CLOSE_TRY_AGAIN})
