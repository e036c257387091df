"""Listeners: going on and off duty, and their profile (lived experience, hours)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.time_zones import clean_time_zone
from support import selectors
from support.models import ChatLanguage, Chip, DutyShift, ListenerStatus
from support.services.common import SupportError, announce_queue

if TYPE_CHECKING:
    from accounts.models import Member


def listener_set_duty(
    *, listener: Member, on_duty: bool, time_zone: str = ""
) -> ListenerStatus:
    """Put a listener on or off duty. Going on duty respects their weekly hours cap.

    time_zone, her browser's, is kept when the server knows it: her nights on duty
    are counted where she is."""
    if not listener.can("listen"):
        raise PermissionDenied
    now = timezone.now()
    time_zone = clean_time_zone(time_zone)
    with transaction.atomic():
        status, _created = ListenerStatus.objects.select_for_update().get_or_create(
            listener=listener
        )
        if time_zone and time_zone != status.time_zone:
            status.time_zone = time_zone
            status.save(update_fields=["time_zone"])
        if status.on_duty == on_duty:
            return status
        if on_duty:
            cap = status.weekly_hours_cap
            if cap is not None and selectors.duty_hours_this_week(listener, now) >= cap:
                raise SupportError(
                    "hours_cap",
                    _(
                        "You've reached the hours you set for this week. Thank you "
                        "for everything you've given; rest is part of this too."
                    ),
                )
            status.on_duty = True
            status.on_duty_since = now
            DutyShift.objects.create(listener=listener, started=now)
        else:
            status.on_duty = False
            status.on_duty_since = None
            DutyShift.objects.filter(listener=listener, ended__isnull=True).update(
                ended=now
            )
        status.save(update_fields=["on_duty", "on_duty_since"])
        announce_queue()
    return status


def listener_update_profile(
    *,
    listener: Member,
    lived_experience: list[str],
    weekly_hours_cap: int | None,
    languages: list[str] | None = None,
) -> ListenerStatus:
    if not listener.can("listen"):
        raise PermissionDenied
    tags = [chip for chip in Chip.values if chip in set(lived_experience)]
    spoken = [code for code in ChatLanguage.values if code in set(languages or [])]
    with transaction.atomic():
        status, _created = ListenerStatus.objects.select_for_update().get_or_create(
            listener=listener
        )
        status.lived_experience = tags
        status.weekly_hours_cap = weekly_hours_cap
        if spoken:
            status.languages = spoken
        status.save(update_fields=["lived_experience", "weekly_hours_cap", "languages"])
    return status
