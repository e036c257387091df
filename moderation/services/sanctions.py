"""Sanctions: a moderator warns, mutes, suspends or bans a member, with a message the
member reads, and can lift it. Mutes and suspensions lapse by themselves at their
end; trust is recomputed with every change.

A mute or suspension leaves live support open unless the moderator says it includes
live support: a member kept from posting may still need a listener tonight. A ban
always includes it."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.dates import moment
from moderation.models import AuditEntry, Notice, Sanction
from moderation.services.audit import audit_append
from moderation.services.notices import (
    guideline_values,
    in_language_of,
    notify,
    render_message,
)
from moderation.services.permissions import ModerationRefused, require_role
from moderation.services.trust import standing_refresh


def sanction_issue(
    *,
    member,
    moderator,
    kind: str,
    guideline: int,
    message: str,
    private_note: str = "",
    ends_at: datetime | None = None,
    includes_live_support: bool = False,
) -> Sanction:
    """Warn, mute, suspend or ban a member. Mutes and suspensions need an end.

    includes_live_support pauses live support too (asking for a listener, writing
    in her own chat); a ban always does, a warning never."""
    require_role(moderator, "moderate")
    if kind not in Sanction.Kind.values:
        raise ModerationRefused(_("Choose a kind of sanction."))
    try:
        values = guideline_values(int(guideline))
    except (LookupError, TypeError, ValueError):
        raise ModerationRefused(_("Choose the guideline this rests on.")) from None
    now = timezone.now()
    if kind in {Sanction.Kind.MUTE, Sanction.Kind.SUSPENSION}:
        if ends_at is None or ends_at <= now:
            raise ModerationRefused(_("Choose when it ends, in the future."))
    elif kind == Sanction.Kind.WARNING:
        ends_at = None
    if kind == Sanction.Kind.BAN:
        includes_live_support = True
    elif kind == Sanction.Kind.WARNING:
        includes_live_support = False
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
            includes_live_support=includes_live_support,
            issued_by=moderator,
        )
        with in_language_of(member):
            words = render_message(
                f"sanction_{kind}", reason=message, until=moment(ends_at), **values
            )
            body = "\n\n".join(filter(None, [words, _live_support_sentence(sanction)]))
        notify(member, Notice.Kind.SANCTION, body)
        audit_append(
            actor=moderator,
            kind=AuditEntry.Kind.SANCTION_ISSUED,
            target_type="member",
            target_id=member.pk,
            after={
                "sanction": sanction.pk,
                "kind": kind,
                "ends_at": ends_at.isoformat() if ends_at else None,
                "live_support": _live_support_word(sanction),
            },
            reason=f"guideline {values['guideline']}: {message}",
        )
        standing_refresh(member=member)
    return sanction


def _live_support_sentence(sanction: Sanction) -> str:
    """What the member's notice says about live support, for a mute or suspension
    (a ban's own words already say she can no longer take part)."""
    if sanction.kind not in {Sanction.Kind.MUTE, Sanction.Kind.SUSPENSION}:
        return ""
    if sanction.includes_live_support:
        return _(
            "Live chat with a listener is paused for you too until then. If you need "
            "help now, the lines under Get help now are always open to you."
        )
    return _(
        "Live chat with a listener stays open to you: you can still ask for someone "
        "under I need someone now."
    )


def _live_support_word(sanction: Sanction) -> str:
    """How the audit log records the sanction's effect on live support."""
    if sanction.kind == Sanction.Kind.WARNING:
        return "not affected"
    return "paused" if sanction.pauses_live_support else "still open"


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


def sanction_appeal(*, member, sanction_id: int, words: str) -> Sanction:
    """The member asks another moderator to look again at a sanction she is under,
    once. The moderator who issued it can't decide the appeal."""
    words = (words or "").strip()
    if not words:
        raise ModerationRefused(_("Tell the moderators, in a few words, why."))
    with transaction.atomic():
        sanction = (
            Sanction.objects.select_for_update()
            .filter(pk=sanction_id, member=member)
            .first()
        )
        if sanction is None or not _still_in_force(sanction):
            raise ModerationRefused(_("There is nothing to appeal here any more."))
        if sanction.appealed_at is not None:
            raise ModerationRefused(_("You have already appealed this."))
        sanction.appeal_words = words
        sanction.appealed_at = timezone.now()
        sanction.save(update_fields=["appeal_words", "appealed_at", "updated"])
        with in_language_of(member):
            notify(member, Notice.Kind.APPEAL, render_message("appeal_received"))
        audit_append(
            actor=member,
            kind=AuditEntry.Kind.APPEAL_OPENED,
            target_type="member",
            target_id=member.pk,
            after={"sanction": sanction.pk},
            reason=words,
        )
    return sanction


def _still_in_force(sanction: Sanction) -> bool:
    if sanction.lifted_at is not None:
        return False
    if sanction.kind == Sanction.Kind.WARNING:
        return True
    return sanction.is_active()


def sanction_appeal_decide(
    *, sanction_id: int, moderator, lift: bool, reason: str
) -> Sanction:
    """Another moderator decides a sanction's appeal: lift it or let it stand; the
    member is told either way, in words."""
    require_role(moderator, "moderate")
    reason = (reason or "").strip()
    if not reason:
        raise ModerationRefused(_("Write why: the member reads it."))
    with transaction.atomic():
        sanction = Sanction.objects.select_for_update().get(pk=sanction_id)
        if not sanction.appeal_waiting:
            raise ModerationRefused(_("There is no appeal waiting on this."))
        if sanction.issued_by_id == moderator.pk:
            raise ModerationRefused(
                _("Another moderator looks at appeals against your own decisions.")
            )
        now = timezone.now()
        sanction.appeal_outcome = "lifted" if lift else "upheld"
        sanction.appeal_decided_at = now
        sanction.appeal_decided_by = moderator
        fields = ["appeal_outcome", "appeal_decided_at", "appeal_decided_by", "updated"]
        if lift and sanction.lifted_at is None:
            sanction.lifted_at, sanction.lifted_by = now, moderator
            fields += ["lifted_at", "lifted_by"]
        sanction.save(update_fields=fields)
        key = "sanction_appeal_lifted" if lift else "sanction_appeal_upheld"
        values = guideline_values(sanction.guideline)
        with in_language_of(sanction.member):
            kind = sanction.get_kind_display().lower()
            body = render_message(key, reason=reason, kind=kind, **values)
        notify(sanction.member, Notice.Kind.APPEAL, body)
        audit_append(
            actor=moderator,
            kind=AuditEntry.Kind.APPEAL_DECIDED,
            target_type="member",
            target_id=sanction.member_id,
            before={"sanction": sanction.pk},
            after={"outcome": sanction.appeal_outcome},
            reason=reason,
        )
        standing_refresh(member=sanction.member)
    return sanction
