"""Screening: what happens to a member's text before it is saved. The rules assess
the words; the author's sanctions and trust decide whether it may be posted at all
and whether a new member's post waits for a moderator. Writes nothing."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from moderation import registry
from moderation.dates import moment
from moderation.levels import is_serious
from moderation.models import MemberStanding, Sanction
from moderation.rules import assess
from moderation.rules.semantic import raised
from moderation.selectors import live_support_pause_for
from moderation.services.trust import trust_compute

# The hold reason of a new member's first posts (registered from ModerationConfig).
PREMODERATION = "premoderation"
PREMODERATION_EXPLANATION = gettext_lazy(
    "A new member's first posts wait for a moderator's approval."
)


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
        return self.hold or self.flag or is_serious(self.level)


@dataclass(frozen=True)
class AuthorState:
    """What screening needs to know about an author besides the text. A chat socket
    reads it once and keeps it for a few seconds rather than once per message."""

    blocked: str = ""  # non-empty: an active sanction's message
    new_account: bool = False  # young or trust 0: the stricter spam rules apply
    approved_count: int = 0
    trust: int = 0


def _until(sanction: Sanction) -> str:
    return moment(sanction.ends_at)


def blocked_message(sanction: Sanction) -> str:
    """What a mute, suspension or ban tells its member when they try to post."""
    until = _until(sanction)
    if sanction.kind == Sanction.Kind.MUTE:
        return _(
            "You can keep reading, but posting and chatting in group rooms are paused "
            "for you until %(until)s. The moderators' message at the top of the page "
            "says why."
        ) % {"until": until}
    if sanction.kind == Sanction.Kind.SUSPENSION:
        return _("Your account is suspended until %(until)s.") % {"until": until}
    return _("Your account can no longer post on Kindred.")


def live_support_paused_message(sanction: Sanction) -> str:
    """What a sanction that includes live support tells its member when she asks
    for a listener or writes in her chat."""
    if sanction.ends_at is None:
        return _("Live chat with a listener is paused for your account.")
    return _(
        "Live chat with a listener is paused for your account until %(until)s."
    ) % {"until": _until(sanction)}


def active_sanction_message(
    *, author, now: datetime | None = None, live_support: bool = False
) -> str:
    """What an active sanction tells author when they try to post, or "" when no
    sanction stops them (one query, two for a member with a sanction not lifted).

    live_support: she is asking for a listener or writing in her own chat with one,
    where only a sanction that includes live support stops her."""
    if not _has_unlifted_sanction(author):
        return ""
    now = now or timezone.now()
    if live_support:
        sanction = live_support_pause_for(author, now=now)
        return live_support_paused_message(sanction) if sanction is not None else ""
    sanction = Sanction.objects.active(now).filter(member=author).first()
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


def author_state(
    *, author, now: datetime | None = None, live_support: bool = False
) -> AuthorState:
    """live_support: the author writes in her own live-support chat (see
    active_sanction_message)."""
    now = now or timezone.now()
    blocked = active_sanction_message(author=author, now=now, live_support=live_support)
    if blocked:
        return AuthorState(blocked=blocked)
    standing = MemberStanding.objects.filter(member=author).first()
    trust = trust_compute(member=author, standing=standing, now=now)
    young = now - author.date_joined < timedelta(days=settings.NEW_ACCOUNT_DAYS)
    return AuthorState(
        new_account=young or trust == 0,
        approved_count=standing.approved_count if standing else 0,
        trust=trust,
    )


def screen_submission(
    *, author, text: str, context: str, state: AuthorState | None = None
) -> Screening:
    """Decide, before saving, how a member's text is to be treated. Writes nothing.

    context is the registered kind of what is being written (or "chat" for a live
    chat line). Pre-moderation applies only to kinds registered as premoderated: a
    live chat is never held back from the listener. state is the author's as
    author_state() read it; it is read now when not given.
    """
    if state is None:
        state = author_state(author=author)
    if state.blocked:
        return Screening(blocked=state.blocked)
    assessment = assess(text, new_account=state.new_account)
    if settings.SECOND_OPINION and context != "chat":
        # About a third of a millisecond: too slow for each chat line, but small
        # beside saving a post.
        assessment = raised(assessment, text)
    hold = assessment.hold
    hold_reason = "rule" if hold else ""
    if "identifying_details" in assessment.categories:
        # Held whatever the author's trust: anonymity is not ours to give away.
        hold, hold_reason = True, "identifying_details"
    registration = registry.find_kind(context)
    if (
        registration is not None
        and registration.premoderated
        and state.approved_count < settings.PREMODERATION_POSTS
        and state.trust < settings.TRUST_SKIPS_PREMODERATION
        and not hold
    ):
        hold, hold_reason = True, PREMODERATION
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
