"""A posting restriction never silences a member in live support: a mute or a
suspension leaves her free to ask for a listener and to write in her own chat with
them, unless the moderator paused live support too (a ban always does). Then the
"I need someone now" page says so and shows the help lines before she queues."""

from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from moderation.models import Sanction
from support import services
from support.models import ChatMessage, Room, SupportRequest
from tests.support.conftest import receive_until


def restrict(member, moderator, kind, *, includes_live_support=False) -> Sanction:
    return Sanction.objects.create(
        member=member,
        kind=kind,
        guideline=1,
        message="Please take a pause from posting.",
        issued_by=moderator,
        ends_at=None if kind == "ban" else timezone.now() + timedelta(days=2),
        includes_live_support=includes_live_support or kind == "ban",
    )


def ask_from_the_page(member) -> tuple[Client, object]:
    client = Client()
    client.force_login(member)
    return client, client.post(reverse("support:request_start"), {"chips": ["low"]})


# --- A restriction without live support ------------------------------------------


@pytest.fixture(params=["mute", "suspension"])
def restricted_chat(request, member, listener, moderator, on_duty):
    """A member restricted without live support asks from the page and a listener
    accepts: (room, kind)."""
    restrict(member, moderator, request.param)
    on_duty(listener)
    client, response = ask_from_the_page(member)
    asked = SupportRequest.objects.get(member=member)
    assert response.status_code == 302
    assert response["Location"] == asked.get_absolute_url()
    assert client.get(asked.get_absolute_url()).status_code == 200
    room = services.request_accept(listener=listener, request_id=asked.pk)
    assert client.get(room.get_absolute_url()).status_code == 200
    return room, request.param


@pytest.mark.django_db(transaction=True)
async def test_a_restricted_member_asks_is_accepted_and_her_message_is_delivered(
    restricted_chat, member, listener, connect
):
    room, _kind = restricted_chat
    path = f"/ws/support/rooms/{room.pk}/"
    hers = await connect(path, member)
    theirs = await connect(path, listener)
    await receive_until(hers, "ready")
    await receive_until(theirs, "ready")

    await hers.send_json_to(
        {"type": "message", "body": "I can't sleep again", "client_id": "r1"}
    )
    delivered = await receive_until(theirs, "message", having="client_id")

    assert delivered["client_id"] == "r1"
    assert "I can't sleep again" in delivered["body_html"]
    assert await sync_to_async(
        ChatMessage.objects.filter(client_id="r1", status="visible").exists
    )()


@pytest.mark.django_db(transaction=True)
async def test_a_moderator_can_still_end_a_restricted_members_chat(
    restricted_chat, member, moderator
):
    room, _kind = restricted_chat

    def end_as_moderator():
        client = Client()
        client.force_login(moderator)
        client.post(reverse("support:room_end", args=[room.pk]))
        return Room.objects.get(pk=room.pk)

    ended = await sync_to_async(end_as_moderator)()

    assert ended.has_ended and ended.ended_by_id == moderator.pk


def test_a_mute_still_blocks_group_rooms(hosted_group_room, member, moderator):
    """Group rooms are where a posting restriction still applies: there she writes
    to many, as in the forum."""
    restrict(member, moderator, "mute")
    with pytest.raises(services.SupportError) as refused:
        services.message_create(
            room=hosted_group_room, author=member, body="hello all", client_id="g"
        )
    assert refused.value.code == "blocked"


def test_a_mute_still_blocks_a_listener_writing_in_a_chat(
    private_room, listener, moderator
):
    """Only the member's own side of her chat is open; a restricted listener is
    stopped as before."""
    restrict(listener, moderator, "mute")
    with pytest.raises(services.SupportError) as refused:
        services.message_create(
            room=private_room, author=listener, body="hello", client_id="l"
        )
    assert refused.value.code == "blocked"


def test_a_suspended_member_reaches_live_support_and_nothing_more(
    client, member, moderator
):
    restrict(member, moderator, "suspension")
    client.force_login(member)

    assert client.get(reverse("support:request_start")).status_code == 200
    assert client.get(reverse("support:rooms"))["Location"] == reverse(
        "moderation:suspended"
    )
    suspended = client.get(reverse("moderation:suspended")).content.decode()
    assert f'href="{reverse("support:request_start")}"' in suspended
    assert "You can still talk with a volunteer listener" in suspended


# --- A restriction that includes live support ------------------------------------


@pytest.mark.parametrize("kind", ["mute", "suspension", "ban"])
def test_paused_live_support_explains_and_shows_the_help_lines(
    client, member, moderator, directory, kind
):
    restrict(member, moderator, kind, includes_live_support=True)
    client.force_login(member)

    response = client.get(reverse("support:request_start"))
    page = response.content.decode()

    assert response.status_code == 200
    assert "Live chat is paused for your account" in page
    assert 'class="crisis-panel' in page and 'href="tel:' in page
    assert "Ask for a listener" not in page
    assert 'name="chips"' not in page
    if kind == "ban":
        assert "until" not in page.split("<h1>", 1)[1].split("</div>", 1)[0]
    else:
        assert "until" in page


def test_paused_live_support_says_until_when(client, member, moderator):
    sanction = restrict(member, moderator, "mute", includes_live_support=True)
    client.force_login(member)
    page = client.get(reverse("support:request_start")).content.decode()
    ends = timezone.localtime(sanction.ends_at)
    assert f"until {ends:%-d %b %Y, %H:%M}" in page


@pytest.mark.parametrize("kind", ["mute", "suspension", "ban"])
def test_asking_while_live_support_is_paused_creates_no_request(
    member, moderator, kind
):
    restrict(member, moderator, kind, includes_live_support=True)
    client, response = ask_from_the_page(member)

    assert response.status_code == 403
    assert "Live chat is paused for your account" in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_the_service_refuses_a_request_while_live_support_is_paused(member, moderator):
    restrict(member, moderator, "mute", includes_live_support=True)
    with pytest.raises(services.SupportError) as refused:
        services.request_create(member=member, chips=["low"])
    assert refused.value.code == "live_support_paused"
    assert not SupportRequest.objects.exists()


def test_pausing_live_support_mid_chat_stops_her_messages_and_says_why(
    private_room, member, moderator
):
    restrict(member, moderator, "mute", includes_live_support=True)
    with pytest.raises(services.SupportError) as refused:
        services.message_create(
            room=private_room, author=member, body="are you there", client_id="p"
        )
    assert refused.value.code == "blocked"
    assert "Live chat with a listener is paused" in refused.value.message


def test_a_moderator_can_end_a_chat_whose_member_is_paused(
    private_room, member, moderator, client
):
    restrict(member, moderator, "mute", includes_live_support=True)
    client.force_login(moderator)
    client.post(reverse("support:room_end", args=[private_room.pk]))
    private_room.refresh_from_db()
    assert private_room.has_ended


def test_a_suspension_with_live_support_keeps_her_chat_pages_closed(
    client, private_room, member, moderator
):
    restrict(member, moderator, "suspension", includes_live_support=True)
    client.force_login(member)

    response = client.get(private_room.get_absolute_url())
    assert response["Location"] == reverse("moderation:suspended")
    suspended = client.get(reverse("moderation:suspended")).content.decode()
    assert "Live chat with a listener is paused for your account" in suspended


def test_a_lapsed_or_lifted_pause_opens_live_support_again(client, member, moderator):
    sanction = restrict(member, moderator, "mute", includes_live_support=True)
    Sanction.objects.filter(pk=sanction.pk).update(lifted_at=timezone.now())
    client, response = ask_from_the_page(member)
    assert response.status_code == 302
    assert SupportRequest.objects.filter(member=member).exists()
