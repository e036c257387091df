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


def wait_out_the_offer_delay(support_request, settings) -> None:
    SupportRequest.objects.filter(pk=support_request.pk).update(
        created=timezone.now()
        - timedelta(seconds=settings.SUPPORT_OFFER_HELP_AFTER_SECONDS + 1)
    )


def offer_shown_url(support_request) -> str:
    return reverse("support:request_offer_shown", args=[support_request.pk])


def test_the_early_waiting_page_hides_the_offer_and_tells_the_script_when_to_show_it(
    client, member, settings
):
    """The delay is relative, so a member's wrong clock doesn't reveal it early."""
    client.force_login(member)
    waiting = services.request_create(member=member, chips=[])
    html = client.get(waiting.get_absolute_url()).content.decode()
    assert 'id="support-offer" aria-labelledby="offer-heading" hidden' in html
    offer_in = int(html.split('data-offer-in="')[1].split('"')[0])
    assert 0 < offer_in <= settings.SUPPORT_OFFER_HELP_AFTER_SECONDS * 1000
    assert f'data-offer-shown-url="{offer_shown_url(waiting)}"' in html


def test_an_offer_revealed_by_the_script_counts_its_panel_once(
    client, member, settings
):
    """Loaded early (nothing counted), revealed later by the script (counted once),
    however often the script or a reload says so afterwards."""
    client.force_login(member)
    waiting = services.request_create(member=member, chips=[])
    client.get(waiting.get_absolute_url())
    assert panels_shown() == 0
    wait_out_the_offer_delay(waiting, settings)
    assert client.post(offer_shown_url(waiting)).status_code == 204
    assert panels_shown() == 1
    assert client.post(offer_shown_url(waiting)).status_code == 204
    client.get(waiting.get_absolute_url())
    assert panels_shown() == 1


def test_the_script_reporting_a_panel_the_page_already_counted_adds_nothing(
    client, member, settings
):
    client.force_login(member)
    waiting = services.request_create(member=member, chips=[])
    wait_out_the_offer_delay(waiting, settings)
    client.get(waiting.get_absolute_url())
    assert client.post(offer_shown_url(waiting)).status_code == 204
    assert panels_shown() == 1


def test_an_urgent_requests_offer_adds_nothing_to_its_panel_counted_at_load(
    client, member, settings
):
    """An urgent request's panel sits above the offer, not in it."""
    client.force_login(member)
    urgent = services.request_create(member=member, chips=[], might_act=True)
    client.get(urgent.get_absolute_url())
    wait_out_the_offer_delay(urgent, settings)
    assert client.post(offer_shown_url(urgent)).status_code == 204
    assert panels_shown() == 1


def test_the_offer_count_needs_the_pages_csrf_token(member, settings):
    """The script sends the token from the page in a header; without it, refused."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    waiting = services.request_create(member=member, chips=[])
    wait_out_the_offer_delay(waiting, settings)
    html = browser.get(waiting.get_absolute_url()).content.decode()
    assert browser.post(offer_shown_url(waiting)).status_code == 403
    token = html.split('data-csrf="')[1].split('"')[0]
    response = browser.post(offer_shown_url(waiting), headers={"X-CSRFToken": token})
    assert response.status_code == 204
    assert panels_shown() == 1


def test_the_offer_count_refuses_anyone_signed_out(client, member, settings):
    waiting = services.request_create(member=member, chips=[])
    wait_out_the_offer_delay(waiting, settings)
    response = client.post(offer_shown_url(waiting))
    assert response.status_code == 302 and "sign" in response.url
    assert panels_shown() == 0


def test_the_offer_count_treats_another_members_request_as_not_there(
    client, member, other_member, settings
):
    waiting = services.request_create(member=member, chips=[])
    wait_out_the_offer_delay(waiting, settings)
    client.force_login(other_member)
    assert client.post(offer_shown_url(waiting)).status_code == 404
    assert panels_shown() == 0


def test_the_offer_count_refuses_a_request_no_longer_waiting(client, member, settings):
    client.force_login(member)
    waiting = services.request_create(member=member, chips=[])
    wait_out_the_offer_delay(waiting, settings)
    services.request_cancel(member=member, request_id=waiting.pk)
    assert client.post(offer_shown_url(waiting)).status_code == 409
    assert panels_shown() == 0


def test_the_offer_count_refuses_before_the_offer_is_due(client, member):
    client.force_login(member)
    waiting = services.request_create(member=member, chips=[])
    assert client.post(offer_shown_url(waiting)).status_code == 409
    assert panels_shown() == 0


def test_the_offer_count_is_a_post_only(client, member, settings):
    client.force_login(member)
    waiting = services.request_create(member=member, chips=[])
    wait_out_the_offer_delay(waiting, settings)
    assert client.get(offer_shown_url(waiting)).status_code == 405
    assert panels_shown() == 0
