"""Notifications: who is told about what, the page, and the live count socket."""

import pytest
from channels.testing import WebsocketCommunicator
from django.urls import reverse

from forum import selectors, services
from forum.consumers import NotificationConsumer
from forum.models import Notification, PostStatus
from kindred.asgi import application

ORIGIN = [(b"origin", b"http://127.0.0.1")]


def test_followers_and_the_person_answered_are_notified_but_not_the_writer(
    member, other_member, make_member, make_thread, make_reply
):
    third = make_member("Third Parent")
    thread = make_thread(member)
    first = make_reply(third, thread)
    make_reply(other_member, thread, parent=first)
    recipients = sorted(
        Notification.objects.values_list("recipient__pseudonym", flat=True)
    )
    # member follows as author (two replies), third follows as replier and was answered.
    assert recipients == ["Quiet Heron", "Quiet Heron", "Third Parent"]


def test_unfollowing_stops_notifications(member, other_member, make_thread, make_reply):
    thread = make_thread(member)
    services.follow_set(member=member, thread=thread, active=False)
    make_reply(other_member, thread)
    assert not Notification.objects.exists()


def test_a_held_reply_notifies_nobody_until_it_is_approved(
    member, other_member, make_thread, make_reply
):
    thread = make_thread(member)
    reply = make_reply(other_member, thread)
    Notification.objects.all().delete()
    services.post_set_status(post=reply, status=PostStatus.HELD)
    held = make_reply(other_member, thread, body="held words")
    services.post_set_status(post=held, status=PostStatus.HELD)
    assert selectors.unread_count(member) == 0
    services.post_set_status(post=held, status=PostStatus.VISIBLE)
    assert selectors.unread_count(member) == 1


def test_notifications_about_posts_that_were_hidden_disappear(
    member, other_member, make_thread, make_reply
):
    thread = make_thread(member)
    reply = make_reply(other_member, thread)
    assert selectors.unread_count(member) == 1
    services.post_set_status(post=reply, status=PostStatus.HIDDEN)
    assert selectors.unread_count(member) == 0


def test_reactions_notify_the_author_once_without_naming_who_reacted(
    member, other_member, make_thread
):
    thread = make_thread(member)
    for _ in range(3):
        services.reaction_toggle(
            member=other_member, thread=thread, reply=None, kind="hug"
        )
    notifications = list(selectors.notification_page(member, 1).object_list)
    assert len(notifications) == 1
    assert "Gentle Otter" not in notifications[0].text
    assert "hug" in notifications[0].text


def test_the_page_lists_notifications_and_marks_them_read(
    client, member, other_member, make_thread, make_reply
):
    thread = make_thread(member)
    make_reply(other_member, thread)
    client.force_login(member)
    html = client.get(thread.get_absolute_url()).text
    assert 'data-count="1"' in html
    html = client.get(reverse("forum:notifications")).text
    assert "Gentle Otter replied in" in html
    assert selectors.unread_count(member) == 0
    assert 'data-count="0"' in client.get("/").text


def test_opening_someone_elses_notification_is_404(
    client, member, other_member, make_thread, make_reply
):
    thread = make_thread(member)
    make_reply(other_member, thread)
    notification = Notification.objects.get()
    client.force_login(other_member)
    assert (
        client.get(
            reverse("forum:notification_open", args=[notification.pk])
        ).status_code
        == 404
    )
    client.force_login(member)
    response = client.get(reverse("forum:notification_open", args=[notification.pk]))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_signed_out_visitors_cannot_read_notifications(client):
    assert client.get(reverse("forum:notifications")).status_code == 302
    assert client.get(reverse("forum:notifications_json")).status_code == 302


@pytest.mark.django_db(transaction=True)
async def test_an_anonymous_socket_is_refused():
    communicator = WebsocketCommunicator(
        application, "/ws/notifications/", headers=ORIGIN
    )
    assert await communicator.connect() == (True, None)
    assert await communicator.receive_output() == {
        "type": "websocket.close",
        "code": 4401,
    }


async def test_a_socket_without_an_allowed_origin_is_refused():
    communicator = WebsocketCommunicator(
        application, "/ws/notifications/", headers=[(b"origin", b"http://evil.example")]
    )
    connected, _ = await communicator.connect()
    assert not connected


@pytest.mark.django_db(transaction=True)
async def test_a_signed_in_member_gets_the_count_now_and_whenever_it_changes(
    client, member, other_member, make_thread
):
    """Connects through the real stack with the member's session cookie."""
    from asgiref.sync import sync_to_async

    thread = await sync_to_async(make_thread)(member)
    await sync_to_async(client.force_login)(member)
    cookie = f"sessionid={client.cookies['sessionid'].value}".encode()
    communicator = WebsocketCommunicator(
        application, "/ws/notifications/", headers=[*ORIGIN, (b"cookie", cookie)]
    )
    connected, _ = await communicator.connect()
    assert connected
    assert await communicator.receive_json_from(timeout=5) == {
        "type": "notification",
        "unread": 0,
    }
    await sync_to_async(services.reply_create)(
        author=other_member, thread=thread, body="You're not alone"
    )
    assert await communicator.receive_json_from(timeout=5) == {
        "type": "notification",
        "unread": 1,
    }
    await sync_to_async(services.notifications_mark_read)(member=member)
    assert await communicator.receive_json_from(timeout=5) == {
        "type": "notification",
        "unread": 0,
    }
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_member_never_receives_another_members_count(
    member, other_member, make_thread
):
    from asgiref.sync import sync_to_async

    thread = await sync_to_async(make_thread)(member)
    communicator = WebsocketCommunicator(
        NotificationConsumer.as_asgi(), "/ws/notifications/"
    )
    communicator.scope["user"] = other_member
    connected, _ = await communicator.connect()
    assert connected
    await communicator.receive_json_from(timeout=5)
    await sync_to_async(services.reply_create)(
        author=other_member,
        thread=thread,
        body="A reply that notifies the author",
    )
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_bad_message_gets_an_error_and_the_socket_stays_open(member):
    communicator = WebsocketCommunicator(
        NotificationConsumer.as_asgi(), "/ws/notifications/"
    )
    communicator.scope["user"] = member
    await communicator.connect()
    await communicator.receive_json_from(timeout=5)
    await communicator.send_to(text_data="not json")
    error = await communicator.receive_json_from(timeout=5)
    assert error["type"] == "error" and error["code"] == "bad_json"
    await communicator.send_json_to({"type": "mark_read"})
    error = await communicator.receive_json_from(timeout=5)
    assert error["type"] == "error" and error["code"] == "unknown_type"
    await communicator.send_json_to({"type": "sync"})
    assert (await communicator.receive_json_from(timeout=5))["type"] == "notification"
    await communicator.disconnect()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
async def test_counts_travel_through_the_redis_channel_layer(
    redis_channel_layer, member, other_member, make_thread
):
    from asgiref.sync import sync_to_async

    thread = await sync_to_async(make_thread)(member)
    communicator = WebsocketCommunicator(
        NotificationConsumer.as_asgi(), "/ws/notifications/"
    )
    communicator.scope["user"] = member
    assert (await communicator.connect())[0]
    await communicator.receive_json_from(timeout=5)
    await sync_to_async(services.reply_create)(
        author=other_member, thread=thread, body="Through Redis"
    )
    assert (await communicator.receive_json_from(timeout=5))["unread"] == 1
    await communicator.disconnect()
