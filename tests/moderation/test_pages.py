"""The moderation pages, as moderators and members use them."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.models import DailyCount
from moderation.models import AuditEntry, Decision, Notice, ReviewItem
from moderation.services import Screening, item_claim, item_decide, record_screening

pytestmark = pytest.mark.django_db


@pytest.fixture
def risk_item(make_member):
    author = make_member("Tired Finch")
    record_screening(
        target=author,
        author=author,
        screening=Screening(
            level="urgent", categories=("suicidal_thoughts",), flag=True
        ),
    )
    item = ReviewItem.objects.get(object_id=str(author.pk))
    item.snapshot = {**item.snapshot, "text": "I can't go on like this"}
    item.save()
    return item


def test_the_queue_lists_urgent_items_first_and_blurs_them(
    client, moderator, risk_item, open_item, django_assert_max_num_queries
):
    client.force_login(moderator)
    # 15, and the spaces she hid and the languages she reads, for the spaces menu
    # (read once, then cached).
    with django_assert_max_num_queries(17):
        page = client.get(reverse("moderation:queue"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-queue-view="safety"' in html
    assert "blur-target" in html and '<details class="reveal">' in html
    assert "I can&#x27;t go on like this" in html


def test_the_header_shows_queue_counts_to_moderators_only(
    client, moderator, member, risk_item
):
    client.force_login(moderator)
    html = client.get(reverse("guidelines")).content.decode()
    assert 'data-moderation-count="urgent" data-count="1"' in html
    client.force_login(member)
    html = client.get(reverse("guidelines")).content.decode()
    assert "data-moderation-count" not in html


def test_the_partial_queue_list_is_served_for_live_refresh(
    client, moderator, open_item
):
    client.force_login(moderator)
    page = client.get(reverse("moderation:queue_view", args=["reports"]) + "?partial=1")
    assert b"<html" not in page.content and b"Loud Jay" in page.content


def test_an_unknown_view_is_a_404(client, moderator):
    client.force_login(moderator)
    assert client.get("/moderation/queue/nope/").status_code == 404


def test_the_item_page_offers_support_first_and_never_remove_by_default(
    client, moderator, risk_item, django_assert_max_num_queries
):
    client.force_login(moderator)
    client.post(reverse("moderation:item_claim", args=[risk_item.pk]))
    with django_assert_max_num_queries(25):
        page = client.get(reverse("moderation:item", args=[risk_item.pk]))
    html = page.content.decode()
    assert 'value="support" id="id_action_0" checked' in html or (
        'value="support"' in html and "checked" in html.split('value="support"')[1][:40]
    )
    assert 'value="remove" checked' not in html
    assert "Approve and support" in html
    assert "never against the guidelines" in html
    assert "blur-target" in html


def test_a_second_moderator_sees_who_claimed_the_item(
    client, moderator, second_moderator, open_item
):
    item_claim(item_id=open_item.pk, moderator=moderator)
    client.force_login(second_moderator)
    html = client.get(reverse("moderation:item", args=[open_item.pk])).content.decode()
    assert "Claimed by <strong>Careful Owl</strong>" in html
    assert "Save decision" not in html


@pytest.mark.parametrize("situation", ["escalated", "own_decision_appealed"])
def test_the_item_page_refuses_with_the_words_the_services_use(
    situation, client, moderator, second_moderator, open_item, reported_member
):
    """One rule says whether a moderator may act on an item: the page offers no
    claim and no decision exactly when claiming would be refused, in the same
    words."""
    from django.utils.html import escape

    from moderation.services import ModerationRefused, appeal_create

    if situation == "escalated":
        item_decide(
            item_id=open_item.pk,
            moderator=moderator,
            action="escalate",
            guideline=1,
            reason="A senior view, please.",
            version=open_item.version,
        )
        looking = second_moderator
    else:
        item_decide(
            item_id=open_item.pk,
            moderator=moderator,
            action="hide",
            guideline=1,
            reason="Harsh.",
            version=open_item.version,
        )
        appeal_create(
            decision=Decision.objects.get(), author=reported_member, words="Quoting"
        )
        looking = moderator
    with pytest.raises(ModerationRefused) as refused:
        item_claim(item_id=open_item.pk, moderator=looking)
    client.force_login(looking)
    html = client.get(reverse("moderation:item", args=[open_item.pk])).content.decode()
    assert escape(str(refused.value)) in html
    assert "Claim this item" not in html and "Save decision" not in html


def test_deciding_through_the_page_and_a_stale_second_decision(
    client, moderator, second_moderator, open_item
):
    client.force_login(moderator)
    client.post(reverse("moderation:item_claim", args=[open_item.pk]))
    response = client.post(
        reverse("moderation:item_decide", args=[open_item.pk]),
        {
            "action": "hide",
            "guideline": "1",
            "reason": "Unkind",
            "version": open_item.version,
        },
    )
    assert response.status_code == 302
    client.force_login(second_moderator)
    response = client.post(
        reverse("moderation:item_decide", args=[open_item.pk]),
        {
            "action": "approve",
            "guideline": "1",
            "reason": "Fine",
            "version": open_item.version,
        },
        follow=True,
    )
    assert "decided while you were looking" in response.content.decode()
    assert Decision.objects.count() == 1


def test_a_decision_form_error_keeps_what_was_typed(client, moderator, open_item):
    client.force_login(moderator)
    client.post(reverse("moderation:item_claim", args=[open_item.pk]))
    response = client.post(
        reverse("moderation:item_decide", args=[open_item.pk]),
        {
            "action": "edit",
            "guideline": "1",
            "reason": "typed reason",
            "version": open_item.version,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "typed reason" in html and "Write the edited text." in html
    assert not Decision.objects.exists()


def test_handing_back_returns_the_item_to_the_queue(client, moderator, open_item):
    client.force_login(moderator)
    client.post(reverse("moderation:item_claim", args=[open_item.pk]))
    client.post(reverse("moderation:item_release", args=[open_item.pk]))
    open_item.refresh_from_db()
    assert open_item.claimed_by is None


def test_the_author_reads_the_message_and_appeals_from_it(
    client, moderator, open_item, reported_member
):
    item_decide(
        item_id=open_item.pk,
        moderator=moderator,
        action="hide",
        guideline=1,
        reason="Please be kinder.",
        version=open_item.version,
    )
    client.force_login(reported_member)
    assert b"a message from the moderators" in client.get(reverse("guidelines")).content
    page = client.get(reverse("moderation:notices")).content.decode()
    assert "Please be kinder." in page and "Ask another moderator to look again" in page
    assert not Notice.objects.filter(member=reported_member, read_at=None).exists()
    decision = Decision.objects.get()
    response = client.post(
        reverse("moderation:appeal", args=[decision.pk]),
        {"words": "It was a joke between friends"},
    )
    assert response.status_code == 302
    open_item.refresh_from_db()
    assert open_item.view == "appeals" and open_item.is_open


def test_a_long_stretch_of_queue_work_suggests_a_break(client, moderator, settings):
    settings.MODERATOR_BREAK_AFTER_MINUTES = 30
    client.force_login(moderator)
    start = timezone.now()
    for minutes in range(0, 41, 10):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            page = client.get(reverse("moderation:queue"))
    assert b"Take a break" in page.content
    client.post(reverse("moderation:take_break"))
    with time_machine.travel(start + timedelta(minutes=41)):
        assert b"Take a break" not in client.get(reverse("moderation:queue")).content


def test_a_pause_resets_the_stretch(client, moderator, settings):
    settings.MODERATOR_BREAK_AFTER_MINUTES = 30
    client.force_login(moderator)
    start = timezone.now()
    with time_machine.travel(start):
        client.get(reverse("moderation:queue"))
    with time_machine.travel(start + timedelta(minutes=40)):
        assert b"Take a break" not in client.get(reverse("moderation:queue")).content


def test_the_dashboard_draws_svg_charts_with_data_tables(
    client, moderator, open_item, risk_item, django_assert_max_num_queries
):
    item_decide(
        item_id=open_item.pk,
        moderator=moderator,
        action="approve",
        guideline=1,
        reason="ok",
        version=open_item.version,
    )
    client.force_login(moderator)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("moderation:dashboard"))
    html = page.content.decode()
    assert html.count("<svg") >= 3 and "<table>" in html
    assert "suicidal thoughts" in html
    assert "<script" not in html.split("<main")[1].split("</main>")[0]


def test_the_transparency_page_counts_without_content_or_names(
    client, moderator, open_item, reported_member
):
    item_decide(
        item_id=open_item.pk,
        moderator=moderator,
        action="hide",
        guideline=1,
        reason="secret reason",
        version=open_item.version,
    )
    DailyCount.objects.create(
        name="crisis_panel_shown", day=timezone.localdate(), count=7
    )
    html = client.get(reverse("moderation:transparency")).content.decode()
    assert "1. Be kind" in html and "Hide" in html
    assert "crisis help panel: 7" in html
    for secret in ("secret reason", reported_member.pseudonym, moderator.pseudonym):
        assert secret not in html


def test_the_audit_log_filters_and_exports_csv(client, operator, moderator, open_item):
    item_claim(item_id=open_item.pk, moderator=moderator)
    client.force_login(operator)
    page = client.get(reverse("moderation:audit"), {"actor": "Careful Owl"})
    assert b"<td>Item claimed</td>" in page.content
    assert b"<td>Report received</td>" not in page.content
    response = client.get(
        reverse("moderation:audit"), {"kind": "item_claimed", "format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["created", "actor", "kind"]
    assert [row[2] for row in rows[1:]] == ["item_claimed"]


def test_csv_cells_cannot_run_as_formulas(client, operator, moderator):
    from moderation.services import audit_append

    audit_append(
        actor=moderator,
        kind=AuditEntry.Kind.NOTE_ADDED,
        target_type="member",
        target_id=1,
        reason="=HYPERLINK(1)",
    )
    client.force_login(operator)
    response = client.get(reverse("moderation:audit"), {"format": "csv"})
    assert "'=HYPERLINK(1)" in b"".join(response.streaming_content).decode()


def test_the_member_page_adds_notes_shown_next_to_items(
    client, moderator, open_item, reported_member
):
    client.force_login(moderator)
    client.post(
        reverse("moderation:member_note", args=[reported_member.pk]),
        {"text": "Has had a hard month"},
    )
    html = client.get(reverse("moderation:item", args=[open_item.pk])).content.decode()
    assert "Has had a hard month" in html
    assert AuditEntry.objects.filter(kind="note_added").exists()


def test_the_recount_command_repairs_a_drifted_report_count(open_item, capsys):
    from django.core.management import call_command

    ReviewItem.objects.filter(pk=open_item.pk).update(report_count=7)
    call_command("moderation_recount")
    open_item.refresh_from_db()
    assert open_item.report_count == 1
    assert "report counts fixed: 1" in capsys.readouterr().out
