"""The forum in a real browser: an anonymous thread with a content note, a reply to a
reply from another account, a reaction, a live notification, search, an edit and the
moderator's view of the history and the real author."""

import re

import pytest

from tests.conftest import DaphneServer
from tests.e2e.conftest import axe_violations, open_menu, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def daphne_server(transactional_db, settings):
    # These members are new; premoderation is tested elsewhere. Tests post for them
    # from this process too, so neither process holds their first posts.
    settings.PREMODERATION_POSTS = 0
    server = DaphneServer(extra_env={"KINDRED_PREMODERATION_POSTS": "0"}).start()
    yield server
    server.stop()


@pytest.fixture
def space(transactional_db):
    from forum.models import Space

    return Space.objects.create(
        name="Postpartum depression and anxiety",
        slug="postpartum",
        description="When the weeks after the birth feel nothing like you were told.",
    )


def _badge(page):
    return page.locator("#forum-unread")


def test_an_anonymous_thread_is_answered_reacted_to_found_edited_and_moderated(
    daphne_hashers, new_page, space, make_member, moderator
):
    author = make_member("Quiet Heron")
    make_member("Gentle Otter")

    a = new_page(width=390)
    sign_in(a, "Quiet Heron")
    a.goto("/")
    open_menu(a)
    a.locator(".site-menu").get_by_text("Spaces", exact=True).click()
    a.get_by_role("link", name="Postpartum depression and anxiety").first.click()
    a.get_by_role("link", name="Start a thread").click()
    a.get_by_label("Title").fill("Marigold mornings feel impossible")
    a.get_by_label("Your words").fill(
        "Every morning starts with dread. Is this normal?"
    )
    a.get_by_label("Birth trauma").check()
    a.get_by_label("Post fully anonymously", exact=False).check()
    a.get_by_role("button", name="Post thread").click()
    a.wait_for_url(re.compile(r"/threads/\d+/"))
    thread_url = a.url
    assert "Anonymous parent" in a.locator("#post").inner_text()
    assert a.locator("details.forum-note").count() == 1
    assert not a.locator("details.forum-note").get_attribute("open")
    a.wait_for_function("() => document.getElementById('forum-unread') !== null")

    b = new_page(width=320)
    sign_in(b, "Gentle Otter")
    b.goto(thread_url)
    assert "Quiet Heron" not in b.content()
    b.get_by_label("Your reply").fill("Mornings were the worst for me too.")
    b.get_by_role("button", name="Post reply").click()
    b.wait_for_url(re.compile(r"#reply-\d+"))

    # A hasn't reloaded: the count arrives over the socket.
    a.wait_for_function(
        "() => document.getElementById('forum-unread').dataset.count === '1'",
        timeout=10_000,
    )

    a.reload()
    b_reply = a.locator("li.forum-reply", has_text="Mornings were the worst")
    b_reply.get_by_role("link", name=re.compile("^Reply")).click()
    a.get_by_label("Your reply").fill("Thank you, that helps more than you know.")
    a.get_by_label("Post fully anonymously", exact=False).check()
    a.get_by_role("button", name="Post reply").click()
    a.wait_for_url(re.compile(r"#reply-\d+"))
    assert "in reply to Gentle Otter" in a.content()
    before = _badge(a).get_attribute("data-count")

    b.goto(thread_url)
    a_reply = b.locator("li.forum-reply", has_text="Thank you, that helps")
    assert "Anonymous parent" in a_reply.inner_text()
    a_reply.locator(".forum-react > summary").click()
    a_reply.get_by_role("button", name="Hug").click()
    b.wait_for_load_state()
    assert (
        b.locator("li.forum-reply", has_text="Thank you, that helps")
        .locator("button.forum-reaction.is-on")
        .count()
        == 1
    )
    assert "Quiet Heron" not in b.content()
    a.wait_for_function(
        "n => document.getElementById('forum-unread').dataset.count === n",
        arg=str(int(before) + 1),
        timeout=10_000,
    )

    a.goto("/search/?q=marigold")
    a.get_by_role("link", name="Marigold mornings feel impossible").first.click()
    a.get_by_role("link", name="Edit", exact=True).first.click()
    a.get_by_label("Your words").fill(
        "Every morning starts with dread. It is a bit better today."
    )
    a.get_by_role("button", name="Save changes").click()
    a.wait_for_url(re.compile(r"/threads/\d+/"))
    assert "a bit better today" in a.content()
    screenshot(a, "forum-thread-author-390")

    m = new_page(width=390)
    sign_in(m, moderator.pseudonym)
    m.goto(thread_url)
    opening = m.locator("#post")
    assert "posted by Quiet Heron" in opening.inner_text()
    opening.locator("details.forum-history > summary").click()
    assert "Is this normal?" in opening.locator("details.forum-history").inner_text()
    assert author.pseudonym in m.content()


def test_the_thread_page_passes_an_accessibility_scan(
    daphne_hashers, new_page, space, make_member
):
    from forum import services

    writer = make_member("Quiet Heron")
    reader = make_member("Gentle Otter")
    thread = services.thread_create(
        author=writer,
        space=space,
        title="Scan me",
        body="Some *words*.",
        content_notes=["birth-trauma"],
        anonymous=True,
    ).thread
    first = services.reply_create(author=reader, thread=thread, body="One").reply
    services.reply_create(author=writer, thread=thread, parent=first, body="Two")
    page = new_page(width=390)
    sign_in(page, "Gentle Otter")
    for url in [
        thread.get_absolute_url(),
        space.get_absolute_url(),
        "/spaces/postpartum/new/",
    ]:
        page.goto(url)
        assert axe_violations(page) == [], url
    page.emulate_media(color_scheme="dark")
    page.goto(thread.get_absolute_url())
    assert axe_violations(page) == []
