"""/ws/support/rooms/<id>/: a private chat or a group room.

The protocol is in docs/live-protocol.md. The socket checks who is
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
from urllib.parse import parse_qs

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from core.broadcast import collect, in_database_announcing
from core.database_threads import in_database
from core.sockets import (
    CLOSE_FORBIDDEN,
    ClientClock,
    JsonSocket,
    SlidingWindow,
    encode_frame,
)
from support import events, selectors, services
from support.consumers.language import InTheirLanguage
from support.consumers.room_events import RoomEventsMixin
from support.models import Room, RoomMembership
from support.signposting.countries import chooser_for_scope, country_for_scope

logger = logging.getLogger(__name__)

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


class RoomConsumer(InTheirLanguage, RoomEventsMixin, JsonSocket):
    """/ws/support/rooms/<id>/: a private chat or a group room."""

    # Counted by when the writer sent each message (ClientClock), not when it is
    # processed: messages held up by a slow database (up to send_time_trust
    # seconds) don't use up what follows.
    message_limit = (10, 10.0)
    send_time_trust = 30.0
    typing_limit = (1, 2.0)
    # How often a socket reads every message stored since it last did, in case the
    # channel layer lost one (Redis pub/sub keeps nothing through a reconnect).
    catch_up_seconds = 60.0
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
        self.since, self.after_id = _resume_params(self.scope)
        self.is_group_room = False
        self.hosting = False
        self.host_present = True
        role = await in_database_announcing(self._load)
        if role is None:
            return CLOSE_FORBIDDEN
        self.role = role
        self.messages = SlidingWindow(
            *self.message_limit, lookback=self.send_time_trust
        )
        self.send_clock = ClientClock(trust_seconds=self.send_time_trust)
        self.typing = SlidingWindow(*self.typing_limit)
        self.more_help = SlidingWindow(*self.more_help_limit)
        # The socket has sent every message up to seq synced_through that its
        # person may see, and those in delivered (seqs) above it.
        self.synced_through = self.since
        self.synced_told = self.since  # the last seq the client was told of
        self.delivered: set[int] = set()
        self.newest_id = self.after_id or 0
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
        await self._replay(self.since, after_id=self.after_id)
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

    async def _replay(
        self, since: int, *, after_id: int | None = None, again: bool = False
    ) -> None:
        """Send every stored message after seq `since` (or after message id
        `after_id`, the older form) this socket's person may see, then "ready"
        with the seq they now hold everything up to. `again`: also those this
        socket sent before (the client asked for them)."""

        def read() -> tuple[list[dict], selectors.MessagesSince]:
            start = since
            if after_id is not None:
                start = selectors.seq_of_message(self.room_id, after_id)
            found = selectors.messages_since(self.room_id, self.user, start)
            return [events.message_payload(m) for m in found.messages], found

        replay, found = await in_database(read)
        for payload in replay:
            if again:
                await self._acknowledge(_event_of(payload))
            else:
                await self._deliver(payload)
        self._synced(found.through)
        self.synced_told = self.synced_through
        ready = {
            "type": "ready",
            "role": self.role,
            "last_id": self.newest_id,
            "last_seq": found.through,
            "more": found.more,
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
        """Deliver every stored message since the last catch-up (or the replay)
        that this socket has not sent: the channel layer may lose events, the
        database does not. Then tell the client the seq it holds everything up
        to ("synced", when it moved), past messages it may not see."""
        more = True
        while more:
            since = self.synced_through

            def read(since: int = since) -> tuple[list[dict], selectors.MessagesSince]:
                found = selectors.messages_since(self.room_id, self.user, since)
                return [events.message_payload(m) for m in found.messages], found

            payloads, found = await in_database(read)
            for payload in payloads:
                await self._deliver(payload)
            self._synced(found.through)
            more = found.more
        if self.synced_through > self.synced_told:
            self.synced_told = self.synced_through
            await self.send_frame({"type": "synced", "seq": self.synced_through})

    def _synced(self, through: int) -> None:
        if through <= self.synced_through:
            return
        self.synced_through = through
        self.delivered = {seq for seq in self.delivered if seq > through}

    async def _deliver(self, payload: dict) -> None:
        await self._deliver_frame(payload["seq"], payload["id"], encode_frame(payload))

    async def _deliver_frame(self, seq: int, message_id: int, frame: str) -> None:
        """Send a stored message once per socket, whichever path brings it first."""
        if seq <= self.synced_through or seq in self.delivered:
            return
        self.delivered.add(seq)
        self.newest_id = max(self.newest_id, message_id)
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
        if not self.messages.allow(self.send_clock.at(frame.get("sent_at"))):
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
        if not self.messages.allow(self.send_clock.at(frame.get("sent_at"))):
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
        it to the writer, then send what it announced to the room. The room's
        order is the database's (seq), whichever process stores a message."""
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
        await self._acknowledge(sent.event)
        if not await announced.send():
            # Stored and acknowledged, but the room didn't hear of it live:
            # everyone's next resume or catch-up brings it from the database.
            await self.try_again_later()

    async def _acknowledge(self, event: dict) -> None:
        """Send a stored message even if this socket sent it before: the writer's
        copy of what they sent (the client waits for its client_id, a resend
        included), or history the client asked for."""
        if event["seq"] > self.synced_through:
            self.delivered.add(event["seq"])
        self.newest_id = max(self.newest_id, event["id"])
        await self.send(text_data=event["frame"])

    async def on_typing(self, frame: dict) -> None:
        if self.typing.allow():
            await self.group_send(
                events.room_group(self.room_id),
                events.typing_event(self.channel_name, self.identity),
            )

    async def on_history(self, frame: dict) -> None:
        """{"type": "history", "since": seq}: what followed seq (the older form
        {"after": id} names a message id)."""
        since, after_id = frame.get("since"), frame.get("after")
        if since is None and _is_count(after_id):
            await self._replay(0, after_id=after_id, again=True)
        elif _is_count(since) and after_id is None:
            await self._replay(since, again=True)
        else:
            await self.send_error(
                "bad_message", _("history needs a since number (a seq).")
            )

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


def _event_of(payload: dict) -> dict:
    return {"id": payload["id"], "seq": payload["seq"], "frame": encode_frame(payload)}


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _resume_params(scope: dict) -> tuple[int, int | None]:
    """(since, after_id) from ?since=<seq> or the older ?after=<message id>; a
    value that is not a whole number counts as 0 (everything)."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))

    def number(name: str) -> int | None:
        raw = (query.get(name) or [None])[0]
        if raw is None:
            return None
        try:
            return max(int(raw), 0)
        except ValueError:
            return 0

    since, after_id = number("since"), number("after")
    if since is not None:
        return since, None
    return 0, after_id
