"""Members report things; reports are deduplicated, rate-limited and snapshotted."""

import pytest
from django.urls import reverse

from moderation.models import Notice, Report, ReviewItem
from moderation.services import ModerationRefused, report_create

pytestmark = pytest.mark.django_db


def report_url(member):
    return reverse("moderation:report", args=["member", member.pk])


def test_reporting_the_same_thing_twice_adds_nothing(member, other_member):
    first, created = report_create(reporter=member, target=other_member, guideline=1)
    again, created_again = report_create(
        reporter=member, target=other_member, guideline=2
    )
    assert created and not created_again and first == again
    item = ReviewItem.objects.get()
    assert item.report_count == 1 and item.score == 10
    assert Report.objects.count() == 1


def test_the_content_is_snapshotted_at_report_time(member, other_member):
    report, _ = report_create(reporter=member, target=other_member, guideline=1)
    other_member.pseudonym = "Renamed Later"
    other_member.save()
    report.refresh_from_db()
    assert report.snapshot["title"] == "Gentle Otter"


def test_reporting_is_rate_limited(member, make_member, settings):
    settings.REPORTS_PER_HOUR = 3
    targets = [make_member() for _ in range(4)]
    for target in targets[:3]:
        report_create(reporter=member, target=target, guideline=1)
    with pytest.raises(ModerationRefused, match="lot of reports"):
        report_create(reporter=member, target=targets[3], guideline=1)
    assert Report.objects.count() == 3


def test_the_report_form_files_a_report(client, member, other_member):
    client.force_login(member)
    page = client.get(report_url(other_member))
    assert page.status_code == 200 and b"Gentle Otter" in page.content
    response = client.post(
        report_url(other_member), {"guideline": "4", "words": "my name"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.guideline == 4 and report.words == "my name"


def test_the_report_form_keeps_what_was_typed_on_error(client, member, other_member):
    client.force_login(member)
    response = client.post(report_url(other_member), {"words": "kept words"})
    assert response.status_code == 400
    assert b"kept words" in response.content
    assert not Report.objects.exists()


def test_the_report_form_refuses_over_the_limit_with_a_clear_message(
    client, member, make_member, settings
):
    settings.REPORTS_PER_HOUR = 1
    client.force_login(member)
    client.post(report_url(make_member()), {"guideline": "1"})
    response = client.post(report_url(make_member()), {"guideline": "1"})
    assert response.status_code == 429
    assert b"lot of reports" in response.content


def test_reporting_something_you_cannot_see_is_a_404(client, member, make_member):
    client.force_login(member)
    gone = make_member(is_active=False)
    assert client.get(report_url(gone)).status_code == 404
    assert (
        client.get(reverse("moderation:report", args=["member", 999999])).status_code
        == 404
    )
    assert (
        client.get(reverse("moderation:report", args=["nothing", 1])).status_code == 404
    )
    assert client.get(report_url(member)).status_code == 404


def test_reporting_needs_signing_in(client, other_member):
    response = client.get(report_url(other_member))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_your_reports_page_shows_outcomes_in_kind_words(
    client, open_item, other_member, moderator, reported_member
):
    from moderation.services import item_decide

    item_decide(
        item_id=open_item.pk,
        moderator=moderator,
        action="approve",
        guideline=1,
        reason="Fine",
        version=open_item.version,
    )
    client.force_login(other_member)
    page = client.get(reverse("moderation:my_reports"))
    assert b"can stay up" in page.content
    assert reported_member.pseudonym.encode() not in page.content
    assert Notice.objects.filter(member=other_member, kind="report").exists()


# --- "I'm worried about this person" --------------------------------------------------


def test_worry_for_someone_goes_to_the_safety_view_not_the_reports(
    client, member, other_member
):
    client.force_login(member)
    page = client.get(report_url(other_member))
    assert b"worried about this person" in page.content
    response = client.post(
        report_url(other_member),
        {"guideline": "0", "words": "her posts sound low"},
        follow=True,
    )
    assert b"looking out for her" in response.content
    report = Report.objects.get()
    assert report.is_worry and report.words == "her posts sound low"
    item = ReviewItem.objects.get()
    assert item.view == "safety" and item.level == "high"
    assert item.categories == ["worried_about_someone"]
    assert item.reasons[-1]["source"] == "worry"


def test_the_person_worried_about_is_not_told(member, other_member):
    report_create(reporter=member, target=other_member, guideline=Report.WORRIED)
    assert not Notice.objects.filter(member=other_member).exists()


def test_moderators_and_the_reporter_read_worry_in_words(
    client, member, other_member, moderator
):
    report_create(reporter=member, target=other_member, guideline=Report.WORRIED)
    client.force_login(moderator)
    item = ReviewItem.objects.get()
    html = client.get(reverse("moderation:item", args=[item.pk])).content.decode()
    assert "Worried about this person" in html and "Guideline 0" not in html
    client.force_login(member)
    mine = client.get(reverse("moderation:my_reports")).content.decode()
    assert "worried about this person" in mine and "guideline 0" not in mine


def test_a_guideline_that_does_not_exist_is_still_refused(member, other_member):
    with pytest.raises(LookupError):
        report_create(reporter=member, target=other_member, guideline=99)
