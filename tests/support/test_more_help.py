"""When a member's message brings up the crisis panel in a live chat: her listener
gets a quiet note (she never does), her panel can tell the listener she needs more
help (the more_help frame, which alerts moderators once per short while), and the
panel shows her country's lines with a way to change them in place."""

from unittest import mock

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from moderation.models import AuditEntry, ReviewItem
from moderation.services import Screening
from support.models import ChatMessage, RoomMembership
from tests.support.conftest import ORIGIN, drain, receive_until, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)

RISKY = Screening(level="high", categories=("suicidal_thoughts",), signpost=True)


def room_path(room) -> str:
    return f"/ws/support/rooms/{room.pk}/"


async def opened(connect, room, user):
    socket = await connect(room_path(room), user)
    await receive_until(socket, "ready")
    await drain(socket)
    return socket


async def send_risky(socket, client_id: str) -> dict:
    """Send a message the rules read as high risk; return the writer's panel."""
    with mock.patch("support.services.chat.screen_submission", return_value=RISKY):
        await socket.send_json_to(
            {"type": "message", "body": "I can't keep going", "client_id": client_id}
        )
        return await receive_until(socket, "crisis")


async def still_open(socket) -> None:
    await socket.send_json_to({"type": "ping"})
    assert (await receive_until(socket, "pong"))["type"] == "pong"


async def browser_socket(room, member, language: bytes, cookie: str = ""):
    from kindred.asgi import application

    headers = [*ORIGIN, (b"accept-language", language)]
    if cookie:
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    socket = WebsocketCommunicator(application, room_path(room), headers=headers)
    if not cookie:
        socket.scope["user"] = member
    assert (await socket.connect())[0]
    await receive_until(socket, "ready")
    return socket


def escalations(room) -> int:
    return AuditEntry.objects.filter(
        kind=AuditEntry.Kind.ALERT_RAISED,
        target_type="chat_room",
        target_id=str(room.pk),
    ).count()


# --- The listener's quiet note -------------------------------------------------


async def test_the_listener_gets_a_quiet_note_when_her_message_brings_up_the_panel(
    private_room, member, listener, connect
):
    """The listener's socket gets a listener_note naming the message; the member
    gets her panel, and no note about herself."""
    mine = await opened(connect, private_room, member)
    theirs = await opened(connect, private_room, listener)

    await send_risky(mine, "r1")
    note = await receive_until(theirs, "listener_note")

    stored = await database_sync_to_async(ChatMessage.objects.get)(client_id="r1")
    assert note["kind"] == "crisis_shown" and note["message_id"] == stored.pk
    assert note["member"] == "Quiet Heron" and note["member_id"] == member.pk
    assert "brought up the crisis lines" in note["text"]
    assert "listener_note" not in [f["type"] for f in await drain(mine)]
    assert "crisis" not in [f["type"] for f in await drain(theirs)]


async def test_a_listeners_own_risky_words_send_nobody_a_note(
    private_room, member, listener, connect
):
    """Only the member being supported is the subject of a note."""
    mine = await opened(connect, private_room, member)
    theirs = await opened(connect, private_room, listener)

    panel = await send_risky(theirs, "l1")

    assert "data-chat-more-help" not in panel["html"]
    assert "listener_note" not in [f["type"] for f in await drain(theirs)]
    assert "listener_note" not in [f["type"] for f in await drain(mine)]


# --- "Tell my listener I need more help" ---------------------------------------


async def test_her_panel_offers_to_tell_her_listener(private_room, member, connect):
    mine = await opened(connect, private_room, member)
    panel = await send_risky(mine, "r2")
    assert "Tell my listener I need more help" in panel["html"]
    assert "data-chat-more-help" in panel["html"]


async def test_more_help_tells_the_listener_and_alerts_moderators(
    private_room, member, listener, connect
):
    """The member is told it is passed on; the listener gets a note; the room gets
    an urgent review item, an alert for moderators, and a neutral system note."""
    mine = await opened(connect, private_room, member)
    theirs = await opened(connect, private_room, listener)

    await mine.send_json_to({"type": "more_help"})
    told = await receive_until(mine, "help_asked")
    note = await receive_until(theirs, "listener_note")

    assert "a moderator has been asked to join you" in told["message"]
    assert note["kind"] == "help_asked" and note["member_id"] == member.pk

    def stored():
        item = ReviewItem.objects.get(kind="chat_room", object_id=str(private_room.pk))
        membership = RoomMembership.objects.get(room=private_room, member=member)
        notes = ChatMessage.objects.filter(
            room=private_room, kind="system", body__contains="moderator has been asked"
        ).count()
        return item.level, membership.help_asked_at, notes, escalations(private_room)

    level, asked_at, notes, alerts = await database_sync_to_async(stored)()
    assert level == "urgent" and asked_at is not None
    assert notes == 1 and alerts == 1


async def test_moderators_hear_of_it_live(private_room, member, moderator, connect):
    """Moderators' sockets get an escalation alert pointing at the room."""
    watching = await connect("/ws/moderation/", moderator)
    await drain(watching)
    mine = await opened(connect, private_room, member)

    await mine.send_json_to({"type": "more_help"})
    alert = await receive_until(watching, "alert")

    assert alert["alert"] == "escalation" and alert["level"] == "urgent"
    assert alert["url"] == private_room.get_absolute_url()


async def test_pressing_again_soon_makes_no_second_escalation(
    private_room, member, listener, connect
):
    """Three quick presses: one note to the listener, one alert, one system note."""
    mine = await opened(connect, private_room, member)
    theirs = await opened(connect, private_room, listener)

    for _ in range(3):
        await mine.send_json_to({"type": "more_help"})
        await receive_until(mine, "help_asked")
    notes = [f for f in await drain(theirs) if f["type"] == "listener_note"]

    def counts():
        system = ChatMessage.objects.filter(
            room=private_room, body__contains="moderator has been asked"
        ).count()
        return system, escalations(private_room)

    assert len(notes) == 1
    assert await database_sync_to_async(counts)() == (1, 1)


async def test_only_the_rooms_member_may_ask(private_room, listener, connect):
    """A listener's more_help is refused with an error; the socket stays open."""
    theirs = await opened(connect, private_room, listener)

    await theirs.send_json_to({"type": "more_help"})
    error = await receive_until(theirs, "error")

    assert error["code"] == "forbidden"
    await still_open(theirs)
    assert await database_sync_to_async(escalations)(private_room) == 0


async def test_a_bad_more_help_frame_gets_an_error_and_the_socket_stays_open(
    private_room, member, connect
):
    mine = await opened(connect, private_room, member)

    await mine.send_json_to({"type": "more_help", "urgent": "very"})
    error = await receive_until(mine, "error")

    assert error["code"] == "bad_message"
    await still_open(mine)
    assert await database_sync_to_async(escalations)(private_room) == 0


async def test_more_help_in_an_ended_chat_is_refused(private_room, member, connect):
    from support import services

    mine = await opened(connect, private_room, member)
    await database_sync_to_async(services.room_end)(room=private_room, by=member)
    await drain(mine)

    await mine.send_json_to({"type": "more_help"})
    error = await receive_until(mine, "error")
    assert error["code"] == "room_ended"


# --- Whose lines the chat panel shows --------------------------------------------


@pytest.mark.parametrize(
    "language, country, number",
    [
        (b"en-US,en;q=0.9", "US", "911"),
        (b"en-GB", "GB", "999"),
        (b"en-AU", "AU", "000"),
    ],
)
async def test_the_chat_panel_shows_the_country_her_browser_names(
    private_room, member, directory, language, country, number
):
    """A member with no country set: her browser's region decides, and the panel
    asks her once, in place, with that country chosen, coming back to the room."""
    socket = await browser_socket(private_room, member, language)
    panel = (await send_risky(socket, "c1"))["html"]
    await socket.disconnect()

    assert member.country == ""
    assert f'data-country="{country}"' in panel
    assert f"Call {number}" in panel
    assert "Which country's lines should we show you?" in panel
    assert f'<option value="{country}" selected>' in panel
    assert f'name="confirm" value="{country}"' in panel
    assert f'value="/support/rooms/{private_room.pk}/?help=1"' in panel


async def test_the_chat_asks_once_then_offers_a_change_control(
    private_room, member, directory
):
    """Asked in the first panel; the next panel, even on a new socket of the same
    browser session, has only "Not in …? Change"."""
    cookie = await database_sync_to_async(session_cookie)(member)
    first = await browser_socket(private_room, member, b"en-GB", cookie)
    asked = (await send_risky(first, "o1"))["html"]
    again = (await send_risky(first, "o2"))["html"]
    await first.disconnect()
    later = await browser_socket(private_room, member, b"en-GB", cookie)
    after = (await send_risky(later, "o3"))["html"]
    await later.disconnect()

    assert "Which country" in asked
    for html in (again, after):
        assert "Which country" not in html
        assert "Not in United Kingdom? Change" in html


async def test_a_member_with_a_country_is_never_asked(
    private_room, make_member, directory
):
    from support.models import Room

    del private_room
    member = await database_sync_to_async(make_member)("Set Swan", country="NZ")
    room = await database_sync_to_async(Room.objects.create)(kind="group", name="Dawn")
    listener = await database_sync_to_async(make_member)("Host", roles=["listener"])
    from tests.support.conftest import connect_host

    await database_sync_to_async(connect_host)(room, listener)
    socket = await browser_socket(room, member, b"en-US")
    panel = (await send_risky(socket, "n1"))["html"]
    await socket.disconnect()

    assert 'data-country="NZ"' in panel
    assert "Which country" not in panel
    assert "Not in New Zealand? Change" in panel


# --- Back from the panel's country control -----------------------------------------


def test_the_room_page_shows_her_panel_again_after_she_changes_country(
    private_room, member, listener, directory
):
    """The control comes back to the room with ?help=1: the panel again, in her
    new lines, with its button; the listener's page never shows it."""
    from django.test import Client

    client = Client()
    client.force_login(member)
    client.post(
        "/support/country/",
        {"country": "IE", "next": f"/support/rooms/{private_room.pk}/?help=1"},
    )
    html = client.get(f"/support/rooms/{private_room.pk}/?help=1").text
    assert 'data-country="IE"' in html and "data-chat-more-help" in html

    client.force_login(listener)
    assert (
        "crisis-panel"
        not in client.get(f"/support/rooms/{private_room.pk}/?help=1").text
    )


def test_the_listeners_cards_follow_the_country_she_chose(
    private_room, member, listener, directory
):
    """Her request remembered one country; she changed hers since: the listener's
    card list puts her new country's lines first."""
    from django.test import Client

    from support.models import SupportRequest

    SupportRequest.objects.filter(pk=private_room.request_id).update(country="US")
    member.country = "AU"
    member.save(update_fields=["country"])
    client = Client()
    client.force_login(listener)
    html = client.get(f"/support/rooms/{private_room.pk}/").text
    options = html[html.index('id="chat-resource"') :]
    assert "Lifeline Australia" in options and "988 Suicide" not in options


def test_a_helpline_card_carries_her_change_control(
    private_room, member, listener, resource
):
    """The member sees "Not in <country>? Change" with each card her listener sends,
    and the control itself; the listener sees neither."""
    from django.test import Client

    from support import services

    services.resource_card_send(
        room=private_room, author=listener, resource_id=resource.pk, client_id="k"
    )
    client = Client()
    client.force_login(member)
    html = client.get(
        f"/support/rooms/{private_room.pk}/", HTTP_ACCEPT_LANGUAGE="en-GB"
    ).text
    assert "data-chat-country-link>Not in United Kingdom? Change</a>" in html
    assert 'id="chat-country" class="chat-country" data-chat="country">' in html
    assert "Which country" not in html

    client.force_login(listener)
    html = client.get(f"/support/rooms/{private_room.pk}/").text
    assert "data-chat-country-link" not in html and 'id="chat-country"' not in html
