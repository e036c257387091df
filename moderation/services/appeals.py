"""Appeals: the author of a decided post asks another moderator to look again. The
item reopens in the appeals view, away from the moderator who decided it; the
appeal closes with the next decision on the item (decisions.py)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.models import Appeal, AuditEntry, Decision, Notice, Report
from moderation.services.audit import audit_append
from moderation.services.notices import in_language_of, notify, render_message
from moderation.services.permissions import ModerationRefused
from moderation.services.queueing import (
    announce_counts,
    lock_item,
    open_round,
    reason_entry,
    view_for,
)

# Decisions that changed what the author wrote: the ones the author may appeal.
APPEALABLE_ACTIONS = frozenset(
    {Decision.Action.EDIT, Decision.Action.HIDE, Decision.Action.REMOVE}
)


def appeal_create(*, decision: Decision, author, words: str) -> Appeal:
    """The author asks another moderator to look again; the item reopens in the
    appeals view, and the moderator who decided can't decide it."""
    words = (words or "").strip()
    if not words:
        raise ModerationRefused(_("Tell the moderators, in a few words, why."))
    with transaction.atomic():
        item = lock_item(decision.item_id)
        if item.author_id != author.pk:
            raise PermissionDenied
        if decision.action not in APPEALABLE_ACTIONS:
            raise ModerationRefused(_("There is nothing to appeal in this decision."))
        if Appeal.objects.filter(decision=decision).exists():
            raise ModerationRefused(_("You have already appealed this decision."))
        if item.is_open or item.decisions.order_by("-created").first() != decision:
            raise ModerationRefused(
                _("The moderators are already looking at this again.")
            )
        appeal = Appeal.objects.create(decision=decision, author=author, words=words)
        open_round(item)
        item.excluded_moderator_id = decision.moderator_id
        item.reasons = [*item.reasons, reason_entry("appeal", words)]
        item.view = view_for(item, appeal=True)
        item.save()
        with in_language_of(author):
            notify(author, Notice.Kind.APPEAL, render_message("appeal_received"))
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


def appeal_close(appeal: Appeal, decision: Decision, values: dict, reason: str) -> None:
    """Close appeal with decision, the item's next one, and tell its author. Call
    inside the deciding transaction; values are the guideline's placeholders."""
    overturned = decision.action != Decision.Action.UPHOLD and (
        decision.action != appeal.decision.action
    )
    appeal.outcome = "overturned" if overturned else "upheld"
    appeal.resolved_at = timezone.now()
    appeal.save(update_fields=["outcome", "resolved_at", "updated"])
    key = "appeal_overturned" if overturned else "appeal_upheld"
    with in_language_of(appeal.author):
        body = render_message(key, reason=reason, **values)
    notify(appeal.author, Notice.Kind.APPEAL, body, decision=decision)
    decision.message = body
    decision.save(update_fields=["message"])
    if overturned:
        _tell_reporters_of_reversal(decision.item_id, values, reason)


def _tell_reporters_of_reversal(item_id: int, values: dict, reason: str) -> None:
    """Members whose reports led to the decision an appeal reversed learn that it
    changed, naming nobody; their reports now read as looked at and left up."""
    reports = list(
        Report.objects.filter(
            item_id=item_id, outcome=Report.Outcome.ACTED
        ).select_related("reporter")
    )
    for report in reports:
        report.outcome = Report.Outcome.KEPT
        report.save(update_fields=["outcome", "updated"])
        with in_language_of(report.reporter):
            body = render_message("report_reversed", reason=reason, **values)
        notify(report.reporter, Notice.Kind.REPORT, body)
