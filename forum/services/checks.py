"""What every posting path checks before it saves anything, and the refusals it
raises: lengths, rate limits, a double submit, and moderation's screening."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from core import ratelimit
from forum import visibility
from forum.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Reply, Space, Thread
from moderation.services import Screening, screen_submission

DUPLICATE_WINDOW = timedelta(minutes=5)


class PostRefused(Exception):
    """The post can't be saved now; message says why, kindly."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


class NudgeNeeded(Exception):
    """The wording reads as harsh: ask the writer to look again before posting."""

    def __init__(self, screening: Screening):
        super().__init__("nudge")
        self.screening = screening


def check_circle(*, author, space: Space, anonymous: bool) -> None:
    """A circle's space takes posts from its members only, under their pseudonyms:
    people there come to know each other."""
    if not space.is_circle:
        return
    if not visibility.can_read_space(author, space):
        raise PostRefused(
            _("Only the members of this circle can post in it."),
            code="circle_members_only",
        )
    if anonymous:
        raise PostRefused(
            _(
                "In a circle everyone posts under their pseudonym, so fully "
                "anonymous posts are off here."
            ),
            code="circle_named_only",
        )


def check_lengths(*, title: str | None, body: str) -> None:
    if title is not None and len(title) > TITLE_MAX_LENGTH:
        raise PostRefused(
            _("Titles can be up to %(limit)s characters long.")
            % {"limit": TITLE_MAX_LENGTH},
            code="too_long",
        )
    if len(body) > BODY_MAX_LENGTH:
        raise PostRefused(
            _(
                "That is longer than one post can hold (%(length)s characters, the "
                "limit is %(limit)s). Could you split it into a post and a reply?"
            )
            % {"length": len(body), "limit": BODY_MAX_LENGTH},
            code="too_long",
        )


def check_rate(scope: str, member, rate: tuple[int, int], message: str) -> None:
    """Refuse when member has used up rate, (limit, period in seconds), in scope."""
    limit, period = rate
    if ratelimit.is_limited(scope, str(member.pk), limit=limit, period=period):
        raise PostRefused(message, code="rate_limited")


def count_rate(scope: str, member, rate: tuple[int, int]) -> None:
    """Count one use of rate in scope; call it once the write has gone through."""
    limit, period = rate
    ratelimit.hit(scope, str(member.pk), limit=limit, period=period)


def check_duplicate(member, body: str) -> None:
    """Refuse the same text as the member's last post within a few minutes (a double
    submit, or the same words pasted everywhere)."""
    since = timezone.now() - DUPLICATE_WINDOW
    recent = [
        *Thread.objects.filter(author=member, created__gte=since)
        .order_by("-created")
        .values_list("created", "body_source")[:1],
        *Reply.objects.filter(author=member, created__gte=since)
        .order_by("-created")
        .values_list("created", "body_source")[:1],
    ]
    if not recent:
        return
    _created, last_body = max(recent)
    if last_body.strip() == body.strip():
        raise PostRefused(
            _(
                "You posted exactly these words a moment ago, so we didn't post "
                "them twice."
            ),
            code="duplicate",
        )


def screen(
    *, author, title: str, body: str, context: str, post_anyway: bool
) -> Screening:
    """Ask moderation how to treat the text; refuse or nudge before anything is
    saved."""
    text = f"{title}\n\n{body}" if title else body
    screening = screen_submission(author=author, text=text, context=context)
    if screening.blocked:
        raise PostRefused(screening.blocked, code="blocked")
    if screening.nudge and not post_anyway:
        raise NudgeNeeded(screening)
    return screening


def clean_content_notes(content_notes) -> list[str]:
    """The known content notes among content_notes, in their canonical order."""
    from accounts.content_notes import ContentNote

    return [note for note in ContentNote.values if note in set(content_notes or ())]
