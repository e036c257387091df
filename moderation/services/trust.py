"""Trust: how far the community trusts a member, from time, approved posts, upheld
reports and sanctions, and a moderator's override. Trust decides pre-moderation and
which spam rules apply (screening)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.models import AuditEntry, MemberStanding, Sanction
from moderation.services.audit import audit_append
from moderation.services.permissions import ModerationRefused, require_role

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
    if approved >= settings.PREMODERATION_POSTS:
        level = 1
    if (
        days >= settings.TRUST_TRUSTED_AFTER_DAYS
        and approved >= settings.TRUST_TRUSTED_AFTER_POSTS
    ):
        level = 2
    level -= upheld
    recent = now - timedelta(days=settings.TRUST_SANCTION_MEMORY_DAYS)
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


def standing_after_decision(
    *, author, report_upheld: bool, report_overturned: bool, first_approval: bool
) -> None:
    """Record what a decision means for its author's trust: an upheld report lowers
    it, an appeal that overturns one gives that back, and the first approval of a
    post held since it was posted counts it. Call inside the deciding transaction."""
    if author is None:
        return
    standing, _created = MemberStanding.objects.select_for_update().get_or_create(
        member=author
    )
    if report_overturned and standing.upheld_reports:
        standing.upheld_reports -= 1
    elif report_upheld:
        standing.upheld_reports += 1
    if first_approval:
        standing.approved_count += 1
    standing.save()
    standing_refresh(member=author)
