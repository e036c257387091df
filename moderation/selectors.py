"""Moderation reads: the queue, an author's history, counts and reports."""

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from statistics import median

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, F, QuerySet
from django.http import Http404
from django.utils import timezone

from core.models import DailyCount
from moderation.levels import LEVEL_RANK, Level
from moderation.models import (
    AuditEntry,
    Decision,
    MemberStanding,
    ModeratorActivity,
    ModeratorNote,
    Notice,
    QueueView,
    Report,
    ReviewItem,
    Sanction,
)


def is_moderator(member) -> bool:
    return bool(member and member.is_authenticated and member.can("moderate"))


def require_moderator(member) -> None:
    """Moderation pages don't exist for anyone else: 404, never 403."""
    if not is_moderator(member):
        raise Http404


def queue_counts() -> dict[str, int]:
    """Open items per view, plus how many are urgent. One query, read from the
    queue's index alone."""
    counts = dict.fromkeys(["total", "urgent", *QueueView.values], 0)
    groups = (
        ReviewItem.objects.filter(status=ReviewItem.Status.OPEN)
        .values_list("view", "level_rank")
        .annotate(items=Count("*"))
        .order_by()
    )
    for view, level_rank, items in groups:
        counts["total"] += items
        counts[view] += items
        if level_rank == LEVEL_RANK[Level.URGENT]:
            counts["urgent"] += items
    return counts


def queue_for(moderator, view: str) -> QuerySet[ReviewItem]:
    """Open items of one view, the most urgent first, then by score and age."""
    return (
        ReviewItem.objects.filter(status=ReviewItem.Status.OPEN, view=view)
        .select_related("claimed_by", "author", "excluded_moderator")
        .order_by("-level_rank", "-score", "opened_at")
    )


def item_for_moderator(moderator, item_id: int) -> ReviewItem:
    require_moderator(moderator)
    try:
        return ReviewItem.objects.select_related(
            "claimed_by", "author", "excluded_moderator", "content_type"
        ).get(pk=item_id)
    except ReviewItem.DoesNotExist:
        raise Http404 from None


def author_history(member) -> dict:
    """What moderators see about an item's author, next to the item."""
    if member is None:
        return {}
    standing = MemberStanding.objects.filter(member=member).first()
    decisions = (
        Decision.objects.filter(item__author=member)
        .select_related("moderator", "item")
        .order_by("-created")[:10]
    )
    return {
        "member": member,
        "standing": standing,
        "decisions": list(decisions),
        "notes": list(
            ModeratorNote.objects.filter(member=member).select_related("author")[:10]
        ),
        "sanctions": list(
            Sanction.objects.filter(member=member)
            .select_related("issued_by")
            .order_by("-created")[:10]
        ),
    }


def live_support_pause_for(member, now: datetime | None = None) -> Sanction | None:
    """The active sanction that keeps member from live support the longest (one
    without an end first), or None when she may ask for a listener."""
    return (
        Sanction.objects.active(now or timezone.now())
        .pausing_live_support()
        .filter(member=member)
        .order_by(F("ends_at").desc(nulls_first=True))
        .first()
    )


def sanction_appeals_waiting(limit: int = 50) -> list[Sanction]:
    """Appeals against sanctions that no moderator has decided yet, oldest first."""
    return list(
        Sanction.objects.filter(
            appealed_at__isnull=False, appeal_decided_at__isnull=True
        )
        .select_related("member")
        .order_by("appealed_at")[:limit]
    )


def sanctions_to_show(member) -> list[Sanction]:
    """Active restrictions and unacknowledged warnings, for the member's banner."""
    if member is None or not member.is_authenticated:
        return []
    return list(Sanction.objects.to_show().filter(member=member).order_by("-created"))


def unread_notices(member) -> list[Notice]:
    if member is None or not member.is_authenticated:
        return []
    return list(
        Notice.objects.filter(member=member, read_at__isnull=True).order_by("-created")[
            :5
        ]
    )


def notices_for(member) -> QuerySet[Notice]:
    return (
        Notice.objects.filter(member=member)
        .select_related("decision")
        .order_by("-created")
    )


def reports_by(member) -> QuerySet[Report]:
    """A member's own reports, newest first (outcome only, nobody named)."""
    return Report.objects.filter(reporter=member).order_by("-created")


def break_due(moderator, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    activity = ModeratorActivity.objects.filter(moderator=moderator).first()
    if activity is None:
        return False
    stretch = activity.last_seen_at - activity.stretch_started_at
    return stretch >= timedelta(minutes=settings.MODERATOR_BREAK_AFTER_MINUTES)


def audit_entries(
    *,
    actor: str = "",
    kind: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.all()
    if actor:
        entries = entries.filter(actor_label__iexact=actor)
    if kind:
        entries = entries.filter(kind=kind)
    if since:
        entries = entries.filter(created__date__gte=since)
    if until:
        entries = entries.filter(created__date__lte=until)
    return entries


def _minutes(delta: timedelta) -> float:
    return round(delta.total_seconds() / 60, 1)


TYPICAL_WAIT_CACHE_KEY = "moderation:typical-wait"
TYPICAL_WAIT_SAMPLE = 50
TYPICAL_WAIT_CACHE_SECONDS = 300


def typical_wait() -> timedelta | None:
    """The median time from a queue round opening to its decision, over the last
    TYPICAL_WAIT_SAMPLE decisions (escalations are not decisions for the author),
    or None before there are any. Every held post asks, so it is cached for a few
    minutes."""
    seconds = cache.get(TYPICAL_WAIT_CACHE_KEY)
    if seconds is None:
        rows = (
            Decision.objects.exclude(action=Decision.Action.ESCALATE)
            .order_by("-created")
            .values_list("created", "round_opened_at")[:TYPICAL_WAIT_SAMPLE]
        )
        waits = [(created - opened).total_seconds() for created, opened in rows]
        seconds = max(median(waits), 0) if waits else -1
        cache.set(TYPICAL_WAIT_CACHE_KEY, seconds, TYPICAL_WAIT_CACHE_SECONDS)
    return None if seconds < 0 else timedelta(seconds=seconds)


def hold_reason_of(target) -> str:
    """Why target is held: the source of the first routine or rule reason on its
    open review item ("" when nothing in the queue holds it)."""
    reasons = (
        ReviewItem.objects.filter(
            content_type=ContentType.objects.get_for_model(target),
            object_id=str(target.pk),
            status=ReviewItem.Status.OPEN,
            held=True,
        )
        .values_list("reasons", flat=True)
        .first()
    )
    for reason in reasons or ():
        if reason.get("source") not in {"report", "alert", "appeal"}:
            return reason.get("source", "")
    return ""


def dashboard(now: datetime | None = None) -> dict:
    """Queue size, items by category and median response times over 30 days."""
    now = now or timezone.now()
    since = now - timedelta(days=30)
    counts = queue_counts()
    categories: Counter = Counter()
    for item_categories in ReviewItem.objects.filter(opened_at__gte=since).values_list(
        "categories", flat=True
    ):
        categories.update(item_categories or [])
    first_action: dict[date, list[float]] = defaultdict(list)
    to_decision: dict[date, list[float]] = defaultdict(list)
    decisions = Decision.objects.filter(created__gte=since).values_list(
        "created", "round_opened_at", "round_first_action_at"
    )
    for created, opened, first in decisions:
        day = timezone.localtime(created).date()
        to_decision[day].append(_minutes(created - opened))
        first_action[day].append(_minutes((first or created) - opened))
    days = [(now - timedelta(days=offset)).date() for offset in range(29, -1, -1)]
    all_first = [value for values in first_action.values() for value in values]
    all_decided = [value for values in to_decision.values() for value in values]
    return {
        "counts": counts,
        "queue": [(view.label, counts[view.value]) for view in QueueView],
        "categories": categories.most_common(),
        "first_action_by_day": [
            (day, median(first_action[day]) if first_action[day] else None)
            for day in days
        ],
        "decision_by_day": [
            (day, median(to_decision[day]) if to_decision[day] else None)
            for day in days
        ],
        "median_first_action": median(all_first) if all_first else None,
        "median_decision": median(all_decided) if all_decided else None,
        "decided_count": len(all_decided),
    }


def transparency(now: datetime | None = None, months: int = 12) -> dict:
    """Counts only: actions per guideline per month, sanctions per month, and how
    often the crisis panel was shown. No content and no names."""
    now = now or timezone.now()
    start = (
        timezone.localtime(now).date().replace(day=1)
        - timedelta(days=31 * (months - 1))
    ).replace(day=1)
    actions = defaultdict(Counter)
    for created, action, guideline in (
        Decision.objects.filter(created__date__gte=start)
        .exclude(action=Decision.Action.ESCALATE)
        .values_list("created", "action", "guideline")
    ):
        month = timezone.localtime(created).strftime("%Y-%m")
        actions[month][(guideline, action)] += 1
    sanctions = defaultdict(Counter)
    for created, kind in Sanction.objects.filter(created__date__gte=start).values_list(
        "created", "kind"
    ):
        sanctions[timezone.localtime(created).strftime("%Y-%m")][kind] += 1
    crisis = Counter()
    for day, count in DailyCount.objects.filter(
        name="crisis_panel_shown", day__gte=start
    ).values_list("day", "count"):
        crisis[day.strftime("%Y-%m")] += count
    months_seen = sorted(set(actions) | set(sanctions) | set(crisis), reverse=True)
    return {
        "months": [
            {
                "month": month,
                "first_day": date.fromisoformat(f"{month}-01"),
                "actions": sorted(
                    (guideline, action, count)
                    for (guideline, action), count in actions[month].items()
                ),
                "sanctions": sorted(sanctions[month].items()),
                "crisis_panel": crisis[month],
            }
            for month in months_seen
        ],
    }
