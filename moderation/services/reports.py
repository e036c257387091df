"""Reports: a member tells the moderators about something that goes against a
guideline. Each report adds to the target's one review item."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.guidelines import guideline as get_guideline
from core import ratelimit
from moderation.models import AuditEntry, Level, Report
from moderation.services.audit import audit_append
from moderation.services.permissions import ModerationRefused
from moderation.services.queueing import (
    SCORE_PER_REPORT,
    announce,
    item_for_target,
    kind_of,
    merge_signal,
    reason_entry,
    snapshot_of,
    view_for,
)


def report_create(
    *, reporter, target, guideline: int, words: str = ""
) -> tuple[Report, bool]:
    """File reporter's report on target; returns (report, created).

    Reporting the same target again adds nothing. Raises ModerationRefused when the
    reporter is over the hourly limit (counted only for new reports).
    """
    worried = guideline == Report.WORRIED
    if not worried:
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
        limit=settings.REPORTS_PER_HOUR,
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
        author = get_user_model().objects.filter(pk=author_id).first()
    with transaction.atomic():
        item, new = item_for_target(target, author)
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
        if worried:
            # Worry for someone is a safety matter, looked at first, not a complaint.
            merge_signal(
                item,
                level=Level.HIGH,
                categories=("worried_about_someone",),
                rules=(),
                score=SCORE_PER_REPORT,
                reason=reason_entry("worry", words),
            )
        else:
            merge_signal(
                item,
                level=Level.NONE,
                categories=(),
                rules=(),
                score=SCORE_PER_REPORT,
                reason=reason_entry("report", words, guideline=guideline),
            )
        item.report_count += 1
        if author is not None:
            item.author = author
        item.kind = kind_of(target)
        item.snapshot = snapshot
        item.view = view_for(item)
        item.save()
        audit_append(
            actor=reporter,
            kind=AuditEntry.Kind.REPORT_RECEIVED,
            target_type=item.kind,
            target_id=item.object_id,
            after={"item": item.pk, "guideline": guideline},
        )
        announce(item, new=new)
    return report, True
