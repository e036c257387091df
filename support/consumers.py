"""WebSocket consumers for live support: a room, the listener queue, a waiting member.

The protocol is documented in the README ("Live support"). The consumers stay thin:
they check who is connecting, hand writes to support.services on a database thread,
and relay group events to the socket without touching the database.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import time
import weakref
from collections import deque
from typing import Any
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.exceptions import ChannelFull
from channels.generic.websocket import AsyncWebsocketConsumer
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from core.database_threads import in_database
from support import selectors, services
from support.models import Room, RoomMembership

# Close codes (documented in the README). A refused socket is accepted and closed at
# once with one of these, and is told nothing else.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403  # not yours, or no such room/request: the same answer
CLOSE_REMOVED = 4410  # you handed the chat over, or were removed from it

MAX_FRAME_CHARS = 8000

logger = logging.getLogger(__name__)

# One lock per room with sockets in this process (and event loop): a room's
# messages are stored and announced one at a time, so they go out in id order.
# Gone with the room's sockets.
_room_write_locks: weakref.WeakValueDictionary[
    tuple[asyncio.AbstractEventLoop, int], asyncio.Lock
] = weakref.WeakValueDictionary()


def room_write_lock(room_id: int) -> asyncio.Lock:
    key = (asyncio.get_running_loop(), room_id)
    lock = _room_write_locks.get(key)
    if lock is None:
        lock = _room_write_locks[key] = asyncio.Lock()
    return lock


class SlidingWindow:
    """At most `limit` events per `period` seconds, for one socket."""

    def __init__(self, limit: int, period: float):
        self.limit = limit
        self.period = period
        self.events: deque[float] = deque()

    def allow(self) -> bool:
        now = time.monotonic()
        while self.events and now - self.events[0] >= self.period:
            self.events.popleft()
        if len(self.events) >= self.limit:
            return False
        self.events.append(now)
        return True


class ProtocolConsumer(AsyncWebsocketConsumer):
    """JSON frames with a "type"; malformed frames get an error, never a close."""

    frame_limit = (60, 10.0)  # any frames, per socket
    handlers: dict[str, str] = {}

    async def refuse(self, code: int) -> None:
        await self.accept()
        await self.close(code=code)

    async def dispatch(self, message: dict) -> None:
        # Channels would first close stale database connections on its one sync
        # thread, so every frame and every relayed event would queue behind other
        # sockets' database writes. Every database call here goes through
        # in_database or database_sync_to_async, which look after their own.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def send_json(self, payload: dict[str, Any]) -> None:
        await self.send(text_data=selectors.frame_text(payload))

    async def send_error(self, code: str, message: str, client_id: str = "") -> None:
        payload = {"type": "error", "code": code, "message": message}
        if client_id:
            # Lets the client mark which of its pending messages was refused.
            payload["client_id"] = client_id
        await self.send_json(payload)

    async def receive(self, text_data=None, bytes_data=None):
        if not getattr(self, "ready", False):
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
            data = json.loads(text_data)
        except ValueError:
            await self.send_error("bad_json", _("That couldn't be read as JSON."))
            return
        if not isinstance(data, dict) or not isinstance(data.get("type"), str):
            await self.send_error(
                "bad_json", _("Each frame must be an object with a type.")
            )
            return
        handler = self.handlers.get(data["type"])
        if handler is None:
            await self.send_error(
                "unknown_type", _("That kind of message isn't known.")
            )
            return
        await getattr(self, handler)(data)

    async def on_ping(self, data: dict) -> None:
        await self.send_json({"type": "pong"})


class RoomConsumer(ProtocolConsumer):
    """/ws/support/rooms/<id>/: a private chat or a group room."""

    message_limit = (10, 10.0)
    typing_limit = (1, 2.0)
    # How often a socket checks that the channel layer lost none of the room's
    # newest messages (Redis pub/sub keeps nothing through a reconnect), and how
    # many of the newest it looks at.
    catch_up_seconds = 60.0
    catch_up_window = 50
    handlers = {
        "message": "on_message",
        "typing": "on_typing",
        "resource_card": "on_resource_card",
        "history": "on_history",
        "slow_mode": "on_slow_mode",
        "mute": "on_mute",
        "ping": "on_ping",
    }

    async def connect(self):
        self.ready = False
        self.groups_joined: list[str] = []
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        self.user = user
        self.room_id = int(self.scope["url_route"]["kwargs"]["room_id"])
        after = _after_param(self.scope)
        self.sending: services.SendingContext | None = None
        self.is_group_room = False
        self.hosting = False
        role = await in_database(self._load)
        if role is None:
            await self.refuse(CLOSE_FORBIDDEN)
            return
        self.role = role
        self.write_lock = room_write_lock(self.room_id)
        self.frames = SlidingWindow(*self.frame_limit)
        self.messages = SlidingWindow(*self.message_limit)
        self.typing = SlidingWindow(*self.typing_limit)
        self.delivered: dict[int, None] = {}
        self.present: dict[str, dict] = {}
        self.identity = {
            "id": self.user.pk,
            "name": self.user.pseudonym,
            "role": self.role,
        }
        # Join the groups before reading the backlog, so nothing falls between them.
        for group in (
            selectors.room_group(self.room_id),
            selectors.room_member_group(self.room_id, self.user.pk),
        ):
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.append(group)
        await self._arrive()
        await self.accept()
        self.ready = True
        replay, more = await self._backlog(after)
        for payload in replay:
            await self._deliver(payload)
        await self.send_json(
            {
                "type": "ready",
                "role": self.role,
                "last_id": self._last_id(after),
                "more": more,
                **self._host_state(),
            }
        )
        self.catch_up_from = self._last_id(after)
        self.catching_up = asyncio.create_task(self._catch_up_now_and_then())
        await self.channel_layer.group_send(
            selectors.room_group(self.room_id),
            {
                "type": "chat.presence_join",
                "channel": self.channel_name,
                **self.identity,
            },
        )

    def _load(self) -> str | None:
        room_and_role = selectors.room_for(self.user, self.room_id)
        if room_and_role is None:
            return None
        room, role = room_and_role
        self.is_group_room = room.kind == Room.Kind.GROUP and not room.has_ended
        if (
            role == RoomMembership.Role.MODERATOR
            and room.kind == Room.Kind.PRIVATE
            and not room.has_ended
        ):
            services.room_join_as_moderator(room=room, moderator=self.user)
        if not room.has_ended:
            # Read now, so that the first message does not wait for it.
            try:
                self.sending = services.sending_context(room=room, author=self.user)
            except services.SupportError:
                pass
        return role

    async def _arrive(self) -> None:
        """In a group room: count this socket as a host if it is one, and read
        whether a host is here. Runs once the socket has joined the room's group,
        so no host arriving or leaving falls in between."""
        if not self.is_group_room:
            return
        self.hosting = self.role in selectors.HOST_ROLES

        def run() -> bool:
            if not self.hosting:
                return selectors.room_has_host(self.room_id)
            services.room_host_arrive(
                room_id=self.room_id, host=self.user, channel_name=self.channel_name
            )
            return True

        self.host_present = await in_database(run)
        self.host_touched_at = time.monotonic()
        if self.sending is not None and self.sending.host_present != self.host_present:
            self.sending = None

    def _host_state(self) -> dict[str, bool]:
        return {"host_present": self.host_present} if self.is_group_room else {}

    async def _backlog(self, after: int) -> tuple[list[dict], bool]:
        def read():
            room = Room.objects.get(pk=self.room_id)
            rows = selectors.messages_after(
                room, self.user, after, limit=selectors.REPLAY_LIMIT + 1
            )
            more = len(rows) > selectors.REPLAY_LIMIT
            return [
                selectors.message_payload(m) for m in rows[: selectors.REPLAY_LIMIT]
            ], more

        return await in_database(read)

    async def _catch_up_now_and_then(self) -> None:
        while True:
            await asyncio.sleep(self.catch_up_seconds)
            try:
                await self.catch_up()
            except Exception:
                # The database may be away for a moment; the next round retries.
                logger.warning("Room socket catch-up failed", exc_info=True)

    async def catch_up(self) -> None:
        """Deliver any of the room's newest stored messages this socket has not
        had: the channel layer may lose events, the database does not."""

        def read() -> list[dict]:
            newest = selectors.newest_message_ids_after(
                self.room_id, self.user, self.catch_up_from, self.catch_up_window
            )
            missed = [pk for pk in newest if pk not in self.delivered]
            if not missed:
                return []
            return [
                selectors.message_payload(message)
                for message in selectors.messages_by_id(self.room_id, self.user, missed)
            ]

        for payload in await in_database(read):
            await self._deliver(payload)

    def _last_id(self, after: int) -> int:
        return max(self.delivered, default=after)

    async def disconnect(self, code):
        if not getattr(self, "ready", False):
            return
        self.ready = False
        self.catching_up.cancel()
        if self.hosting:
            await in_database(
                functools.partial(
                    services.room_host_leave,
                    room_id=self.room_id,
                    channel_name=self.channel_name,
                )
            )
        await self.channel_layer.group_send(
            selectors.room_group(self.room_id),
            {"type": "chat.presence_leave", "channel": self.channel_name},
        )
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def _deliver(self, payload: dict) -> None:
        await self._deliver_frame(payload["id"], selectors.frame_text(payload))

    async def _deliver_frame(self, message_id: int, frame: str) -> None:
        """Send a stored message once per socket, whichever path brings it first."""
        if message_id in self.delivered:
            return
        self.delivered[message_id] = None
        if len(self.delivered) > 2000:
            for old in list(self.delivered)[:1000]:
                del self.delivered[old]
        await self.send(text_data=frame)

    # --- Frames from the client ------------------------------------------------

    async def on_message(self, data: dict) -> None:
        body = data.get("body")
        client_id = data.get("client_id", "")
        if not isinstance(body, str) or not isinstance(client_id, str):
            await self.send_error(
                "bad_message", _("A message needs a text body and a text client_id.")
            )
            return
        if len(client_id) > services.MAX_CLIENT_ID_CHARS:
            await self.send_error("bad_message", _("That client_id is too long."))
            return
        if not self.messages.allow():
            await self.send_error(
                "rate_limited",
                _("You're sending quickly. Take a breath; your words will keep."),
                client_id,
            )
            return
        await self._write(services.message_store, body=body, client_id=client_id)

    async def on_resource_card(self, data: dict) -> None:
        resource_id = data.get("resource_id")
        client_id = data.get("client_id", "")
        if (
            not isinstance(resource_id, int)
            or isinstance(resource_id, bool)
            or not isinstance(client_id, str)
        ):
            await self.send_error(
                "bad_message", _("A resource card needs a resource_id number.")
            )
            return
        if not self.messages.allow():
            await self.send_error(
                "rate_limited", _("Please slow down a little."), client_id
            )
            return
        await self._write(
            services.resource_card_store, resource_id=resource_id, client_id=client_id
        )

    def _read_sending_context(self) -> services.SendingContext:
        room = Room.objects.get(pk=self.room_id)
        return services.sending_context(room=room, author=self.user)

    async def _write(self, store, **kwargs) -> None:
        """Store a message with store(context=..., **kwargs), acknowledge it, then
        announce it to the room."""

        def run():
            context = self.sending
            if context is None:
                context = self._read_sending_context()
            elif context.is_stale():
                context = services.sending_context_refresh(context)
            stored = store(context=context, **kwargs)
            return context, stored

        client_id = kwargs.get("client_id", "")
        async with self.write_lock:
            try:
                context, stored = await in_database(run)
            except services.SupportError as error:
                await self.send_error(error.code, error.message, client_id)
                return
            except PermissionDenied:
                await self.send_error(
                    "forbidden", _("You can't write in this room."), client_id
                )
                return
            self.sending = context
            # The sender's acknowledgement does not depend on the channel layer.
            await self._deliver_frame(stored.event["id"], stored.event["frame"])
            for group, announcement in stored.announcements:
                await self.channel_layer.group_send(group, announcement)
        if context.is_due():
            # Read it again now that this message is out, so that the next one
            # does not wait for it.
            try:
                self.sending = await in_database(
                    functools.partial(services.sending_context_refresh, context)
                )
            except services.SupportError:
                self.sending = None

    async def on_typing(self, data: dict) -> None:
        if self.typing.allow():
            await self.channel_layer.group_send(
                selectors.room_group(self.room_id),
                {"type": "chat.typing", "channel": self.channel_name, **self.identity},
            )

    async def on_history(self, data: dict) -> None:
        after = data.get("after")
        if not isinstance(after, int) or isinstance(after, bool) or after < 0:
            await self.send_error("bad_message", _("history needs an after number."))
            return
        replay, more = await self._backlog(after)
        for payload in replay:
            await self._deliver(payload)
        await self.send_json(
            {
                "type": "ready",
                "role": self.role,
                "last_id": self._last_id(after),
                "more": more,
                **self._host_state(),
            }
        )

    async def on_ping(self, data: dict) -> None:
        await super().on_ping(data)
        if (
            self.hosting
            and time.monotonic() - self.host_touched_at >= selectors.HOST_TOUCH_SECONDS
        ):
            self.host_touched_at = time.monotonic()
            await in_database(
                functools.partial(
                    services.room_host_touch,
                    room_id=self.room_id,
                    host=self.user,
                    channel_name=self.channel_name,
                )
            )

    async def on_slow_mode(self, data: dict) -> None:
        seconds = data.get("seconds")
        if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds < 0:
            await self.send_error(
                "bad_message", _("slow_mode needs seconds (0 or more).")
            )
            return
        await self._moderate(services.room_set_slow_mode, seconds=seconds)

    async def on_mute(self, data: dict) -> None:
        member_id = data.get("member_id")
        minutes = data.get("minutes", 30)
        if (
            not isinstance(member_id, int)
            or not isinstance(minutes, int)
            or isinstance(minutes, bool)
            or minutes < 0
        ):
            await self.send_error("bad_message", _("mute needs member_id and minutes."))
            return

        def run():
            from accounts.models import Member

            room = Room.objects.get(pk=self.room_id)
            target = Member.objects.filter(pk=member_id).first()
            if target is None or selectors.room_role(target, room) is None:
                raise services.SupportError("bad_member", _("That person isn't here."))
            services.room_mute(room=room, by=self.user, member=target, minutes=minutes)

        await self._run_moderation(run)

    async def _moderate(self, service, **kwargs) -> None:
        def run():
            room = Room.objects.get(pk=self.room_id)
            service(room=room, by=self.user, **kwargs)

        await self._run_moderation(run)

    async def _run_moderation(self, run) -> None:
        if self.role != RoomMembership.Role.MODERATOR:
            await self.send_error("forbidden", _("Only moderators can do that."))
            return
        try:
            await in_database(run)
        except services.SupportError as error:
            await self.send_error(error.code, error.message)
        except PermissionDenied:
            await self.send_error("forbidden", _("Only moderators can do that."))

    # --- Group events (relayed without database work) ----------------------------

    async def chat_message(self, event: dict) -> None:
        await self._deliver_frame(event["id"], event["frame"])

    async def chat_typing(self, event: dict) -> None:
        if event["channel"] != self.channel_name and event["id"] != self.user.pk:
            await self.send_json(
                {"type": "typing", "author": event["name"], "author_id": event["id"]}
            )

    async def chat_presence_join(self, event: dict) -> None:
        self.present[event["channel"]] = _who(event)
        if event["channel"] != self.channel_name:
            try:
                await self.channel_layer.send(
                    event["channel"],
                    {
                        "type": "chat.presence_here",
                        "channel": self.channel_name,
                        **self.identity,
                    },
                )
            except ChannelFull:
                # A busy process's inbox is full: presence is a courtesy, and
                # the layer drops group events over capacity the same way.
                pass
        await self._send_presence()

    async def chat_presence_here(self, event: dict) -> None:
        self.present[event["channel"]] = _who(event)
        await self._send_presence()

    async def chat_presence_leave(self, event: dict) -> None:
        if self.present.pop(event["channel"], None) is not None:
            await self._send_presence()

    async def _send_presence(self) -> None:
        here: dict[int, dict] = {}
        for person in self.present.values():
            here.setdefault(person["id"], person)
        await self.send_json({"type": "presence", "here": list(here.values())})

    async def chat_moderated(self, event: dict) -> None:
        await self.send_json(
            {
                "type": "moderated",
                "id": event["id"],
                "status": event["status"],
                "body_html": event["body_html"],
            }
        )

    async def chat_ended(self, event: dict) -> None:
        self.sending = None
        await self.send_json({"type": "ended", "by": event["by"]})

    async def chat_room(self, event: dict) -> None:
        self.sending = None
        changed = {
            key: event[key]
            for key in ("slow_mode_seconds", "host_present")
            if key in event
        }
        if "host_present" in changed:
            self.host_present = changed["host_present"]
        await self.send_json({"type": "room", **changed})

    async def chat_muted(self, event: dict) -> None:
        self.sending = None
        await self.send_json({"type": "muted", "until": event["until"]})

    async def chat_crisis(self, event: dict) -> None:
        await self.send_json({"type": "crisis", "html": event["html"]})

    async def chat_revoked(self, event: dict) -> None:
        await self.send_json(
            {
                "type": "revoked",
                "message": _("You've handed this chat over. Thank you."),
            }
        )
        await self.close(code=CLOSE_REMOVED)


def _who(event: dict) -> dict:
    return {"id": event["id"], "name": event["name"], "role": event["role"]}


def _after_param(scope: dict) -> int:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    raw = (query.get("after") or ["0"])[0]
    try:
        value = int(raw)
    except ValueError:
        return 0
    return max(value, 0)


class QueueConsumer(ProtocolConsumer):
    """/ws/support/queue/: listeners (and moderators) watch the queue live."""

    handlers = {"ping": "on_ping"}

    async def connect(self):
        self.ready = False
        self.groups_joined = []
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        allowed, is_moderator, snapshot = await database_sync_to_async(self._load)(user)
        if not allowed:
            await self.refuse(CLOSE_FORBIDDEN)
            return
        self.user = user
        self.frames = SlidingWindow(*self.frame_limit)
        groups = [selectors.QUEUE_GROUP, selectors.listener_group(user.pk)]
        if is_moderator:
            groups.append(selectors.MODERATORS_GROUP)
        for group in groups:
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.append(group)
        await self.accept()
        self.ready = True
        await self.queue_snapshot({"snapshot": snapshot})

    @staticmethod
    def _load(user):
        can_listen = user.can("listen")
        is_moderator = user.can("moderate")
        if not (can_listen or is_moderator):
            return False, False, None
        return True, is_moderator, selectors.queue_snapshot()

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def queue_snapshot(self, event: dict) -> None:
        snapshot = event["snapshot"]
        await self.send_json(
            {
                "type": "queue",
                "requests": selectors.queue_for_listener(snapshot, self.user.pk),
                "on_duty": snapshot["on_duty"],
            }
        )

    async def queue_assigned(self, event: dict) -> None:
        await self.send_json(
            {
                "type": "assigned",
                "room_url": event["room_url"],
                "message": event["message"],
            }
        )

    async def support_alert(self, event: dict) -> None:
        await self.send_json(
            {
                "type": "alert",
                "alert": event["alert"],
                "message": event["message"],
                "url": event.get("url", ""),
            }
        )


class WaitingConsumer(ProtocolConsumer):
    """/ws/support/requests/<id>/: the member waiting for a listener."""

    handlers = {"ping": "on_ping"}

    async def connect(self):
        self.ready = False
        self.groups_joined = []
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        self.request_id = int(self.scope["url_route"]["kwargs"]["request_id"])
        status = await database_sync_to_async(self._load)(user)
        if status is None:
            await self.refuse(CLOSE_FORBIDDEN)
            return
        self.frames = SlidingWindow(*self.frame_limit)
        for group in (
            selectors.WAITING_GROUP,
            selectors.request_group(self.request_id),
        ):
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.append(group)
        await self.accept()
        self.ready = True
        await self.send_json(status)

    def _load(self, user):
        request = selectors.request_for_member(user, self.request_id)
        if request is None:
            return None
        return selectors.waiting_status(request)

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def queue_snapshot(self, event: dict) -> None:
        status = selectors.waiting_status_from_snapshot(
            event["snapshot"], self.request_id
        )
        if status is not None:
            await self.send_json(status)

    async def request_event(self, event: dict) -> None:
        payload = dict(event["event"])
        await self.send_json(payload)
