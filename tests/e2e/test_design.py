"""The phone-first layout in a real browser: what a parent sees first on a 390 px
phone, how tall the header and a short reply are, the menu without JavaScript, axe
with no violation of any level on the main pages in day and night, and screenshots
of those pages on a phone and a desktop (saved under screenshots/)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from forum import services as forum_services
from forum.models import Reply, Space, Thread
from moderation import services as moderation_services
from tests.e2e.conftest import in_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
TWO_LINES = "Three weeks in and I still cry in the shower. You're not alone, love."


def _reply(thread, author, body, parent=None) -> Reply:
    return Reply.objects.create(
        thread=thread,
        parent=parent,
        root=(parent.root or parent) if parent else None,
        depth=parent.depth + 1 if parent else 1,
        author=author,
        body_source=body,
        body_html=f"<p>{body}</p>",
    )


def seed(make_member) -> dict:
    """A space, a thread with nested replies and a second page of them, a reported
    reply, and a member, a moderator and their session cookies."""
    member = make_member("Sleepy Wren")
    other = make_member("Gentle Otter")
    moderator = make_member("Careful Owl", roles=["moderator"])
    space = Space.objects.create(name="Postpartum", slug="postpartum", order=1)
    Space.objects.create(name="Good days", slug="good-days", order=2)
    thread = Thread.objects.create(
        space=space,
        author=member,
        title="Three weeks in and so tired",
        body_source="Is it normal to feel this flat?",
        body_html="<p>Is it normal to feel this flat?</p>",
    )
    short = _reply(thread, other, TWO_LINES)
    answer = _reply(thread, member, "Thank you. That helps more than you know.", short)
    _reply(thread, other, "Any time. Same here most nights.", answer)
    for n in range(25):
        _reply(thread, other, f"Sending strength, number {n}.")
    forum_services.recount_all()
    moderation_services.report_create(
        reporter=member, target=short, guideline=2, words="Checking this one."
    )
    return {
        "thread": thread.get_absolute_url(),
        "space": space.get_absolute_url(),
        "empty_space": "/spaces/good-days/",
        "short_reply": short.pk,
        "cookies": {"member": _cookie(member), "moderator": _cookie(moderator)},
    }


def _cookie(person) -> str:
    client = Client()
    client.force_login(person)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def site(make_member):
    return in_thread(seed, make_member)


@pytest.fixture
def open_context(chromium, daphne_server):
    contexts = []

    def open_(viewport=PHONE, *, colour_scheme="light", who=None, javascript=True):
        context = chromium.new_context(
            base_url=daphne_server.url,
            viewport=viewport,
            color_scheme=colour_scheme,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
        if who:
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": who,
                        "url": daphne_server.url,
                    }
                ]
            )
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def _in_first_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844


def _axe_all(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v.get('impact')}): {v['help']} "
        f"{[node['target'] for node in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def test_the_first_screen_on_a_phone_has_the_promise_and_every_way_to_help(
    site, open_context
):
    """At 390x844 a newcomer sees the promise, Join anonymously, I need someone now
    and Get help now without scrolling, under a header at most 64 px tall."""
    page = open_context()
    page.goto("/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 64
    main = page.locator("main")
    for locator in (
        main.get_by_role("heading", name="You're not the only one awake."),
        main.get_by_role("link", name="Join anonymously"),
        main.get_by_role("link", name="I need someone now"),
        page.locator(".site-header").get_by_role("link", name="Get help now"),
        page.get_by_role("link", name="Quick exit"),
    ):
        assert _in_first_screen(page, locator), locator


def test_the_header_stays_one_row_for_members_and_moderators(site, open_context):
    """Signed in, even a moderator's header is one row: the rest is in the menu."""
    for who in ("member", "moderator"):
        page = open_context(who=site["cookies"][who])
        page.goto(site["thread"])
        assert page.locator(".site-header").bounding_box()["height"] <= 64, who
        assert not page.get_by_role("button", name="Sign out").is_visible()


def test_a_two_line_reply_is_compact_and_nesting_shows(site, open_context):
    """A two-line reply is at most 140 px tall on a phone; its reactions are one
    control in the actions row; answers to it sit visibly further in."""
    page = open_context(who=site["cookies"]["member"])
    page.goto(site["thread"])
    reply = page.locator(f"#reply-{site['short_reply']}")
    body = reply.locator(".user-text").bounding_box()
    assert 30 < body["height"] < 60, "the reply's words take two lines"
    assert reply.bounding_box()["height"] <= 140
    reactions = reply.locator(".forum-react > summary")
    actions = reply.locator(".forum-actions").bounding_box()
    assert actions["height"] <= 40, "reactions and actions share one row"
    assert not reply.locator("button.forum-reaction").first.is_visible()
    reactions.click()
    reply.locator("button.forum-reaction", has_text="Hug").click()
    page.wait_for_load_state()
    reply = page.locator(f"#reply-{site['short_reply']}")
    summary = reply.locator(".forum-react > summary")
    assert summary.locator(".forum-react-total").text_content() == "1"
    assert "reaction: Hug 1" in summary.text_content()
    lefts = [
        page.locator(f".forum-reply.depth-{depth} > article").first.bounding_box()["x"]
        for depth in (1, 2, 3)
    ]
    assert lefts[0] + 8 <= lefts[1] and lefts[1] + 8 <= lefts[2]


def test_the_menu_opens_from_the_keyboard_without_javascript(site, open_context):
    """No script: Tab reaches the menu, Enter opens it, and its links are there."""
    page = open_context(who=site["cookies"]["member"], javascript=False)
    page.goto("/")
    summary = page.locator(".site-menu > summary")
    for _ in range(12):
        page.keyboard.press("Tab")
        if summary.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the menu")
    assert not page.get_by_role("link", name="Settings").is_visible()
    page.keyboard.press("Enter")
    for name in ("Settings", "Notifications", "I need someone now"):
        assert page.locator(".site-menu").get_by_role("link", name=name).is_visible()
    assert page.get_by_role("button", name="Sign out").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.site-menu') !== null")


def test_night_mode_toggle_names_what_it_does_on_a_dark_device(site, open_context):
    """A member who never chose, on a dark device, is offered Light mode; the plain
    form switches and the next page is light, with or without script."""
    for javascript in (False, True):
        page = open_context(
            who=site["cookies"]["member"], colour_scheme="dark", javascript=javascript
        )
        page.goto("/")
        page.locator(".site-menu > summary").click()
        assert page.get_by_role("button", name="Light mode").is_visible()
        assert not page.get_by_role("button", name="Night mode").is_visible()
        page.get_by_role("button", name="Light mode").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("data-theme") == "light"
        page.locator(".site-menu > summary").click()
        page.get_by_role("button", name="Night mode").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("data-theme") == "dark"


def test_the_preview_shows_where_the_writing_is(site, open_context):
    """Preview opens under the Preview button and on screen, with and without
    script."""
    for javascript in (False, True):
        page = open_context(who=site["cookies"]["member"], javascript=javascript)
        page.goto(site["thread"])
        page.get_by_label("Your reply").fill("**Hold on**, it gets lighter.")
        page.get_by_role("button", name="Preview").click()
        page.wait_for_load_state()
        preview = page.locator(".forum-preview-output")
        preview.locator("strong").wait_for()
        assert preview.locator("strong").text_content() == "Hold on"
        box = page.locator(".forum-preview").bounding_box()
        assert 0 <= box["y"] and box["y"] + min(box["height"], 100) <= 844
        button = page.get_by_role("button", name="Preview").bounding_box()
        assert box["y"] > button["y"], "under the button"


def test_load_more_replies_works_with_and_without_script(site, open_context):
    """Without script the link opens the next page; with it, the next replies are
    added under the ones already shown."""
    page = open_context(javascript=False)
    page.goto(site["thread"])
    page.get_by_role("link", name="Load more replies").click()
    page.wait_for_load_state()
    assert "page=2" in page.url
    assert page.get_by_text("Sending strength, number 24.").is_visible()

    page = open_context()
    page.goto(site["thread"])
    shown = page.locator(".forum-reply").count()
    page.get_by_role("link", name="Load more replies").click()
    page.get_by_text("Sending strength, number 24.").wait_for()
    assert page.locator(".forum-reply").count() > shown
    assert page.get_by_role("link", name="Load more replies").count() == 0
    assert "page=2" not in page.url


def test_favicon_and_manifest_are_served(site, open_context, daphne_server):
    """Every page links an icon and a manifest that answer; /favicon.ico too."""
    page = open_context()
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    page.goto("/")
    page.wait_for_load_state("networkidle")
    for selector in ("link[rel=icon]", "link[rel=manifest]"):
        for href in page.locator(selector).evaluate_all("els => els.map(e => e.href)"):
            assert page.request.get(href).ok, href
    assert page.request.get("/favicon.ico").ok
    assert failed == []


MAIN_PAGES = [
    ("home", None, "/"),
    ("space", None, "space"),
    ("empty-space", None, "empty_space"),
    ("thread", "member", "thread"),
    ("join", None, "/accounts/join/"),
    ("sign-in", None, "/accounts/sign-in/"),
    ("settings", "member", "/accounts/settings/"),
    ("help", None, "/support/help/"),
    ("notifications", "member", "/notifications/"),
    ("moderation-queue", "moderator", "/moderation/"),
]


@pytest.mark.parametrize("colour_scheme", ["light", "dark"])
def test_main_pages_have_no_axe_violations_and_are_photographed(
    site, open_context, colour_scheme
):
    """axe-core finds no violation of any level on the main pages, day and night;
    each page is saved as a phone and a desktop screenshot."""
    SCREENSHOTS.mkdir(exist_ok=True)
    theme = "night" if colour_scheme == "dark" else "day"
    problems = {}
    for viewport_name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        pages = {
            who: open_context(
                viewport,
                colour_scheme=colour_scheme,
                who=site["cookies"][who] if who else None,
            )
            for who in (None, "member", "moderator")
        }
        for name, who, path in MAIN_PAGES:
            page = pages[who]
            page.goto(site.get(path, path))
            page.wait_for_load_state("load")
            if viewport_name == "phone":
                found = _axe_all(page)
                if found:
                    problems[name] = found
            shot = SCREENSHOTS / f"{name}-{viewport_name}-{theme}.png"
            page.screenshot(path=str(shot), full_page=True)
    assert problems == {}
