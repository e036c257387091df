"""Live chat between two real browsers: a member asks for someone, a listener accepts,
they talk, the server dies and comes back mid-chat, and neither loses or doubles a
message. Then a helpline card, the end of the chat, and the member's feedback."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from support import services
from support.models import ChatFeedback, ChatMessage, Room
from tests.e2e.conftest import RESOURCES, axe_violations, in_thread, screenshot
from tests.e2e.signing_in import signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOG = '[data-chat="log"]'
SETTLE_MS = 15_000  # reconnect backoff after a restart, with room to spare


def log_ids(page) -> list[str]:
    """The id of every item in the chat log, in order ("" for one still pending)."""
    return page.eval_on_selector_all(
        f"{LOG} li", "items => items.map(i => i.dataset.id || '')"
    )


def wait_for_log(page, count: int) -> None:
    """Until the log holds exactly `count` stored messages and nothing pending."""
    page.wait_for_function(
        """([selector, count]) => {
            const items = [...document.querySelectorAll(selector + ' li')];
            return items.length === count && items.every(i => i.dataset.id);
        }""",
        arg=[LOG, count],
        timeout=SETTLE_MS,
    )


def say(page, text: str) -> None:
    page.get_by_role("textbox", name="Message").fill(text)
    page.get_by_role("textbox", name="Message").press("Enter")


def stored_ids(room_id: int) -> list[str]:
    return [
        str(pk)
        for pk in ChatMessage.objects.filter(room_id=room_id)
        .order_by("id")
        .values_list("pk", flat=True)
    ]


def test_two_browsers_chat_through_a_server_restart_without_losing_a_word(
    new_page, daphne_server, member, listener
):
    """Member and listener in two Chromium contexts; the server is killed and started
    again mid-chat; both resume from the last id they saw, with every message exactly
    once, including those written while it was down."""
    in_thread(call_command, "load_resources", str(RESOURCES), stdout=StringIO())
    listener_page = signed_in_page(new_page, daphne_server, listener)
    member_page = signed_in_page(new_page, daphne_server, member)

    listener_page.goto("/support/listen/")
    listener_page.get_by_role("button", name="Go on duty").click()
    listener_page.get_by_role("button", name="Go off duty").wait_for()

    member_page.goto("/support/now/")
    member_page.get_by_label("Lonely").check()
    member_page.get_by_role("button", name="Ask for a listener").click()
    member_page.wait_for_url(re.compile(r"/support/requests/\d+/$"))

    listener_page.reload()
    listener_page.get_by_role("button", name="Accept").first.click()
    listener_page.wait_for_url(re.compile(r"/support/rooms/\d+/$"))
    member_page.wait_for_url(re.compile(r"/support/rooms/\d+/$"), timeout=SETTLE_MS)
    room_id = int(member_page.url.rstrip("/").rsplit("/", 1)[1])
    assert listener_page.url == member_page.url

    for page in (member_page, listener_page):
        page.locator('[data-chat="connection"]').filter(has_text="Connected").wait_for()

    say(member_page, "Hello, is anyone there? It's been a long night.")
    listener_page.locator(LOG).get_by_text("is anyone there?").wait_for()
    listener_page.get_by_role("textbox", name="Message").fill(
        "Hi, I'm here. How are you doing tonight?"
    )
    listener_page.get_by_role("button", name="Send").click()
    member_page.locator(LOG).get_by_text("How are you doing tonight?").wait_for()
    wait_for_log(member_page, 3)  # the listener joined, and two messages

    # The listener's message, arriving live, can be reported; the member's own and
    # the note that the listener joined cannot.
    report = member_page.locator(LOG).get_by_role("link", name="Report this message")
    reply = member_page.locator(f"{LOG} li", has_text="How are you doing tonight?")
    assert report.count() == 1
    assert report.get_attribute("href") == (
        f"/moderation/report/chat_message/{reply.get_attribute('data-id')}/"
    )

    assert axe_violations(member_page) == []
    screenshot(member_page, "live-chat-member")

    # The server dies mid-chat. The member writes while it is down (kept as pending,
    # sent on reconnect), and a message is stored meanwhile (as through another
    # process): both arrive in both browsers, once.
    daphne_server.stop()
    for page in (member_page, listener_page):
        page.locator('[data-chat="connection"]').filter(
            has_text="Reconnecting"
        ).wait_for()
    say(member_page, "Sorry, the page went strange for a second.")
    member_page.locator(f"{LOG} li.msg-pending").wait_for()
    room = in_thread(Room.objects.get, pk=room_id)
    in_thread(
        services.message_create,
        room=room,
        author=listener,
        body="Still here with you.",
        client_id="tab-2",
    )
    daphne_server.start()

    for page in (member_page, listener_page):
        wait_for_log(page, 5)
    expected = in_thread(stored_ids, room_id)
    assert len(expected) == 5
    assert log_ids(member_page) == expected
    assert log_ids(listener_page) == expected

    # And the chat goes on live after the restart.
    say(listener_page, "Take all the time you need.")
    member_page.locator(LOG).get_by_text("Take all the time you need.").wait_for()

    listener_page.get_by_text("Send a helpline card").click()
    listener_page.get_by_role("button", name="Send card").click()
    member_page.locator(f"{LOG} li.msg-resource_card").wait_for()
    for page in (member_page, listener_page):
        wait_for_log(page, 7)
        assert log_ids(page) == in_thread(stored_ids, room_id)

    listener_page.get_by_text("End chat", exact=True).click()
    listener_page.get_by_role("button", name="Yes, end the chat").click()
    member_page.get_by_role("heading", name="How was this chat?").wait_for()
    member_page.get_by_label("Yes, it helped").check()
    member_page.get_by_label(re.compile("Anything you'd like to tell us")).fill(
        "It helped to not be alone with it."
    )
    member_page.get_by_role("button", name="Send feedback").click()
    member_page.get_by_role("heading", name="Thank you").wait_for()

    feedback = in_thread(ChatFeedback.objects.get, room_id=room_id)
    assert feedback.helped == ChatFeedback.Helped.YES
    assert in_thread(lambda: Room.objects.get(pk=room_id).has_ended)
