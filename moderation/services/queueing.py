"""Queueing: putting things in front of moderators. One review item per target
gathers every signal about it (screenings, alerts; reports add theirs in reports.py),
and moderators hear of each change live, after commit: the queue's counts, and an
alert for a new risk item or a live-support call for help."""

import logging
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.broadcast import broadcast_now, broadcast_on_commit
from moderation import events, registry
from moderation.models import (
    LEVEL_RANK,
    AuditEntry,
    Level,
    MemberStanding,
    QueueView,
    ReviewItem,
)
from moderation.selectors import queue_counts
from moderation.services.audit import audit_append
from moderation.services.permissions import ModerationRefused
from moderation.services.screening import Screening

logger = logging.getLogger(__name__)

# Points an item gains; the queue sorts by level first, then by score.
SCORE_FOR_LEVEL = {"urgent": 100, "high": 50, "low": 10, "none": 5}
SCORE_PER_REPORT = 10
# A post held only because of who wrote it or where (not what it says).
SCORE_ROUTINE_HOLD = 1


# --- Items and their targets ---------------------------------------------------------


def kind_of(target) -> str:
    """The registered kind of target; an unregistered model is still queued, by name."""
    return registry.kind_for_model(type(target)) or target._meta.model_name


def snapshot_of(target) -> dict:
    """What target looks like now, for the queue (see registry.Moderatable)."""
    try:
        return registry.for_object(target).snapshot(target)
    except LookupError:
        return {"text": "", "title": str(target), "context": []}
    except Exception:
        logger.exception("Snapshot of %r failed", target)
        return {"text": "", "title": "", "context": []}


def target_of(item: ReviewItem):
    """The object item is about, or None when it is gone."""
    model = item.content_type.model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=item.object_id).first()


def lock_item(item_id: int) -> ReviewItem:
    """The review item, locked until the transaction ends. Call inside one."""
    try:
        return ReviewItem.objects.select_for_update().get(pk=item_id)
    except ReviewItem.DoesNotExist:
        raise ModerationRefused(_("That item no longer exists.")) from None


def item_for_target(target, author) -> tuple[ReviewItem, bool]:
    """Lock (or create) the one review item for target. A decided item reopens as a
    new round. Caller must be inside a transaction."""
    content_type = ContentType.objects.get_for_model(target)
    kind = kind_of(target)
    try:
        with transaction.atomic():
            item, created = ReviewItem.objects.select_for_update().get_or_create(
                content_type=content_type,
                object_id=str(target.pk),
                defaults={"kind": kind, "author": author, "view": QueueView.REPORTS},
            )
    except IntegrityError:
        item = ReviewItem.objects.select_for_update().get(
            content_type=content_type, object_id=str(target.pk)
        )
        created = False
    if not item.is_open:
        open_round(item)
        item.escalated = False
        item.excluded_moderator = None
        item.score = 0
        item.level = Level.NONE
        item.categories, item.rules, item.reasons = [], [], []
        item.report_count = 0
        item.held = False
        created = True
    return item, created


def open_round(item: ReviewItem) -> None:
    """Reopen a decided item as a new round: a new version, so decisions meant for
    the last round are refused, and its own clock for time to first action."""
    item.status = ReviewItem.Status.OPEN
    item.version += 1
    item.opened_at = timezone.now()
    item.first_action_at = None
    item.decided_at = None


def view_for(item: ReviewItem, *, appeal: bool = False) -> str:
    """The queue view item belongs in."""
    if appeal:
        return QueueView.APPEALS
    if item.is_risk:
        return QueueView.SAFETY
    if item.held:
        return QueueView.HELD
    return QueueView.REPORTS


def reason_entry(source: str, text: str, **extra: Any) -> dict:
    """One entry of item.reasons: where a signal came from, its words, when."""
    return {"source": source, "text": text, "at": timezone.now().isoformat(), **extra}


def level_max(a: str, b: str) -> str:
    return a if LEVEL_RANK.get(a, 0) >= LEVEL_RANK.get(b, 0) else b


def merge_signal(
    item: ReviewItem, *, level: str, categories, rules, score: int, reason: dict
) -> None:
    """Add one signal (a screening, an alert, a report) to item; not saved."""
    item.level = level_max(item.level, level)
    item.categories = sorted(set(item.categories) | set(categories))
    item.rules = sorted(set(item.rules) | set(rules))
    item.score += score
    item.reasons = [*item.reasons, reason]


# --- Telling moderators --------------------------------------------------------------


def announce_counts(*, changed_view: str = "") -> None:
    """Send moderators' queue pages the counts as they stand once this commits."""

    def send() -> None:
        broadcast_now(
            events.QUEUE_GROUP,
            events.counts_event(queue_counts(), changed_view=changed_view),
        )

    transaction.on_commit(send)


def alert_moderators(
    *,
    alert: str,
    level: str,
    message: str,
    url: str,
    item: int | None = None,
    view: str = "",
) -> None:
    """Ping every moderator's open sockets after commit, for something that needs
    them live and has no new item (a listener asking again for a moderator in a
    chat). alert names what happened; message is the words they read; url where to
    act on it."""
    broadcast_on_commit(
        events.ALERTS_GROUP,
        events.alert_event(
            alert=alert, level=level, message=message, url=url, item=item, view=view
        ),
    )


def _default_alert_message(item: ReviewItem) -> str:
    if item.level == Level.URGENT:
        return _("An urgent item has come into the safety queue.")
    return _("A new item in the safety queue needs a moderator's care.")


def announce(
    item: ReviewItem,
    *,
    new: bool,
    alert: str = "",
    message: str = "",
    url: str = "",
) -> None:
    """After commit: fresh counts for the queue pages, and an alert when item is a
    new risk item (with the given words and link, or the item's)."""
    if new and item.is_risk:
        alert_moderators(
            alert=alert or "safety_item",
            level=item.level,
            message=message or _default_alert_message(item),
            url=url or reverse("moderation:item", args=[item.pk]),
            item=item.pk,
            view=item.view,
        )
    announce_counts(changed_view=item.view)


# --- Screenings and alerts -----------------------------------------------------------


def screening_reason(screening: Screening) -> tuple[str, str, int]:
    """(source, words for moderators, score) of a screening that needs review."""
    score = SCORE_FOR_LEVEL.get(screening.level, 5)
    routine = registry.hold_reason(screening.hold_reason)
    if routine is not None:
        if not screening.flag and screening.level == "none":
            score = SCORE_ROUTINE_HOLD
        return routine.key, str(routine.explanation), score
    text = screening.hold_reason or ", ".join(screening.categories) or "flag"
    return "rule", text, score


def record_screening(
    *, target, author, screening: Screening, edited: bool = False
) -> None:
    """After target is saved, queue it for review when the screening asks for it and
    alert moderators (after commit). Call inside the transaction that saved target.

    A new post of a kind registered as counting towards trust counts once towards
    the author's standing: here when it goes out unheld, or, when it is held, at its
    first approval (item_decide). Pass edited=True for a change to an existing post.
    Edits don't count: trust grows with new posts (rewording one post ten times is
    not ten posts).
    """
    if screening.blocked:
        return
    registration = registry.find_kind(kind_of(target))
    counts_towards_trust = (
        not edited and registration is not None and registration.counts_toward_trust
    )
    counts_now = counts_towards_trust and not screening.hold
    if not counts_now and not screening.needs_review:
        return
    with transaction.atomic():
        if counts_now:
            standing, _created = MemberStanding.objects.get_or_create(member=author)
            MemberStanding.objects.filter(pk=standing.pk).update(
                approved_count=F("approved_count") + 1
            )
        if not screening.needs_review:
            return
        item, new = item_for_target(target, author)
        source, text, score = screening_reason(screening)
        merge_signal(
            item,
            level=screening.level,
            categories=screening.categories,
            rules=screening.rules,
            score=score,
            reason=reason_entry(
                source,
                text,
                rules=list(screening.rules),
                categories=list(screening.categories),
            ),
        )
        item.held = item.held or screening.hold
        if counts_towards_trust and screening.hold:
            item.counts_on_approval = True
        item.author = author
        item.snapshot = snapshot_of(target)
        item.view = view_for(item)
        item.save()
        audit_append(
            actor=None,
            kind=AuditEntry.Kind.ITEM_QUEUED,
            target_type=item.kind,
            target_id=item.object_id,
            after={
                "item": item.pk,
                "level": item.level,
                "held": item.held,
                "rules": list(screening.rules),
                "categories": list(screening.categories),
            },
            reason=source,
        )
        announce(item, new=new)


def alert_raise(
    *,
    target,
    author,
    level: str,
    categories,
    reason: str,
    message: str = "",
    url: str = "",
    alert: str = "",
    always_alert: bool = False,
) -> ReviewItem:
    """Raise a safety alert about target without any text to assess (for example an
    urgent live-support request). Call inside the transaction that saved target.

    A new high or urgent item alerts moderators live, after commit, once: with
    message and url when given (words for a moderator, where to act), otherwise
    with plain words and the item's page. alert names what happened for clients
    that tell alerts apart (default "safety_item"). always_alert alerts even when
    the item was already open: someone asking for help is news every time.
    """
    if level not in LEVEL_RANK:
        raise ValueError(f"Unknown level: {level}")
    with transaction.atomic():
        item, new = item_for_target(target, author)
        merge_signal(
            item,
            level=level,
            categories=tuple(categories),
            rules=(),
            score=SCORE_FOR_LEVEL.get(level, 5),
            reason=reason_entry("alert", reason, categories=list(categories)),
        )
        if author is not None:
            item.author = author
        item.snapshot = snapshot_of(target)
        item.view = view_for(item)
        item.save()
        audit_append(
            actor=None,
            kind=AuditEntry.Kind.ALERT_RAISED,
            target_type=item.kind,
            target_id=item.object_id,
            after={"item": item.pk, "level": level, "categories": list(categories)},
            reason=reason,
        )
        announce(item, new=new or always_alert, alert=alert, message=message, url=url)
    return item
