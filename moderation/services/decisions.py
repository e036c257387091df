"""Deciding review items: a moderator claims an item, or hands it back, and decides
its current round once (approve, edit, hide, remove, support, uphold an earlier
decision, escalate to a senior moderator). A decision sets the target's status, tells
the author kindly, closes the round's reports and appeal, and updates trust.

Each function locks the item (select_for_update) before reading it, so two
moderators acting at once are served one after the other and the second is refused.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation import registry
from moderation.models import Appeal, AuditEntry, Decision, Notice, Report, ReviewItem
from moderation.services.appeals import APPEALABLE_ACTIONS, appeal_close
from moderation.services.audit import audit_append
from moderation.services.notices import (
    guideline_values,
    in_language_of,
    notify,
    render_message,
)
from moderation.services.permissions import (
    ModerationRefused,
    check_may_act,
    require_role,
)
from moderation.services.queueing import (
    announce_counts,
    lock_item,
    reason_entry,
    snapshot_of,
    target_of,
)
from moderation.services.trust import standing_after_decision

APPROVING_ACTIONS = frozenset(
    {Decision.Action.APPROVE, Decision.Action.EDIT, Decision.Action.SUPPORT}
)

STATUS_FOR_ACTION = {
    Decision.Action.SUPPORT: "visible",
    Decision.Action.APPROVE: "visible",
    Decision.Action.EDIT: "visible",
    Decision.Action.HIDE: "hidden",
    Decision.Action.REMOVE: "removed",
}


def _touch_first_action(item: ReviewItem, now: datetime) -> None:
    if item.first_action_at is None:
        item.first_action_at = now


def item_claim(*, item_id: int, moderator) -> ReviewItem:
    """Claim an open item so no other moderator acts on it at the same time."""
    require_role(moderator, "moderate")
    with transaction.atomic():
        item = lock_item(item_id)
        check_may_act(item, moderator)
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
        item = lock_item(item_id)
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
        values = guideline_values(int(guideline))
    except (LookupError, TypeError, ValueError):
        raise ModerationRefused(
            _("Choose the guideline this decision rests on.")
        ) from None
    reason = (reason or "").strip()
    if not reason:
        raise ModerationRefused(_("Say briefly why; the author will read it."))
    with transaction.atomic():
        item = lock_item(item_id)
        check_may_act(item, moderator)
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
        registration = registry.find_kind(item.kind)
        if action == Decision.Action.EDIT:
            if registration is None or registration.apply_edit is None:
                raise ModerationRefused(_("This kind of item can't be edited here."))
            if not new_text.strip():
                raise ModerationRefused(_("Write the edited text."))
        now = timezone.now()
        _touch_first_action(item, now)
        target = target_of(item)
        before_text = item.snapshot.get("text", "")
        if action == Decision.Action.EDIT and target is not None:
            registration.apply_edit(target, new_text)
        if (
            action in STATUS_FOR_ACTION
            and target is not None
            and registration is not None
            and registration.set_status is not None
        ):
            registration.set_status(target, STATUS_FOR_ACTION[action])
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
        acted = action in APPEALABLE_ACTIONS
        if appeal is not None:
            appeal_close(appeal, decision, values, reason)
        else:
            _tell_author(item, decision, values, reason, was_held)
            _close_reports(item, acted=acted, values=values)
        standing_after_decision(
            author=item.author,
            report_upheld=appeal is None and acted and bool(item.report_count),
            report_overturned=(
                appeal is not None
                and appeal.decision.action
                in {Decision.Action.HIDE, Decision.Action.REMOVE}
                and action in {Decision.Action.APPROVE, Decision.Action.SUPPORT}
                and bool(item.report_count)
            ),
            first_approval=first_approval,
        )
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
        reason_entry(
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


def _tell_author(
    item: ReviewItem, decision: Decision, values: dict, reason: str, was_held: bool
) -> None:
    action = decision.action
    if action == Decision.Action.APPROVE and not was_held:
        return  # left as it was: nothing for the author to hear about
    kind = (
        Notice.Kind.SUPPORT
        if action == Decision.Action.SUPPORT
        else Notice.Kind.DECISION
    )
    with in_language_of(item.author):
        body = render_message(action, reason=reason, **values)
    notify(
        item.author,
        kind,
        body,
        decision=decision,
        appealable=action in APPEALABLE_ACTIONS,
    )
    decision.message = body
    decision.save(update_fields=["message"])


def _close_reports(item: ReviewItem, *, acted: bool, values: dict) -> None:
    """Close the round's open reports and tell each reporter, naming nobody."""
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
        with in_language_of(report.reporter):
            body = render_message("report_acted" if acted else "report_kept", **values)
        notify(report.reporter, Notice.Kind.REPORT, body)
