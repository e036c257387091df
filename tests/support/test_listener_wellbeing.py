"""A listener's wellbeing: her hours, a gentle pause after nights in a row, a
debrief prompt after hard chats, and moderators arranging debriefs."""

from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from moderation.services import Screening
from support import services as support_services
from support.models import DutyShift, ListenerStatus, Room
from support.training import selectors, services
from support.training.models import DebriefRequest


def at(day: int, hour: int) -> datetime:
    """A moment in December 2026, in the site's time zone."""
    return timezone.make_aware(datetime(2026, 12, day, hour, 0))


def night_shifts(listener, days):
    for day in days:
        DutyShift.objects.create(
            listener=listener, started=at(day, 23), ended=at(day + 1, 2)
        )


def test_hours_this_week_and_the_weeks_before(listener):
    now = at(10, 12)  # a Thursday
    DutyShift.objects.create(listener=listener, started=at(8, 9), ended=at(8, 12))
    DutyShift.objects.create(listener=listener, started=at(1, 20), ended=at(1, 22))
    weeks = selectors.hours_by_week(listener, now=now)
    assert len(weeks) == 5
    assert weeks[0]["hours"] == 3.0
    assert weeks[1]["hours"] == 2.0
    assert [week["hours"] for week in weeks[2:]] == [0, 0, 0]


def test_the_hours_page_is_for_listeners_only(listener, member, client):
    client.force_login(member)
    assert client.get(reverse("support:listen_hours")).status_code == 403
    client.force_login(listener)
    response = client.get(reverse("support:listen_hours"))
    assert response.status_code == 200
    assert "This week" in response.content.decode()


def test_three_nights_in_a_row_are_counted(listener):
    night_shifts(listener, [5, 6, 7])
    assert selectors.nights_in_a_row(listener, now=at(8, 23)) == 3
    assert selectors.nights_needing_a_pause(listener, now=at(8, 23))
    # In the daytime there is no pause to suggest.
    assert not selectors.nights_needing_a_pause(listener, now=at(8, 14))


def test_night_hours_that_do_not_cross_midnight_are_counted_too(listener, settings):
    settings.LISTENER_NIGHT_STARTS, settings.LISTENER_NIGHT_ENDS = 0, 6
    night_shifts(listener, [5, 6, 7])
    assert selectors.nights_in_a_row(listener, now=at(9, 1)) == 3
    assert not selectors.nights_needing_a_pause(listener, now=at(8, 23))


def test_a_night_off_resets_the_count(listener):
    night_shifts(listener, [4, 5, 7])
    assert selectors.nights_in_a_row(listener, now=at(8, 23)) == 1
    assert not selectors.nights_needing_a_pause(listener, now=at(8, 23))


def test_a_fourth_night_shows_a_kind_pause_she_can_step_past(
    listener, client, monkeypatch
):
    monkeypatch.setattr(selectors, "nights_needing_a_pause", lambda listener, zone: 3)
    client.force_login(listener)
    response = client.post(reverse("support:listen_duty"), {"on_duty": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "I have rested, go on duty" in page
    assert "3 nights in a row" in page
    assert not ListenerStatus.objects.filter(listener=listener, on_duty=True).exists()
    client.post(reverse("support:listen_duty"), {"on_duty": "1", "rested": "1"})
    assert ListenerStatus.objects.get(listener=listener).on_duty


@pytest.fixture
def ended_hard_chat(private_room, listener):
    support_services.room_escalate(room=private_room, by=listener)
    support_services.room_end(room=private_room, by=listener)
    return Room.objects.get(pk=private_room.pk)


def test_an_escalated_chat_brings_a_debrief_prompt(ended_hard_chat, listener, client):
    assert selectors.hard_chats(listener) == [ended_hard_chat]
    client.force_login(listener)
    page = client.get(reverse("support:listen")).content.decode()
    assert "Ask a moderator for a debrief" in page


def test_a_chat_where_the_crisis_panel_came_up_brings_a_prompt(
    private_room, member, listener
):
    risky = Screening(level="high", categories=("suicidal_thoughts",), signpost=True)
    with mock.patch("support.services.chat.screen_submission", return_value=risky):
        support_services.message_create(
            room=private_room, author=member, body="I can't keep going", client_id="r"
        )
    support_services.room_end(room=private_room, by=listener)
    assert selectors.hard_chats(listener) == [private_room]


def test_a_short_quiet_chat_brings_no_prompt(private_room, member, listener):
    support_services.message_create(
        room=private_room, author=member, body="Thank you, that helped", client_id="q"
    )
    support_services.room_end(room=private_room, by=listener)
    assert selectors.hard_chats(listener) == []


def test_asking_for_a_debrief_reaches_the_moderators(
    ended_hard_chat, listener, moderator, client
):
    client.force_login(listener)
    client.post(reverse("support:debrief_ask"), {"room": ended_hard_chat.pk})
    debrief = DebriefRequest.objects.get(listener=listener)
    assert debrief.room == ended_hard_chat
    assert selectors.hard_chats(listener) == []
    client.force_login(moderator)
    page = client.get(reverse("support:debriefs")).content.decode()
    assert listener.pseudonym in page
    client.post(
        reverse("support:debriefs"), {"debrief": debrief.pk, "status": "arranged"}
    )
    debrief.refresh_from_db()
    assert debrief.status == DebriefRequest.Status.ARRANGED
    assert debrief.handled_by == moderator


def test_a_listener_cannot_ask_about_someone_elses_chat(private_room, make_member):
    other = make_member(roles=["listener"])
    with pytest.raises(services.TrainingError):
        services.debrief_ask(listener=other, room_id=private_room.pk)
    assert not DebriefRequest.objects.exists()


@pytest.mark.parametrize("who", ["member", "listener"])
def test_only_moderators_see_debrief_requests(who, member, listener, client):
    client.force_login({"member": member, "listener": listener}[who])
    assert client.get(reverse("support:debriefs")).status_code == 403
    assert client.post(reverse("support:debriefs"), {"debrief": 1}).status_code == 403


def test_members_cannot_ask_for_a_debrief(member, client):
    client.force_login(member)
    assert client.post(reverse("support:debrief_ask")).status_code == 403
    assert not DebriefRequest.objects.exists()


def test_the_debriefs_page_keeps_its_query_count(
    make_member, moderator, client, django_assert_max_num_queries
):
    for _number in range(5):
        services.debrief_ask(listener=make_member(roles=["listener"]))
    client.force_login(moderator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("support:debriefs"))
    assert response.content.decode().count("Mark done") == 5


def test_her_nights_are_counted_where_she_is(listener):
    """Shifts from 23:00 to 02:00 in Auckland fall in the site's afternoon: in her
    zone they are nights in a row, in the site's they are no nights at all."""
    auckland = ZoneInfo("Pacific/Auckland")
    for day in (5, 6, 7):
        started = datetime(2026, 12, day, 23, tzinfo=auckland)
        DutyShift.objects.create(
            listener=listener, started=started, ended=started + timedelta(hours=3)
        )
    now = datetime(2026, 12, 8, 23, tzinfo=auckland)
    site = ZoneInfo(settings.TIME_ZONE)
    assert selectors.nights_in_a_row(listener, now=now, zone=auckland) == 3
    assert selectors.nights_needing_a_pause(listener, now=now, zone=auckland)
    assert selectors.nights_in_a_row(listener, now=now, zone=site) == 0


def test_going_on_duty_keeps_the_browsers_zone_if_real(listener, client):
    client.force_login(listener)
    duty = reverse("support:listen_duty")
    client.post(duty, {"on_duty": "1", "time_zone": "Pacific/Auckland"})
    status = ListenerStatus.objects.get(listener=listener)
    assert status.on_duty and status.time_zone == "Pacific/Auckland"
    assert selectors.listener_zone(listener) == ZoneInfo("Pacific/Auckland")
    client.post(duty, {"on_duty": "0"})
    client.post(duty, {"on_duty": "1", "time_zone": "Atlantis/Lost"})
    status.refresh_from_db()
    assert status.on_duty and status.time_zone == "Pacific/Auckland"


def test_the_pause_counts_in_the_zone_her_browser_sends(listener, client):
    """The pause page keeps her zone for the "I have rested" step."""
    auckland = ZoneInfo("Pacific/Auckland")
    tonight = timezone.now().astimezone(auckland).replace(hour=23, minute=0)
    for back in (1, 2, 3):
        started = tonight - timedelta(days=back)
        DutyShift.objects.create(
            listener=listener, started=started, ended=started + timedelta(hours=3)
        )
    client.force_login(listener)
    with mock.patch("django.utils.timezone.now", return_value=tonight):
        page = client.post(
            reverse("support:listen_duty"),
            {"on_duty": "1", "time_zone": "Pacific/Auckland"},
        )
    assert "I have rested, go on duty" in page.content.decode()
    assert 'name="time_zone" value="Pacific/Auckland"' in page.content.decode()
    assert not ListenerStatus.objects.filter(listener=listener, on_duty=True).exists()
