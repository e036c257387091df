"""Opening hours: structured weekly ranges, "open now", "opens at", and a parser for
the free-text hours in the resources data file.

Pure functions: no database, no settings, no clock. Every "now" is an aware datetime
passed in by the caller, and every comparison happens in UTC, because comparing two
datetimes that share a zoneinfo object compares wall-clock times and gets DST wrong.

Structured hours are one of:

- ``{"always": true}``: open 24 hours a day, every day;
- ``{"weekly": [{"days": [0, 1, 2, 3, 4], "open": "09:00", "close": "17:00"}, ...]}``:
  weekday numbers (Monday is 0), wall-clock times in the service's own time zone.
  A close at or before the open runs overnight into the next day; "24:00" is midnight
  at the end of the day;
- ``None`` or ``{}``: not known. Shown as the original text, never as "open now".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ALWAYS = "always"
OPEN = "open"
CLOSED = "closed"
UNKNOWN = "unknown"

_DAY_WORDS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
# Time-zone words that appear in hours text, mapped to the IANA zone they mean.
ZONE_WORDS = {
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "ACST": "Australia/Adelaide",
    "ACDT": "Australia/Adelaide",
    "AWST": "Australia/Perth",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
    "GMT": "Europe/London",
    "BST": "Europe/London",
}


# --- Validation --------------------------------------------------------------------


class HoursError(ValueError):
    """Structured hours that can't be used, with a reason a person can act on."""


_HHMM = re.compile(r"^(\d{2}):(\d{2})$")


def _minutes(value: str) -> int:
    match = _HHMM.match(value or "")
    if not match:
        raise HoursError(f"time {value!r} is not HH:MM")
    hours, minutes = int(match[1]), int(match[2])
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise HoursError(f"time {value!r} is not a time of day")
    return hours * 60 + minutes


def validate(hours: dict | None) -> None:
    """Raise HoursError unless hours is a structured form this module understands."""
    if not hours:
        return
    if not isinstance(hours, dict):
        raise HoursError("hours must be an object")
    if hours.get("always") is True and set(hours) == {"always"}:
        return
    weekly = hours.get("weekly")
    if set(hours) != {"weekly"} or not isinstance(weekly, list) or not weekly:
        raise HoursError('hours must be {"always": true} or {"weekly": [...]}')
    for number, item in enumerate(weekly):
        if not isinstance(item, dict) or set(item) != {"days", "open", "close"}:
            raise HoursError(f"range {number}: needs exactly days, open and close")
        days = item["days"]
        if (
            not isinstance(days, list)
            or not days
            or any(
                not isinstance(d, int) or isinstance(d, bool) or not 0 <= d <= 6
                for d in days
            )
        ):
            raise HoursError(f"range {number}: days must be weekday numbers 0-6")
        if _minutes(item["open"]) == 24 * 60:
            raise HoursError(f"range {number}: a range can't open at 24:00")
        _minutes(item["close"])
        if item["open"] == item["close"]:
            raise HoursError(f"range {number}: opens and closes at the same time")


def valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


# --- Open now ----------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """Whether a service is open at a moment, in the service's own time zone."""

    state: str  # always, open, closed, unknown
    opens_at: datetime | None = None  # next opening, in the service's zone
    closes_at: datetime | None = None  # end of the current opening, service's zone

    @property
    def is_open(self) -> bool:
        return self.state in (ALWAYS, OPEN)


def _at(day: date, minutes: int, zone: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time on a local day (24:00 is next midnight).

    A wall time inside a spring-forward gap takes the offset before the change, so
    it lands just after the gap, the same way the service's own clock reads it.
    """
    if minutes == 24 * 60:
        day, minutes = day + timedelta(days=1), 0
    local = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=zone)
    return local.astimezone(UTC)


def _intervals(
    hours: dict, zone: ZoneInfo, around: date
) -> list[tuple[datetime, datetime]]:
    """Opening intervals (UTC) starting from the day before around to a week after."""
    found = []
    for offset in range(-1, 9):
        day = around + timedelta(days=offset)
        for item in hours["weekly"]:
            if day.weekday() not in item["days"]:
                continue
            start, end = _minutes(item["open"]), _minutes(item["close"])
            end_day = day if end > start else day + timedelta(days=1)
            found.append((_at(day, start, zone), _at(end_day, end, zone)))
    found.sort()
    merged: list[tuple[datetime, datetime]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def status_at(hours: dict | None, zone_name: str, at: datetime) -> Status:
    """Whether hours are open at the aware moment at, and when they next open/close."""
    if at.tzinfo is None:
        raise ValueError("at must be an aware datetime")
    if not hours:
        return Status(UNKNOWN)
    if hours.get("always"):
        return Status(ALWAYS)
    try:
        validate(hours)
        zone = ZoneInfo(zone_name)
    except (HoursError, ZoneInfoNotFoundError, ValueError):
        return Status(UNKNOWN)
    now = at.astimezone(UTC)
    intervals = _intervals(hours, zone, now.astimezone(zone).date())
    for start, end in intervals:
        if start <= now < end:
            return Status(OPEN, closes_at=end.astimezone(zone))
    upcoming = [start for start, _ in intervals if start > now]
    opens_at = min(upcoming).astimezone(zone) if upcoming else None
    return Status(CLOSED, opens_at=opens_at)


def days_ahead(moment: datetime, now: datetime) -> int:
    """How many days after now's date moment falls, on the service's own calendar
    (0 today, 1 tomorrow). Words for it belong to whoever shows it, in the
    reader's language."""
    today = now.astimezone(moment.tzinfo).date()
    return (moment.date() - today).days


# --- Parsing the free text of the data file ---------------------------------------


@dataclass(frozen=True)
class Parsed:
    hours: dict | None  # None: not understood, keep the text
    zone: str | None  # an IANA zone the text names (e.g. ET), if any


_TIME = r"(?:noon|midnight|\d{1,2}(?::\d{2})?\s*(?:am|pm)?)"
_DAY = r"(?:" + "|".join(sorted(_DAY_WORDS, key=len, reverse=True)) + r")"
_DAYSPEC = (
    rf"(?:daily|every day|7 days(?: a week)?|weekdays|weekends|"
    rf"{_DAY}(?:\s*(?:-|–|to)\s*{_DAY})?(?:\s*(?:&|and)\s*{_DAY})?)"
)
_RANGE = rf"(?P<start>{_TIME})\s*(?:-|–|to)\s*(?P<end>{_TIME})"
_ALWAYS = re.compile(
    r"^(?:phone\s+|helpline\s+|line\s+)?(?:24/7|24 hours|24hrs?)"
    r"(?:\s*/\s*365|,?\s*365 days(?: a year)?|,?\s*every day)?(?:\s+helpline)?$"
)
_DAYS_THEN_TIMES = re.compile(rf"^(?P<days>{_DAYSPEC})\s*:?\s*{_RANGE}$")
_TIMES_THEN_DAYS = re.compile(rf"^{_RANGE}\s*,?\s*(?P<days>{_DAYSPEC})$")
_SPAN = re.compile(
    rf"^(?P<d1>{_DAY})\s+(?P<start>{_TIME})\s*(?:-|–|to)\s*(?P<d2>{_DAY})\s+(?P<end>{_TIME})$"
)
# Notes that may follow a schedule without changing it.
_IGNORABLE = re.compile(
    r"^(?:closed (?:on )?(?:bank|public) holidays|incl\.? public holidays|"
    r"including public holidays)$"
)


def _parse_time(text: str) -> int | None:
    text = text.strip()
    if text == "noon":
        return 12 * 60
    if text == "midnight":
        return 24 * 60
    match = re.match(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", text)
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match[2] is None:
        return None  # a bare number is too ambiguous to trust
    if hour > 24 or minute > 59:
        return None
    return hour * 60 + minute


def _parse_days(text: str) -> list[int] | None:
    text = text.strip()
    if text in {"daily", "every day", "7 days", "7 days a week"}:
        return list(range(7))
    if text == "weekdays":
        return [0, 1, 2, 3, 4]
    if text == "weekends":
        return [5, 6]
    days: list[int] = []
    for part in re.split(r"\s*(?:&|and)\s*", text):
        bounds = re.split(r"\s*(?:-|–|to)\s*", part)
        if not all(word in _DAY_WORDS for word in bounds) or len(bounds) > 2:
            return None
        first, last = _DAY_WORDS[bounds[0]], _DAY_WORDS[bounds[-1]]
        day = first
        while True:
            days.append(day)
            if day == last:
                break
            day = (day + 1) % 7
    return sorted(set(days))


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _ranges_for(segment: str) -> list[dict] | None:
    """Structured ranges for one schedule segment, or None if it isn't one."""
    match = _SPAN.match(segment)
    if match:
        first, last = _DAY_WORDS[match["d1"]], _DAY_WORDS[match["d2"]]
        start, end = _parse_time(match["start"]), _parse_time(match["end"])
        if start is None or end is None:
            return None
        if first == last and end > start:
            return [{"days": [first], "open": _hhmm(start), "close": _hhmm(end)}]
        ranges = [{"days": [first], "open": _hhmm(start), "close": "24:00"}]
        middle, day = [], (first + 1) % 7
        while day != last:
            middle.append(day)
            day = (day + 1) % 7
        if middle:
            ranges.append({"days": middle, "open": "00:00", "close": "24:00"})
        if end:
            ranges.append({"days": [last], "open": "00:00", "close": _hhmm(end)})
        return ranges
    match = _DAYS_THEN_TIMES.match(segment) or _TIMES_THEN_DAYS.match(segment)
    if not match:
        return None
    days = _parse_days(match["days"])
    start, end = _parse_time(match["start"]), _parse_time(match["end"])
    if days is None or start is None or end is None or start == end or start == 1440:
        return None
    return [{"days": days, "open": _hhmm(start), "close": _hhmm(end)}]


def _zone_in(text: str) -> str | None:
    for word in re.findall(r"\b[A-Z]{2,4}\b", text):
        if word in ZONE_WORDS:
            return ZONE_WORDS[word]
    return None


def parse(text: str | None) -> Parsed:
    """Structured hours for the free text used in the resources data file.

    Understood: "24/7", "24/7/365", "24/7, 365 days", "Phone 24/7; ...",
    "Mon-Fri 9am-5pm", "Mon-Fri 9am-7:30pm and Sat 9am-4pm AEST/AEDT",
    "Mon-Thu 6pm-2am; Fri 6pm to Mon 6am", "9am-11pm every day",
    "daily 8am-11pm ET". Notes in brackets are ignored. The first clause (up to a
    semicolon) speaks for the phone line: when it isn't a schedule, the hours are
    unknown, because later clauses usually describe another channel. Anything
    marked UNCONFIRMED in that clause is unknown too.
    """
    raw = (text or "").strip()
    zone = _zone_in(raw)
    bare = re.sub(r"\([^)]*\)", " ", raw)
    clauses = [c.strip(" .,").lower() for c in bare.split(";") if c.strip(" .,")]
    if not clauses or "unconfirmed" in clauses[0]:
        return Parsed(None, zone)
    for word in ZONE_WORDS:
        clauses = [
            re.sub(rf"\s*\b{word.lower()}(?:/\w+)?\b", "", c).strip() for c in clauses
        ]
    if _ALWAYS.match(clauses[0]):
        return Parsed({"always": True}, zone)
    ranges: list[dict] = []
    for number, clause in enumerate(clauses):
        clause_ranges: list[dict] = []
        for segment in re.split(r"\s*(?:,|\band\b)\s*(?=[a-z0-9])", clause):
            found = _ranges_for(segment.strip())
            if found is not None:
                clause_ranges += found
            elif not _IGNORABLE.match(segment.strip()):
                clause_ranges = []
                break
        if not clause_ranges:
            if number == 0:
                return Parsed(None, zone)
            continue
        ranges += clause_ranges
    return Parsed({"weekly": ranges}, zone)
