"""Live support reads: who may see a room, what they see in it, and the queue.

Data only: the wire format and the channel-layer groups are support.events, HTML is
support.presentation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from support.models import (
    ChatLanguage,
    ChatMessage,
    Chip,
    DutyShift,
    HostConnection,
    ListenerStatus,
    Room,
    RoomMembership,
    SupportRequest,
)
from support.signposting.countries import resolve_country
from support.signposting.models import Resource

if TYPE_CHECKING:
    from accounts.models import Member

REPLAY_LIMIT = 500

# Who may open a group room to members by being there.
HOST_ROLES = frozenset({RoomMembership.Role.LISTENER, RoomMembership.Role.MODERATOR})
# A host socket's row counts while touched this recently; its pings touch it at
# most every HOST_TOUCH_SECONDS, so only a process that died leaves one this old.
HOST_STALE_AFTER = timedelta(minutes=2)
HOST_TOUCH_SECONDS = 20.0


# --- Rooms -----------------------------------------------------------------------


def room_role(member: Member | None, room: Room) -> str | None:
    """The one rule for who may read, join and write in a room, and as what.

    Returns "member", "listener" or "moderator", or None for no access. Private
    rooms: their member and current listener, and moderators. Group rooms: every
    signed-in member while the room exists, listeners and moderators as what the
    site made them. A listener who handed a chat over has left it and no longer
    has access.
    """
    if member is None or not member.is_authenticated or not member.is_active:
        return None
    membership = (
        RoomMembership.objects.filter(room=room, member=member, left_at__isnull=True)
        .only("role")
        .first()
    )
    return room_role_given(member, room, membership)


def room_role_given(
    member: Member, room: Room, membership: RoomMembership | None
) -> str | None:
    """room_role() for a signed-in member whose membership of room (current or
    not, or None) has been read already."""
    if not member.is_authenticated or not member.is_active:
        return None
    if membership is not None and membership.left_at is None:
        # A listener's first message in a group room made them a "member" of it
        # before listeners had a role there; their site role still counts.
        if room.is_private or membership.role != RoomMembership.Role.MEMBER:
            return membership.role
    if member.is_moderator:
        return RoomMembership.Role.MODERATOR
    if room.kind == Room.Kind.GROUP and not room.has_ended:
        if member.is_listener:
            return RoomMembership.Role.LISTENER
        return RoomMembership.Role.MEMBER
    return None


def room_for(member: Member, room_id: int) -> tuple[Room, str] | None:
    """The room and the member's role in it, or None when it is not theirs to see
    (a missing room and a forbidden one look the same)."""
    room = Room.objects.select_related("request").filter(pk=room_id).first()
    if room is None:
        return None
    role = room_role(member, room)
    if role is None:
        return None
    return room, role


def visible_messages(room: Room, viewer: Member) -> QuerySet[ChatMessage]:
    """Messages of room that viewer may see: visible ones and their own held ones."""
    return ChatMessage.objects.filter(room=room).filter(
        Q(status=ChatMessage.Status.VISIBLE)
        | Q(author=viewer, status=ChatMessage.Status.HELD)
    )


def messages_after(
    room: Room, viewer: Member, after: int = 0, limit: int = REPLAY_LIMIT
) -> list[ChatMessage]:
    """Stored messages after id `after`, oldest first (a page's transcript)."""
    return list(
        visible_messages(room, viewer)
        .filter(id__gt=after)
        .select_related("author")
        .order_by("seq")[:limit]
    )


def seq_of_message(room_id: int, message_id: int) -> int:
    """The seq a client that saw message id `message_id` holds everything up to
    (ids rise with seq in a room); 0 for none."""
    newest = (
        ChatMessage.objects.filter(room_id=room_id, id__lte=message_id)
        .order_by("-seq")
        .values_list("seq", flat=True)
        .first()
    )
    return newest or 0


@dataclass(frozen=True)
class MessagesSince:
    """What a viewer lacks after seq `since`: the messages they may see, oldest
    first, and `through`, the seq up to which the viewer now has every message
    they may see. `more` when a limit stopped the read before the room's newest."""

    messages: list[ChatMessage]
    through: int
    more: bool


def messages_since(
    room_id: int, viewer: Member, since: int, limit: int = REPLAY_LIMIT
) -> MessagesSince:
    """Every message after seq `since` the viewer may see (resuming and catching
    up). The room's newest seq is read first: every message up to it has committed
    (seqs are taken in commit order), so all of them are in the read that follows."""
    newest = Room.objects.filter(pk=room_id).values_list("message_seq", flat=True)
    newest_seq = newest.first() or 0
    rows = list(
        visible_messages(Room(pk=room_id), viewer)
        .filter(seq__gt=since, seq__lte=newest_seq)
        .select_related("author")
        .order_by("seq")[: limit + 1]
    )
    if len(rows) > limit:
        return MessagesSince(rows[:limit], rows[limit - 1].seq, more=True)
    return MessagesSince(rows, max(since, newest_seq), more=False)


def room_participants(room: Room) -> list[RoomMembership]:
    return list(
        RoomMembership.objects.filter(room=room, left_at__isnull=True)
        .select_related("member")
        .order_by("joined_at")
    )


def supported_country(room: Room, member: Member | None) -> str:
    """Whose country's lines a listener offers in room: the member's own setting
    (she may have changed it from her panel since she asked), else the one her
    request was made from, else the site default."""
    if member is not None and member.country:
        return resolve_country(member=member)
    request = room.request if room.request_id else None
    if request is not None and request.country:
        return request.country
    return resolve_country(member=member)


def directory_entry(resource_id: int) -> Resource | None:
    """A directory entry a listener may send as a card."""
    return Resource.objects.filter(pk=resource_id).first()


def open_group_rooms(moment: datetime | None = None) -> list[Room]:
    rooms = Room.objects.filter(
        kind=Room.Kind.GROUP, ended_at__isnull=True, is_listed=True
    ).order_by("name")
    return [room for room in rooms if room.is_open_at(moment)]


def group_rooms() -> list[Room]:
    return list(
        Room.objects.filter(
            kind=Room.Kind.GROUP, ended_at__isnull=True, is_listed=True
        ).order_by("name")
    )


def fresh_host_connections(moment: datetime | None = None) -> QuerySet:
    """Host sockets whose process was alive within HOST_STALE_AFTER."""
    cutoff = (moment or timezone.now()) - HOST_STALE_AFTER
    return HostConnection.objects.filter(last_seen__gte=cutoff)


def room_has_host(room_id: int, moment: datetime | None = None) -> bool:
    """Whether a listener or moderator is connected to a group room now."""
    return fresh_host_connections(moment).filter(room_id=room_id).exists()


def hosted_room_ids(rooms: list[Room], moment: datetime | None = None) -> set[int]:
    """Which of rooms have a listener or moderator connected now (one query)."""
    return set(
        fresh_host_connections(moment)
        .filter(room_id__in=[room.pk for room in rooms])
        .values_list("room_id", flat=True)
    )


def active_private_rooms_for(member: Member) -> list[Room]:
    return list(
        Room.objects.filter(
            kind=Room.Kind.PRIVATE,
            ended_at__isnull=True,
            memberships__member=member,
            memberships__left_at__isnull=True,
        ).order_by("-created")
    )


def listener_chat_count(listener: Member) -> int:
    return RoomMembership.objects.filter(
        member=listener,
        role=RoomMembership.Role.LISTENER,
        left_at__isnull=True,
        room__kind=Room.Kind.PRIVATE,
        room__ended_at__isnull=True,
    ).count()


# --- Listeners and the queue -----------------------------------------------------


def listener_status_for(listener: Member) -> ListenerStatus | None:
    return ListenerStatus.objects.filter(listener=listener).first()


def duty_hours_this_week(listener: Member, moment: datetime | None = None) -> float:
    now = moment or timezone.now()
    week_ago = now - timedelta(days=7)
    seconds = 0.0
    for shift in DutyShift.objects.filter(listener=listener).filter(
        Q(ended__isnull=True) | Q(ended__gt=week_ago)
    ):
        start = max(shift.started, week_ago)
        end = shift.ended or now
        seconds += max(0.0, (end - start).total_seconds())
    return seconds / 3600


def listeners_on_duty_count() -> int:
    return ListenerStatus.objects.filter(on_duty=True).count()


def waiting_requests() -> QuerySet[SupportRequest]:
    """The queue: urgent first, then oldest."""
    return SupportRequest.objects.filter(status=SupportRequest.Status.WAITING).order_by(
        "-urgent", "created", "id"
    )


def _listeners_with_room() -> list[ListenerStatus]:
    """On-duty listeners below their chat cap."""
    statuses = ListenerStatus.objects.filter(on_duty=True).annotate(
        chats=Count(
            "listener__room_memberships",
            filter=Q(
                listener__room_memberships__role=RoomMembership.Role.LISTENER,
                listener__room_memberships__left_at__isnull=True,
                listener__room_memberships__room__kind=Room.Kind.PRIVATE,
                listener__room_memberships__room__ended_at__isnull=True,
            ),
        )
    )
    return [status for status in statuses if status.chats < status.max_chats]


def preferred_listener_ids(
    request: SupportRequest, available: list[ListenerStatus]
) -> list[int]:
    """The listeners a request is kept for, for a while: those who speak its
    language, and of those, the ones with lived experience of its context when it
    asked for that. Empty when nobody on duty with room fits (anyone may take it)."""
    speakers = [
        status
        for status in available
        if request.language in (status.languages or [ChatLanguage.ENGLISH])
    ]
    # When only some of those on duty speak it, it is kept for them.
    only_some_speak = bool(speakers) and len(speakers) < len(available)
    pool = speakers if only_some_speak else available
    matched = _lived_experience_matches(request, pool)
    if matched:
        return matched
    return [status.listener_id for status in speakers] if only_some_speak else []


def _lived_experience_matches(
    request: SupportRequest, statuses: list[ListenerStatus]
) -> list[int]:
    if not request.wants_lived_experience or not request.chips:
        return []
    chips = set(request.chips)
    return [
        status.listener_id
        for status in statuses
        if chips.intersection(status.lived_experience or [])
    ]


def preference_until(request: SupportRequest) -> datetime:
    return request.created + timedelta(
        seconds=settings.SUPPORT_MATCH_PREFERENCE_SECONDS
    )


def accept_refusal(
    request: SupportRequest, listener: Member, moment: datetime | None = None
) -> str | None:
    """Why listener may not take request yet (matching), or None.

    A request that asked for lived experience is kept for a matching listener with
    room for a chat, but only for SUPPORT_MATCH_PREFERENCE_SECONDS: after that, or
    when no such listener is on duty, anyone may take it.
    """
    now = moment or timezone.now()
    if now >= preference_until(request):
        return None
    available = _listeners_with_room()
    preferred = preferred_listener_ids(request, available)
    if not preferred or listener.pk in preferred:
        return None
    speaks = {s.listener_id: s.languages or ["en"] for s in available}
    if request.language not in speaks.get(listener.pk, ["en"]):
        return _(
            "This person would like to talk in %(language)s, and a listener who "
            "speaks it is on duty. If they haven't taken it within a couple of "
            "minutes, you can."
        ) % {"language": request.get_language_display()}
    return _(
        "This person asked for a listener who has been through something similar, "
        "and one is on duty. If they haven't taken it within a couple of minutes, "
        "you can."
    )


def queue_snapshot(moment: datetime | None = None) -> dict[str, Any]:
    """The queue as the listener and waiting sockets receive it (no member names)."""
    now = moment or timezone.now()
    available = _listeners_with_room()
    labels = dict(Chip.choices)
    entries = []
    for request in waiting_requests():
        preferred = preferred_listener_ids(request, available)
        until = preference_until(request)
        entries.append(
            {
                "id": request.pk,
                "urgent": request.urgent,
                "chips": [str(labels[c]) for c in request.chips if c in labels],
                "wants_lived_experience": request.wants_lived_experience,
                "created": request.created.isoformat(),
                "preferred_listener_ids": preferred if until > now else [],
                "preference_until": until.isoformat(),
            }
        )
    return {
        "requests": entries,
        "order": [entry["id"] for entry in entries],
        "on_duty": ListenerStatus.objects.filter(on_duty=True).count(),
        "at": now.isoformat(),
    }


def queue_for_listener(snapshot: dict[str, Any], listener_id: int) -> list[dict]:
    """Per-listener view of a snapshot: adds whether they may accept each now.

    Pure (no queries), so the queue socket relays snapshots without touching the
    database.
    """
    now = timezone.now()
    result = []
    for entry in snapshot["requests"]:
        preferred = entry.get("preferred_listener_ids") or []
        held_for_others = (
            bool(preferred)
            and listener_id not in preferred
            and datetime.fromisoformat(entry["preference_until"]) > now
        )
        result.append(
            {
                **{k: v for k, v in entry.items() if k != "preferred_listener_ids"},
                "matches_you": listener_id in preferred,
                "held_for_match": held_for_others,
            }
        )
    return result


def request_position(request: SupportRequest) -> int:
    """1-based place in the queue of a waiting request."""
    ahead = SupportRequest.objects.filter(status=SupportRequest.Status.WAITING).filter(
        Q(urgent=True, created__lt=request.created)
        if request.urgent
        else Q(urgent=True) | Q(created__lt=request.created)
    )
    return ahead.count() + 1


def waiting_place(request: SupportRequest) -> dict[str, Any]:
    """Where request stands (support.events.status_frame says it to the member):
    its status, its place in the queue while it waits, how many listeners are on
    duty, and its room's address once a listener has accepted it."""
    waiting = request.status == SupportRequest.Status.WAITING
    room = None if waiting else getattr(request, "room", None)
    return {
        "status": request.status,
        "position": request_position(request) if waiting else None,
        "on_duty": listeners_on_duty_count(),
        "room_url": room.get_absolute_url() if room is not None else "",
    }


def request_for_member(member: Member, request_id: int) -> SupportRequest | None:
    if not member.is_authenticated:
        return None
    return (
        SupportRequest.objects.filter(pk=request_id, member=member)
        .select_related("room")
        .first()
    )


def current_request_for(member: Member) -> SupportRequest | None:
    return (
        SupportRequest.objects.filter(
            member=member, status=SupportRequest.Status.WAITING
        )
        .order_by("-created")
        .first()
    )
