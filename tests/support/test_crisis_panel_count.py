"""The transparency count of crisis panels shown counts panels people saw: not the
hidden copies the request and waiting pages carry, and not every self-refresh."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import DailyCount
from support import services
from support.models import SupportRequest

pytestmark = pytest.mark.django_db


def panels_shown() -> int:
    row = DailyCount.objects.filter(name="crisis_panel_shown").first()
    return row.count if row else 0


def test_the_request_page_keeps_its_hidden_panel_out_of_the_count(client, member):
    client.force_login(member)
    assert client.get(reverse("support:request_start")).status_code == 200
    assert panels_shown() == 0


def test_an_early_ordinary_wait_shows_no_panel_and_counts_none(client, member):
    client.force_login(member)
    waiting = services.request_create(member=member, chips=["lonely"])
    client.get(waiting.get_absolute_url())
    assert panels_shown() == 0


def test_an_urgent_wait_counts_its_panel_once_however_often_the_page_refreshes(
    client, member
):
    client.force_login(member)
    urgent = services.request_create(member=member, chips=[], might_act=True)
    for _refresh in range(3):
        html = client.get(urgent.get_absolute_url()).content.decode()
        assert "crisis-first-heading" in html
    assert panels_shown() == 1


def test_a_long_wait_counts_the_offered_panel_once(client, member, settings):
    client.force_login(member)
    waiting = services.request_create(member=member, chips=[])
    SupportRequest.objects.filter(pk=waiting.pk).update(
        created=timezone.now()
        - timedelta(seconds=settings.SUPPORT_OFFER_HELP_AFTER_SECONDS + 1)
    )
    client.get(waiting.get_absolute_url())
    client.get(waiting.get_absolute_url())
    assert panels_shown() == 1
