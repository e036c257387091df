"""Opening hours: the parser for the data file's text, and open now / opens at across
time zones, overnight ranges and daylight-saving changes (time frozen)."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.utils import timezone

from support.signposting import hours

WEEKDAYS_9_TO_5 = {
    "weekly": [{"days": [0, 1, 2, 3, 4], "open": "09:00", "close": "17:00"}]
}
EVENINGS_OVERNIGHT = {
    "weekly": [
        {"days": [0, 1, 2, 3], "open": "18:00", "close": "02:00"},
        {"days": [4], "open": "18:00", "close": "24:00"},
        {"days": [5, 6], "open": "00:00", "close": "24:00"},
        {"days": [0], "open": "00:00", "close": "06:00"},
    ]
}


@pytest.mark.parametrize(
    "text",
    [
        "24/7",
        "24/7/365",
        "24/7, 365 days",
        "24/7 (phone, webchat, SMS)",
        "24/7 helpline",
        "Phone 24/7; text hours UNCONFIRMED (launched 2018)",
    ],
)
def test_round_the_clock_wordings_parse_as_always_open(text):
    """Every 24/7 wording in the data file means open all the time."""
    assert hours.parse(text).hours == {"always": True}


def test_weekday_ranges_with_a_named_zone_parse_with_that_zone():
    """Weekday and Saturday ranges with AEST/AEDT are read in Sydney time."""
    parsed = hours.parse(
        "Mon-Fri 9am-7:30pm and Sat 9am-4pm AEST/AEDT (incl. public holidays)"
    )
    assert parsed.zone == "Australia/Sydney"
    assert parsed.hours == {
        "weekly": [
            {"days": [0, 1, 2, 3, 4], "open": "09:00", "close": "19:30"},
            {"days": [5], "open": "09:00", "close": "16:00"},
        ]
    }


def test_daily_range_with_eastern_time_parses():
    """ "daily 8am-11pm ET" is every day, in New York time."""
    parsed = hours.parse("daily 8am-11pm ET")
    assert parsed.zone == "America/New_York"
    assert parsed.hours["weekly"][0] == {
        "days": [0, 1, 2, 3, 4, 5, 6],
        "open": "08:00",
        "close": "23:00",
    }


def test_overnight_and_weekend_span_parse_into_ranges():
    """ "Mon-Thu 6pm-2am; Fri 6pm to Mon 6am" keeps the overnight and weekend hours."""
    parsed = hours.parse("Mon-Thu 6pm-2am; Fri 6pm to Mon 6am (2021 source; re-check)")
    assert parsed.hours == EVENINGS_OVERNIGHT


@pytest.mark.parametrize(
    "text",
    [
        "Hours UNCONFIRMED",
        "Varies by centre",
        "Office hours; exact hours UNCONFIRMED",
        "Leave a confidential message any time; volunteers call back",
        "Text line 24/7; helpline opening hours UNCONFIRMED",
        "Website (no helpline)",
        "",
    ],
)
def test_text_it_cannot_read_leaves_hours_unknown(text):
    """Unreadable or unconfirmed hours stay unknown rather than guessed."""
    assert hours.parse(text).hours is None


def test_unknown_hours_are_never_open_now():
    """Unknown hours say unknown, whatever the time."""
    status = hours.status_at(None, "Europe/London", timezone.now())
    assert status.state == hours.UNKNOWN and not status.is_open


@pytest.mark.parametrize(
    ("frozen", "zone", "state"),
    [
        # Monday 13 Jan 2025, 08:59 and 09:00 in London (GMT).
        ("2025-01-13T08:59:00+00:00", "Europe/London", hours.CLOSED),
        ("2025-01-13T09:00:00+00:00", "Europe/London", hours.OPEN),
        ("2025-01-13T16:59:00+00:00", "Europe/London", hours.OPEN),
        ("2025-01-13T17:00:00+00:00", "Europe/London", hours.CLOSED),
        # The same instant is 01:00 on Tuesday in Sydney (AEDT): closed there.
        ("2025-01-13T14:00:00+00:00", "Australia/Sydney", hours.CLOSED),
        # 22:00 UTC Monday is 09:00 Tuesday in Sydney (UTC+11 in January): open.
        ("2025-01-13T22:00:00+00:00", "Australia/Sydney", hours.OPEN),
        # 14:00 UTC is 09:00 in New York (EST): open; 13:59 UTC is not.
        ("2025-01-13T14:00:00+00:00", "America/New_York", hours.OPEN),
        ("2025-01-13T13:59:00+00:00", "America/New_York", hours.CLOSED),
    ],
)
def test_open_now_follows_the_service_time_zone(frozen, zone, state):
    """The same moment is open in one zone and closed in another."""
    with time_machine.travel(frozen, tick=False):
        assert hours.status_at(WEEKDAYS_9_TO_5, zone, timezone.now()).state == state


def test_open_now_flips_correctly_across_the_london_clock_change():
    """After the clocks go forward (30 Mar 2025), 9am London is 08:00 UTC, not 09:00."""
    with time_machine.travel("2025-03-28T08:30:00+00:00", tick=False):  # Fri, GMT
        assert hours.status_at(
            WEEKDAYS_9_TO_5, "Europe/London", timezone.now()
        ).state == (hours.CLOSED)
    with time_machine.travel("2025-03-31T08:30:00+00:00", tick=False):  # Mon, BST
        status = hours.status_at(WEEKDAYS_9_TO_5, "Europe/London", timezone.now())
        assert status.state == hours.OPEN
        assert status.closes_at.astimezone(UTC).hour == 16  # 17:00 BST


def test_opens_at_accounts_for_a_dst_change_in_between():
    """Closed on Friday evening before the US change: Monday 9am EDT is 13:00 UTC."""
    with time_machine.travel("2025-03-07T23:00:00+00:00", tick=False):  # Fri 18:00 EST
        status = hours.status_at(WEEKDAYS_9_TO_5, "America/New_York", timezone.now())
    assert status.state == hours.CLOSED
    assert status.opens_at.astimezone(UTC) == datetime(2025, 3, 10, 13, 0, tzinfo=UTC)
    assert status.opens_at.tzname() == "EDT"


def test_australian_daylight_saving_ending_moves_opening_an_hour_later_in_utc():
    """Sydney leaves AEDT on 6 Apr 2025: 9am Monday is then 23:00 UTC Sunday."""
    with time_machine.travel("2025-04-06T12:00:00+00:00", tick=False):
        status = hours.status_at(WEEKDAYS_9_TO_5, "Australia/Sydney", timezone.now())
    assert status.state == hours.CLOSED
    assert status.opens_at.astimezone(UTC) == datetime(2025, 4, 6, 23, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("frozen", "state"),
    [
        ("2025-01-14T01:30:00+00:00", hours.OPEN),  # Tue 01:30, still Monday's evening
        ("2025-01-14T02:00:00+00:00", hours.CLOSED),  # Tue 02:00, just closed
        ("2025-01-14T18:00:00+00:00", hours.OPEN),
        ("2025-01-18T12:00:00+00:00", hours.OPEN),  # Saturday, all weekend
        ("2025-01-20T05:59:00+00:00", hours.OPEN),  # Monday before 6am
        ("2025-01-20T06:00:00+00:00", hours.CLOSED),
    ],
)
def test_overnight_ranges_stay_open_past_midnight(frozen, state):
    """A range that closes at 2am is still open at 1:30 the next morning."""
    with time_machine.travel(frozen, tick=False):
        assert hours.status_at(
            EVENINGS_OVERNIGHT, "Europe/London", timezone.now()
        ).state == (state)


def test_open_span_reports_when_it_closes_across_merged_days():
    """Friday evening to Monday morning reads as one opening that closes Monday 6am."""
    with time_machine.travel("2025-01-18T12:00:00+00:00", tick=False):
        status = hours.status_at(EVENINGS_OVERNIGHT, "Europe/London", timezone.now())
    assert status.closes_at.replace(tzinfo=None) == datetime(2025, 1, 20, 6, 0)


def test_validation_refuses_malformed_structured_hours():
    """Bad structured hours are refused with a reason."""
    for bad in (
        {"weekly": []},
        {"weekly": [{"days": [7], "open": "09:00", "close": "17:00"}]},
        {"weekly": [{"days": [1], "open": "9am", "close": "17:00"}]},
        {"weekly": [{"days": [1], "open": "09:00", "close": "09:00"}]},
        {"always": False},
    ):
        with pytest.raises(hours.HoursError):
            hours.validate(bad)
    hours.validate(WEEKDAYS_9_TO_5)
    hours.validate({"always": True})
