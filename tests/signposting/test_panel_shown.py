"""The transparency count of crisis panels shown: each panel a page renders for
someone counts once, where it is rendered; hidden ones count only when revealed, and
reading what a panel holds counts nothing."""

import pytest
from django.urls import reverse

from core.models import DailyCount
from forum import services as forum_services
from forum.models import Space, Thread
from forum.views import POSTED_KEY
from support.signposting import presentation, selectors, services
from tests.signposting.test_check_in import CALM

pytestmark = pytest.mark.django_db


def panels_shown() -> int:
    row = DailyCount.objects.filter(name="crisis_panel_shown").first()
    return row.count if row else 0


def test_reading_the_panel_writes_nothing(seeded, django_assert_num_queries):
    """The selector only reads: once the lines are cached, not even a query."""
    selectors.crisis_panel_context("GB")
    with django_assert_num_queries(0):
        panel = selectors.crisis_panel_context("GB")
    assert panel["emergency"].resource.phone_number.startswith("999")
    assert panels_shown() == 0


def test_rendering_the_panel_records_it_once(seeded):
    html = presentation.crisis_panel_html("US")
    assert 'data-country="US"' in html
    assert panels_shown() == 1


def test_a_panel_built_hidden_counts_only_when_revealed(seeded):
    presentation.crisis_panel_html("US", visible=False)
    assert panels_shown() == 0
    services.record_crisis_panel_shown()
    assert panels_shown() == 1


@pytest.mark.parametrize("page", ["support:crisis", "support:worried"])
def test_each_help_page_view_counts_its_panel_once(client, seeded, page):
    client.get(reverse(page))
    assert panels_shown() == 1
    client.get(reverse(page), {"country": "GB"})
    assert panels_shown() == 2


def test_the_resource_directory_shows_no_panel_and_counts_none(client, seeded):
    client.get(reverse("support:resources"), {"country": "GB"})
    assert panels_shown() == 0


def test_a_check_in_result_counts_its_panel_only_on_a_self_harm_yes(
    client, seeded, make_member
):
    member = make_member(country="GB")
    client.force_login(member)
    answers = {key: value for key, value in CALM.items() if key != "mood"}
    calm = services.check_in_create(member=member, mood=4, answers=answers)
    client.get(reverse("support:check_in_result", args=[calm.pk]))
    assert panels_shown() == 0
    worried = services.check_in_create(
        member=member, mood=2, answers={**answers, "self_harm": "often"}
    )
    html = client.get(reverse("support:check_in_result", args=[worried.pk])).text
    assert 'class="crisis-panel' in html
    assert panels_shown() == 1


def test_the_thread_page_counts_the_panel_it_shows_after_posting_once(
    client, seeded, make_member, settings
):
    """The cards under posts are not the panel; the panel after posting counts once,
    and the next view (no panel) adds nothing."""
    settings.PREMODERATION_POSTS = 0
    member = make_member(country="GB")
    space = Space.objects.create(name="Loss", slug="loss", order=1)
    thread = forum_services.thread_create(
        author=member, space=space, title="Today", body="Hard day."
    ).thread
    Thread.objects.filter(pk=thread.pk).update(risk_categories=["self_harm"])
    client.force_login(member)
    client.get(thread.get_absolute_url())
    assert panels_shown() == 0
    session = client.session
    session[POSTED_KEY] = {"draft": "", "signpost": True}
    session.save()
    assert "crisis-panel" in client.get(thread.get_absolute_url()).text
    assert panels_shown() == 1
    assert "crisis-panel" not in client.get(thread.get_absolute_url()).text
    assert panels_shown() == 1
