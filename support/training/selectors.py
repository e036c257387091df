"""Reads for becoming a listener: who may apply, her progress, what senior
moderators decide on, and a listener's wellbeing (hours, nights, hard chats)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from core.time_zones import clean_time_zone, zone_or_default
from moderation.levels import Level
from moderation.models import ReviewItem, Sanction
from support.models import (
    ChatMessage,
    DutyShift,
    ListenerStatus,
    Room,
    RoomMembership,
)
from support.training.models import (
    OPEN_STATUSES,
    DebriefRequest,
    Lesson,
    LessonPass,
    ListenerApplication,
)

if TYPE_CHECKING:
    from accounts.models import Member


@dataclass(frozen=True)
class WayIn:
    """Whether a member can apply to listen, and if not, why not yet.

    reason: "" (she can apply), "listener", "open" (an application is under
    way), "too_new" (with from_day) or "paused" (an active sanction)."""

    reason: str
    application: ListenerApplication | None = None
    from_day: date | None = None

    @property
    def can_apply(self) -> bool:
        return self.reason == ""


def open_application_for(member: Member) -> ListenerApplication | None:
    return (
        ListenerApplication.objects.filter(member=member, status__in=OPEN_STATUSES)
        .order_by("-created")
        .first()
    )


def way_in(member: Member, now: datetime | None = None) -> WayIn:
    """The one rule for who may apply to listen."""
    now = now or timezone.now()
    application = open_application_for(member)
    if application is not None:
        return WayIn("open", application=application)
    if member.can("listen"):
        return WayIn("listener")
    ready_on = member.date_joined + timedelta(days=settings.LISTENER_APPLY_AFTER_DAYS)
    if ready_on > now:
        return WayIn("too_new", from_day=timezone.localdate(ready_on))
    if Sanction.objects.active(now).filter(member=member).exists():
        return WayIn("paused")
    return WayIn("")


def lessons() -> list[Lesson]:
    return list(Lesson.objects.all())


def lesson_by_slug(slug: str) -> Lesson | None:
    return Lesson.objects.filter(slug=slug).first()


def passed_slugs(member: Member) -> set[str]:
    return set(
        LessonPass.objects.filter(member=member).values_list("lesson_slug", flat=True)
    )


def lessons_all_passed(member: Member) -> bool:
    slugs = set(Lesson.objects.values_list("slug", flat=True))
    return bool(slugs) and slugs <= passed_slugs(member)


def in_training(listener: Member) -> ListenerApplication | None:
    """Her application while she is approved but not yet signed off."""
    return (
        ListenerApplication.objects.filter(
            member=listener, status=ListenerApplication.Status.TRAINING
        )
        .select_related("first_room")
        .first()
    )


def applications_to_decide() -> QuerySet[ListenerApplication]:
    """Lessons done, waiting for a senior moderator: oldest first."""
    return (
        ListenerApplication.objects.filter(status=ListenerApplication.Status.WAITING)
        .select_related("member")
        .order_by("lessons_done_at", "pk")
    )


def listeners_in_training() -> QuerySet[ListenerApplication]:
    return (
        ListenerApplication.objects.filter(status=ListenerApplication.Status.TRAINING)
        .select_related("member", "first_room", "decided_by")
        .order_by("decided_at", "pk")
    )


def application_for_senior(application_id: int) -> ListenerApplication | None:
    return (
        ListenerApplication.objects.filter(pk=application_id)
        .select_related("member", "decided_by", "first_room", "signed_off_by")
        .first()
    )


# Wellbeing


def _hours_between(listener: Member, start: datetime, end: datetime) -> float:
    shifts = DutyShift.objects.filter(listener=listener, started__lt=end).exclude(
        ended__lt=start
    )
    seconds = 0.0
    for shift in shifts.only("started", "ended"):
        began = max(shift.started, start)
        finished = min(shift.ended or timezone.now(), end)
        if finished > began:
            seconds += (finished - began).total_seconds()
    return round(seconds / 3600, 1)


def _week_start(moment: datetime) -> datetime:
    local = timezone.localtime(moment)
    monday = local - timedelta(days=local.weekday())
    return monday.replace(hour=0, minute=0, second=0, microsecond=0)


def hours_by_week(
    listener: Member, weeks: int = 5, now: datetime | None = None
) -> list[dict]:
    """Her hours on duty this week and the weeks before, newest first."""
    now = now or timezone.now()
    start = _week_start(now)
    rows = []
    for back in range(weeks):
        begins = start - timedelta(weeks=back)
        ends = min(begins + timedelta(weeks=1), now)
        rows.append(
            {"week_of": begins.date(), "hours": _hours_between(listener, begins, ends)}
        )
    return rows


def listener_zone(listener: Member, browser_zone: str = "") -> ZoneInfo:
    """Where her nights fall: her browser's zone when it sent a known one, else the
    one kept from when she last went on duty, else the site's."""
    if clean_time_zone(browser_zone):
        return zone_or_default(browser_zone)
    kept = (
        ListenerStatus.objects.filter(listener=listener)
        .values_list("time_zone", flat=True)
        .first()
    )
    return zone_or_default(kept)


def _night_of(moment: datetime, zone: ZoneInfo) -> date | None:
    """The night a moment belongs to (named by the evening it began, where she
    is), or None when the moment is not in the night hours."""
    local = timezone.localtime(moment, zone)
    starts, ends = settings.LISTENER_NIGHT_STARTS, settings.LISTENER_NIGHT_ENDS
    if starts <= ends:
        # Night hours that don't cross midnight (say 0 to 6): named by the evening
        # before.
        if starts <= local.hour < ends:
            return local.date() - timedelta(days=1)
        return None
    if local.hour >= starts:
        return local.date()
    if local.hour < ends:
        return local.date() - timedelta(days=1)
    return None


def _nights_on_duty(
    listener: Member, since: datetime, now: datetime, zone: ZoneInfo
) -> set[date]:
    nights = set()
    shifts = DutyShift.objects.filter(listener=listener, started__lt=now).exclude(
        ended__lt=since
    )
    for shift in shifts.only("started", "ended"):
        moment = max(shift.started, since)
        finished = min(shift.ended or now, now)
        # An hour at a time is fine enough to see which nights a shift touched.
        while moment <= finished:
            night = _night_of(moment, zone)
            if night is not None:
                nights.add(night)
            moment += timedelta(hours=1)
        night = _night_of(finished, zone)
        if night is not None:
            nights.add(night)
    return nights


def nights_in_a_row(
    listener: Member, now: datetime | None = None, zone: ZoneInfo | None = None
) -> int:
    """How many nights in a row, up to the one before now, she was on duty,
    counted in her time zone (listener_zone) unless zone is given."""
    now = now or timezone.now()
    zone = zone or listener_zone(listener)
    limit = settings.LISTENER_NIGHTS_IN_A_ROW
    nights = _nights_on_duty(listener, now - timedelta(days=limit + 2), now, zone)
    tonight = _night_of(now, zone)
    last = (tonight or timezone.localdate(now, zone)) - timedelta(days=1)
    count = 0
    while last in nights:
        count += 1
        last -= timedelta(days=1)
    return count


def nights_needing_a_pause(
    listener: Member, now: datetime | None = None, zone: ZoneInfo | None = None
) -> int:
    """The nights in a row she has been on duty, when going on duty now would be
    another night past the limit; 0 when no pause is called for."""
    now = now or timezone.now()
    zone = zone or listener_zone(listener)
    if _night_of(now, zone) is None:
        return 0
    nights = nights_in_a_row(listener, now, zone)
    return nights if nights >= settings.LISTENER_NIGHTS_IN_A_ROW else 0


def hard_chats(listener: Member, days: int = 2) -> list[Room]:
    """Her private chats that ended lately and were hard: escalated, the crisis
    panel raised in them, ended by a moderator, or longer than an hour; without a
    debrief asked for yet."""
    since = timezone.now() - timedelta(days=days)
    rooms = (
        Room.objects.filter(
            kind=Room.Kind.PRIVATE,
            ended_at__gte=since,
            memberships__member=listener,
            memberships__role=RoomMembership.Role.LISTENER,
        )
        .select_related("request")
        .distinct()
        .order_by("-ended_at")
    )
    asked = set(
        DebriefRequest.objects.filter(
            listener=listener, room__isnull=False
        ).values_list("room_id", flat=True)
    )
    moderator_ids = set(
        RoomMembership.objects.filter(
            room__in=rooms, role=RoomMembership.Role.MODERATOR
        ).values_list("member_id", flat=True)
    )
    recent = list(rooms[:20])
    crisis_rooms = _rooms_with_crisis_panel(recent)
    hard = []
    for room in recent:
        if room.pk in asked:
            continue
        ended_by_moderator = room.ended_by_id in moderator_ids
        long_chat = room.ended_at - room.created > timedelta(hours=1)
        crisis = bool(room.request and room.request.urgent) or room.pk in crisis_rooms
        if room.escalated_at or ended_by_moderator or long_chat or crisis:
            hard.append(room)
    return hard


def _rooms_with_crisis_panel(rooms: list[Room]) -> set[int]:
    """The rooms where the member wrote something serious enough that the crisis
    panel was raised (the screening queued it for moderators as high or urgent)."""
    room_of = {
        str(message_id): room_id
        for message_id, room_id in ChatMessage.objects.filter(
            room__in=rooms, author_role=RoomMembership.Role.MEMBER
        ).values_list("pk", "room_id")
    }
    if not room_of:
        return set()
    flagged = ReviewItem.objects.filter(
        kind="chat_message",
        object_id__in=list(room_of),
        level__in=[Level.HIGH, Level.URGENT],
    ).values_list("object_id", flat=True)
    return {room_of[object_id] for object_id in flagged}


def debriefs_open() -> QuerySet[DebriefRequest]:
    return (
        DebriefRequest.objects.exclude(status=DebriefRequest.Status.DONE)
        .select_related("listener", "room", "handled_by")
        .order_by("created", "pk")
    )


def debriefs_for(listener: Member) -> QuerySet[DebriefRequest]:
    return DebriefRequest.objects.filter(listener=listener).order_by("-created")
