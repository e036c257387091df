"""core.broadcast: one announce path, after commit, sent either by the thread that
committed or, for a socket, from its event loop in the order announced."""

from unittest import mock

import pytest
from channels.layers import get_channel_layer
from django.db import transaction

from core.broadcast import announce, collect, in_database_announcing


@pytest.fixture
def sent():
    """What reached the channel layer, as (group, event) pairs, in order."""
    layer = get_channel_layer()
    seen = []

    async def group_send(group, event):
        seen.append((group, event))

    with mock.patch.object(layer, "group_send", group_send):
        yield seen


@pytest.mark.django_db(transaction=True)
def test_an_announcement_waits_for_the_transaction_to_commit(sent):
    with transaction.atomic():
        announce("room.1", {"type": "chat.ended", "by": "x"})
        assert sent == []
    assert sent == [("room.1", {"type": "chat.ended", "by": "x"})]


@pytest.mark.django_db(transaction=True)
def test_nothing_is_announced_for_a_transaction_that_rolls_back(sent):
    with pytest.raises(RuntimeError), transaction.atomic():
        announce("room.1", {"type": "chat.ended", "by": "x"})
        raise RuntimeError
    assert sent == []


@pytest.mark.django_db(transaction=True)
def test_collect_keeps_what_a_call_announced_in_order_and_sends_nothing(sent):
    def call():
        with transaction.atomic():
            announce("room.1", {"type": "a"})
            announce("room.1.member.2", {"type": "b"})
        announce("room.1", {"type": "c"})
        return "done"

    result, announced = collect(call)

    assert result == "done" and sent == []
    assert announced == [
        ("room.1", {"type": "a"}),
        ("room.1.member.2", {"type": "b"}),
        ("room.1", {"type": "c"}),
    ]


@pytest.mark.django_db(transaction=True)
def test_what_a_failing_call_had_committed_is_still_announced(sent):
    def call():
        announce("room.1", {"type": "committed"})
        with transaction.atomic():
            announce("room.1", {"type": "rolled back"})
            raise ValueError

    with pytest.raises(ValueError):
        collect(call)

    assert sent == [("room.1", {"type": "committed"})]


@pytest.mark.django_db(transaction=True)
async def test_a_socket_sends_what_its_database_call_announced_from_its_loop(sent):
    def call():
        announce("room.1", {"type": "first"})
        announce("room.1", {"type": "second"})
        return 42

    assert await in_database_announcing(call) == 42
    assert [event["type"] for _, event in sent] == ["first", "second"]
