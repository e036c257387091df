"""Moderation pages and the socket don't exist for members: 404 every time."""

import pytest
from channels.testing import WebsocketCommunicator
from django.urls import reverse

from kindred.asgi import application

pytestmark = pytest.mark.django_db

ORIGIN = [(b"origin", b"http://127.0.0.1")]


def moderator_urls(item_pk, member_pk, sanction_pk=1):
    return [
        ("get", reverse("moderation:queue")),
        ("get", reverse("moderation:queue_view", args=["safety"])),
        ("get", reverse("moderation:item", args=[item_pk])),
        ("post", reverse("moderation:item_claim", args=[item_pk])),
        ("post", reverse("moderation:item_release", args=[item_pk])),
        ("post", reverse("moderation:item_decide", args=[item_pk])),
        ("post", reverse("moderation:take_break")),
        ("get", reverse("moderation:member", args=[member_pk])),
        ("post", reverse("moderation:member_note", args=[member_pk])),
        ("post", reverse("moderation:member_sanction", args=[member_pk])),
        ("post", reverse("moderation:member_trust", args=[member_pk])),
        ("post", reverse("moderation:sanction_lift", args=[sanction_pk])),
        ("get", reverse("moderation:dashboard")),
        ("get", reverse("moderation:audit")),
    ]


def test_members_get_404_on_every_moderator_page(
    client, member, open_item, reported_member
):
    client.force_login(member)
    for method, url in moderator_urls(open_item.pk, reported_member.pk):
        response = getattr(client, method)(url)
        assert response.status_code == 404, url


def test_signed_out_visitors_get_404_on_every_moderator_page(
    client, open_item, reported_member
):
    for method, url in moderator_urls(open_item.pk, reported_member.pk):
        assert getattr(client, method)(url).status_code == 404, url


def test_listeners_are_not_moderators(client, listener, open_item, reported_member):
    client.force_login(listener)
    assert client.get(reverse("moderation:queue")).status_code == 404


def test_the_audit_log_is_for_operators_and_senior_moderators(
    client, moderator, operator, senior_moderator
):
    client.force_login(moderator)
    assert client.get(reverse("moderation:audit")).status_code == 404
    client.force_login(operator)
    assert client.get(reverse("moderation:audit")).status_code == 200
    client.force_login(senior_moderator)
    assert client.get(reverse("moderation:audit")).status_code == 200


def test_the_transparency_page_is_public(client):
    assert client.get(reverse("moderation:transparency")).status_code == 200


def test_someone_elses_appeal_page_is_a_404(client, open_item, moderator, other_member):
    from moderation.models import Decision
    from moderation.services import item_decide

    item_decide(
        item_id=open_item.pk,
        moderator=moderator,
        action="hide",
        guideline=1,
        reason="r",
        version=open_item.version,
    )
    client.force_login(other_member)
    url = reverse("moderation:appeal", args=[Decision.objects.get().pk])
    assert client.get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
async def test_members_are_refused_at_the_socket_with_4404(member):
    from django.contrib.auth.models import AnonymousUser

    anonymous = WebsocketCommunicator(application, "/ws/moderation/", headers=ORIGIN)
    assert await anonymous.connect() == (True, None)
    assert await anonymous.receive_output() == {
        "type": "websocket.close",
        "code": 4404,
    }
    for user in (member, AnonymousUser()):
        communicator = WebsocketCommunicator(
            _without_auth(), "/ws/moderation/", headers=ORIGIN
        )
        communicator.scope["user"] = user
        assert await communicator.connect() == (True, None)
        # Accepted and closed at once, so a browser sees the code.
        assert await communicator.receive_output() == {
            "type": "websocket.close",
            "code": 4404,
        }
        await communicator.disconnect()


def _without_auth():
    from channels.routing import URLRouter

    from moderation.routing import websocket_urlpatterns

    return URLRouter(websocket_urlpatterns)
