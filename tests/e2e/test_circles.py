"""Circles in a real browser: a member joins the November 2026 babies circle and
posts, another member answers, the weekly prompt arrives on Monday morning (the test
runs the prompt service at a moment it chooses); the thirteenth member of a full
circle lands in "· 2"; and a member who chose her area sees the local groups there
with when they meet."""

import datetime
import re

import pytest

from tests.conftest import DaphneServer
from tests.e2e.conftest import axe_violations, in_thread, open_menu, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOVEMBER = datetime.date(2026, 11, 1)
TOWN = "Wrenfield Magna"


@pytest.fixture
def daphne_server(transactional_db, settings):
    settings.PREMODERATION_POSTS = 0
    server = DaphneServer(extra_env={"KINDRED_PREMODERATION_POSTS": "0"}).start()
    yield server
    server.stop()


@pytest.fixture
def babies(transactional_db):
    from forum.circles.models import CircleKind

    return CircleKind.objects.create(
        name="Babies born the same month",
        slug="birth-month",
        description="Parents whose babies were born, or are due, in the same month.",
        by_birth_month=True,
        prompts=["What was one small win this week?"],
    )


def _join_november(page) -> None:
    page.goto("/circles/")
    page.get_by_role("link", name="About joining Babies born the same month").click()
    assert page.get_by_text("No anonymous posts here.").is_visible()
    page.get_by_label("The month your baby was born or is due").select_option(
        NOVEMBER.isoformat()
    )
    page.get_by_role("button", name="Join a circle").click()
    page.wait_for_url(re.compile(r"/circles/\d+/$"))


def test_a_member_joins_posts_is_answered_and_gets_the_weekly_prompt(
    daphne_hashers, new_page, babies, make_member
):
    make_member("Quiet Heron")
    make_member("Gentle Otter")

    a = new_page(width=390)
    sign_in(a, "Quiet Heron")
    open_menu(a)
    a.get_by_role("link", name="Your circles").click()
    a.wait_for_url(re.compile(r"/circles/$"))
    _join_november(a)
    circle_url = a.url
    assert a.get_by_role("heading", level=1).inner_text() == "November 2026 babies"
    assert "Quiet Heron" in a.locator(".circle-roster").inner_text()
    a.get_by_role("link", name="Start a thread").click()
    assert a.get_by_label("Post fully anonymously", exact=False).count() == 0
    a.get_by_label("Title").fill("Hello from the night feeds")
    a.get_by_label("Your words").fill("Three weeks in. Who else is awake at four?")
    a.get_by_role("button", name="Post thread").click()
    a.wait_for_url(re.compile(r"/threads/\d+/"))
    thread_url = a.url

    b = new_page(width=320)
    sign_in(b, "Gentle Otter")
    assert b.goto(thread_url).status == 404
    assert "Hello from the night feeds" not in b.content()
    _join_november(b)
    assert b.url == circle_url
    assert "Quiet Heron" in b.locator(".circle-roster").inner_text()
    b.get_by_role("link", name="Hello from the night feeds").click()
    assert b.get_by_label("Post fully anonymously", exact=False).count() == 0
    b.get_by_label("Your reply").fill("Me! Four o'clock is our time too.")
    b.get_by_role("button", name="Post reply").click()
    b.wait_for_url(re.compile(r"#reply-\d+"))
    assert "Gentle Otter" in b.locator("main").inner_text()

    a.goto(thread_url)
    assert "Four o'clock is our time too." in a.locator("main").inner_text()

    from forum.circles.models import Circle
    from forum.circles.services import post_circle_prompts
    from forum.circles.services.prompts import circle_zone

    circle = in_thread(Circle.objects.get)
    # The circle's time zone came from the browser; Monday 14 December 2026 there.
    zone = circle_zone(circle)
    assert a.goto(circle_url) and a.locator(".circle-prompt").count() == 0
    early = datetime.datetime(2026, 12, 14, 8, 59, tzinfo=zone)
    assert in_thread(post_circle_prompts, now=early) == []
    monday = datetime.datetime(2026, 12, 14, 9, tzinfo=zone)
    assert len(in_thread(post_circle_prompts, now=monday)) == 1
    a.goto(circle_url)
    prompt = a.locator(".circle-prompt")
    assert "What was one small win this week?" in prompt.inner_text()
    prompt.get_by_role("link").click()
    assert "Kindred" in a.locator("main").inner_text()
    assert in_thread(post_circle_prompts, now=monday) == []
    assert axe_violations(a) == []


def test_the_thirteenth_member_lands_in_a_new_sibling(
    daphne_hashers, new_page, babies, make_member
):
    from forum.circles.services import circle_join

    for n in range(12):
        circle_join(
            member=make_member(f"Early Parent {n}"), kind=babies, birth_month=NOVEMBER
        )
    make_member("Late Robin")
    page = new_page(width=320)
    sign_in(page, "Late Robin")
    page.goto("/circles/join/birth-month/?birth_month=2026-11-01")
    assert "12 members" in page.locator("main").inner_text()
    _join_november(page)
    assert (
        page.get_by_role("heading", level=1).inner_text() == "November 2026 babies · 2"
    )
    roster = page.locator(".circle-roster").inner_text()
    assert "Late Robin" in roster and "Early Parent" not in roster
    page.goto("/circles/")
    assert "November 2026 babies · 2" in page.locator("main").inner_text()


def test_a_member_in_a_chosen_area_sees_local_groups_and_when_they_meet(
    daphne_hashers, new_page, make_member
):
    from support.groups.services import groups_load

    groups_load(
        entries=[
            {
                "name": f"Example: Thursday parents' walk, {TOWN}",
                "kind": "meetup",
                "country": "GB",
                "areas": [TOWN],
                "meets": "Thursdays at ten (example)",
                "contact_url": "https://example.org/groups/gb/thursday-walk",
                "languages": ["en"],
                "last_checked": "2026-11-30",
                "example": True,
            },
            {
                "name": "Example: Far away drop-in",
                "kind": "drop_in",
                "country": "GB",
                "areas": ["Elsewhere"],
                "meets": "Mondays at two (example)",
                "contact_url": "https://example.org/groups/gb/drop-in",
                "languages": ["en"],
                "last_checked": "2026-11-30",
                "example": True,
            },
        ]
    )
    make_member("Quiet Heron")
    page = new_page(width=320)
    sign_in(page, "Quiet Heron")
    page.goto("/support/groups/")
    page.get_by_label("Choose your town or postcode district").select_option(
        f"GB:{TOWN}"
    )
    page.get_by_role("button", name="Show groups").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert f"Thursday parents' walk, {TOWN}" in main
    assert "Thursdays at ten (example)" in main
    assert "Far away drop-in" not in main
    page.goto("/")
    page.goto("/support/groups/")
    assert "Thursdays at ten (example)" in page.locator("main").inner_text()
    assert axe_violations(page) == []
