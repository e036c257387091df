"""A chat line in the moderation queue is titled by its room and time."""

import pytest

from support.models import ChatMessage
from support.moderation_hooks import message_snapshot

pytestmark = pytest.mark.django_db


def test_a_chat_line_is_titled_by_room_and_time(member, private_room):
    following = ChatMessage.objects.filter(room=private_room).count() + 1
    message = ChatMessage.objects.create(
        room=private_room, author=member, body="hi", seq=following
    )
    title = message_snapshot(message)["title"]
    assert title.startswith(f"Chat message in {private_room}, ")
