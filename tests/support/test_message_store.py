"""Storing a chat message as a room socket does: against a SendingContext it keeps,
with one INSERT, resends answered by the unique constraint, and sanctions read
again on their own."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from moderation.models import ReviewItem, Sanction
from support import selectors, services
from support.models import ChatMessage, Room, RoomMembership

pytestmark = pytest.mark.django_db(transaction=True)


def context_for(room, author) -> services.SendingContext:
    return services.sending_context(room=Room.objects.get(pk=room.pk), author=author)


def mute(member, moderator) -> Sanction:
    return Sanction.objects.create(
        member=member,
        kind=Sanction.Kind.MUTE,
        guideline=1,
        message="Taking a pause.",
        issued_by=moderator,
        ends_at=timezone.now() + timedelta(hours=1),
    )


def test_a_message_is_one_insert_once_the_socket_has_read_its_context(
    private_room, member, django_assert_num_queries
):
    """Room, role, membership and standing are read once per socket, not once per
    message: an ordinary message is a single INSERT, no lookup first."""
    context = context_for(private_room, member)

    with django_assert_num_queries(1):
        stored = services.message_store(context=context, body="hello", client_id="a")

    assert ChatMessage.objects.get(client_id="a").pk == stored.message.pk
    assert [group for group, _ in stored.announcements] == [
        selectors.room_group(private_room.pk)
    ]


def test_resending_a_client_id_returns_the_stored_message_and_announces_nothing(
    private_room, member
):
    """The unique constraint catches the resend: same id, still one row, and the
    room is not told twice."""
    context = context_for(private_room, member)
    first = services.message_store(context=context, body="hello", client_id="same")
    again = services.message_store(context=context, body="hello", client_id="same")

    assert again.message.pk == first.message.pk
    assert again.event == first.event
    assert again.announcements == []
    assert ChatMessage.objects.filter(client_id="same").count() == 1


def test_a_resend_inside_a_transaction_leaves_it_usable(private_room, member):
    """On PostgreSQL a failed INSERT aborts the transaction around it unless it ran
    in a savepoint; the caller's transaction carries on either way."""
    context = context_for(private_room, member)
    with transaction.atomic():
        first = services.message_store(context=context, body="hi", client_id="t")
        again = services.message_store(context=context, body="hi", client_id="t")
        later = services.message_store(context=context, body="and", client_id="u")

    assert again.message.pk == first.message.pk
    assert later.message.pk > first.message.pk
    assert ChatMessage.objects.filter(room=private_room, author=member).count() == 2


def test_a_resend_after_the_chat_ended_is_acknowledged_not_refused(
    private_room, member, listener
):
    """A client resending what was stored before the chat ended gets its message
    back; a new message is refused."""
    context = context_for(private_room, member)
    first = services.message_store(context=context, body="bye", client_id="b")
    services.room_end(room=private_room, by=listener)
    context = context_for(private_room, member)

    again = services.message_store(context=context, body="bye", client_id="b")
    with pytest.raises(services.SupportError) as refused:
        services.message_store(context=context, body="wait", client_id="c")

    assert again.message.pk == first.message.pk
    assert refused.value.code == "room_ended"


def test_a_held_message_and_its_review_item_are_stored_together(private_room, member):
    """A contact swap is held, queued for moderators in the same transaction, and
    announced only to its writer."""
    context = context_for(private_room, member)
    stored = services.message_store(
        context=context, body="text me on 07700 900123", client_id="h"
    )

    assert stored.message.status == ChatMessage.Status.HELD
    assert ReviewItem.objects.filter(object_id=str(stored.message.pk)).exists()
    assert [group for group, _ in stored.announcements] == [
        selectors.room_member_group(private_room.pk, member.pk)
    ]


def test_a_first_message_in_a_group_room_makes_the_writer_a_member(
    hosted_group_room, member
):
    context = context_for(hosted_group_room, member)
    assert context.membership is None

    services.message_store(context=context, body="evening all", client_id="g1")
    services.message_store(context=context, body="still up", client_id="g2")

    membership = RoomMembership.objects.get(room=hosted_group_room, member=member)
    assert context.membership == membership
    assert membership.role == RoomMembership.Role.MEMBER


def test_refreshing_a_young_context_reads_only_sanctions(
    private_room, member, moderator, django_assert_num_queries
):
    """While the rest is young, a refresh is one query; a new sanction then reads
    everything again and blocks the writer."""
    context = context_for(private_room, member)
    with django_assert_num_queries(1):
        unchanged = services.sending_context_refresh(context)
    assert unchanged.read_at == context.read_at

    mute(member, moderator)
    refreshed = services.sending_context_refresh(context)

    assert refreshed.author_state.blocked
    with pytest.raises(services.SupportError) as refused:
        services.message_store(context=refreshed, body="hi", client_id="m")
    assert refused.value.code == "blocked"


def test_a_context_is_due_for_sanctions_sooner_than_for_the_rest(private_room, member):
    context = context_for(private_room, member)
    assert not context.is_due() and not context.is_stale()

    context.sanctions_read_at -= services.SANCTIONS_SECONDS
    assert context.is_due() and not context.is_stale()

    context.sanctions_read_at -= services.SANCTIONS_SECONDS
    assert context.is_stale()


def test_message_create_still_checks_everything_and_broadcasts_on_commit(
    private_room, member, other_member
):
    """The one-call form, for callers without a socket: it reads the context
    itself, so a stranger is refused."""
    message = services.message_create(
        room=private_room, author=member, body="hello", client_id="mc"
    )
    assert message.status == ChatMessage.Status.VISIBLE

    with pytest.raises(services.SupportError) as refused:
        services.message_create(
            room=private_room, author=other_member, body="hi", client_id="x"
        )
    assert refused.value.code == "forbidden"
