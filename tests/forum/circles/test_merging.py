"""Quiet circles are offered to join a sibling with room; each member chooses."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import services
from forum.circles import selectors
from forum.circles import services as circle_services
from forum.circles.models import CircleMergeOffer


@pytest.fixture
def siblings(make_member, moved, join, _roomy_posting_limits):
    """Circle · 1 full with three, · 2 with one (capacity 3): then one leaves · 1."""
    first_members = [make_member() for _ in range(3)]
    first = [join(m, moved) for m in first_members][0]
    lonely = make_member("Lonely Lark")
    second = join(lonely, moved)
    circle_services.circle_leave(member=first_members[0], circle=first)
    circle_services.circle_leave(member=first_members[1], circle=first)
    return first, second, first_members[2], lonely


def test_a_circle_quiet_for_a_month_is_offered_a_sibling_with_room(siblings):
    first, second, _stayer, lonely = siblings
    services.thread_create(
        author=lonely, space=second.space, title="Anyone?", body="Hello"
    )
    now = timezone.now()
    assert circle_services.offer_circle_merges(now=now) == []
    later = now + datetime.timedelta(days=31)
    offers = circle_services.offer_circle_merges(now=later)
    # Both are quiet by then; each is offered the other, the first one found wins
    # and the other waits for the answer.
    assert len(offers) == 1
    assert circle_services.offer_circle_merges(now=later) == []


def test_members_choose_to_move_or_stay(client, siblings):
    first, second, stayer, lonely = siblings
    offer = CircleMergeOffer.objects.create(from_circle=second, into_circle=first)
    client.force_login(lonely)
    html = client.get(reverse("circles:index")).text
    assert "Join together with Moved somewhere new" in html
    response = client.post(
        reverse("circles:merge_answer", args=[offer.pk]), {"answer": "move"}
    )
    assert response.status_code == 302
    assert selectors.is_member(lonely, first)
    assert not selectors.is_member(lonely, second)
    offer.refresh_from_db()
    second.refresh_from_db()
    assert offer.closed_at is not None and second.closed_at is not None


def test_staying_keeps_her_where_she_is_and_the_offer_goes(client, siblings):
    first, second, stayer, lonely = siblings
    offer = CircleMergeOffer.objects.create(from_circle=first, into_circle=second)
    client.force_login(stayer)
    client.post(reverse("circles:merge_answer", args=[offer.pk]), {"answer": "stay"})
    assert selectors.is_member(stayer, first)
    assert "Join together with" not in client.get(reverse("circles:index")).text


def test_only_members_of_the_quiet_circle_can_answer(client, siblings, make_member):
    first, second, stayer, lonely = siblings
    offer = CircleMergeOffer.objects.create(from_circle=first, into_circle=second)
    client.force_login(lonely)
    url = reverse("circles:merge_answer", args=[offer.pk])
    assert client.post(url, {"answer": "move"}).status_code == 404
    client.force_login(make_member())
    assert client.post(url, {"answer": "move"}).status_code == 404
    assert selectors.is_member(stayer, first)


def test_an_offer_is_withdrawn_when_the_circle_wakes_up(client, siblings):
    first, second, stayer, lonely = siblings
    offer = CircleMergeOffer.objects.create(
        from_circle=first,
        into_circle=second,
        created=timezone.now() - datetime.timedelta(days=2),
    )
    services.thread_create(
        author=stayer, space=first.space, title="Still here", body="Hello again"
    )
    assert circle_services.offer_circle_merges(now=timezone.now()) == []
    offer.refresh_from_db()
    assert offer.closed_at is not None
    client.force_login(stayer)
    assert "Join together with" not in client.get(reverse("circles:index")).text


def test_an_offer_nobody_took_up_stays_open_while_the_circle_is_quiet(siblings):
    first, second, _stayer, _lonely = siblings
    offer = CircleMergeOffer.objects.create(from_circle=first, into_circle=second)
    circle_services.offer_circle_merges(now=timezone.now())
    offer.refresh_from_db()
    assert offer.closed_at is None


def test_once_everyone_has_answered_the_offer_ends_and_a_new_one_can_come(siblings):
    first, second, stayer, _lonely = siblings
    offer = CircleMergeOffer.objects.create(from_circle=first, into_circle=second)
    circle_services.merge_offer_answer(member=stayer, offer=offer, move=False)
    offer.refresh_from_db()
    assert offer.closed_at is not None
    assert selectors.is_member(stayer, first)
    later = timezone.now() + datetime.timedelta(days=31)
    offers = circle_services.offer_circle_merges(now=later)
    assert [o.from_circle_id for o in offers] in ([first.pk], [second.pk])
