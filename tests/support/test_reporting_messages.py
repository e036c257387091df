"""Reporting a chat message: a "Report" link on other people's messages in the room,
and the report page for a message only for those who can read its room."""

import re

import pytest
from django.urls import reverse

from moderation.models import Report
from support import services
from support.models import ChatMessage

pytestmark = pytest.mark.django_db


def say(room, author, body, client_id=""):
    return services.message_create(
        room=room, author=author, body=body, client_id=client_id
    )


def report_url(message) -> str:
    return reverse("moderation:report", args=["chat_message", message.pk])


def rendered_item(page: str, message) -> str:
    """The transcript's <li> for message, as the room page renders it."""
    found = re.search(rf'<li id="m{message.pk}".*?</li>', page, re.S)
    assert found, f"message {message.pk} is not on the page"
    return found.group(0)


def test_other_peoples_messages_have_a_report_link_and_yours_and_notes_do_not(
    private_room, member, listener, client
):
    """The listener sees "Report" (named "Report this message") on the member's
    message, not on their own nor on the room's system notes."""
    theirs = say(private_room, member, "Some days are so heavy")
    mine = say(private_room, listener, "I'm listening")
    note = ChatMessage.objects.get(room=private_room, kind=ChatMessage.Kind.SYSTEM)
    client.force_login(listener)
    page = client.get(private_room.get_absolute_url()).content.decode()

    link = re.search(
        r'<a class="msg-report" href="([^"]+)">(.*?)</a>', rendered_item(page, theirs)
    )
    assert link and link.group(1) == report_url(theirs)
    assert re.sub(r"<[^>]+>", "", link.group(2)) == "Report this message"
    assert "msg-report" not in rendered_item(page, mine)
    assert "msg-report" not in rendered_item(page, note)


def test_the_log_carries_the_report_address_for_messages_arriving_live(
    private_room, member, client
):
    """The chat client builds each live message's link from this template."""
    client.force_login(member)
    page = client.get(private_room.get_absolute_url()).content.decode()

    template = re.search(r'data-report-url="([^"]+)"', page).group(1)
    assert template == reverse("moderation:report", args=["chat_message", "message-id"])


def test_a_member_reports_a_message_in_their_chat(
    private_room, member, listener, client
):
    """The report page shows the message; sending it files a report and returns to
    the message in the chat."""
    message = say(private_room, listener, "You should just get over it")
    client.force_login(member)

    page = client.get(report_url(message))
    response = client.post(report_url(message), {"guideline": "1", "words": "unkind"})

    assert page.status_code == 200 and b"get over it" in page.content
    assert response.status_code == 302
    assert response["Location"] == message.get_absolute_url()
    report = Report.objects.get()
    assert report.reporter == member and report.snapshot["text"] == message.body


def test_a_message_from_someone_elses_chat_cannot_be_reported_or_read(
    private_room, member, listener, other_member, client
):
    """Another member's private chat answers 404, as if the message did not exist:
    the report page would otherwise show its words."""
    message = say(private_room, member, "Nobody knows how bad it is")
    client.force_login(other_member)

    assert client.get(report_url(message)).status_code == 404
    assert client.post(report_url(message), {"guideline": "1"}).status_code == 404
    assert not Report.objects.exists()


def test_a_listener_who_handed_the_chat_over_can_no_longer_report_in_it(
    private_room, member, listener, make_member, on_duty, client
):
    message = say(private_room, member, "thank you")
    other_listener = on_duty(make_member("Calm Lark", roles=["listener"]))
    services.room_handover(
        room=private_room, from_listener=listener, to_listener=other_listener
    )
    client.force_login(listener)

    assert client.get(report_url(message)).status_code == 404


def test_a_message_in_a_group_room_can_be_reported_by_anyone_in_it(
    hosted_group_room, member, other_member, client
):
    message = say(hosted_group_room, other_member, "evening all")
    client.force_login(member)

    assert client.get(report_url(message)).status_code == 200
