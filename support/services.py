"""Live support writes: duty, requests, accepting, rooms and their messages.

Every event is broadcast after the transaction commits, and every chat message is
stored before it is broadcast: the channel layer may drop events, clients resume
by message id.
"""

from __future__ import annotations

import dataclasses
import re
import time
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, OperationalError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core.broadcast import broadcast_on_commit
from core.counters import count_event
from core.text import normalise_text, render_user_text
from moderation.services import (
    AuthorState,
    active_sanction_message,
    alert_raise,
    author_state,
    record_screening,
    screen_submission,
)
from support import selectors, signposts
from support.models import (
    ChatFeedback,
    ChatMessage,
    Chip,
    DutyShift,
    HostConnection,
    ListenerNote,
    ListenerStatus,
    Room,
    RoomMembership,
    SupportRequest,
)

if TYPE_CHECKING:
    from accounts.models import Member

MAX_MESSAGE_CHARS = 2000
MAX_CLIENT_ID_CHARS = 64
MAX_MUTE_MINUTES = 7 * 24 * 60
MAX_SLOW_MODE_SECONDS = 600


class SupportError(Exception):
    """A refused action, with a code for the protocol and words for the person."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# --- Listeners -------------------------------------------------------------------


def listener_set_duty(*, listener: Member, on_duty: bool) -> ListenerStatus:
    """Put a listener on or off duty. Going on duty respects their weekly hours cap."""
    if not listener.can("listen"):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        status, _created = ListenerStatus.objects.select_for_update().get_or_create(
            listener=listener
        )
        if status.on_duty == on_duty:
            return status
        if on_duty:
            cap = status.weekly_hours_cap
            if cap is not None and selectors.duty_hours_this_week(listener, now) >= cap:
                raise SupportError(
                    "hours_cap",
                    _(
                        "You've reached the hours you set for this week. Thank you "
                        "for everything you've given; rest is part of this too."
                    ),
                )
            status.on_duty = True
            status.on_duty_since = now
            DutyShift.objects.create(listener=listener, started=now)
        else:
            status.on_duty = False
            status.on_duty_since = None
            DutyShift.objects.filter(listener=listener, ended__isnull=True).update(
                ended=now
            )
        status.save(update_fields=["on_duty", "on_duty_since"])
        _broadcast_queue()
    return status


def listener_update_profile(
    *, listener: Member, lived_experience: list[str], weekly_hours_cap: int | None
) -> ListenerStatus:
    if not listener.can("listen"):
        raise PermissionDenied
    tags = [chip for chip in Chip.values if chip in set(lived_experience)]
    with transaction.atomic():
        status, _created = ListenerStatus.objects.select_for_update().get_or_create(
            listener=listener
        )
        status.lived_experience = tags
        status.weekly_hours_cap = weekly_hours_cap
        status.save(update_fields=["lived_experience", "weekly_hours_cap"])
    return status


# --- Requests --------------------------------------------------------------------


def _clean_chips(chips: list[str]) -> list[str]:
    unknown = set(chips) - set(Chip.values)
    if unknown:
        raise SupportError("bad_chip", _("Please choose from the listed words."))
    return [chip for chip in Chip.values if chip in set(chips)]


def request_create(
    *,
    member: Member,
    chips: list[str],
    wants_lived_experience: bool = False,
    might_act: bool = False,
) -> SupportRequest:
    """Put a member in the live-support queue (or return the request already there).

    might_act marks it urgent: it goes to the top of the queue and moderators are
    alerted live. The crisis panel is the page's job; the request goes on anyway.
    """
    if not member.is_authenticated or not member.is_active:
        raise PermissionDenied
    chips = _clean_chips(chips)
    with transaction.atomic():
        existing = (
            SupportRequest.objects.select_for_update()
            .filter(member=member, status=SupportRequest.Status.WAITING)
            .first()
        )
        if existing is not None:
            changed = []
            if might_act and not existing.urgent:
                existing.urgent = True
                changed.append("urgent")
            if chips and chips != existing.chips:
                existing.chips = chips
                changed.append("chips")
            if changed:
                existing.save(update_fields=[*changed, "updated"])
                _after_request_change(existing, newly_urgent="urgent" in changed)
            return existing
        try:
            with transaction.atomic():
                request = SupportRequest.objects.create(
                    member=member,
                    chips=chips,
                    wants_lived_experience=wants_lived_experience and bool(chips),
                    urgent=might_act,
                )
        except IntegrityError:
            # The same member asked twice at once: keep the first.
            return SupportRequest.objects.get(
                member=member, status=SupportRequest.Status.WAITING
            )
        count_event("support_request")
        if might_act:
            count_event("support_request_urgent")
        _after_request_change(request, newly_urgent=might_act)
    return request


def _after_request_change(request: SupportRequest, *, newly_urgent: bool) -> None:
    """Call inside the transaction that saved request."""
    _broadcast_queue()
    if newly_urgent:
        alert_raise(
            target=request,
            author=request.member,
            level="urgent",
            categories=("self_harm", "harm_to_baby"),
            reason="urgent_support_request",
        )
        _alert_moderators(
            {
                "type": "support.alert",
                "alert": "urgent_request",
                "request": request.pk,
                "message": _(
                    "Someone waiting for a listener said they might act on thoughts "
                    "of harming themselves or their baby."
                ),
                "url": "/support/listen/",
            }
        )


def request_cancel(*, member: Member, request_id: int) -> SupportRequest:
    with transaction.atomic():
        request = (
            SupportRequest.objects.select_for_update()
            .filter(pk=request_id, member=member)
            .first()
        )
        if request is None:
            raise SupportError("not_found", _("We couldn't find that request."))
        if request.status != SupportRequest.Status.WAITING:
            return request
        request.status = SupportRequest.Status.CANCELLED
        request.cancelled_at = timezone.now()
        request.save(update_fields=["status", "cancelled_at", "updated"])
        broadcast_on_commit(
            selectors.request_group(request.pk),
            {"type": "request.event", "event": {"type": "cancelled"}},
        )
        _broadcast_queue()
    return request


def request_accept(*, listener: Member, request_id: int) -> Room:
    """Take a waiting request and open its private room.

    Locks the request row (select_for_update) and moves it out of "waiting" with a
    conditional update, so of two listeners accepting at once exactly one wins and
    the other gets a clear SupportError. The listener's status row is locked too, so
    their chat cap holds under concurrent accepts.
    """
    if not listener.can("listen"):
        raise PermissionDenied
    try:
        return _request_accept(listener=listener, request_id=request_id)
    except OperationalError:
        # SQLite has no row locks: the loser of a write race is told "busy".
        raise SupportError(
            "taken",
            _("Another listener has just taken this request, or it was cancelled."),
        ) from None


def _request_accept(*, listener: Member, request_id: int) -> Room:
    now = timezone.now()
    with transaction.atomic():
        status = (
            ListenerStatus.objects.select_for_update().filter(listener=listener).first()
        )
        if status is None or not status.on_duty:
            raise SupportError(
                "off_duty", _("Go on duty first, then you can take a request.")
            )
        if selectors.listener_chat_count(listener) >= status.max_chats:
            raise SupportError(
                "at_capacity",
                _(
                    "You already have as many chats as you've said you can hold. "
                    "Finish one first; someone else can take this."
                ),
            )
        request = (
            SupportRequest.objects.select_for_update().filter(pk=request_id).first()
        )
        if request is None or request.status != SupportRequest.Status.WAITING:
            raise SupportError(
                "taken",
                _("Another listener has just taken this request, or it was cancelled."),
            )
        if request.member_id == listener.pk:
            raise SupportError("own_request", _("You can't take your own request."))
        refusal = selectors.accept_refusal(request, listener, now)
        if refusal:
            raise SupportError("held_for_match", refusal)
        won = SupportRequest.objects.filter(
            pk=request.pk, status=SupportRequest.Status.WAITING
        ).update(
            status=SupportRequest.Status.ACCEPTED,
            accepted_at=now,
            listener=listener,
            updated=now,
        )
        if not won:
            raise SupportError(
                "taken",
                _("Another listener has just taken this request, or it was cancelled."),
            )
        room = Room.objects.create(kind=Room.Kind.PRIVATE, request=request)
        RoomMembership.objects.bulk_create(
            [
                RoomMembership(
                    room=room,
                    member_id=request.member_id,
                    role=RoomMembership.Role.MEMBER,
                ),
                RoomMembership(
                    room=room, member=listener, role=RoomMembership.Role.LISTENER
                ),
            ]
        )
        _system_message(
            room,
            _("%(name)s, a listener, has joined you.") % {"name": listener.pseudonym},
        )
        count_event("support_request_accepted")
        broadcast_on_commit(
            selectors.request_group(request.pk),
            {
                "type": "request.event",
                "event": {"type": "accepted", "room_url": room.get_absolute_url()},
            },
        )
        _broadcast_queue()
    return room


# --- Messages --------------------------------------------------------------------

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


# How long a room socket may go on checking messages against what it read about the
# writer and the room. It reads again after sending a message once its copy is this
# old, and before storing one once it is twice this old (an idle socket). The room's
# events (ended, slow mode, muted) drop the copy at once; sanctions, which come from
# anywhere, are read again more often, with one query.
CONTEXT_SECONDS = 30.0
SANCTIONS_SECONDS = 5.0


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

    def is_due(self, slack: float = 1.0) -> bool:
        """Whether to read it again, with no message waiting on it."""
        now = time.monotonic()
        return (
            now - self.read_at >= CONTEXT_SECONDS * slack
            or now - self.sanctions_read_at >= SANCTIONS_SECONDS * slack
        )

    def is_stale(self) -> bool:
        """Whether it is too old to check a message against."""
        return self.is_due(slack=2.0)


def sending_context(*, room: Room, author: Member) -> SendingContext:
    """Read what every message author sends in room is checked against. Raises
    SupportError("forbidden") when author has no access to room."""
    membership = RoomMembership.objects.filter(room=room, member=author).first()
    role = selectors.room_role_given(author, room, membership)
    if role is None:
        raise SupportError("forbidden", _("You can't write in this room."))
    host_present = (
        room.kind != Room.Kind.GROUP
        or role in selectors.HOST_ROLES
        or selectors.room_has_host(room.pk)
    )
    now = time.monotonic()
    return SendingContext(
        room=room,
        author=author,
        role=role,
        membership=membership,
        author_state=author_state(author=author),
        read_at=now,
        sanctions_read_at=now,
        host_present=host_present,
    )


def sending_context_refresh(context: SendingContext) -> SendingContext:
    """context read again: only the writer's sanctions (one query) while the rest
    is younger than CONTEXT_SECONDS and they have not changed, else all of it."""
    now = time.monotonic()
    if now - context.read_at < CONTEXT_SECONDS:
        blocked = active_sanction_message(author=context.author)
        if blocked == context.author_state.blocked:
            return dataclasses.replace(context, sanctions_read_at=now)
    room = Room.objects.get(pk=context.room.pk)
    return sending_context(room=room, author=context.author)


@dataclass(frozen=True)
class StoredMessage:
    """A stored message, its "chat.message" event (the frame encoded once), and the
    (group, event) pairs that announce it, to be sent once committed (none for a
    resend)."""

    message: ChatMessage
    event: dict
    announcements: list[tuple[str, dict]]

    @classmethod
    def resent(cls, message: ChatMessage) -> StoredMessage:
        return cls(message, selectors.message_event(message), [])


def _check_can_send(context: SendingContext) -> None:
    room, author, role, membership = (
        context.room,
        context.author,
        context.role,
        context.membership,
    )
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
            room=room, author=author, created__gt=since
        ).exists():
            raise SupportError(
                "slow_mode",
                _("Slow mode is on: please wait %(seconds)d seconds between messages.")
                % {"seconds": room.slow_mode_seconds},
            )


def _membership_is_current(context: SendingContext) -> bool:
    membership = context.membership
    return membership is not None and membership.left_at is None


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
    context: SendingContext, message: ChatMessage
) -> ChatMessage | None:
    """INSERT message, or return the one its writer already stored in the room with
    the same client_id (a resend), which the unique constraint reports without a
    lookup first."""
    # Inside a transaction a failed INSERT may only roll back to a savepoint
    # (PostgreSQL refuses every later statement otherwise); outside one, the INSERT
    # is a transaction of its own.
    in_transaction = transaction.get_connection().in_atomic_block
    try:
        with transaction.atomic() if in_transaction else nullcontext():
            message.save(force_insert=True)
    except IntegrityError:
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


def _clean_message(body: str, client_id: str) -> tuple[str, str]:
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


def message_store(
    *, context: SendingContext, body: str, client_id: str
) -> StoredMessage:
    """Store a member's chat message; return it with the events that announce it.

    Runs the same rules as forum posts. A message trying to swap contact details is
    stored as held: only its writer sees it, with a gentle explanation. A high-risk
    message shows its writer (only) the crisis panel, and moderators are alerted.
    Sending the same client_id twice returns the stored message and announces
    nothing (resends after a dropped connection are not stored twice).

    The caller sends the announcements once this has committed; message_create()
    does both.
    """
    body, client_id = _clean_message(body, client_id)
    room, author = context.room, context.author
    try:
        _check_can_send(context)
    except SupportError:
        # A resend of what was stored before the room ended or the writer was
        # muted is still acknowledged, not refused.
        stored = _already_stored(context, client_id)
        if stored is None:
            raise
        return StoredMessage.resent(stored)
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
        room=room,
        author=author,
        author_role=context.role,
        body=body,
        body_html=render_user_text(body),
        status=ChatMessage.Status.HELD if held else ChatMessage.Status.VISIBLE,
        hold_reason=screening.hold_reason if held else "",
        client_id=client_id,
    )
    # One INSERT is atomic by itself; a transaction is opened only when other rows
    # change with it (a new membership, a review item).
    needs_transaction = screening.needs_review or not _membership_is_current(context)
    with transaction.atomic() if needs_transaction else nullcontext():
        _ensure_membership(context)
        earlier = _insert_unless_resent(context, message)
        if earlier is not None:
            return StoredMessage.resent(earlier)
        record_screening(target=message, author=author, screening=screening)
        if held:
            count_event("chat_message_held")
    writer_group = selectors.room_member_group(room.pk, author.pk)
    event = selectors.message_event(message)
    announcements = [(writer_group if held else selectors.room_group(room.pk), event)]
    if screening.signpost or screening.level in {"high", "urgent"}:
        announcements.append(
            (
                writer_group,
                {
                    "type": "chat.crisis",
                    "html": signposts.crisis_panel_html(signposts.country_for(author)),
                },
            )
        )
    return StoredMessage(message, event, announcements)


def message_create(
    *, room: Room, author: Member, body: str, client_id: str
) -> ChatMessage:
    """Store a member's chat message (see message_store), then broadcast it to the
    room once the transaction commits."""
    _clean_message(body, client_id)
    stored = message_store(
        context=sending_context(room=room, author=author),
        body=body,
        client_id=client_id,
    )
    _announce(stored)
    return stored.message


def _announce(stored: StoredMessage) -> None:
    for group, event in stored.announcements:
        broadcast_on_commit(group, event)


def resource_card_store(
    *, context: SendingContext, resource_id: int, client_id: str
) -> StoredMessage:
    """A listener or moderator sends a directory entry as a card."""
    if context.role == RoomMembership.Role.MEMBER:
        raise SupportError("forbidden", _("Only listeners can send resource cards."))
    client_id = (client_id or "").strip()[:MAX_CLIENT_ID_CHARS]
    try:
        _check_can_send(context)
    except SupportError:
        stored = _already_stored(context, client_id)
        if stored is None:
            raise
        return StoredMessage.resent(stored)
    card = signposts.card_for(resource_id)
    if card is None:
        raise SupportError(
            "unknown_resource", _("That resource isn't in the directory.")
        )
    message = ChatMessage(
        room=context.room,
        author=context.author,
        author_role=context.role,
        kind=ChatMessage.Kind.RESOURCE_CARD,
        body=card["name"],
        body_html=render_to_string("support/_resource_card.html", {"card": card}),
        card=card,
        client_id=client_id,
    )
    with transaction.atomic() if not _membership_is_current(context) else nullcontext():
        _ensure_membership(context)
        earlier = _insert_unless_resent(context, message)
        if earlier is not None:
            return StoredMessage.resent(earlier)
    event = selectors.message_event(message)
    return StoredMessage(
        message, event, [(selectors.room_group(context.room.pk), event)]
    )


def resource_card_send(
    *, room: Room, author: Member, resource_id: int, client_id: str
) -> ChatMessage:
    """A listener or moderator sends a directory entry as a card (see
    resource_card_store), broadcast to the room once committed."""
    stored = resource_card_store(
        context=sending_context(room=room, author=author),
        resource_id=resource_id,
        client_id=client_id,
    )
    _announce(stored)
    return stored.message


def _system_message(room: Room, text: str) -> ChatMessage:
    message = ChatMessage.objects.create(
        room=room,
        kind=ChatMessage.Kind.SYSTEM,
        body=text,
        body_html=render_user_text(text),
    )
    broadcast_on_commit(selectors.room_group(room.pk), selectors.message_event(message))
    return message


# --- Rooms -----------------------------------------------------------------------


def _lock_room(room: Room) -> Room:
    return Room.objects.select_for_update().get(pk=room.pk)


def room_join_as_moderator(*, room: Room, moderator: Member) -> None:
    """A moderator joins a private room; everyone in it is told, nobody is watched
    without knowing."""
    if not moderator.is_moderator:
        raise PermissionDenied
    with transaction.atomic():
        membership, created = RoomMembership.objects.get_or_create(
            room=room,
            member=moderator,
            defaults={"role": RoomMembership.Role.MODERATOR},
        )
        if not created and membership.left_at is None:
            return
        if not created:
            membership.left_at = None
            membership.save(update_fields=["left_at"])
        _system_message(
            room,
            _("%(name)s, a moderator, has joined.") % {"name": moderator.pseudonym},
        )


def room_end(*, room: Room, by: Member) -> Room:
    """End a chat (either side, or a moderator). The transcript stays readable by
    its participants until retention deletes it."""
    with transaction.atomic():
        room = _lock_room(room)
        role = selectors.room_role(by, room)
        if role is None:
            raise PermissionDenied
        if room.kind == Room.Kind.GROUP and role != RoomMembership.Role.MODERATOR:
            raise PermissionDenied
        if room.has_ended:
            return room
        room.ended_at = timezone.now()
        room.ended_by = by
        room.save(update_fields=["ended_at", "ended_by"])
        if room.request_id:
            SupportRequest.objects.filter(pk=room.request_id).update(
                status=SupportRequest.Status.ENDED, updated=room.ended_at
            )
        _system_message(room, _("The chat has ended."))
        broadcast_on_commit(
            selectors.room_group(room.pk),
            {"type": "chat.ended", "by": by.pseudonym},
        )
        _broadcast_queue()
    return room


def room_handover(*, room: Room, from_listener: Member, to_listener: Member) -> Room:
    """Pass a chat to another listener without the member being dropped."""
    with transaction.atomic():
        room = _lock_room(room)
        if room.has_ended or room.kind != Room.Kind.PRIVATE:
            raise SupportError("room_ended", _("This chat has ended."))
        current = RoomMembership.objects.filter(
            room=room,
            member=from_listener,
            role=RoomMembership.Role.LISTENER,
            left_at__isnull=True,
        ).first()
        if current is None:
            raise PermissionDenied
        if to_listener.pk == from_listener.pk or not to_listener.can("listen"):
            raise SupportError("bad_listener", _("Choose another listener on duty."))
        status = (
            ListenerStatus.objects.select_for_update()
            .filter(listener=to_listener)
            .first()
        )
        if status is None or not status.on_duty:
            raise SupportError("bad_listener", _("That listener isn't on duty."))
        if selectors.listener_chat_count(to_listener) >= status.max_chats:
            raise SupportError(
                "at_capacity", _("That listener has as many chats as they can hold.")
            )
        now = timezone.now()
        current.left_at = now
        current.save(update_fields=["left_at"])
        membership, created = RoomMembership.objects.get_or_create(
            room=room,
            member=to_listener,
            defaults={"role": RoomMembership.Role.LISTENER},
        )
        if not created:
            membership.left_at = None
            membership.role = RoomMembership.Role.LISTENER
            membership.save(update_fields=["left_at", "role"])
        if room.request_id:
            SupportRequest.objects.filter(pk=room.request_id).update(
                listener=to_listener
            )
        _system_message(
            room,
            _(
                "%(old)s has handed this chat to %(new)s, another listener, "
                "who is here now."
            )
            % {"old": from_listener.pseudonym, "new": to_listener.pseudonym},
        )
        broadcast_on_commit(
            selectors.room_member_group(room.pk, from_listener.pk),
            {"type": "chat.revoked"},
        )
        broadcast_on_commit(
            selectors.listener_group(to_listener.pk),
            {
                "type": "queue.assigned",
                "room_url": room.get_absolute_url(),
                "message": _("%(name)s handed a chat to you.")
                % {"name": from_listener.pseudonym},
            },
        )
    return room


def room_escalate(*, room: Room, by: Member) -> Room:
    """A listener asks a moderator to join: nobody handles imminent risk alone."""
    with transaction.atomic():
        room = _lock_room(room)
        role = selectors.room_role(by, room)
        if role not in {RoomMembership.Role.LISTENER, RoomMembership.Role.MODERATOR}:
            raise PermissionDenied
        if room.has_ended:
            raise SupportError("room_ended", _("This chat has ended."))
        if room.escalated_at is None:
            room.escalated_at = timezone.now()
            room.save(update_fields=["escalated_at"])
            _system_message(room, _("A moderator has been asked to join this chat."))
            alert_raise(
                target=room,
                author=by,
                level="high",
                categories=("escalation",),
                reason="listener_escalation",
            )
        _alert_moderators(
            {
                "type": "support.alert",
                "alert": "escalation",
                "room": room.pk,
                "message": _("%(name)s asked for a moderator in a live chat.")
                % {"name": by.pseudonym},
                "url": room.get_absolute_url(),
            }
        )
    return room


def room_host_arrive(*, room_id: int, host: Member, channel_name: str) -> None:
    """Count one socket of a listener or moderator as there in a group room (again,
    when its row went stale or missing); the room is told when it is the first."""
    now = timezone.now()
    with transaction.atomic():
        # Arrivals and departures in one room take turns, so exactly one of them
        # sees each change from "nobody here" to "someone here" and back.
        room = Room.objects.select_for_update().filter(pk=room_id).first()
        if room is None:
            return
        was_hosted = selectors.room_has_host(room.pk, now)
        HostConnection.objects.filter(
            room=room, last_seen__lt=now - selectors.HOST_STALE_AFTER
        ).delete()
        HostConnection.objects.update_or_create(
            channel_name=channel_name,
            defaults={"room": room, "host": host, "last_seen": now},
        )
        if not was_hosted:
            _announce_hosts(room.pk, present=True)


def room_host_touch(*, room_id: int, host: Member, channel_name: str) -> None:
    """A host's socket is still alive (it sent a ping): one UPDATE, unless its row
    went stale or missing meanwhile, when it arrives again."""
    now = timezone.now()
    touched = (
        selectors.fresh_host_connections(now)
        .filter(channel_name=channel_name)
        .update(last_seen=now)
    )
    if not touched:
        room_host_arrive(room_id=room_id, host=host, channel_name=channel_name)


def room_host_leave(*, room_id: int, channel_name: str) -> None:
    """A host's socket closed; the room is told when nobody is left to host it."""
    with transaction.atomic():
        room = Room.objects.select_for_update().filter(pk=room_id).first()
        if room is None:
            return  # its host rows went with it
        deleted, _detail = HostConnection.objects.filter(
            channel_name=channel_name
        ).delete()
        if deleted and not selectors.room_has_host(room.pk):
            _announce_hosts(room.pk, present=False)


def _announce_hosts(room_id: int, *, present: bool) -> None:
    broadcast_on_commit(
        selectors.room_group(room_id), {"type": "chat.room", "host_present": present}
    )


def room_set_slow_mode(*, room: Room, by: Member, seconds: int) -> Room:
    if not by.is_moderator:
        raise PermissionDenied
    seconds = max(0, min(int(seconds), MAX_SLOW_MODE_SECONDS))
    with transaction.atomic():
        room = _lock_room(room)
        room.slow_mode_seconds = seconds
        room.save(update_fields=["slow_mode_seconds"])
        if seconds:
            text = _("Slow mode is on: one message every %(seconds)d seconds.") % {
                "seconds": seconds
            }
        else:
            text = _("Slow mode is off.")
        _system_message(room, text)
        broadcast_on_commit(
            selectors.room_group(room.pk),
            {"type": "chat.room", "slow_mode_seconds": seconds},
        )
    return room


def room_mute(
    *, room: Room, by: Member, member: Member, minutes: int
) -> RoomMembership:
    """A moderator pauses one person's messages in a room (0 minutes lifts it)."""
    if not by.is_moderator:
        raise PermissionDenied
    minutes = max(0, min(int(minutes), MAX_MUTE_MINUTES))
    if member.pk == by.pk:
        raise SupportError("bad_member", _("You can't mute yourself."))
    with transaction.atomic():
        membership, _created = RoomMembership.objects.select_for_update().get_or_create(
            room=room, member=member, defaults={"role": RoomMembership.Role.MEMBER}
        )
        membership.muted_until = (
            timezone.now() + timedelta(minutes=minutes) if minutes else None
        )
        membership.save(update_fields=["muted_until"])
        broadcast_on_commit(
            selectors.room_member_group(room.pk, member.pk),
            {
                "type": "chat.muted",
                "until": membership.muted_until.isoformat()
                if membership.muted_until
                else None,
            },
        )
    return membership


def feedback_create(
    *, room: Room, member: Member, helped: str, comment: str = ""
) -> ChatFeedback:
    if helped not in ChatFeedback.Helped.values:
        raise SupportError("bad_feedback", _("Please choose one of the answers."))
    is_member = RoomMembership.objects.filter(
        room=room, member=member, role=RoomMembership.Role.MEMBER
    ).exists()
    if not is_member or room.kind != Room.Kind.PRIVATE:
        raise PermissionDenied
    if not room.has_ended:
        raise SupportError("room_open", _("You can leave feedback once the chat ends."))
    feedback, _created = ChatFeedback.objects.update_or_create(
        room=room,
        defaults={
            "member": member,
            "helped": helped,
            "comment": normalise_text(comment).strip()[:1000],
        },
    )
    return feedback


def listener_note_create(*, room: Room, listener: Member, body: str) -> ListenerNote:
    """A private note for moderators; never shown to the member."""
    was_listener = RoomMembership.objects.filter(
        room=room, member=listener, role=RoomMembership.Role.LISTENER
    ).exists()
    if not was_listener:
        raise PermissionDenied
    body = normalise_text(body).strip()
    if not body:
        raise SupportError("empty", _("Write something first."))
    return ListenerNote.objects.create(room=room, author=listener, body=body[:4000])


def transcript_delete(*, room: Room, member: Member) -> int:
    """The member of a private chat deletes its transcript now (ending it first)."""
    if (
        not RoomMembership.objects.filter(
            room=room, member=member, role=RoomMembership.Role.MEMBER
        ).exists()
        or room.kind != Room.Kind.PRIVATE
    ):
        raise PermissionDenied
    with transaction.atomic():
        if not room.has_ended:
            room = room_end(room=room, by=member)
        deleted, _detail = ChatMessage.objects.filter(room=room).delete()
        Room.objects.filter(pk=room.pk).update(transcript_deleted_at=timezone.now())
    return deleted


def transcripts_purge(*, older_than_days: int, now=None) -> int:
    """Delete the messages of rooms that ended more than older_than_days ago."""
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    room_ids = list(
        Room.objects.filter(
            ended_at__lt=cutoff, transcript_deleted_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if not room_ids:
        return 0
    with transaction.atomic():
        deleted, _detail = ChatMessage.objects.filter(room_id__in=room_ids).delete()
        ListenerNote.objects.filter(room_id__in=room_ids).delete()
        Room.objects.filter(pk__in=room_ids).update(
            transcript_deleted_at=timezone.now()
        )
    return deleted


# --- Events ----------------------------------------------------------------------


def _broadcast_queue() -> None:
    """Send the queue to on-duty listeners and waiting members, after commit."""

    def send() -> None:
        from core.broadcast import broadcast_now

        snapshot = selectors.queue_snapshot()
        broadcast_now(
            selectors.QUEUE_GROUP, {"type": "queue.snapshot", "snapshot": snapshot}
        )
        broadcast_now(
            selectors.WAITING_GROUP, {"type": "queue.snapshot", "snapshot": snapshot}
        )

    transaction.on_commit(send)


def _alert_moderators(payload: dict) -> None:
    broadcast_on_commit(selectors.MODERATORS_GROUP, payload)
