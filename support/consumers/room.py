"""/ws/support/rooms/<id>/: a private chat or a group room.

The protocol is in the README ("WebSocket protocol"). The socket checks who is
connecting, hands each message to its ChatSession (support.services.chat) in one
call on a database thread, acknowledges it to the writer, then sends what the call
announced; group events are relayed to the browser without touching the database.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import threading
import time
import weakref
from urllib.parse import parse_qs

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from core.broadcast import collect, in_database_announcing
from core.database_threads import in_database
from core.sockets import (
    CLOSE_FORBIDDEN,
    JsonSocket,
    SlidingWindow,
    encode_frame,
)
from support import events, selectors, services
from support.consumers.room_events import RoomEventsMixin
from support.models import Room, RoomMembership
from support.signposting.countries import chooser_for_scope, country_for_scope

logger = logging.getLogger(__name__)

# One lock per room with sockets in this process (and event loop): a room's
# messages are stored and announced one at a time, so they go out in id order.
# Gone with the room's sockets.
_room_write_locks: weakref.WeakValueDictionary[
    tuple[asyncio.AbstractEventLoop, int], asyncio.Lock
] = weakref.WeakValueDictionary()


# Django keeps its cache connections per context, and a database call hands what it
# set in its context back to the socket that made it: resolving the writer's country
# (which reads the directory's countries through the cache) in a socket's own call
# would leave every socket holding a cache client of its own, about 9 KB each. Each
# database thread resolves countries in one context of its own instead.
_thread_context = threading.local()


def _in_thread_context(call, *args):
    context = getattr(_thread_context, "context", None)
    if context is None:
        context = _thread_context.context = contextvars.Context()
    return context.run(call, *args)


def room_write_lock(room_id: int) -> asyncio.Lock:
    key = (asyncio.get_running_loop(), room_id)
    lock = _room_write_locks.get(key)
    if lock is None:
        lock = _room_write_locks[key] = asyncio.Lock()
    return lock


class RoomConsumer(RoomEventsMixin, JsonSocket):
    """/ws/support/rooms/<id>/: a private chat or a group room."""

    message_limit = (10, 10.0)
    typing_limit = (1, 2.0)
    # How often a socket checks that the channel layer lost none of the room's
    # newest messages (Redis pub/sub keeps nothing through a reconnect), and how
    # many of the newest it looks at.
    catch_up_seconds = 60.0
    catch_up_window = 50
    handlers = {
        **JsonSocket.handlers,
        "message": "on_message",
        "typing": "on_typing",
        "resource_card": "on_resource_card",
        "history": "on_history",
        "slow_mode": "on_slow_mode",
        "mute": "on_mute",
        "more_help": "on_more_help",
    }
    more_help_limit = (3, 60.0)
    catching_up: asyncio.Task | None = None

    # --- Opening and closing -----------------------------------------------------

    async def admit(self) -> int | None:
        self.room_id = int(self.scope["url_route"]["kwargs"]["room_id"])
        self.after = _after_param(self.scope)
        self.is_group_room = False
        self.hosting = False
        self.host_present = True
        role = await in_database_announcing(self._load)
        if role is None:
            return CLOSE_FORBIDDEN
        self.role = role
        self.write_lock = room_write_lock(self.room_id)
        self.messages = SlidingWindow(*self.message_limit)
        self.typing = SlidingWindow(*self.typing_limit)
        self.more_help = SlidingWindow(*self.more_help_limit)
        self.delivered: dict[int, None] = {}
        self.present: dict[str, dict] = {}
        self.identity = {"id": self.user.pk, "name": self.user.pseudonym, "role": role}
        return None

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
        country = _in_thread_context(country_for_scope, self.scope, self.user)
        self.session = services.ChatSession(
            room_id=room.pk,
            author=self.user,
            country=country,
            # Her panel's country control comes back to this room, panel open.
            chooser=chooser_for_scope(
                self.scope, country, next_url=f"{room.get_absolute_url()}?help=1"
            ),
        )
        if not room.has_ended and not self.is_group_room:
            # Read now, so that the first message does not wait for it. A group
            # room's is read once this socket's arrival is counted (_arrive).
            self.session.open()
        return role

    def socket_groups(self) -> list[str]:
        groups = [
            events.room_group(self.room_id),
            events.room_member_group(self.room_id, self.user.pk),
        ]
        if self.role in selectors.HOST_ROLES:
            groups.append(events.room_hosts_group(self.room_id))
        return groups

    async def on_open(self) -> None:
        await self._arrive()
        await self._replay(self.after)
        self.catch_up_from = self._last_id(self.after)
        self.catching_up = asyncio.create_task(self._catch_up_now_and_then())
        if not await self.group_send(
            events.room_group(self.room_id),
            events.presence_event("join", self.channel_name, self.identity),
        ):
            await self.try_again_later()

    async def _arrive(self) -> None:
        """In a group room: count this socket as a host if it is one, and read
        whether a host is here. Runs once the socket has joined the room's group,
        so no host arriving or leaving falls in between."""
        if not self.is_group_room:
            return
        self.hosting = self.role in selectors.HOST_ROLES

        def run() -> bool:
            if self.hosting:
                services.room_host_arrive(
                    room_id=self.room_id,
                    host=self.user,
                    channel_name=self.channel_name,
                )
            self.session.open()
            return self.hosting or selectors.room_has_host(self.room_id)

        self.host_present = await in_database_announcing(run)
        self.host_touched_at = time.monotonic()

    async def on_close(self) -> None:
        if self.catching_up is not None:
            self.catching_up.cancel()
        if self.hosting:
            await in_database_announcing(
                functools.partial(
                    services.room_host_leave,
                    room_id=self.room_id,
                    channel_name=self.channel_name,
                )
            )
        await self.group_send(
            events.room_group(self.room_id),
            events.presence_event("leave", self.channel_name),
        )

    # --- Stored messages: replay, catching up, delivering once -------------------

    async def _replay(self, after: int) -> None:
        """Send the stored messages after id `after`, then "ready"."""

        def read() -> tuple[list[dict], bool]:
            room = Room.objects.get(pk=self.room_id)
            rows = selectors.messages_after(
                room, self.user, after, limit=selectors.REPLAY_LIMIT + 1
            )
            more = len(rows) > selectors.REPLAY_LIMIT
            return [
                events.message_payload(m) for m in rows[: selectors.REPLAY_LIMIT]
            ], more

        replay, more = await in_database(read)
        for payload in replay:
            await self._deliver(payload)
        ready = {
            "type": "ready",
            "role": self.role,
            "last_id": self._last_id(after),
            "more": more,
        }
        if self.is_group_room:
            ready["host_present"] = self.host_present
        await self.send_frame(ready)

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
                events.message_payload(message)
                for message in selectors.messages_by_id(self.room_id, self.user, missed)
            ]

        for payload in await in_database(read):
            await self._deliver(payload)

    def _last_id(self, after: int) -> int:
        return max(self.delivered, default=after)

    async def _deliver(self, payload: dict) -> None:
        await self._deliver_frame(payload["id"], encode_frame(payload))

    async def _deliver_frame(self, message_id: int, frame: str) -> None:
        """Send a stored message once per socket, whichever path brings it first."""
        if message_id in self.delivered:
            return
        self.delivered[message_id] = None
        if len(self.delivered) > 2000:
            for old in list(self.delivered)[:1000]:
                del self.delivered[old]
        await self.send(text_data=frame)

    # --- Frames from the client --------------------------------------------------

    async def on_message(self, frame: dict) -> None:
        body = frame.get("body")
        client_id = frame.get("client_id", "")
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
        await self._write(
            functools.partial(
                self.session.send_message, body=body, client_id=client_id
            ),
            client_id,
        )

    async def on_resource_card(self, frame: dict) -> None:
        resource_id = frame.get("resource_id")
        client_id = frame.get("client_id", "")
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
            functools.partial(
                self.session.send_card, resource_id=resource_id, client_id=client_id
            ),
            client_id,
        )

    async def _write(self, send, client_id: str) -> None:
        """Store a message with send() (one call on a database thread), acknowledge
        it to the writer, then send what it announced to the room."""
        async with self.write_lock:
            try:
                sent, announced = await in_database(functools.partial(collect, send))
            except services.SupportError as error:
                await self.send_error(error.code, error.message, client_id)
                return
            except PermissionDenied:
                await self.send_error(
                    "forbidden", _("You can't write in this room."), client_id
                )
                return
            # The writer's acknowledgement does not depend on the channel layer.
            await self._deliver_frame(sent.event["id"], sent.event["frame"])
            if not await announced.send():
                # Stored and acknowledged, but the room didn't hear of it live:
                # everyone's next resume or catch-up brings it from the database.
                await self.try_again_later()

    async def on_typing(self, frame: dict) -> None:
        if self.typing.allow():
            await self.group_send(
                events.room_group(self.room_id),
                events.typing_event(self.channel_name, self.identity),
            )

    async def on_history(self, frame: dict) -> None:
        after = frame.get("after")
        if not isinstance(after, int) or isinstance(after, bool) or after < 0:
            await self.send_error("bad_message", _("history needs an after number."))
            return
        await self._replay(after)

    async def on_ping(self, frame: dict) -> None:
        await super().on_ping(frame)
        if (
            self.hosting
            and time.monotonic() - self.host_touched_at >= selectors.HOST_TOUCH_SECONDS
        ):
            self.host_touched_at = time.monotonic()
            await in_database_announcing(
                functools.partial(
                    services.room_host_touch,
                    room_id=self.room_id,
                    host=self.user,
                    channel_name=self.channel_name,
                )
            )

    async def on_slow_mode(self, frame: dict) -> None:
        seconds = frame.get("seconds")
        if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds < 0:
            await self.send_error(
                "bad_message", _("slow_mode needs seconds (0 or more).")
            )
            return

        def run() -> None:
            room = Room.objects.get(pk=self.room_id)
            services.room_set_slow_mode(room=room, by=self.user, seconds=seconds)

        await self._moderate(run)

    async def on_mute(self, frame: dict) -> None:
        member_id = frame.get("member_id")
        minutes = frame.get("minutes", 30)
        if (
            not isinstance(member_id, int)
            or not isinstance(minutes, int)
            or isinstance(minutes, bool)
            or minutes < 0
        ):
            await self.send_error("bad_message", _("mute needs member_id and minutes."))
            return

        def run() -> None:
            from accounts.models import Member

            room = Room.objects.get(pk=self.room_id)
            target = Member.objects.filter(pk=member_id).first()
            if target is None or selectors.room_role(target, room) is None:
                raise services.SupportError("bad_member", _("That person isn't here."))
            services.room_mute(room=room, by=self.user, member=target, minutes=minutes)

        await self._moderate(run)

    async def on_more_help(self, frame: dict) -> None:
        """The member's "Tell my listener I need more help" (services.
        room_ask_for_help): her listener hears of it, moderators are alerted."""
        if self.role != RoomMembership.Role.MEMBER:
            await self.send_error(
                "forbidden", _("Only the member being supported can ask this.")
            )
            return
        if set(frame) != {"type"}:
            await self.send_error("bad_message", _("more_help takes no fields."))
            return
        if not self.more_help.allow():
            await self.send_error(
                "rate_limited", _("We've passed it on. Someone is on their way.")
            )
            return
        try:
            await in_database_announcing(
                functools.partial(
                    services.room_ask_for_help, room_id=self.room_id, member=self.user
                )
            )
        except services.SupportError as error:
            await self.send_error(error.code, error.message)
            return
        except PermissionDenied:
            await self.send_error(
                "forbidden", _("Only the member being supported can ask this.")
            )
            return
        await self.send_frame(events.help_asked_frame())

    async def _moderate(self, run) -> None:
        if self.role != RoomMembership.Role.MODERATOR:
            await self.send_error("forbidden", _("Only moderators can do that."))
            return
        try:
            await in_database_announcing(run)
        except services.SupportError as error:
            await self.send_error(error.code, error.message)
        except PermissionDenied:
            await self.send_error("forbidden", _("Only moderators can do that."))


def _after_param(scope: dict) -> int:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    raw = (query.get("after") or ["0"])[0]
    try:
        value = int(raw)
    except ValueError:
        return 0
    return max(value, 0)
