"""The moderators' socket: counts on connect, live counts and urgent alerts."""

import pytest
from asgiref.sync import sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator

from moderation.routing import websocket_urlpatterns
from moderation.services import Screening, record_screening, report_create

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
    assert alert["type"] == "alert" and alert["level"] == "urgent"
    assert alert["url"].startswith("/moderation/items/")
    assert "text" not in alert
    counts = await communicator.receive_json_from(timeout=3)
    assert counts["counts"]["urgent"] == 1
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
