"""The weekly prompt: Monday 09:00 in each circle's own time zone, DST weeks
included, once a week and never twice, the kind's prompts in turn."""

import datetime
import zoneinfo
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from forum.circles import services
from forum.circles.models import CirclePrompt
from forum.models import PostStatus, Thread

UTC = datetime.UTC
ZONES = ["Pacific/Auckland", "America/Los_Angeles", "Europe/London"]


@pytest.fixture
def circles(make_member, babies, join):
    """One circle per time zone, each opened by someone living there."""
    return {
        zone: join(make_member(), babies, datetime.date(2026, n + 1, 1), time_zone=zone)
        for n, zone in enumerate(ZONES)
    }


def _utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def test_each_circle_gets_it_at_its_own_monday_morning_across_dst_never_twice(
    circles,
):
    """An hourly run from 1 March to 12 April 2026 crosses the start of summer time
    in Los Angeles (8 March) and London (29 March) and its end in Auckland (5 April)."""
    start = _utc(2026, 3, 1)
    services.post_circle_prompts(now=start)  # this week's, for circles just opened
    caught_up = set(CirclePrompt.objects.values_list("pk", flat=True))
    now = start
    while now < _utc(2026, 4, 12, 12):
        now += datetime.timedelta(hours=1)
        services.post_circle_prompts(now=now)
    for zone, circle in circles.items():
        prompts = CirclePrompt.objects.filter(circle=circle).exclude(pk__in=caught_up)
        local_times = [p.posted_at.astimezone(zoneinfo.ZoneInfo(zone)) for p in prompts]
        assert len(local_times) == 6, zone
        assert all(t.weekday() == 0 and t.hour == 9 for t in local_times), zone
        weeks = [p.week for p in prompts]
        assert len(set(weeks)) == len(weeks) == 6
    moments = {
        zone: set(
            CirclePrompt.objects.filter(circle=c).values_list("posted_at", flat=True)
        )
        for zone, c in circles.items()
    }
    # Los Angeles: 17:00 UTC before summer time, 16:00 after.
    assert _utc(2026, 3, 2, 17) in moments["America/Los_Angeles"]
    assert _utc(2026, 3, 9, 16) in moments["America/Los_Angeles"]
    # London: 09:00 UTC, then 08:00 UTC from the first Monday of summer time.
    assert _utc(2026, 3, 23, 9) in moments["Europe/London"]
    assert _utc(2026, 3, 30, 8) in moments["Europe/London"]
    # Auckland: Sunday evening UTC, an hour later once its summer time ends.
    assert _utc(2026, 3, 29, 20) in moments["Pacific/Auckland"]
    assert _utc(2026, 4, 5, 21) in moments["Pacific/Auckland"]


def test_not_before_nine_on_monday_in_the_circle_and_once_after(circles):
    london = circles["Europe/London"]
    services.post_circle_prompts(now=_utc(2026, 3, 22, 12))  # week 12, caught up
    before = CirclePrompt.objects.filter(circle=london).count()
    services.post_circle_prompts(now=_utc(2026, 3, 30, 7, 59))
    assert CirclePrompt.objects.filter(circle=london).count() == before
    services.post_circle_prompts(now=_utc(2026, 3, 30, 8))
    services.post_circle_prompts(now=_utc(2026, 3, 30, 8))
    services.post_circle_prompts(now=_utc(2026, 4, 2, 15))
    assert list(
        CirclePrompt.objects.filter(circle=london).values_list("week", flat=True)
    )[before:] == ["2026-W14"]


def test_the_prompt_is_a_thread_in_the_circle_and_the_kind_s_prompts_take_turns(
    circle,
):
    services.post_circle_prompts(now=_utc(2026, 3, 2, 12))
    services.post_circle_prompts(now=_utc(2026, 3, 9, 12))
    services.post_circle_prompts(now=_utc(2026, 3, 16, 12))
    threads = Thread.objects.filter(space=circle.space).order_by("pk")
    assert [t.title for t in threads] == [
        "What was one small win this week?",
        "What helped, even a little?",
        "What was one small win this week?",
    ]
    assert all(t.status == PostStatus.VISIBLE for t in threads)
    assert {t.author.pseudonym for t in threads} == {"Kindred"}
    assert not threads[0].author.is_active
    assert not threads[0].author.has_usable_password()


def test_the_command_takes_a_given_moment(circles):
    out = StringIO()
    call_command("post_circle_prompts", now="2026-03-30T08:00:00+00:00", stdout=out)
    weeks = dict(CirclePrompt.objects.values_list("circle__time_zone", "week"))
    # Monday 08:00 UTC: nine in London, one in the night in Los Angeles (too
    # early), the evening in Auckland.
    assert weeks == {"Europe/London": "2026-W14", "Pacific/Auckland": "2026-W14"}
    assert "Weekly prompts posted: 2." in out.getvalue()
    with pytest.raises(CommandError):
        call_command("post_circle_prompts", now="2026-03-30T08:00:00")


def test_a_circle_of_a_kind_without_prompts_gets_none(member, moved, join):
    moved.prompts = []
    moved.save()
    join(member, moved)
    assert services.post_circle_prompts(now=_utc(2026, 3, 30, 12)) == []
