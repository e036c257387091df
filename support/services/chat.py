"""The chat write path: a message or a resource card is checked, screened, stored,
then announced to the room.

A room socket keeps one ChatSession and makes one call per frame (send_message or
send_card, on a database thread). The session keeps what it checks messages against
(room, role, membership, standing) and reads it again when it gets old or the socket
says the room changed (forget()). Pages and scripts use message_create() and
resource_card_send(), which do the same with a fresh read.

Every message is stored before it is announced (core.broadcast.announce, after
commit): the channel layer may drop events, clients resume by the room's message
number (seq), which the database hands out in the transaction that stores it
(next_message_seq), so no process's lock decides a room's order.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.broadcast import announce
from core.counters import count_event
from core.text import normalise_text, render_user_text
from moderation.levels import is_serious
from moderation.services import (
    AuthorState,
    active_sanction_message,
    author_state,
    record_screening,
    screen_submission,
)
from support import events, presentation, selectors
from support.models import ChatMessage, Room, RoomMembership
from support.services.common import SupportError
from support.services.numbering import next_message_seq
from support.signposting.countries import resolve_country

if TYPE_CHECKING:
    from accounts.models import Member
    from support.signposting.countries import CountryChooser

MAX_MESSAGE_CHARS = 2000
MAX_CLIENT_ID_CHARS = 64

# How long a session trusts what it read about the writer and the room. The room's
# own events (ended, slow mode, muted, hosts) drop it at once; sanctions, which come
# from anywhere, are read again more often, with one query.
CONTEXT_SECONDS = 30.0
SANCTIONS_SECONDS = 5.0

_CONTACT_PATTERNS = [
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),  # email
    re.compile(r"(?:\+|\b)\d(?:[\s().-]*\d){7,}"),  # phone-like digit runs
    re.compile(
        r"\b(?:add|find|follow|message|dm|text|call|ring|msg)\s+me\s+(?:on|at|via)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:whats\s?app|telegram|signal|snap(?:chat)?|insta(?:gram)?|facebook|"
        r"tiktok|discord|kik|wechat)\b.{0,30}(?:@|\bis\b|:|\bme\b)",
        re.I,
    ),
    re.compile(r"(?:^|\s)@[A-Za-z0-9_.]{3,}"),  # a social handle
    re.compile(r"\bmy\s+(?:number|phone|email|insta|snap|handle)\b", re.I),
]


def looks_like_contact_swap(text: str) -> bool:
    """Whether text tries to move the conversation off Kindred (numbers, emails,
    handles, "add me on ..."). There are no member-to-member private channels here."""
    return any(pattern.search(text) for pattern in _CONTACT_PATTERNS)


@dataclass
class SendingContext:
    """Who is writing where: the room, the writer's role and membership in it, and
    the writer's standing, as read at read_at and their sanctions as read at
    sanctions_read_at (time.monotonic())."""

    room: Room
    author: Member
    role: str
    membership: RoomMembership | None
    author_state: AuthorState
    read_at: float
    sanctions_read_at: float
    # False only for a member in a group room with no listener or moderator there.
    host_present: bool = True
    # The member's own chat with a listener: only a sanction that includes live
    # support stops her writing here.
    own_live_support: bool = False


@dataclass(frozen=True)
class Sent:
    """A stored message and its "chat.message" event (the frame encoded once), the
    one its writer is acknowledged with and the room was announced."""

    message: ChatMessage
    event: dict[str, Any]

    @classmethod
    def of(cls, message: ChatMessage) -> Sent:
        return cls(message, events.message_event(message))


class ChatSession:
    """One writer in one room, as one socket (or one call) sends there.

    Call its methods from one thread at a time (a socket awaits each call)."""

    def __init__(
        self,
        *,
        room_id: int,
        author: Member,
        country: str | None = None,
        chooser: CountryChooser | None = None,
    ):
        self.room_id = room_id
        self.author = author
        # Whose crisis lines the writer is shown: the socket resolves it from the
        # writer's setting, cookie and browser (country_for_scope) when it opens,
        # and how her panel changes it in place (chooser_for_scope).
        self.country = country
        self.chooser = chooser
        self._context: SendingContext | None = None

    def open(self) -> None:
        """Read what messages are checked against now, so that the first message
        does not wait for it. A writer who may not write is told when they try."""
        try:
            self._context = _read_context(self.room_id, self.author)
        except SupportError:
            self._context = None

    def forget(self) -> None:
        """The room changed (ended, slow mode, muted, hosts): read it all again
        before the next message."""
        self._context = None

    def send_message(self, *, body: Any, client_id: Any) -> Sent:
        """Store a chat message and announce it.

        Runs the same rules as forum posts. A message trying to swap contact
        details is stored as held: only its writer sees it, with a gentle
        explanation. A high-risk message shows its writer (only) the crisis panel,
        and moderators are alerted. Sending a client_id again returns the stored
        message and announces nothing (a resend after a dropped connection).
        """
        body, client_id = _clean_message(body, client_id)
        context = self._context_now()
        try:
            _check_can_send(context)
        except SupportError as refused:
            # A resend of what was stored before the room ended or the writer was
            # muted is still acknowledged, not refused.
            return _resent(context, client_id, refused)
        author = context.author
        screening = screen_submission(
            author=author, text=body, context="chat", state=context.author_state
        )
        if screening.blocked:
            raise SupportError("blocked", screening.blocked)
        if looks_like_contact_swap(body) and not screening.hold:
            # Held and queued for review like any identifying detail.
            screening = dataclasses.replace(
                screening, hold=True, hold_reason="identifying_details"
            )
        held = screening.hold
        message = ChatMessage(
            room=context.room,
            author=author,
            author_role=context.role,
            body=body,
            body_html=render_user_text(body),
            status=ChatMessage.Status.HELD if held else ChatMessage.Status.VISIBLE,
            hold_reason=screening.hold_reason if held else "",
            client_id=client_id,
        )

        def record() -> None:
            record_screening(target=message, author=author, screening=screening)
            if held:
                count_event("chat_message_held")

        earlier = _insert_unless_resent(context, message, record)
        if earlier is not None:
            return Sent.of(earlier)
        sent = Sent.of(message)
        writer = events.room_member_group(context.room.pk, author.pk)
        announce(writer if held else events.room_group(context.room.pk), sent.event)
        if screening.signpost or is_serious(screening.level):
            self._show_crisis_panel(context, message)
        return sent

    def _show_crisis_panel(self, context: SendingContext, message: ChatMessage) -> None:
        """The writer (only) gets the crisis panel; when she is the member being
        supported, her listener and any moderator here get a quiet note that it
        came up, and her panel offers to tell them she needs more help."""
        author = context.author
        is_member = context.role == RoomMembership.Role.MEMBER
        country = self.country or resolve_country(member=author)
        html = presentation.crisis_panel_html(
            country, chooser=self.chooser, more_help=is_member
        )
        announce(
            events.room_member_group(context.room.pk, author.pk),
            events.crisis_event(html),
        )
        if is_member:
            announce(
                events.room_hosts_group(context.room.pk),
                events.listener_note_event(
                    kind=events.LISTENER_NOTE_CRISIS_SHOWN,
                    member=author,
                    message_id=message.pk,
                ),
            )

    def send_card(self, *, resource_id: int, client_id: str) -> Sent:
        """A listener or moderator sends a directory entry as a card, announced
        like a message."""
        context = self._context_now()
        if context.role == RoomMembership.Role.MEMBER:
            raise SupportError(
                "forbidden", _("Only listeners can send resource cards.")
            )
        client_id = (client_id or "").strip()[:MAX_CLIENT_ID_CHARS]
        try:
            _check_can_send(context)
        except SupportError as refused:
            return _resent(context, client_id, refused)
        resource = selectors.directory_entry(resource_id)
        if resource is None:
            raise SupportError(
                "unknown_resource", _("That resource isn't in the directory.")
            )
        card = presentation.card_from_resource(resource)
        with in_chat_language(context.room):
            body_html = presentation.resource_card_html(card)
        message = ChatMessage(
            room=context.room,
            author=context.author,
            author_role=context.role,
            kind=ChatMessage.Kind.RESOURCE_CARD,
            body=card["name"],
            body_html=body_html,
            card=card,
            client_id=client_id,
        )
        earlier = _insert_unless_resent(context, message)
        if earlier is not None:
            return Sent.of(earlier)
        sent = Sent.of(message)
        announce(events.room_group(context.room.pk), sent.event)
        return sent

    def _context_now(self) -> SendingContext:
        """The context to check a message against: kept while young, its sanctions
        read again once SANCTIONS_SECONDS old, all of it once CONTEXT_SECONDS old
        or forgotten."""
        context = self._context
        self._context = None
        if context is None:
            context = _read_context(self.room_id, self.author)
        else:
            context = _refreshed(context)
        self._context = context
        return context


def message_create(
    *, room: Room, author: Member, body: str, client_id: str
) -> ChatMessage:
    """Store a member's chat message and announce it (ChatSession.send_message),
    reading the room and the writer afresh."""
    session = ChatSession(room_id=room.pk, author=author)
    return session.send_message(body=body, client_id=client_id).message


def resource_card_send(
    *, room: Room, author: Member, resource_id: int, client_id: str
) -> ChatMessage:
    """A listener or moderator sends a directory entry as a card (see
    ChatSession.send_card), reading the room and the writer afresh."""
    session = ChatSession(room_id=room.pk, author=author)
    return session.send_card(resource_id=resource_id, client_id=client_id).message


def in_chat_language(room: Room) -> translation.override:
    """Word what is stored in a private chat (notes, resource cards) in the
    language its member asked to talk in, whoever's action wrote it: both sides
    read the same words."""
    language = room.request.language if room.request_id else translation.get_language()
    return translation.override(language)


def system_message(room: Room, text: str) -> ChatMessage:
    """A note from Kindred in the room (someone joined, the chat ended, ...)."""
    message = ChatMessage(
        room=room,
        kind=ChatMessage.Kind.SYSTEM,
        body=text,
        body_html=render_user_text(text),
    )
    with transaction.atomic():
        message.seq = next_message_seq(room.pk)
        message.save(force_insert=True)
    announce(events.room_group(room.pk), events.message_event(message))
    return message


# --- Reading what a message is checked against ------------------------------------


def _read_context(room_id: int, author: Member) -> SendingContext:
    """Raises SupportError("forbidden") when author may not write in the room."""
    room = Room.objects.filter(pk=room_id).first()
    if room is None:
        raise SupportError("forbidden", _("You can't write in this room."))
    membership = RoomMembership.objects.filter(room=room, member=author).first()
    role = selectors.room_role_given(author, room, membership)
    if role is None:
        raise SupportError("forbidden", _("You can't write in this room."))
    host_present = (
        room.kind != Room.Kind.GROUP
        or role in selectors.HOST_ROLES
        or selectors.room_has_host(room.pk)
    )
    own_live_support = (
        room.kind == Room.Kind.PRIVATE and role == RoomMembership.Role.MEMBER
    )
    now = time.monotonic()
    return SendingContext(
        room=room,
        author=author,
        role=role,
        membership=membership,
        author_state=author_state(author=author, live_support=own_live_support),
        read_at=now,
        sanctions_read_at=now,
        host_present=host_present,
        own_live_support=own_live_support,
    )


def _refreshed(context: SendingContext) -> SendingContext:
    now = time.monotonic()
    if now - context.read_at >= CONTEXT_SECONDS:
        return _read_context(context.room.pk, context.author)
    if now - context.sanctions_read_at < SANCTIONS_SECONDS:
        return context
    blocked = active_sanction_message(
        author=context.author, live_support=context.own_live_support
    )
    if blocked != context.author_state.blocked:
        return _read_context(context.room.pk, context.author)
    context.sanctions_read_at = now
    return context


# --- Checking and storing ----------------------------------------------------------


def _clean_message(body: Any, client_id: Any) -> tuple[str, str]:
    if not isinstance(body, str) or not isinstance(client_id, str):
        raise SupportError("bad_message", _("That message couldn't be read."))
    body = normalise_text(body).strip()
    if not body:
        raise SupportError("empty", _("Write something first."))
    if len(body) > MAX_MESSAGE_CHARS:
        raise SupportError(
            "too_long",
            _("Please keep each message under %(count)d characters.")
            % {"count": MAX_MESSAGE_CHARS},
        )
    return body, client_id.strip()[:MAX_CLIENT_ID_CHARS]


def _check_can_send(context: SendingContext) -> None:
    room, role, membership = context.room, context.role, context.membership
    now = timezone.now()
    if room.has_ended:
        raise SupportError("room_ended", _("This chat has ended."))
    if room.kind == Room.Kind.GROUP and not room.is_open_at(now):
        raise SupportError("room_closed", _("This room is closed right now."))
    if not context.host_present:
        raise SupportError(
            "no_host",
            _(
                "Messages open again when a listener or moderator joins. You're "
                "welcome to stay and read until then."
            ),
        )
    if membership is not None and membership.left_at is not None and role == "member":
        raise SupportError("forbidden", _("You can't write in this room."))
    if membership is not None and membership.is_muted(now):
        raise SupportError(
            "muted",
            _("A moderator has paused your messages in this room for a little while."),
        )
    if context.author_state.blocked:
        raise SupportError("blocked", context.author_state.blocked)
    if room.slow_mode_seconds and role == RoomMembership.Role.MEMBER:
        since = now - timedelta(seconds=room.slow_mode_seconds)
        if ChatMessage.objects.filter(
            room=room, author=context.author, created__gt=since
        ).exists():
            raise SupportError(
                "slow_mode",
                _("Slow mode is on: please wait %(seconds)d seconds between messages.")
                % {"seconds": room.slow_mode_seconds},
            )


def _resent(context: SendingContext, client_id: str, refused: SupportError) -> Sent:
    """The message the writer already stored with client_id; refused, when there
    is none."""
    earlier = _already_stored(context, client_id)
    if earlier is None:
        raise refused
    return Sent.of(earlier)


def _ensure_membership(context: SendingContext) -> None:
    """Make the writer a current member of the room (a group room's first message,
    a moderator coming back); keeps context's membership up to date."""
    membership = context.membership
    if membership is None:
        membership, _created = RoomMembership.objects.get_or_create(
            room=context.room, member=context.author, defaults={"role": context.role}
        )
    if membership.left_at is not None:
        membership.left_at = None
        membership.role = context.role
        membership.save(update_fields=["left_at", "role"])
    context.membership = membership


def _insert_unless_resent(
    context: SendingContext,
    message: ChatMessage,
    record: Callable[[], None] | None = None,
) -> ChatMessage | None:
    """Number and INSERT message in one transaction with what record() writes
    beside it, or return the one its writer already stored in the room with the
    same client_id (a resend), which the unique constraint reports without a
    lookup first; the resend's number is then given back."""
    membership = context.membership
    try:
        with transaction.atomic():
            message.seq = next_message_seq(context.room.pk)
            _ensure_membership(context)
            message.save(force_insert=True)
            if record is not None:
                record()
    except IntegrityError:
        context.membership = membership  # as it was before the rollback
        earlier = _already_stored(context, message.client_id)
        if earlier is None:
            raise
        return earlier
    return None


def _already_stored(context: SendingContext, client_id: str) -> ChatMessage | None:
    if not client_id:
        return None
    return (
        ChatMessage.objects.filter(
            room=context.room, author=context.author, client_id=client_id
        )
        .select_related("author")
        .first()
    )
