"""A member can ask another moderator to look again at a sanction, once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.models import AuditEntry, Notice, Sanction
from moderation.services import ModerationRefused, sanction_issue
from moderation.services.sanctions import sanction_appeal, sanction_appeal_decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def suspension(member, moderator):
    return sanction_issue(
        member=member,
        moderator=moderator,
        kind="suspension",
        guideline=1,
        message="Please be gentler.",
        ends_at=timezone.now() + timedelta(days=3),
    )


def test_a_suspended_member_can_appeal_from_her_page(client, member, suspension):
    client.force_login(member)
    page = client.get(reverse("moderation:suspended"))
    assert reverse("moderation:sanction_appeal").encode() in page.content
    form = client.get(reverse("moderation:sanction_appeal"))
    assert form.status_code == 200 and b"Please be gentler." in form.content
    response = client.post(
        reverse("moderation:sanction_appeal"), {"words": "I was quoting her."}
    )
    assert response.status_code == 302
    suspension.refresh_from_db()
    assert suspension.appeal_waiting and suspension.appeal_words == "I was quoting her."
    assert Notice.objects.filter(member=member, kind="appeal").exists()
    assert AuditEntry.objects.filter(kind="appeal_opened").exists()


def test_an_empty_appeal_keeps_the_page_and_saves_nothing(client, member, suspension):
    client.force_login(member)
    response = client.post(reverse("moderation:sanction_appeal"), {"words": "  "})
    assert response.status_code == 400
    suspension.refresh_from_db()
    assert suspension.appealed_at is None


def test_a_sanction_is_appealed_once(member, suspension):
    sanction_appeal(member=member, sanction_id=suspension.pk, words="Please")
    with pytest.raises(ModerationRefused, match="already appealed"):
        sanction_appeal(member=member, sanction_id=suspension.pk, words="Again")


def test_nobody_appeals_someone_elses_sanction(other_member, suspension):
    with pytest.raises(ModerationRefused):
        sanction_appeal(member=other_member, sanction_id=suspension.pk, words="x")


def test_with_nothing_to_appeal_the_page_is_a_404(client, other_member):
    client.force_login(other_member)
    assert client.get(reverse("moderation:sanction_appeal")).status_code == 404


def test_the_moderator_who_issued_it_cannot_decide_the_appeal(
    member, moderator, suspension
):
    sanction_appeal(member=member, sanction_id=suspension.pk, words="Please")
    with pytest.raises(ModerationRefused, match="Another moderator"):
        sanction_appeal_decide(
            sanction_id=suspension.pk, moderator=moderator, lift=True, reason="ok"
        )


def test_another_moderator_lifts_it_and_the_member_is_told(
    client, member, second_moderator, suspension
):
    sanction_appeal(member=member, sanction_id=suspension.pk, words="Please")
    client.force_login(second_moderator)
    queue = client.get(reverse("moderation:queue_view", args=["appeals"]))
    assert b"Appeals against sanctions" in queue.content
    page = client.get(reverse("moderation:member", args=[member.pk]))
    assert b"Decide the appeal" in page.content
    client.post(
        reverse("moderation:sanction_appeal_decide", args=[suspension.pk]),
        {"outcome": "lift", "reason": "It was a quote; sorry."},
    )
    suspension.refresh_from_db()
    assert suspension.lifted_at is not None and suspension.appeal_outcome == "lifted"
    told = Notice.objects.filter(member=member, kind="appeal").order_by("pk").last()
    assert "lifted the suspension" in told.body and "sorry" in told.body
    assert not Sanction.objects.active().filter(member=member).exists()
    client.force_login(member)
    assert client.get(reverse("moderation:my_reports")).status_code == 200


def test_an_appeal_turned_down_leaves_the_sanction_in_place(
    member, second_moderator, suspension
):
    sanction_appeal(member=member, sanction_id=suspension.pk, words="Please")
    sanction_appeal_decide(
        sanction_id=suspension.pk,
        moderator=second_moderator,
        lift=False,
        reason="It stands.",
    )
    suspension.refresh_from_db()
    assert suspension.lifted_at is None and suspension.appeal_outcome == "upheld"
    told = Notice.objects.filter(member=member, kind="appeal").order_by("pk").last()
    assert "stays" in told.body and "It stands." in told.body
    with pytest.raises(ModerationRefused, match="no appeal waiting"):
        sanction_appeal_decide(
            sanction_id=suspension.pk,
            moderator=second_moderator,
            lift=True,
            reason="again",
        )


def test_members_cannot_decide_appeals(client, member, other_member, suspension):
    sanction_appeal(member=member, sanction_id=suspension.pk, words="Please")
    client.force_login(other_member)
    response = client.post(
        reverse("moderation:sanction_appeal_decide", args=[suspension.pk]),
        {"outcome": "lift", "reason": "x"},
    )
    assert response.status_code in (403, 404)
    suspension.refresh_from_db()
    assert suspension.lifted_at is None
