"""The circles pages: who may open what, joining, waiting, leaving, and bad input."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from accounts import services as account_services
from forum.circles import selectors
from forum.circles import services as circle_services
from forum.circles.models import CircleMembership, CircleWaiting
from forum.models import Space
from tests.forum.circles.conftest import NOVEMBER


def test_the_circles_page_explains_circles_to_everyone_and_lists_hers(
    client, member, babies, circle
):
    html = client.get(reverse("circles:index")).text
    assert "Babies born the same month" in html
    assert "November 2026 babies" not in html
    client.force_login(member)
    html = client.get(reverse("circles:index")).text
    assert "November 2026 babies" in html
    assert circle.get_absolute_url() in html


def test_the_menu_links_to_her_circles(client, member):
    client.force_login(member)
    assert reverse("circles:index") in client.get("/").text


@pytest.mark.parametrize("name", ["join", "circle", "leave"])
def test_signed_out_readers_are_asked_to_sign_in(client, babies, circle, name):
    url = {
        "join": reverse("circles:join", args=[babies.slug]),
        "circle": circle.get_absolute_url(),
        "leave": reverse("circles:leave", args=[circle.pk]),
    }[name]
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:sign_in") in response.url


@pytest.mark.parametrize("name", ["wait", "wait_cancel"])
def test_changes_are_posts_only(client, other_member, circle, name):
    client.force_login(other_member)
    assert client.get(reverse(f"circles:{name}", args=[circle.pk])).status_code == 405
    assert not selectors.is_member(other_member, circle)


def test_leaving_asks_first_and_only_a_post_leaves(client, member, circle):
    client.force_login(member)
    url = reverse("circles:leave", args=[circle.pk])
    assert "Leave the circle" in client.get(url).text
    assert selectors.is_member(member, circle)
    client.post(url)
    assert not selectors.is_member(member, circle)


def test_the_join_page_says_posts_are_not_anonymous_before_she_joins(
    client, other_member, babies
):
    client.force_login(other_member)
    html = client.get(reverse("circles:join", args=[babies.slug])).text
    assert "No anonymous posts here." in html
    assert "at most 12 members" in html
    assert "You can leave whenever you like" in html
    assert 'name="birth_month"' in html


def test_joining_from_the_page_lands_her_in_the_circle(client, other_member, babies):
    client.force_login(other_member)
    response = client.post(
        reverse("circles:join", args=[babies.slug]),
        {"birth_month": NOVEMBER.isoformat(), "time_zone": "Europe/London"},
    )
    membership = CircleMembership.objects.get(member=other_member)
    assert response.status_code == 302
    assert response.url == membership.circle.get_absolute_url()
    assert membership.circle.time_zone == "Europe/London"
    page = client.get(response.url).text
    assert "November 2026 babies" in page and other_member.pseudonym in page


def test_a_month_missing_or_out_of_range_is_asked_again_and_nothing_saved(
    client, other_member, babies
):
    client.force_login(other_member)
    url = reverse("circles:join", args=[babies.slug])
    for month in ["", "1999-01-01", "nonsense"]:
        response = client.post(url, {"birth_month": month})
        assert response.status_code == 400
        assert "errorlist" in response.text or "form-problem" in response.text
    assert not CircleMembership.objects.exists()


def test_a_refusal_is_shown_on_the_page_and_changes_nothing(
    client, member, babies, circle
):
    client.force_login(member)
    response = client.post(
        reverse("circles:join", args=[babies.slug]),
        {"birth_month": NOVEMBER.isoformat()},
    )
    assert response.status_code == 400
    assert "You are already in a circle of this kind." in response.text
    assert CircleMembership.objects.filter(member=member).count() == 1


def test_an_unknown_or_closed_kind_is_not_found(client, member, moved):
    client.force_login(member)
    assert client.get(reverse("circles:join", args=["nope"])).status_code == 404
    moved.active = False
    moved.save()
    assert client.get(reverse("circles:join", args=[moved.slug])).status_code == 404


def test_a_full_circle_offers_its_waiting_list_and_leaving_fills_it(
    client, make_member, moved, join
):
    inside = [make_member() for _ in range(3)]
    circle = [join(m, moved) for m in inside][0]
    waiting = make_member("Hopeful Fern")
    client.force_login(waiting)
    html = client.get(reverse("circles:join", args=[moved.slug])).text
    wait_url = reverse("circles:wait", args=[circle.pk])
    assert wait_url in html
    client.post(wait_url)
    assert CircleWaiting.objects.filter(member=waiting, circle=circle).exists()
    assert "Moved somewhere new" in client.get(reverse("circles:index")).text
    client.force_login(inside[0])
    assert "Leave" in client.get(reverse("circles:leave", args=[circle.pk])).text
    response = client.post(reverse("circles:leave", args=[circle.pk]))
    assert response.status_code == 302
    assert not selectors.is_member(inside[0], circle)
    assert selectors.is_member(waiting, circle)


def test_stopping_waiting_takes_her_off_the_list(client, make_member, moved, join):
    circle = [join(make_member(), moved) for _ in range(3)][0]
    waiting = make_member()
    circle_services.circle_wait(member=waiting, circle=circle)
    client.force_login(waiting)
    client.post(reverse("circles:wait_cancel", args=[circle.pk]))
    assert not CircleWaiting.objects.exists()


def test_her_circles_are_in_her_data_and_go_with_her_account(member, circle):
    with translation.override("en"):
        data = account_services.member_export(member=member)
    assert data["circles"]["memberships"][0]["circle"] == "November 2026 babies"
    assert data["circles"]["memberships"][0]["left"] is None
    account_services.member_erase(member=member)
    assert not CircleMembership.objects.filter(member=member).exists()
    assert selectors.roster(circle) == []


def test_birth_months_run_from_a_year_back_to_nine_months_ahead():
    months = selectors.birth_months(datetime.date(2026, 12, 7))
    assert months[0] == datetime.date(2025, 12, 1)
    assert months[-1] == datetime.date(2027, 9, 1)
    assert len(months) == 22


def test_signed_out_posts_are_sent_to_sign_in_and_change_nothing(
    client, circle, make_member, moved, join
):
    full = [join(make_member(), moved) for _ in range(3)][0]
    for url in [
        reverse("circles:wait", args=[full.pk]),
        reverse("circles:wait_cancel", args=[full.pk]),
        reverse("circles:leave", args=[circle.pk]),
        reverse("circles:merge_answer", args=[1]),
    ]:
        response = client.post(url)
        assert response.status_code == 302
        assert reverse("accounts:sign_in") in response.url
    assert not CircleWaiting.objects.exists()
    assert len(selectors.roster(circle)) == 1


def test_a_closed_circle_takes_no_one_on_its_waiting_list(client, other_member, circle):
    circle.closed_at = circle.created
    circle.save()
    client.force_login(other_member)
    assert client.post(reverse("circles:wait", args=[circle.pk])).status_code == 404
    assert not CircleWaiting.objects.exists()
    assert not selectors.is_member(other_member, circle)


def test_the_circle_space_is_not_in_the_space_admin(client, operator, circle):
    Space.objects.create(name="Sleep and feeding", slug="sleep-and-feeding")
    operator.is_superuser = True
    operator.save()
    client.force_login(operator)
    response = client.get(reverse("admin:forum_space_changelist"))
    assert response.status_code == 200
    assert "Sleep and feeding" in response.text
    assert circle.space.name not in response.text


def test_her_circles_page_and_the_join_page_cost_the_same_queries_whatever_the_number(
    client, make_member, member, babies, moved, join, django_assert_max_num_queries
):
    client.force_login(member)
    join(member, moved)
    urls = [
        reverse("circles:index"),
        reverse("circles:join", args=[moved.slug]),
        reverse("circles:join", args=[babies.slug]) + "?birth_month=2026-11-01",
    ]
    counts = {}
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(40) as few:
            client.get(url)
        counts[url] = len(few.captured_queries)
    for _ in range(7):
        join(make_member(), moved)
        join(make_member(), babies, NOVEMBER)
    join(member, babies, NOVEMBER)
    join(member, babies, datetime.date(2026, 10, 1))
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            client.get(url)


def test_circle_threads_and_forms_name_the_circle_in_the_reader_s_language(
    client, member, circle, _roomy_posting_limits
):
    from forum import services

    thread = services.thread_create(
        author=member, space=circle.space, title="Hello all", body="Hi everyone"
    ).thread
    client.force_login(member)
    new_thread = client.get(reverse("forum:thread_new", args=[circle.space.slug])).text
    assert "Start a thread in November 2026 babies" in new_thread
    assert "post without your pseudonym" not in new_thread
    assert "Here you post under your pseudonym" in new_thread
    page = client.get(thread.get_absolute_url()).text
    assert f'<a href="{reverse("circles:index")}">Circles</a>' in page
    spanish = client.get(thread.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").text
    assert "Bebés de noviembre de 2026" in spanish
    reply_form = client.get(reverse("forum:reply_new", args=[thread.pk])).text
    assert "November 2026 babies" in reply_form


def test_operators_edit_circle_kinds_in_the_admin_and_members_cannot(
    client, operator, member, babies
):
    url = reverse("admin:circles_circlekind_change", args=[babies.pk])
    client.force_login(member)
    assert client.get(url).status_code == 302
    client.force_login(operator)
    response = client.get(url)
    assert response.status_code == 200
    assert "Babies born the same month" in response.text
