"""Joining, capacity and siblings, waiting lists and leaving."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from forum.circles import selectors, services
from forum.circles.models import CircleMembership, CircleWaiting
from forum.circles.naming import circle_name
from tests.forum.circles.conftest import NOVEMBER


def _members(circle):
    return CircleMembership.objects.filter(circle=circle, left_at__isnull=True)


def test_the_thirteenth_member_opens_a_sibling_numbered_two(make_member, babies, join):
    first = [join(make_member(), babies, NOVEMBER) for _ in range(12)]
    assert {c.pk for c in first} == {first[0].pk}
    assert _members(first[0]).count() == 12
    thirteenth = join(make_member(), babies, NOVEMBER)
    assert thirteenth.pk != first[0].pk
    assert thirteenth.number == 2
    with translation.override("en"):
        assert circle_name(babies, NOVEMBER, thirteenth.number) == (
            "November 2026 babies · 2"
        )
    with translation.override("es"):
        assert circle_name(babies, NOVEMBER, thirteenth.number) == (
            "Bebés de noviembre de 2026 · 2"
        )
    assert thirteenth.space.is_circle and thirteenth.space != first[0].space


def test_a_place_freed_in_the_first_circle_is_filled_before_the_sibling(
    make_member, moved, join
):
    """Joining puts her in the oldest circle of the group that has room."""
    members = [make_member() for _ in range(4)]
    circles = [join(m, moved) for m in members]
    assert [c.number for c in circles] == [1, 1, 1, 2]
    services.circle_leave(member=members[0], circle=circles[0])
    assert join(make_member(), moved).number == 1


def test_months_have_their_own_circles_and_the_month_is_required(
    member, other_member, babies, join
):
    november = join(member, babies, NOVEMBER)
    december = join(other_member, babies, datetime.date(2026, 12, 1))
    assert november.pk != december.pk
    assert december.number == 1
    with pytest.raises(services.CircleRefused) as refused:
        join(other_member, babies, None)
    assert refused.value.code == "month"


def test_a_member_is_in_one_circle_of_a_group_and_at_most_three_in_all(
    member, babies, moved, join
):
    join(member, babies, NOVEMBER)
    with pytest.raises(services.CircleRefused) as refused:
        join(member, babies, NOVEMBER)
    assert refused.value.code == "already"
    join(member, babies, datetime.date(2026, 10, 1))
    join(member, moved)
    with pytest.raises(services.CircleRefused) as refused:
        join(member, babies, datetime.date(2026, 9, 1))
    assert refused.value.code == "too_many"
    assert CircleMembership.objects.filter(member=member).count() == 3


def test_a_kind_that_is_closed_takes_nobody(member, moved, join):
    moved.active = False
    moved.save()
    with pytest.raises(services.CircleRefused):
        join(member, moved)
    assert not CircleMembership.objects.filter(member=member).exists()


def test_the_longest_waiting_member_gets_the_place_someone_leaves(
    make_member, moved, join
):
    inside = [make_member() for _ in range(3)]
    circle = [join(m, moved) for m in inside][0]
    first_waiting, second_waiting = make_member(), make_member()
    assert services.circle_wait(member=first_waiting, circle=circle) is False
    assert services.circle_wait(member=second_waiting, circle=circle) is False
    place = services.circle_leave(member=inside[1], circle=circle)
    assert place.member == first_waiting and place.from_waiting_list
    assert set(_members(circle).values_list("member", flat=True)) == {
        inside[0].pk,
        inside[2].pk,
        first_waiting.pk,
    }
    assert list(CircleWaiting.objects.values_list("member", flat=True)) == [
        second_waiting.pk
    ]


def test_she_sees_on_her_circles_page_that_a_place_opened(
    client, make_member, moved, join
):
    inside = [make_member() for _ in range(3)]
    circle = [join(m, moved) for m in inside][0]
    waiting = make_member()
    services.circle_wait(member=waiting, circle=circle)
    client.force_login(waiting)
    assert "A place opened up for you here" not in client.get("/circles/").text
    services.circle_leave(member=inside[0], circle=circle)
    html = client.get(reverse("circles:index")).text
    assert "A place opened up for you here" in html
    assert circle.get_absolute_url() in html


def test_waiting_for_a_circle_with_room_joins_it_at_once(member, other_member, circle):
    assert services.circle_wait(member=other_member, circle=circle) is True
    assert selectors.is_member(other_member, circle)
    assert not CircleWaiting.objects.exists()


def test_joining_the_group_ends_her_waiting_there(make_member, moved, join):
    circle = [join(make_member(), moved) for _ in range(3)][0]
    waiting = make_member()
    services.circle_wait(member=waiting, circle=circle)
    sibling = join(waiting, moved)
    assert sibling.number == 2
    assert not CircleWaiting.objects.filter(member=waiting).exists()


def test_the_time_zone_of_whoever_opens_the_circle_is_kept_if_real(
    member, other_member, babies, join
):
    opened = join(member, babies, NOVEMBER, time_zone="Pacific/Auckland")
    assert opened.time_zone == "Pacific/Auckland"
    other = join(other_member, babies, datetime.date(2026, 1, 1), time_zone="Mars/Base")
    assert other.time_zone == ""
