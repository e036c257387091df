"""The weekly prompt: a gentle question posted in each circle once an ISO week,
from Monday 09:00 in the circle's own time zone.

post_circle_prompts runs hourly (the management command of the same name); each run
posts what is due and nothing twice: a (circle, week) row is written in the same
transaction as the thread, and the database refuses a second one.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Member
from core.time_zones import zone_or_default
from forum.circles.models import Circle, CirclePrompt
from forum.services import prompt_thread_create

PROMPT_WEEKDAY = 0  # Monday
PROMPT_HOUR = 9
# The account weekly prompts are posted under. "Kindred" is a reserved word, so no
# member can take this name; the account can't sign in.
HOST_PSEUDONYM = "Kindred"


def circle_host() -> Member:
    host = Member.objects.filter(pseudonym=HOST_PSEUDONYM).first()
    if host is None:
        host = Member(pseudonym=HOST_PSEUDONYM, is_active=False)
        host.set_unusable_password()
        host.save()
    return host


def circle_zone(circle: Circle) -> zoneinfo.ZoneInfo:
    return zone_or_default(circle.time_zone)


def due_week(circle: Circle, now: datetime.datetime) -> str | None:
    """The ISO week ("2026-W49") whose prompt is due for circle at now, or None
    before Monday 09:00 in the circle's time zone."""
    local = now.astimezone(circle_zone(circle))
    if local.weekday() == PROMPT_WEEKDAY and local.hour < PROMPT_HOUR:
        return None
    year, week, _day = local.isocalendar()
    return f"{year}-W{week:02d}"


def _prompt_text(circle: Circle, already_posted: int) -> str:
    prompts = [p for p in circle.kind.prompts or [] if isinstance(p, str) and p.strip()]
    return prompts[already_posted % len(prompts)] if prompts else ""


def post_circle_prompts(*, now: datetime.datetime) -> list[CirclePrompt]:
    """Post every prompt due at now; returns the ones posted by this call."""
    circles = list(
        Circle.objects.filter(closed_at__isnull=True, kind__active=True)
        .select_related("kind", "space")
        .order_by("pk")
    )
    due = {circle.pk: due_week(circle, now) for circle in circles}
    done = set(
        CirclePrompt.objects.filter(
            circle__in=[c for c in circles if due[c.pk]],
            week__in={week for week in due.values() if week},
        ).values_list("circle_id", "week")
    )
    host = None
    posted = []
    for circle in circles:
        week = due[circle.pk]
        if week is None or (circle.pk, week) in done:
            continue
        count = CirclePrompt.objects.filter(circle=circle).count()
        text = _prompt_text(circle, count)
        if not text:
            continue
        host = host or circle_host()
        try:
            with transaction.atomic():
                record = CirclePrompt.objects.create(
                    circle=circle, week=week, posted_at=now
                )
                with translation.override(settings.LANGUAGE_CODE):
                    body = _(
                        "This week's question for the circle. Answer in a few words "
                        "or many, whenever suits you."
                    )
                record.thread = prompt_thread_create(
                    author=host, space=circle.space, title=text, body=body
                )
                record.save(update_fields=["thread"])
        except IntegrityError:
            # Another run posted it a moment ago.
            continue
        posted.append(record)
    return posted
