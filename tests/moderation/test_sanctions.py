"""Sanctions: shown on the next visit, lapsing on time, suspensions lock out."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from moderation.models import AuditEntry, Sanction
from moderation.services import ModerationRefused, sanction_issue, sanction_lift

pytestmark = pytest.mark.django_db


def issue(member, moderator, kind, days=None):
    ends = timezone.now() + timedelta(days=days) if days else None
    return sanction_issue(
        member=member,
        moderator=moderator,
        kind=kind,
        guideline=1,
        message="Please be gentler.",
        private_note="second time",
        ends_at=ends,
    )


def test_a_warning_shows_on_the_next_visit_until_read(client, member, moderator):
    sanction = issue(member, moderator, "warning")
    client.force_login(member)
    page = client.get(reverse("guidelines"))
    assert b"Please be gentler." in page.content
    client.post(
        reverse("moderation:sanction_seen", args=[sanction.pk]),
        {"next": "/guidelines/"},
    )
    page = client.get(reverse("guidelines"))
    assert b"Please be gentler." not in page.content


def test_acknowledging_a_warning_never_sends_the_member_to_another_site(
    client, member, moderator
):
    sanction = issue(member, moderator, "warning")
    client.force_login(member)
    url = reverse("moderation:sanction_seen", args=[sanction.pk])
    for elsewhere in ("https://example.com/", "//example.com/", ""):
        response = client.post(url, {"next": elsewhere})
        assert response["Location"] == reverse("home"), elsewhere
    response = client.post(url, {"next": reverse("guidelines")})
    assert response["Location"] == reverse("guidelines")


def test_the_private_note_is_never_shown_to_the_member(client, member, moderator):
    issue(member, moderator, "mute", days=1)
    client.force_login(member)
    assert b"second time" not in client.get(reverse("guidelines")).content


def test_a_mute_shows_a_banner_and_lapses_by_itself(client, member, moderator):
    issue(member, moderator, "mute", days=1)
    client.force_login(member)
    assert b"Posting is paused" in client.get(reverse("guidelines")).content
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        assert b"Posting is paused" not in client.get(reverse("guidelines")).content


def test_a_suspended_member_sees_one_page_explaining_why(client, member, moderator):
    issue(member, moderator, "suspension", days=3)
    client.force_login(member)
    response = client.get(reverse("moderation:my_reports"))
    assert response.status_code == 302
    assert response["Location"] == reverse("moderation:suspended")
    page = client.get(reverse("moderation:suspended"))
    assert b"suspended until" in page.content and b"Please be gentler." in page.content


def test_help_stays_reachable_while_suspended(client, member, moderator):
    issue(member, moderator, "suspension", days=3)
    client.force_login(member)
    assert client.get(reverse("guidelines")).status_code == 200
    assert client.get(reverse("moderation:notices")).status_code == 200


def test_a_suspension_lapses_on_time(client, member, moderator):
    issue(member, moderator, "suspension", days=2)
    client.force_login(member)
    with time_machine.travel(timezone.now() + timedelta(days=2, seconds=5)):
        assert client.get(reverse("moderation:my_reports")).status_code == 200
        assert client.get(reverse("moderation:suspended")).status_code == 302


def test_a_ban_does_not_lapse_but_can_be_lifted(client, member, senior_moderator):
    ban = issue(member, senior_moderator, "ban")
    client.force_login(member)
    with time_machine.travel(timezone.now() + timedelta(days=10)):
        assert client.get(reverse("moderation:my_reports")).status_code == 302
    sanction_lift(sanction_id=ban.pk, moderator=senior_moderator, reason="Appeal heard")
    assert client.get(reverse("moderation:my_reports")).status_code == 200
    assert AuditEntry.objects.filter(kind="sanction_lifted").exists()


def test_only_senior_moderators_ban(member, moderator):
    with pytest.raises(ModerationRefused):
        issue(member, moderator, "ban")
    assert not Sanction.objects.exists()


def test_mutes_and_suspensions_need_an_end(member, moderator):
    with pytest.raises(ModerationRefused):
        issue(member, moderator, "mute")
    with pytest.raises(ModerationRefused):
        sanction_issue(
            member=member,
            moderator=moderator,
            kind="suspension",
            guideline=1,
            message="m",
            ends_at=timezone.now() - timedelta(days=1),
        )


def test_sanctions_are_audited_and_lower_trust(member, moderator):
    from moderation.models import MemberStanding

    MemberStanding.objects.create(member=member, trust_override=None, approved_count=30)
    issue(member, moderator, "mute", days=1)
    entry = AuditEntry.objects.get(kind="sanction_issued")
    assert entry.actor_label == moderator.pseudonym and entry.after["kind"] == "mute"
    assert MemberStanding.objects.get(member=member).trust_level == 0


def test_the_sanction_form_shows_errors_next_to_fields(client, moderator, member):
    client.force_login(moderator)
    response = client.post(
        reverse("moderation:member_sanction", args=[member.pk]),
        {"kind": "mute", "guideline": "1", "message": "typed words"},
    )
    assert response.status_code == 400
    assert (
        b"Say for how many days" in response.content
        and b"typed words" in response.content
    )


# --- Live support ----------------------------------------------------------------


def sanction_from_the_page(client, moderator, member, **fields):
    client.force_login(moderator)
    return client.post(
        reverse("moderation:member_sanction", args=[member.pk]),
        {"kind": "mute", "guideline": "1", "days": "2", "message": "m", **fields},
    )


def test_the_sanction_form_offers_to_pause_live_support(client, moderator, member):
    client.force_login(moderator)
    page = client.get(reverse("moderation:member", args=[member.pk])).content.decode()
    assert 'name="includes_live_support"' in page
    assert "Pause live support too" in page
    assert "A ban always pauses live support" in page


def test_a_mute_leaves_live_support_open_unless_the_moderator_says_so(
    client, moderator, member
):
    sanction_from_the_page(client, moderator, member)
    mute = Sanction.objects.get()
    assert not mute.includes_live_support and not mute.pauses_live_support
    entry = AuditEntry.objects.get(kind="sanction_issued")
    assert entry.after["live_support"] == "still open"
    notice = member.notices.get()
    assert "Live chat with a listener stays open to you" in notice.body


def test_a_moderator_can_pause_live_support_with_a_mute(client, moderator, member):
    response = sanction_from_the_page(
        client, moderator, member, includes_live_support="on"
    )
    assert response.status_code == 302
    mute = Sanction.objects.get()
    assert mute.includes_live_support and mute.pauses_live_support
    entry = AuditEntry.objects.get(kind="sanction_issued")
    assert entry.after["live_support"] == "paused"
    assert "Live chat with a listener is paused for you too" in (
        member.notices.get().body
    )
    history = client.get(reverse("moderation:member", args=[member.pk]))
    assert b"live support paused" in history.content


def test_a_ban_always_includes_live_support(member, senior_moderator):
    ban = sanction_issue(
        member=member,
        moderator=senior_moderator,
        kind="ban",
        guideline=1,
        message="m",
        includes_live_support=False,
    )
    assert ban.includes_live_support
    assert AuditEntry.objects.get(kind="sanction_issued").after["live_support"] == (
        "paused"
    )


def test_a_warning_never_includes_live_support(member, moderator):
    warning = sanction_issue(
        member=member,
        moderator=moderator,
        kind="warning",
        guideline=1,
        message="m",
        includes_live_support=True,
    )
    assert not warning.includes_live_support


def test_the_database_refuses_a_ban_that_leaves_live_support_open(member, moderator):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Sanction.objects.create(
            member=member, kind="ban", guideline=1, message="m", issued_by=moderator
        )


def test_the_mute_banner_says_whether_live_support_is_open(client, member, moderator):
    issue(member, moderator, "mute", days=1)
    client.force_login(member)
    page = client.get(reverse("guidelines")).content.decode()
    assert "Live chat with a listener stays open to you" in page
