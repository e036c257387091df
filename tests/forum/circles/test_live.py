"""Live events: a notification socket hears nothing of a circle its member left."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from forum import services
from forum.circles import services as circle_services
from forum.consumers import NotificationConsumer


@pytest.mark.django_db(transaction=True)
async def test_a_member_who_left_hears_nothing_live_of_the_circle(
    member, make_member, circle, _roomy_posting_limits
):
    leaver = await sync_to_async(make_member)("Gentle Otter")
    await sync_to_async(circle_services.circle_wait)(member=leaver, circle=circle)
    thread = (
        await sync_to_async(services.thread_create)(
            author=leaver, space=circle.space, title="Hello circle", body="Hi all"
        )
    ).thread
    communicator = WebsocketCommunicator(
        NotificationConsumer.as_asgi(), "/ws/notifications/"
    )
    communicator.scope["user"] = leaver
    connected, _ = await communicator.connect()
    assert connected
    assert (await communicator.receive_json_from(timeout=5))["unread"] == 0
    await sync_to_async(services.reply_create)(
        author=member, thread=thread, body="Welcome, Otter"
    )
    assert (await communicator.receive_json_from(timeout=5))["unread"] == 1
    await sync_to_async(circle_services.circle_leave)(member=leaver, circle=circle)
    await sync_to_async(services.reply_create)(
        author=member, thread=thread, body="Are you still there?"
    )
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.send_json_to({"type": "sync"})
    assert await communicator.receive_json_from(timeout=5) == {
        "type": "notification",
        "unread": 0,
    }
    await communicator.disconnect()
