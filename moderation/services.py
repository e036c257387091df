"""Moderation writes: screening content, reports, reviews, decisions and sanctions.

Every change a moderator makes goes through a function here, and each one appends to
the audit log in the same transaction. Functions that read a review item and then
change it lock it with select_for_update first.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.guidelines import guideline as get_guideline
from core import ratelimit
from core.broadcast import broadcast_now, broadcast_on_commit
from moderation import registry
from moderation.messages import DEFAULT_TEMPLATES
from moderation.models import (
    LEVEL_RANK,
    Appeal,
    AuditEntry,
    Decision,
    Level,
    MemberStanding,
    MessageTemplate,
    ModeratorActivity,
    ModeratorNote,
    Notice,
    QueueView,
    Report,
    ReviewItem,
    Sanction,
)
from moderation.rules import assess

logger = logging.getLogger(__name__)

MODERATORS_GROUP = "moderators"

# Points an item gains; the queue sorts by level first, then by score.
SCORE_FOR_LEVEL = {"urgent": 100, "high": 50, "low": 10, "none": 5}
SCORE_PER_REPORT = 10
# A post held only because of who wrote it or where (not what it says).
SCORE_ROUTINE_HOLD = 1


def knob(name: str, default: int) -> int:
    """An operator setting with the default documented in the README."""
    return int(getattr(settings, name, default))


class ModerationRefused(Exception):
    """An action that can't be done now; str() is a message for the moderator."""


@dataclass(frozen=True)
class Screening:
    """What the rules and the author's standing say about a text about to be saved."""

    level: str = "none"  # none, low, high, urgent
    categories: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    hold: bool = False  # save it as held: hidden from others until approved
    hold_reason: str = ""
    signpost: bool = False  # show the writer the crisis panel / resources
    nudge: bool = False  # harsh wording: ask the writer to reconsider first
    flag: bool = False  # queue it for review while it stays visible
    blocked: str = ""  # non-empty: the author may not post now (muted, suspended)

    @property
    def needs_review(self) -> bool:
        return self.hold or self.flag or self.level in {"high", "urgent"}


# --- Trust ---------------------------------------------------------------------------

TRUST_LABELS = {0: "new", 1: "settled", 2: "trusted"}


def trust_compute(*, member, standing: MemberStanding | None, now: datetime) -> int:
    """Trust rises with time and approved posts, and falls with upheld reports and
    sanctions. A moderator's override wins."""
    if standing is not None and standing.trust_override is not None:
        return standing.trust_override
    approved = standing.approved_count if standing else 0
    upheld = standing.upheld_reports if standing else 0
    days = (now - member.date_joined).days
    level = 0
    if approved >= knob("PREMODERATION_POSTS", 2):
        level = 1
    if days >= knob("TRUST_TRUSTED_AFTER_DAYS", 14) and approved >= knob(
        "TRUST_TRUSTED_AFTER_POSTS", 10
    ):
        level = 2
    level -= upheld
    recent = now - timedelta(days=knob("TRUST_SANCTION_MEMORY_DAYS", 90))
    sanctions = Sanction.objects.filter(
        member=member, created__gte=recent, lifted_at=None
    )
    kinds = set(sanctions.values_list("kind", flat=True))
    if kinds - {Sanction.Kind.WARNING}:
        level = 0
    elif kinds:
        level -= 1
    return max(0, min(2, level))


def standing_refresh(*, member) -> MemberStanding:
    """Recompute and store a member's trust level; audit a change."""
    standing, _created = MemberStanding.objects.select_for_update().get_or_create(
        member=member
    )
    before = standing.trust_level
    standing.trust_level = trust_compute(
        member=member, standing=standing, now=timezone.now()
    )
    standing.save()
    if standing.trust_level != before:
        audit_append(
            actor=None,
            kind=AuditEntry.Kind.TRUST_CHANGED,
            target_type="member",
            target_id=member.pk,
            before={"trust": before},
            after={"trust": standing.trust_level},
        )
    return standing


def trust_set(*, member, moderator, level: int | None, reason: str) -> MemberStanding:
    """Set (or with None, clear) a moderator's override of a member's trust."""
    require_role(moderator, "moderate")
    if level is not None and level not in TRUST_LABELS:
        raise ModerationRefused(_("Trust is 0, 1 or 2."))
    with transaction.atomic():
        standing, _created = MemberStanding.objects.select_for_update().get_or_create(
            member=member
        )
        before = {"override": standing.trust_override, "trust": standing.trust_level}
        standing.trust_override = level
        standing.save()
        standing = standing_refresh(member=member)
        audit_append(
            actor=moderator,
            kind=AuditEntry.Kind.TRUST_CHANGED,
            target_type="member",
            target_id=member.pk,
            before=before,
            after={"override": level, "trust": standing.trust_level},
            reason=reason,
        )
    return standing


# --- Screening -----------------------------------------------------------------------


def blocked_message(sanction: Sanction) -> str:
    until = (
        timezone.localtime(sanction.ends_at).strftime("%d %b %Y, %H:%M")
        if (sanction.ends_at)
        else ""
    )
    if sanction.kind == Sanction.Kind.MUTE:
        return _(
            "You can keep reading, but posting and chatting are paused for you until "
            "%(until)s. The moderators' message at the top of the page says why."
        ) % {"until": until}
    if sanction.kind == Sanction.Kind.SUSPENSION:
        return _("Your account is suspended until %(until)s.") % {"until": until}
    return _("Your account can no longer post on Kindred.")


@dataclass(frozen=True)
class AuthorState:
    """What screening needs to know about an author besides the text. A chat socket
    reads it once and keeps it for a few seconds rather than once per message."""

    blocked: str = ""  # non-empty: an active sanction's message
    new_account: bool = False  # young or trust 0: the stricter spam rules apply
    approved_count: int = 0
    trust: int = 0


def active_sanction_message(*, author, now: datetime | None = None) -> str:
    """What an active sanction tells author when they try to post, or "" when no
    sanction stops them (one query, two for a member with a sanction not lifted)."""
    if not _has_unlifted_sanction(author):
        return ""
    sanction = (
        Sanction.objects.active(now or timezone.now()).filter(member=author).first()
    )
    return blocked_message(sanction) if sanction is not None else ""


def _has_unlifted_sanction(author) -> bool:
    """Whether author has any sanction not lifted. Live chat asks for every writer
    every few seconds and nearly always hears no: in plain SQL the answer costs a
    few microseconds, where building the ORM query costs a good part of a
    millisecond."""
    quote = connection.ops.quote_name
    table = quote(Sanction._meta.db_table)
    member = quote(Sanction._meta.get_field("member").column)
    lifted_at = quote(Sanction._meta.get_field("lifted_at").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {table} WHERE {member} = %s AND {lifted_at} IS NULL"
            " LIMIT 1",
            [author.pk],
        )
        return cursor.fetchone() is not None


def author_state(*, author, now: datetime | None = None) -> AuthorState:
    now = now or timezone.now()
    blocked = active_sanction_message(author=author, now=now)
    if blocked:
        return AuthorState(blocked=blocked)
    standing = MemberStanding.objects.filter(member=author).first()
    trust = trust_compute(member=author, standing=standing, now=now)
    young = now - author.date_joined < timedelta(days=knob("NEW_ACCOUNT_DAYS", 7))
    return AuthorState(
        new_account=young or trust == 0,
        approved_count=standing.approved_count if standing else 0,
        trust=trust,
    )


def screen_submission(
    *, author, text: str, context: str, state: AuthorState | None = None
) -> Screening:
    """Decide, before saving, how a member's text is to be treated. Writes nothing.

    context is "thread", "reply" or "chat". Pre-moderation applies to forum posts
    only: a live chat is never held back from the listener. state is the author's
    as author_state() read it; it is read now when not given.
    """
    if state is None:
        state = author_state(author=author)
    if state.blocked:
        return Screening(blocked=state.blocked)
    assessment = assess(text, new_account=state.new_account)
    hold = assessment.hold
    hold_reason = "rule" if hold else ""
    if "identifying_details" in assessment.categories:
        # Held whatever the author's trust: anonymity is not ours to give away.
        hold, hold_reason = True, "identifying_details"
    if (
        context in {"thread", "reply"}
        and state.approved_count < knob("PREMODERATION_POSTS", 2)
        and state.trust < knob("TRUST_SKIPS_PREMODERATION", 2)
        and not hold
    ):
        hold, hold_reason = True, "premoderation"
    return Screening(
        level=assessment.level,
        categories=tuple(assessment.categories),
        rules=tuple(assessment.rules),
        hold=hold,
        hold_reason=hold_reason,
        signpost=assessment.signpost,
        nudge=assessment.nudge,
        flag=assessment.flag,
    )


def _level_max(a: str, b: str) -> str:
    return a if LEVEL_RANK.get(a, 0) >= LEVEL_RANK.get(b, 0) else b


def _view_for(item: ReviewItem, *, appeal: bool = False) -> str:
    if appeal:
        return QueueView.APPEALS
    if item.is_risk:
        return QueueView.SAFETY
    if item.held:
        return QueueView.HELD
    return QueueView.REPORTS


def _reason(source: str, text: str, **extra: Any) -> dict:
    return {"source": source, "text": text, "at": timezone.now().isoformat(), **extra}


def _item_for_target(target, author) -> tuple[ReviewItem, bool]:
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
        now = timezone.now()
        item.status = ReviewItem.Status.OPEN
        item.version += 1
        item.opened_at = now
        item.first_action_at = None
        item.decided_at = None
        item.escalated = False
        item.excluded_moderator = None
        item.score = 0
        item.level = Level.NONE
        item.categories, item.rules, item.reasons = [], [], []
        item.report_count = 0
        item.held = False
        created = True
    return item, created


def kind_of(target) -> str:
    """The registered kind of target; an unregistered model is still queued, by name."""
    return registry.kind_for_model(type(target)) or target._meta.model_name


def _registration(kind: str) -> registry.Moderatable | None:
    try:
        return registry.for_kind(kind)
    except KeyError:
        return None


def snapshot_of(target) -> dict:
    try:
        return registry.for_object(target).snapshot(target)
    except LookupError:
        return {"text": "", "title": str(target), "context": []}
    except Exception:
        logger.exception("Snapshot of %r failed", target)
        return {"text": "", "title": "", "context": []}


def _merge_signal(
    item: ReviewItem, *, level: str, categories, rules, score: int, reason: dict
) -> None:
    item.level = _level_max(item.level, level)
    item.categories = sorted(set(item.categories) | set(categories))
    item.rules = sorted(set(item.rules) | set(rules))
    item.score += score
    item.reasons = [*item.reasons, reason]


def _announce(item: ReviewItem, *, new: bool) -> None:
    """After commit: fresh counts for every moderator; an alert for risk items."""
    if new and item.is_risk:
        broadcast_on_commit(
            MODERATORS_GROUP,
            {
                "type": "moderation.alert",
                "item": item.pk,
                "level": item.level,
                "view": item.view,
            },
        )
    announce_counts(changed_view=item.view)


def announce_counts(*, changed_view: str = "") -> None:
    """Send every moderator the queue counts as they stand once this commits."""
    from moderation.selectors import queue_counts

    def send() -> None:
        broadcast_now(
            MODERATORS_GROUP,
            {
                "type": "moderation.counts",
                "counts": queue_counts(),
                "view": changed_view,
            },
        )

    transaction.on_commit(send)


# Holds that say nothing about the text itself, with how the queue explains them.
ROUTINE_HOLDS = {
    "premoderation": "premoderation",
    "space_approval": "New threads in this space need a moderator's approval.",
}


def _screening_reason(screening: Screening) -> tuple[str, str, int]:
    """(source, words for moderators, score) of a screening that needs review."""
    score = SCORE_FOR_LEVEL.get(screening.level, 5)
    if screening.hold_reason in ROUTINE_HOLDS:
        if not screening.flag and screening.level == "none":
            score = SCORE_ROUTINE_HOLD
        return screening.hold_reason, ROUTINE_HOLDS[screening.hold_reason], score
    text = screening.hold_reason or ", ".join(screening.categories) or "flag"
    return "rule", text, score


def record_screening(
    *, target, author, screening: Screening, edited: bool = False
) -> None:
    """After target is saved, queue it for review when the screening asks for it and
    alert moderators (after commit). Call inside the transaction that saved target.

    A new forum post counts once towards the author's standing: here when it goes
    out unheld, or, when it is held, at its first approval (item_decide). Pass
    edited=True for a change to an existing post. Edits and chat messages don't
    count: trust grows with new posts (rewording one post ten times is not ten
    posts), and the chat path stays light.
    """
    if screening.blocked:
        return
    counts_towards_trust = not edited and kind_of(target) not in {
        "member",
        "chat_message",
    }
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
        item, new = _item_for_target(target, author)
        source, text, score = _screening_reason(screening)
        _merge_signal(
            item,
            level=screening.level,
            categories=screening.categories,
            rules=screening.rules,
            score=score,
            reason=_reason(
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
        item.view = _view_for(item)
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
        _announce(item, new=new)


def alert_raise(*, target, author, level: str, categories, reason: str) -> ReviewItem:
    """Raise a safety alert about target without any text to assess (for example an
    urgent live-support request). Call inside the transaction that saved target."""
    if level not in LEVEL_RANK:
        raise ValueError(f"Unknown level: {level}")
    with transaction.atomic():
        item, new = _item_for_target(target, author)
        _merge_signal(
            item,
            level=level,
            categories=tuple(categories),
            rules=(),
            score=SCORE_FOR_LEVEL.get(level, 5),
            reason=_reason("alert", reason, categories=list(categories)),
        )
        if author is not None:
            item.author = author
        item.snapshot = snapshot_of(target)
        item.view = _view_for(item)
        item.save()
        audit_append(
            actor=None,
            kind=AuditEntry.Kind.ALERT_RAISED,
            target_type=item.kind,
            target_id=item.object_id,
            after={"item": item.pk, "level": level, "categories": list(categories)},
            reason=reason,
        )
        _announce(item, new=new)
    return item


# --- Reports -------------------------------------------------------------------------

REPORTS_PER_HOUR = 10


def report_create(
    *, reporter, target, guideline: int, words: str = ""
) -> tuple[Report, bool]:
    """File reporter's report on target; returns (report, created).

    Reporting the same target again adds nothing. Raises ModerationRefused when the
    reporter is over the hourly limit (counted only for new reports).
    """
    get_guideline(guideline)  # LookupError for an unknown number
    content_type = ContentType.objects.get_for_model(target)
    existing = Report.objects.filter(
        item__content_type=content_type,
        item__object_id=str(target.pk),
        reporter=reporter,
        outcome=Report.Outcome.OPEN,
    ).first()
    if existing is not None:
        return existing, False
    if ratelimit.hit(
        "moderation-report",
        str(reporter.pk),
        limit=knob("REPORTS_PER_HOUR", REPORTS_PER_HOUR),
        period=3600,
    ):
        raise ModerationRefused(
            _(
                "You have sent a lot of reports in the last hour. Thank you; the "
                "moderators will get to them. Please try again a little later."
            )
        )
    snapshot = snapshot_of(target)
    author_id = snapshot.get("author_id")
    author = None
    if author_id:
        from django.contrib.auth import get_user_model

        author = get_user_model().objects.filter(pk=author_id).first()
    with transaction.atomic():
        item, new = _item_for_target(target, author)
        report = Report.objects.filter(item=item, reporter=reporter).first()
        if report is not None:
            # Reported in an earlier round: this round counts it again, once.
            if report.outcome == Report.Outcome.OPEN:
                return report, False
            report.outcome = Report.Outcome.OPEN
            report.closed_at = None
            report.guideline = guideline
            report.words = words
            report.snapshot = snapshot
            report.save()
        else:
            report = Report.objects.create(
                item=item,
                reporter=reporter,
                guideline=guideline,
                words=words,
                snapshot=snapshot,
            )
        _merge_signal(
            item,
            level=Level.NONE,
            categories=(),
            rules=(),
            score=SCORE_PER_REPORT,
            reason=_reason("report", words, guideline=guideline),
        )
        item.report_count += 1
        if author is not None:
            item.author = author
        item.kind = kind_of(target)
        item.snapshot = snapshot
        item.view = _view_for(item)
        item.save()
        audit_append(
            actor=reporter,
            kind=AuditEntry.Kind.REPORT_RECEIVED,
            target_type=item.kind,
            target_id=item.object_id,
            after={"item": item.pk, "guideline": guideline},
        )
        _announce(item, new=new)
    return report, True


# --- Claiming and deciding -----------------------------------------------------------


def require_role(member, action: str) -> None:
    if member is None or not member.is_authenticated or not member.can(action):
        raise PermissionDenied


def _locked_item(item_id: int) -> ReviewItem:
    try:
        return ReviewItem.objects.select_for_update().get(pk=item_id)
    except ReviewItem.DoesNotExist:
        raise ModerationRefused(_("That item no longer exists.")) from None


def _check_may_act(item: ReviewItem, moderator) -> None:
    if not item.is_open:
        raise ModerationRefused(
            _(
                "This item was decided while you were looking at it. Nothing was "
                "changed; the page now shows where it stands."
            )
        )
    if item.claimed_by_id not in (None, moderator.pk):
        raise ModerationRefused(
            _("%(name)s is working on this item.") % {"name": item.claimed_by.pseudonym}
        )
    if item.excluded_moderator_id == moderator.pk:
        raise ModerationRefused(
            _(
                "This appeal is about your own decision, so another moderator needs to "
                "look at it."
            )
        )
    if item.escalated and not moderator.can("senior_moderate"):
        raise ModerationRefused(_("This item is waiting for a senior moderator."))


def _touch_first_action(item: ReviewItem, now: datetime) -> None:
    if item.first_action_at is None:
        item.first_action_at = now


def item_claim(*, item_id: int, moderator) -> ReviewItem:
    """Claim an open item so no other moderator acts on it at the same time."""
    require_role(moderator, "moderate")
    with transaction.atomic():
        item = _locked_item(item_id)
        _check_may_act(item, moderator)
        if item.claimed_by_id == moderator.pk:
            return item
        now = timezone.now()
        item.claimed_by = moderator
        item.claimed_at = now
        _touch_first_action(item, now)
        item.save()
        audit_append(
            actor=moderator,
            kind=AuditEntry.Kind.ITEM_CLAIMED,
            target_type=item.kind,
            target_id=item.object_id,
            after={"item": item.pk},
        )
        announce_counts(changed_view=item.view)
    return item


def item_release(*, item_id: int, moderator) -> ReviewItem:
    """Hand an item back to the queue without deciding it."""
    require_role(moderator, "moderate")
    with transaction.atomic():
        item = _locked_item(item_id)
        if not item.is_open or item.claimed_by_id != moderator.pk:
            raise ModerationRefused(_("You are not holding this item."))
        item.claimed_by = None
        item.claimed_at = None
        item.save()
        audit_append(
            actor=moderator,
            kind=AuditEntry.Kind.ITEM_RELEASED,
            target_type=item.kind,
            target_id=item.object_id,
            after={"item": item.pk},
        )
        announce_counts(changed_view=item.view)
    return item


def render_message(key: str, **values: Any) -> str:
    template = MessageTemplate.objects.filter(key=key).first()
    body = template.body if template else DEFAULT_TEMPLATES[key][1]

    class Blank(dict):
        def __missing__(self, name: str) -> str:
            return ""

    try:
        return body.format_map(Blank(values)).strip()
    except (ValueError, IndexError):
        # A broken template must not stop a decision; fall back to the shipped words.
        return DEFAULT_TEMPLATES[key][1].format_map(Blank(values)).strip()


def _guideline_values(number: int) -> dict:
    item = get_guideline(number)
    return {"guideline": item.number, "guideline_title": str(item.title)}


def _set_status(item: ReviewItem, target, status: str) -> None:
    registration = _registration(item.kind)
    if target is not None and registration and registration.set_status is not None:
        registration.set_status(target, status)


def _target(item: ReviewItem):
    model = item.content_type.model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=item.object_id).first()


def _notify(member, kind: str, body: str, *, decision=None, appealable=False) -> None:
    if member is None:
        return
    Notice.objects.create(
        member=member, kind=kind, body=body, decision=decision, appealable=appealable
    )


APPROVING_ACTIONS = {
    Decision.Action.APPROVE,
    Decision.Action.EDIT,
    Decision.Action.SUPPORT,
}

STATUS_FOR_ACTION = {
    Decision.Action.SUPPORT: "visible",
    Decision.Action.APPROVE: "visible",
    Decision.Action.EDIT: "visible",
    Decision.Action.HIDE: "hidden",
    Decision.Action.REMOVE: "removed",
}


def item_decide(
    *,
    item_id: int,
    moderator,
    action: str,
    guideline: int,
    reason: str,
    version: int,
    new_text: str = "",
) -> ReviewItem:
    """Decide the current round of an item, once.

    version is the round the moderator was looking at: a decision meant for an
    earlier round, or one on an item someone else decided meanwhile, is refused and
    nothing is applied.
    """
    require_role(moderator, "moderate")
    if action not in Decision.Action.values:
        raise ModerationRefused(_("Choose what to do with this item."))
    try:
        values = _guideline_values(int(guideline))
    except (LookupError, TypeError, ValueError):
        raise ModerationRefused(
            _("Choose the guideline this decision rests on.")
        ) from None
    reason = (reason or "").strip()
    if not reason:
        raise ModerationRefused(_("Say briefly why; the author will read it."))
    with transaction.atomic():
        item = _locked_item(item_id)
        _check_may_act(item, moderator)
        if item.version != version:
            raise ModerationRefused(
                _(
                    "Something new arrived on this item while you were looking at it. "
                    "Nothing was changed; please look at it again."
                )
            )
        appeal = (
            Appeal.objects.filter(decision__item=item, resolved_at__isnull=True)
            .select_related("decision")
            .first()
        )
        if action == Decision.Action.UPHOLD and appeal is None:
            raise ModerationRefused(_("There is no appeal to answer on this item."))
        if action == Decision.Action.ESCALATE:
            return _escalate(item, moderator, values, reason)
        registration = _registration(item.kind)
        if action == Decision.Action.EDIT:
            if registration is None or registration.apply_edit is None:
                raise ModerationRefused(_("This kind of item can't be edited here."))
            if not new_text.strip():
                raise ModerationRefused(_("Write the edited text."))
        now = timezone.now()
        _touch_first_action(item, now)
        target = _target(item)
        before_text = item.snapshot.get("text", "")
        if action == Decision.Action.EDIT and target is not None:
            registration.apply_edit(target, new_text)
        if action in STATUS_FOR_ACTION:
            _set_status(item, target, STATUS_FOR_ACTION[action])
        decision = Decision.objects.create(
            item=item,
            moderator=moderator,
            action=action,
            guideline=values["guideline"],
            reason=reason,
            text_before=before_text if action == "edit" else "",
            text_after=new_text if action == "edit" else "",
            is_appeal_decision=appeal is not None,
            round_opened_at=item.opened_at,
            round_first_action_at=item.first_action_at,
        )
        was_held = item.held
        if target is not None and action != Decision.Action.UPHOLD:
            item.snapshot = snapshot_of(target)
        item.status = ReviewItem.Status.DECIDED
        item.claimed_by = None
        item.claimed_at = None
        item.decided_at = now
        item.escalated = False
        item.excluded_moderator = None
        approved = action in APPROVING_ACTIONS
        first_approval = approved and item.counts_on_approval
        if approved:
            item.held = False
            item.counts_on_approval = False
        item.save()
        audit_append(
            actor=moderator,
            kind=(
                AuditEntry.Kind.APPEAL_DECIDED
                if appeal
                else AuditEntry.Kind.ITEM_DECIDED
            ),
            target_type=item.kind,
            target_id=item.object_id,
            before={"item": item.pk, "held": was_held, "round": item.version},
            after={"item": item.pk, "action": action, "decision": decision.pk},
            reason=f"guideline {values['guideline']}: {reason}",
        )
        if action == Decision.Action.EDIT:
            audit_append(
                actor=moderator,
                kind=AuditEntry.Kind.CONTENT_EDITED,
                target_type=item.kind,
                target_id=item.object_id,
                before={"text": before_text},
                after={"text": new_text},
                reason=reason,
            )
        if appeal is not None:
            _close_appeal(appeal, decision, values, reason)
        else:
            _tell_author(item, decision, values, reason, was_held)
            _close_reports(item, decision, values)
        _update_standing(item, decision, appeal, first_approval=first_approval)
        announce_counts(changed_view=item.view)
    return item


def _escalate(item: ReviewItem, moderator, values: dict, reason: str) -> ReviewItem:
    if item.escalated:
        raise ModerationRefused(_("This item is already with the senior moderators."))
    _touch_first_action(item, timezone.now())
    item.escalated = True
    item.claimed_by = None
    item.claimed_at = None
    item.reasons = [
        *item.reasons,
        _reason(
            "escalation", reason, guideline=values["guideline"], by=moderator.pseudonym
        ),
    ]
    item.save()
    audit_append(
        actor=moderator,
        kind=AuditEntry.Kind.ITEM_ESCALATED,
        target_type=item.kind,
        target_id=item.object_id,
        after={"item": item.pk},
        reason=f"guideline {values['guideline']}: {reason}",
    )
    announce_counts(changed_view=item.view)
    return item


def _tell_author(item, decision: Decision, values: dict, reason: str, was_held) -> None:
    action = decision.action
    if action == Decision.Action.APPROVE and not was_held:
        return  # left as it was: nothing for the author to hear about
    appealable = action in {
        Decision.Action.EDIT,
        Decision.Action.HIDE,
        Decision.Action.REMOVE,
    }
    kind = (
        Notice.Kind.SUPPORT
        if action == Decision.Action.SUPPORT
        else Notice.Kind.DECISION
    )
    body = render_message(action, reason=reason, **values)
    _notify(item.author, kind, body, decision=decision, appealable=appealable)
    decision.message = body
    decision.save(update_fields=["message"])


def _close_reports(item: ReviewItem, decision: Decision, values: dict) -> None:
    acted = decision.action in {
        Decision.Action.EDIT,
        Decision.Action.HIDE,
        Decision.Action.REMOVE,
    }
    outcome = Report.Outcome.ACTED if acted else Report.Outcome.KEPT
    reports = list(
        Report.objects.filter(item=item, outcome=Report.Outcome.OPEN).select_related(
            "reporter"
        )
    )
    now = timezone.now()
    for report in reports:
        report.outcome = outcome
        report.closed_at = now
        report.save(update_fields=["outcome", "closed_at", "updated"])
        _notify(
            report.reporter,
            Notice.Kind.REPORT,
            render_message("report_acted" if acted else "report_kept", **values),
        )


def _close_appeal(
    appeal: Appeal, decision: Decision, values: dict, reason: str
) -> None:
    overturned = decision.action != Decision.Action.UPHOLD and (
        decision.action != appeal.decision.action
    )
    appeal.outcome = "overturned" if overturned else "upheld"
    appeal.resolved_at = timezone.now()
    appeal.save(update_fields=["outcome", "resolved_at", "updated"])
    key = "appeal_overturned" if overturned else "appeal_upheld"
    body = render_message(key, reason=reason, **values)
    _notify(appeal.author, Notice.Kind.APPEAL, body, decision=decision)
    decision.message = body
    decision.save(update_fields=["message"])


def _update_standing(item, decision: Decision, appeal, *, first_approval: bool) -> None:
    """Upheld reports lower the author's trust; the first approval of a post held
    since it was posted counts it towards trust."""
    author = item.author
    if author is None:
        return
    standing, _created = MemberStanding.objects.select_for_update().get_or_create(
        member=author
    )
    acted = decision.action in {
        Decision.Action.EDIT,
        Decision.Action.HIDE,
        Decision.Action.REMOVE,
    }
    if appeal is not None:
        earlier_acted = appeal.decision.action in {"hide", "remove"}
        if (
            earlier_acted
            and decision.action in {"approve", "support"}
            and (item.report_count)
            and standing.upheld_reports
        ):
            standing.upheld_reports -= 1
    elif acted and item.report_count:
        standing.upheld_reports += 1
    if first_approval:
        standing.approved_count += 1
    standing.save()
    standing_refresh(member=author)


# --- Appeals -------------------------------------------------------------------------


def appeal_create(*, decision: Decision, author, words: str) -> Appeal:
    """The author asks another moderator to look again; the item reopens in the
    appeals view, and the moderator who decided can't decide it."""
    words = (words or "").strip()
    if not words:
        raise ModerationRefused(_("Tell the moderators, in a few words, why."))
    with transaction.atomic():
        item = _locked_item(decision.item_id)
        if item.author_id != author.pk:
            raise PermissionDenied
        if decision.action not in {"edit", "hide", "remove"}:
            raise ModerationRefused(_("There is nothing to appeal in this decision."))
        if Appeal.objects.filter(decision=decision).exists():
            raise ModerationRefused(_("You have already appealed this decision."))
        if item.is_open or item.decisions.order_by("-created").first() != decision:
            raise ModerationRefused(
                _("The moderators are already looking at this again.")
            )
        appeal = Appeal.objects.create(decision=decision, author=author, words=words)
        now = timezone.now()
        item.status = ReviewItem.Status.OPEN
        item.version += 1
        item.opened_at = now
        item.first_action_at = None
        item.decided_at = None
        item.excluded_moderator_id = decision.moderator_id
        item.reasons = [*item.reasons, _reason("appeal", words)]
        item.view = _view_for(item, appeal=True)
        item.save()
        _notify(author, Notice.Kind.APPEAL, render_message("appeal_received"))
        audit_append(
            actor=author,
            kind=AuditEntry.Kind.APPEAL_OPENED,
            target_type=item.kind,
            target_id=item.object_id,
            after={"item": item.pk, "decision": decision.pk},
            reason=words,
        )
        announce_counts(changed_view=item.view)
    return appeal


# --- Sanctions, notes, notices -------------------------------------------------------


def sanction_issue(
    *,
    member,
    moderator,
    kind: str,
    guideline: int,
    message: str,
    private_note: str = "",
    ends_at: datetime | None = None,
) -> Sanction:
    """Warn, mute, suspend or ban a member. Mutes and suspensions need an end."""
    require_role(moderator, "moderate")
    if kind not in Sanction.Kind.values:
        raise ModerationRefused(_("Choose a kind of sanction."))
    try:
        values = _guideline_values(int(guideline))
    except (LookupError, TypeError, ValueError):
        raise ModerationRefused(_("Choose the guideline this rests on.")) from None
    now = timezone.now()
    if kind in {Sanction.Kind.MUTE, Sanction.Kind.SUSPENSION}:
        if ends_at is None or ends_at <= now:
            raise ModerationRefused(_("Choose when it ends, in the future."))
    elif kind == Sanction.Kind.WARNING:
        ends_at = None
    if kind == Sanction.Kind.BAN and not moderator.can("senior_moderate"):
        raise ModerationRefused(_("Only a senior moderator can close an account."))
    if member.pk == moderator.pk:
        raise ModerationRefused(_("You can't sanction yourself."))
    message = (message or "").strip()
    if not message:
        raise ModerationRefused(_("Write the message the member will read."))
    with transaction.atomic():
        sanction = Sanction.objects.create(
            member=member,
            kind=kind,
            guideline=values["guideline"],
            message=message,
            private_note=private_note,
            starts_at=now,
            ends_at=ends_at,
            issued_by=moderator,
        )
        until = (
            timezone.localtime(ends_at).strftime("%d %b %Y, %H:%M") if ends_at else ""
        )
        _notify(
            member,
            Notice.Kind.SANCTION,
            render_message(f"sanction_{kind}", reason=message, until=until, **values),
        )
        audit_append(
            actor=moderator,
            kind=AuditEntry.Kind.SANCTION_ISSUED,
            target_type="member",
            target_id=member.pk,
            after={
                "sanction": sanction.pk,
                "kind": kind,
                "ends_at": ends_at.isoformat() if ends_at else None,
            },
            reason=f"guideline {values['guideline']}: {message}",
        )
        standing_refresh(member=member)
    return sanction


def sanction_lift(*, sanction_id: int, moderator, reason: str) -> Sanction:
    require_role(moderator, "moderate")
    with transaction.atomic():
        sanction = Sanction.objects.select_for_update().get(pk=sanction_id)
        if sanction.lifted_at is not None:
            raise ModerationRefused(_("This was already lifted."))
        sanction.lifted_at = timezone.now()
        sanction.lifted_by = moderator
        sanction.save(update_fields=["lifted_at", "lifted_by", "updated"])
        audit_append(
            actor=moderator,
            kind=AuditEntry.Kind.SANCTION_LIFTED,
            target_type="member",
            target_id=sanction.member_id,
            before={"sanction": sanction.pk},
            after={"lifted": True},
            reason=reason,
        )
        standing_refresh(member=sanction.member)
    return sanction


def sanction_acknowledge(*, member, sanction_id: int) -> None:
    """The member has read their warning; it stops showing."""
    Sanction.objects.filter(
        pk=sanction_id, member=member, acknowledged_at__isnull=True
    ).update(acknowledged_at=timezone.now())


def note_add(*, member, moderator, text: str) -> ModeratorNote:
    require_role(moderator, "moderate")
    text = (text or "").strip()
    if not text:
        raise ModerationRefused(_("The note is empty."))
    with transaction.atomic():
        note = ModeratorNote.objects.create(member=member, author=moderator, text=text)
        audit_append(
            actor=moderator,
            kind=AuditEntry.Kind.NOTE_ADDED,
            target_type="member",
            target_id=member.pk,
            after={"note": note.pk},
        )
    return note


def notices_mark_read(*, member) -> int:
    return Notice.objects.filter(member=member, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- Moderator wellbeing -------------------------------------------------------------

# A gap this long between two queue pages ends a stretch of work.
STRETCH_GAP = timedelta(minutes=15)


def activity_touch(*, moderator) -> ModeratorActivity:
    """Note queue work now; a pause of STRETCH_GAP starts a new stretch."""
    now = timezone.now()
    activity, created = ModeratorActivity.objects.get_or_create(
        moderator=moderator, defaults={"stretch_started_at": now, "last_seen_at": now}
    )
    if not created:
        if now - activity.last_seen_at > STRETCH_GAP:
            activity.stretch_started_at = now
        activity.last_seen_at = now
        activity.save(update_fields=["stretch_started_at", "last_seen_at"])
    return activity


def activity_break(*, moderator) -> None:
    """The moderator is taking a break: the next queue visit starts a new stretch."""
    ModeratorActivity.objects.filter(moderator=moderator).delete()


# --- Audit ---------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def audit_append(
    *,
    actor,
    kind: str,
    target_type: str,
    target_id: Any,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    """Append one row to the audit log. Rows are never changed or deleted."""
    actor_is_member = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if actor_is_member else None,
        actor_label=actor.pseudonym if actor_is_member else "",
        kind=kind,
        target_type=target_type,
        target_id=str(target_id),
        before=_jsonable(before or {}),
        after=_jsonable(after or {}),
        reason=reason,
    )
