"""Storing a chat message as a room socket does: through a ChatSession that reads
what it checks messages against once, so that a message is one INSERT; resends
answered by the unique constraint; sanctions read again on their own; the room's
changes read again when the socket says so; and one announce path, after commit."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.broadcast import collect
from moderation.models import ReviewItem, Sanction
from moderation.services import Screening
from support import events, services
from support.models import ChatMessage, RoomMembership
from support.services import chat

pytestmark = pytest.mark.django_db(transaction=True)


def session_for(room, author, **options) -> services.ChatSession:
    """A session as a room socket opens it."""
    session = services.ChatSession(room_id=room.pk, author=author, **options)
    session.open()
    return session


def send(session, body: str, client_id: str):
    """session.send_message as the socket calls it: (sent, what it announced)."""
    return collect(lambda: session.send_message(body=body, client_id=client_id))


def in_rooms(announced) -> list:
    """What was announced to the room's sockets (moderation announces its own)."""
    return [(group, event) for group, event in announced if group.startswith("room.")]


def data_statements(queries: CaptureQueriesContext) -> list[str]:
    """The statements that read or write, without the transaction's own."""
    control = ("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT")
    return [
        query["sql"]
        for query in queries.captured_queries
        if not query["sql"].upper().startswith(control)
    ]


def mute(member, moderator, *, includes_live_support: bool = True) -> Sanction:
    return Sanction.objects.create(
        member=member,
        kind=Sanction.Kind.MUTE,
        guideline=1,
        message="Taking a pause.",
        issued_by=moderator,
        ends_at=timezone.now() + timedelta(hours=1),
        includes_live_support=includes_live_support,
    )


def test_a_message_is_numbered_and_inserted_in_one_transaction_and_nothing_else(
    private_room, member
):
    """Room, role, membership and standing are read once per socket, not once per
    message: an ordinary message is the room's number taken and one INSERT, in one
    transaction, announced to the room with the very event its writer is
    acknowledged with."""
    session = session_for(private_room, member)

    with CaptureQueriesContext(connection) as queries:
        sent, announced = send(session, "hello", "a")

    statements = data_statements(queries)
    assert [sql.split()[0].upper() for sql in statements] == ["UPDATE", "INSERT"]
    assert "support_room" in statements[0] and "message_seq" in statements[0]
    assert ChatMessage.objects.get(client_id="a").pk == sent.message.pk
    assert announced == [(events.room_group(private_room.pk), sent.event)]


def test_resending_a_client_id_returns_the_stored_message_and_announces_nothing(
    private_room, member
):
    """The unique constraint catches the resend: same id, still one row, and the
    room is not told twice."""
    session = session_for(private_room, member)
    first, _ = send(session, "hello", "same")
    again, announced = send(session, "hello", "same")

    assert again.message.pk == first.message.pk
    assert again.event == first.event
    assert announced == []
    assert ChatMessage.objects.filter(client_id="same").count() == 1


def test_a_resend_inside_a_transaction_leaves_it_usable(private_room, member):
    """On PostgreSQL a failed INSERT aborts the transaction around it unless it ran
    in a savepoint; the caller's transaction carries on either way."""
    session = session_for(private_room, member)
    with transaction.atomic():
        first = session.send_message(body="hi", client_id="t")
        again = session.send_message(body="hi", client_id="t")
        later = session.send_message(body="and", client_id="u")

    assert again.message.pk == first.message.pk
    assert later.message.pk > first.message.pk
    assert ChatMessage.objects.filter(room=private_room, author=member).count() == 2


def test_a_resend_after_the_chat_ended_is_acknowledged_not_refused(
    private_room, member, listener
):
    """Once the socket hears the chat ended (forget), a resend of what was stored
    before gets its message back, and a new message is refused."""
    session = session_for(private_room, member)
    first, _ = send(session, "bye", "b")
    services.room_end(room=private_room, by=listener)
    session.forget()

    again, announced = send(session, "bye", "b")
    with pytest.raises(services.SupportError) as refused:
        send(session, "wait", "c")

    assert again.message.pk == first.message.pk and announced == []
    assert refused.value.code == "room_ended"


def test_a_room_change_applies_from_the_next_message_once_the_session_forgets(
    hosted_group_room, member, moderator
):
    """The session keeps what it read until the socket tells it the room changed:
    slow mode then holds at once."""
    session = session_for(hosted_group_room, member)
    send(session, "one", "s1")
    services.room_set_slow_mode(room=hosted_group_room, by=moderator, seconds=30)
    session.forget()

    with pytest.raises(services.SupportError) as refused:
        send(session, "two", "s2")
    assert refused.value.code == "slow_mode"


def test_a_held_message_and_its_review_item_are_stored_together(private_room, member):
    """A contact swap is held, queued for moderators in the same transaction, and
    announced only to its writer."""
    session = session_for(private_room, member)
    sent, announced = send(session, "text me on 07700 900123", "h")

    assert sent.message.status == ChatMessage.Status.HELD
    assert ReviewItem.objects.filter(object_id=str(sent.message.pk)).exists()
    assert [group for group, _ in in_rooms(announced)] == [
        events.room_member_group(private_room.pk, member.pk)
    ]


def test_a_high_risk_message_announces_the_crisis_panel_for_the_writers_country(
    private_room, member, directory
):
    """After the message itself, its writer alone gets the crisis panel of the
    country her socket resolved (here the United States: 988 and 911)."""
    session = session_for(private_room, member, country="US")
    risky = Screening(level="high", categories=("suicidal_thoughts",), signpost=True)
    with mock.patch("support.services.chat.screen_submission", return_value=risky):
        sent, announced = send(session, "I can't keep going", "r")

    writer = events.room_member_group(private_room.pk, member.pk)
    message, (group, crisis), (hosts, note) = in_rooms(announced)
    assert message == (events.room_group(private_room.pk), sent.event)
    assert group == writer and crisis["type"] == "chat.crisis"
    assert "988" in crisis["html"] and "Call 911" in crisis["html"]
    assert "Call 112" not in crisis["html"]
    # Her listener hears that the panel came up, in a group only hosts are in.
    assert hosts == events.room_hosts_group(private_room.pk)
    assert note["kind"] == "crisis_shown" and note["message_id"] == sent.message.pk


def test_a_first_message_in_a_group_room_makes_the_writer_a_member(
    hosted_group_room, member
):
    session = session_for(hosted_group_room, member)
    assert not RoomMembership.objects.filter(member=member).exists()

    send(session, "evening all", "g1")
    send(session, "still up", "g2")

    membership = RoomMembership.objects.get(room=hosted_group_room, member=member)
    assert membership.role == RoomMembership.Role.MEMBER


def test_a_session_reads_only_sanctions_again_while_the_rest_is_young(
    private_room, member, moderator, monkeypatch
):
    """Once its sanctions are due (here: at once), a message costs one more query;
    a new sanction then has the session read everything and block the writer."""
    session = session_for(private_room, member)
    monkeypatch.setattr(chat, "SANCTIONS_SECONDS", 0.0)
    with CaptureQueriesContext(connection) as queries:
        send(session, "hi", "m1")
    statements = [sql.split()[0].upper() for sql in data_statements(queries)]
    assert statements == ["SELECT", "UPDATE", "INSERT"]

    mute(member, moderator)
    with pytest.raises(services.SupportError) as refused:
        send(session, "hi", "m2")
    assert refused.value.code == "blocked"


def test_a_mute_without_live_support_leaves_her_own_chat_open(
    private_room, member, moderator, monkeypatch
):
    """A posting restriction is read again like any sanction, and lets her write on
    in her chat with a listener."""
    session = session_for(private_room, member)
    monkeypatch.setattr(chat, "SANCTIONS_SECONDS", 0.0)
    send(session, "hi", "w1")

    mute(member, moderator, includes_live_support=False)
    send(session, "still here", "w2")

    assert ChatMessage.objects.get(client_id="w2").body == "still here"


def test_a_session_reads_everything_again_once_it_is_old(
    private_room, member, django_assert_max_num_queries, monkeypatch
):
    session = session_for(private_room, member)
    monkeypatch.setattr(chat, "CONTEXT_SECONDS", 0.0)
    with django_assert_max_num_queries(10) as queries:
        send(session, "hi", "o1")
    assert any("support_room" in q["sql"] for q in queries.captured_queries)


def test_a_message_is_cleaned_once(private_room, member):
    """The body is normalised and checked once per message, whichever way in."""
    with mock.patch.object(
        chat, "normalise_text", wraps=chat.normalise_text
    ) as normalise:
        services.message_create(
            room=private_room, author=member, body=" hello ", client_id="n"
        )
    assert normalise.call_count == 1
    assert ChatMessage.objects.get(client_id="n").body == "hello"


def test_message_create_still_checks_everything_and_announces_after_commit(
    private_room, member, other_member
):
    """The one-call form, for callers without a socket: it reads the context
    itself, so a stranger is refused; inside a transaction nothing is announced
    before it commits."""
    with mock.patch("core.broadcast.broadcast_now") as broadcast:
        with transaction.atomic():
            message = services.message_create(
                room=private_room, author=member, body="hello", client_id="mc"
            )
            assert broadcast.call_count == 0
        assert broadcast.call_count == 1
    assert message.status == ChatMessage.Status.VISIBLE

    with pytest.raises(services.SupportError) as refused:
        services.message_create(
            room=private_room, author=other_member, body="hi", client_id="x"
        )
    assert refused.value.code == "forbidden"
