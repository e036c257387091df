"""The moderators' socket: counts on connect, live counts and urgent alerts."""

import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.urls import reverse

from moderation import events
from moderation.models import ReviewItem
from moderation.routing import websocket_urlpatterns
from moderation.services import (
    Screening,
    alert_moderators,
    alert_raise,
    record_screening,
    report_create,
)

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = [(b"origin", b"http://127.0.0.1")]


async def connect(user):
    communicator = WebsocketCommunicator(
        URLRouter(websocket_urlpatterns), "/ws/moderation/", headers=ORIGIN
    )
    communicator.scope["user"] = user
    connected, _code = await communicator.connect()
    assert connected
    return communicator


async def test_a_moderator_gets_the_counts_on_connecting(moderator):
    communicator = await connect(moderator)
    message = await communicator.receive_json_from(timeout=3)
    assert message["type"] == "counts" and message["counts"]["total"] == 0
    await communicator.disconnect()


async def test_a_new_report_updates_the_counts_live(moderator, member, other_member):
    communicator = await connect(moderator)
    await communicator.receive_json_from(timeout=3)
    await sync_to_async(report_create)(
        reporter=member, target=other_member, guideline=1
    )
    message = await communicator.receive_json_from(timeout=3)
    assert message == {
        "type": "counts",
        "view": "reports",
        "counts": {
            "total": 1,
            "urgent": 0,
            "safety": 0,
            "reports": 1,
            "held": 0,
            "appeals": 0,
        },
    }
    await communicator.disconnect()


async def test_an_urgent_item_raises_an_alert(moderator, member):
    communicator = await connect(moderator)
    await communicator.receive_json_from(timeout=3)
    await sync_to_async(record_screening)(
        target=member,
        author=member,
        screening=Screening(
            level="urgent", categories=("suicidal_thoughts",), flag=True
        ),
    )
    alert = await communicator.receive_json_from(timeout=3)
    item = await sync_to_async(ReviewItem.objects.get)()
    assert alert == {
        "type": "alert",
        "alert": "safety_item",
        "level": "urgent",
        "message": "An urgent item has come into the safety queue.",
        "url": reverse("moderation:item", args=[item.pk]),
        "item": item.pk,
        "view": "safety",
    }
    counts = await communicator.receive_json_from(timeout=3)
    assert counts["counts"]["urgent"] == 1
    await communicator.disconnect()


async def test_an_alert_carries_the_callers_words_and_link(moderator, member):
    """A content app raising an alert gives the words moderators read and where
    to act, so that moderators get one alert, not two."""
    communicator = await connect(moderator)
    await communicator.receive_json_from(timeout=3)
    item = await sync_to_async(alert_raise)(
        target=member,
        author=member,
        level="high",
        categories=("escalation",),
        reason="listener_escalation",
        message="A listener asked for a moderator in a live chat.",
        url="/somewhere/to/act/",
        alert="escalation",
    )
    alert = await communicator.receive_json_from(timeout=3)
    assert alert == {
        "type": "alert",
        "alert": "escalation",
        "level": "high",
        "message": "A listener asked for a moderator in a live chat.",
        "url": "/somewhere/to/act/",
        "item": item.pk,
        "view": "safety",
    }
    assert (await communicator.receive_json_from(timeout=3))["type"] == "counts"
    await communicator.disconnect()


async def test_moderators_can_be_pinged_without_an_item(moderator):
    communicator = await connect(moderator)
    await communicator.receive_json_from(timeout=3)
    await sync_to_async(alert_moderators)(
        alert="escalation",
        level="high",
        message="Still waiting for a moderator in a live chat.",
        url="/somewhere/to/act/",
    )
    alert = await communicator.receive_json_from(timeout=3)
    assert alert["item"] is None and alert["alert"] == "escalation"
    assert alert["message"] == "Still waiting for a moderator in a live chat."
    assert await communicator.receive_nothing(timeout=0.2)
    assert not await sync_to_async(ReviewItem.objects.exists)()
    await communicator.disconnect()


def record_screening_and_read_item(member) -> ReviewItem:
    record_screening(
        target=member,
        author=member,
        screening=Screening(level="high", categories=("abuse",), flag=True),
    )
    return ReviewItem.objects.get(view="safety")


async def test_counts_go_to_queue_pages_and_alerts_to_every_moderator_socket(
    member, other_member
):
    """Two audiences, one group each: a report changes only the counts; a risk
    item also alerts."""
    layer = get_channel_layer()
    queue_channel = await layer.new_channel()
    alerts_channel = await layer.new_channel()
    await layer.group_add(events.QUEUE_GROUP, queue_channel)
    await layer.group_add(events.ALERTS_GROUP, alerts_channel)

    await sync_to_async(report_create)(
        reporter=member, target=other_member, guideline=1
    )
    counts = await asyncio.wait_for(layer.receive(queue_channel), timeout=2)
    assert counts["type"] == "moderation.counts" and counts["counts"]["reports"] == 1

    item = await sync_to_async(record_screening_and_read_item)(member)
    # Had the report alerted, its alert would come first on the alerts channel.
    # (On the Redis pub/sub layer a receive cancelled by a timeout lost the next
    # message, so none is tried.)
    alert = await asyncio.wait_for(layer.receive(alerts_channel), timeout=2)
    assert alert["type"] == "moderation.alert" and alert["level"] == "high"
    assert alert["item"] == item.pk and alert["alert"] == "safety_item"
    counts = await asyncio.wait_for(layer.receive(queue_channel), timeout=2)
    assert counts["type"] == "moderation.counts" and counts["counts"]["safety"] == 1
    await layer.group_discard(events.QUEUE_GROUP, queue_channel)
    await layer.group_discard(events.ALERTS_GROUP, alerts_channel)


async def test_bad_messages_get_an_error_and_the_socket_stays_open(moderator):
    communicator = await connect(moderator)
    await communicator.receive_json_from(timeout=3)
    await communicator.send_to(text_data="not json")
    error = await communicator.receive_json_from(timeout=3)
    assert error["type"] == "error" and error["code"] == "bad_json"
    await communicator.send_json_to({"type": "decide"})
    error = await communicator.receive_json_from(timeout=3)
    assert error["code"] == "unknown_type"
    await communicator.send_json_to({"type": "ping"})
    assert (await communicator.receive_json_from(timeout=3)) == {"type": "pong"}
    await communicator.disconnect()


@pytest.mark.redis
async def test_alerts_reach_moderators_over_redis(
    redis_channel_layer, moderator, member
):
    communicator = await connect(moderator)
    await communicator.receive_json_from(timeout=3)
    await sync_to_async(record_screening)(
        target=member,
        author=member,
        screening=Screening(level="urgent", categories=("psychosis",), flag=True),
    )
    alert = await communicator.receive_json_from(timeout=5)
    assert alert["type"] == "alert"
    await communicator.disconnect()
