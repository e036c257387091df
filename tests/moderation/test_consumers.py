"""The moderators' socket: counts on connect, then whatever moderation announces to
its two groups (moderation.events): live counts and urgent alerts."""

import pytest
from channels.layers import get_channel_layer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator

from moderation.events import (
    ALERTS_GROUP,
    QUEUE_GROUP,
    alert_event,
    alert_frame,
    counts_event,
)
from moderation.routing import websocket_urlpatterns

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = [(b"origin", b"http://127.0.0.1")]
COUNTS = {"total": 1, "urgent": 0, "safety": 0, "reports": 1, "held": 0, "appeals": 0}


async def connect(user):
    communicator = WebsocketCommunicator(
        URLRouter(websocket_urlpatterns), "/ws/moderation/", headers=ORIGIN
    )
    communicator.scope["user"] = user
    connected, _code = await communicator.connect()
    assert connected
    return communicator


def urgent_alert(item: int = 7) -> dict:
    return alert_event(
        alert="risk",
        level="urgent",
        message="A post may need you now.",
        url=f"/moderation/items/{item}/",
        item=item,
        view="safety",
    )


async def test_a_moderator_gets_the_counts_on_connecting(moderator):
    communicator = await connect(moderator)
    message = await communicator.receive_json_from(timeout=3)
    assert message["type"] == "counts" and message["counts"]["total"] == 0
    assert message["view"] == ""
    await communicator.disconnect()


async def test_new_counts_reach_the_socket_live(moderator):
    communicator = await connect(moderator)
    await communicator.receive_json_from(timeout=3)

    await get_channel_layer().group_send(
        QUEUE_GROUP, counts_event(COUNTS, changed_view="reports")
    )

    assert await communicator.receive_json_from(timeout=3) == {
        "type": "counts",
        "view": "reports",
        "counts": COUNTS,
    }
    await communicator.disconnect()


async def test_an_urgent_alert_is_passed_on_with_where_to_act(moderator):
    """Every field of the alert, and nothing of the content it is about."""
    communicator = await connect(moderator)
    await communicator.receive_json_from(timeout=3)

    await get_channel_layer().group_send(ALERTS_GROUP, urgent_alert(item=7))

    alert = await communicator.receive_json_from(timeout=3)
    assert alert == alert_frame(urgent_alert(item=7))
    assert alert["type"] == "alert" and alert["level"] == "urgent"
    assert alert["url"] == "/moderation/items/7/" and alert["item"] == 7
    assert "text" not in alert
    await communicator.disconnect()


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
async def test_alerts_reach_moderators_over_redis(redis_channel_layer, moderator):
    communicator = await connect(moderator)
    await communicator.receive_json_from(timeout=3)

    await get_channel_layer().group_send(ALERTS_GROUP, urgent_alert())

    alert = await communicator.receive_json_from(timeout=5)
    assert alert["type"] == "alert"
    await communicator.disconnect()
