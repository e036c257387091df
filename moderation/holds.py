"""What the author of a held post is told: why it waits, and for about how long.

A held post is not a refusal, and the person who wrote it may be awake at 3 a.m.
waiting for an answer, so the words say plainly why it waits and give an honest
idea of the wait from the queue's recent decisions.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from moderation import registry
from moderation.services.screening import PREMODERATION

IDENTIFYING_DETAILS = "identifying_details"
RISK_REVIEW = "rule"


def why_held(hold_reason: str) -> str:
    """The reason, in words for the author (hold_reason as Screening.hold_reason or
    hold_reason_of() give it)."""
    if hold_reason == PREMODERATION:
        return _(
            "A new member's first few posts are read by a moderator before others "
            "see them. It's how we keep this place safe, and it says nothing about "
            "what you wrote."
        )
    if hold_reason == IDENTIFYING_DETAILS:
        return _(
            "It seems to include contact details or a name (a phone number, an "
            "email, an address). To keep you and others anonymous, a moderator "
            "checks it before others see it."
        )
    if hold_reason == RISK_REVIEW:
        return _(
            "Some of your words made us want a person to read them first, so that "
            "you and others get the right support."
        )
    routine = registry.hold_reason(hold_reason)
    if routine is not None:
        return str(routine.explanation)
    return _("A moderator reads it before others see it.")


def _about_minutes(minutes: float) -> int:
    """A round number people say: 5, 10, 15, 20, 30 or 45."""
    for step in (5, 10, 15, 20, 30, 45):
        if minutes <= step:
            return step
    return 45


def when_seen(wait: timedelta | None) -> str:
    """How soon a moderator usually looks, from selectors.typical_wait()."""
    if wait is None:
        return _("Moderators are volunteers; one will look as soon as they can.")
    minutes = wait.total_seconds() / 60
    if minutes <= 50:
        return _("It's usually seen within about %(minutes)s minutes.") % {
            "minutes": _about_minutes(minutes)
        }
    if minutes <= 90:
        return _("It's usually seen within about an hour.")
    hours = round(minutes / 60)
    if hours < 24:
        return ngettext(
            "It's usually seen within about %(hours)s hour.",
            "It's usually seen within about %(hours)s hours.",
            hours,
        ) % {"hours": hours}
    return _("It's usually seen within a day or two.")


def held_notice(hold_reason: str, wait: timedelta | None) -> str:
    return " ".join(
        (
            _(
                "Thank you. Your words are waiting for a moderator and will appear "
                "for others once they've looked; you can already see them here."
            ),
            why_held(hold_reason),
            when_seen(wait),
        )
    )
