"""Time zone names sent by browsers: kept only when the server knows them."""

import zoneinfo

from django.conf import settings


def clean_time_zone(value: str | None) -> str:
    """A time zone name the server knows, or "" (then settings.TIME_ZONE)."""
    value = (value or "").strip()[:64]
    if not value:
        return ""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return ""
    return value


def zone_or_default(name: str | None) -> zoneinfo.ZoneInfo:
    """The named zone, or the site's own when the name is empty or unknown."""
    return zoneinfo.ZoneInfo(clean_time_zone(name) or settings.TIME_ZONE)
