"""Live-support pages: the room without JavaScript, permissions, ending, feedback,
handover, escalation, group rooms and retention."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from support import services
from support.models import (
    ChatFeedback,
    ChatMessage,
    ListenerNote,
    Room,
    SupportRequest,
)


def say(room, author, body, client_id=""):
    return services.message_create(
        room=room, author=author, body=body, client_id=client_id
    )


# --- The room page ---


def test_the_room_page_without_javascript_shows_the_transcript_and_says_chat_needs_it(
    private_room, member, listener, client, django_assert_max_num_queries
):
    say(private_room, listener, "Hello, I'm here with you.")
    say(private_room, member, "Thank you for coming")
    client.force_login(member)
    with django_assert_max_num_queries(20):
        response = client.get(private_room.get_absolute_url())
    page = response.content.decode()

    assert response.status_code == 200
    assert "Live chat needs JavaScript" in page
    assert (
        "Hello, I&#x27;m here with you." in page or "Hello, I'm here with you." in page
    )
    assert "Thank you for coming" in page
    assert 'role="log"' in page
    assert '<label for="chat-body">Message</label>' in page
    assert ">Send</button>" in page
    assert "<script>" not in page and "style=" not in page


def test_the_room_page_query_count_does_not_grow_with_the_transcript(
    private_room, member, listener, client, django_assert_max_num_queries
):
    for n in range(40):
        say(private_room, member if n % 2 else listener, f"message {n}")
    client.force_login(member)
    with django_assert_max_num_queries(20):
        assert client.get(private_room.get_absolute_url()).status_code == 200


def test_another_member_gets_a_404_for_a_private_room_and_its_actions(
    private_room, other_member, client
):
    """A private room is invisible to everyone else: the page and every action 404."""
    client.force_login(other_member)
    assert client.get(private_room.get_absolute_url()).status_code == 404
    for name in ("room_end", "room_feedback", "room_delete", "room_escalate"):
        url = reverse(f"support:{name}", args=[private_room.pk])
        assert client.post(url, {"helped": "yes"}).status_code == 404
    private_room.refresh_from_db()
    assert private_room.ended_at is None


def test_an_unknown_room_is_a_404(member, client):
    client.force_login(member)
    assert client.get(reverse("support:room", args=[424242])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(private_room, client):
    """Rooms and the listener queue; asking for someone explains instead (see
    test_asking_signed_out)."""
    for url in (
        private_room.get_absolute_url(),
        reverse("support:listen"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:sign_in") in response["Location"]


def test_the_waiting_page_belongs_to_its_member_only(member, other_member, client):
    request = services.request_create(member=member, chips=[])
    client.force_login(other_member)
    assert client.get(request.get_absolute_url()).status_code == 404


def test_the_listener_queue_refuses_members_who_are_not_listeners(member, client):
    client.force_login(member)
    assert client.get(reverse("support:listen")).status_code == 403
    assert (
        client.post(reverse("support:listen_duty"), {"on_duty": "1"}).status_code == 403
    )


def test_the_listener_queue_shows_chips_urgency_and_accept_buttons(
    listener, make_member, on_duty, client, django_assert_max_num_queries
):
    on_duty(listener)
    services.request_create(member=make_member(), chips=["lonely"])
    services.request_create(member=make_member(), chips=[], might_act=True)
    client.force_login(listener)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("support:listen")).content.decode()

    assert page.index("Urgent:") < page.index("Lonely")
    assert page.count(">Accept</button>") == 2
    assert 'data-socket-path="/ws/support/queue/"' in page


def test_accepting_from_the_queue_page_opens_the_room(
    member, listener, on_duty, client
):
    on_duty(listener)
    request = services.request_create(member=member, chips=[])
    client.force_login(listener)
    response = client.post(reverse("support:request_accept", args=[request.pk]))
    room = Room.objects.get(request=request)
    assert response["Location"] == room.get_absolute_url()
    page = client.get(room.get_absolute_url()).content.decode()
    assert "Send a helpline card" in page and "Openers you can edit" in page


def test_the_nav_shows_listeners_how_many_are_waiting(listener, member, client):
    services.request_create(member=member, chips=[])
    client.force_login(listener)
    page = client.get(reverse("support:rooms")).content.decode()
    assert 'class="nav-listen"' in page
    assert 'data-count="1"' in page
    client.force_login(member)
    assert (
        'class="nav-listen"'
        not in client.get(reverse("support:rooms")).content.decode()
    )


# --- Ending, feedback, notes, handover, escalation ---


def test_either_side_can_end_and_the_member_leaves_feedback(
    private_room, member, listener, client
):
    client.force_login(listener)
    client.post(reverse("support:room_end", args=[private_room.pk]))
    private_room.refresh_from_db()
    assert private_room.ended_at and private_room.ended_by == listener
    assert private_room.request.status == SupportRequest.Status.ENDED

    client.force_login(member)
    page = client.get(private_room.get_absolute_url()).content.decode()
    assert "How was this chat?" in page
    client.post(
        reverse("support:room_feedback", args=[private_room.pk]),
        {"helped": "yes", "comment": "It really did."},
    )
    feedback = ChatFeedback.objects.get(room=private_room)
    assert (feedback.helped, feedback.comment) == ("yes", "It really did.")


def test_the_listener_cannot_leave_the_members_feedback(private_room, listener):
    services.room_end(room=private_room, by=listener)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.feedback_create(room=private_room, member=listener, helped="yes")


def test_the_listener_leaves_a_private_note_the_member_never_sees(
    private_room, member, listener, client
):
    client.force_login(listener)
    client.post(
        reverse("support:room_note", args=[private_room.pk]),
        {"body": "Mentioned feeling unsafe at home; gave the abuse line."},
    )
    assert ListenerNote.objects.get(room=private_room).author == listener
    client.force_login(member)
    page = client.get(private_room.get_absolute_url()).content.decode()
    assert "unsafe at home" not in page and "Private note" not in page


def test_handover_moves_the_chat_without_dropping_the_member(
    private_room, member, listener, make_member, on_duty, client
):
    second = make_member("Warm Lark", roles=["listener"])
    on_duty(second)
    client.force_login(listener)
    response = client.post(
        reverse("support:room_handover", args=[private_room.pk]),
        {"to_listener": second.pk},
    )
    assert response["Location"] == reverse("support:listen")
    private_room.refresh_from_db()
    assert private_room.ended_at is None
    assert private_room.request.listener == second
    assert client.get(private_room.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert "Warm Lark" in client.get(private_room.get_absolute_url()).content.decode()


def test_handover_to_someone_off_duty_is_refused(private_room, listener, make_member):
    resting = make_member("Resting Wren", roles=["listener"])
    with pytest.raises(services.SupportError):
        services.room_handover(
            room=private_room, from_listener=listener, to_listener=resting
        )


def test_escalation_tells_the_room_and_queues_an_item_for_moderators(
    private_room, listener, member, client
):
    from moderation.models import ReviewItem

    client.force_login(listener)
    client.post(reverse("support:room_escalate", args=[private_room.pk]))
    private_room.refresh_from_db()
    assert private_room.escalated_at
    assert ReviewItem.objects.filter(
        kind="chat_room", object_id=str(private_room.pk)
    ).exists()
    assert ChatMessage.objects.filter(
        room=private_room, kind="system", body__contains="moderator"
    ).exists()


def test_a_member_cannot_escalate(private_room, member):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.room_escalate(room=private_room, by=member)


def test_a_moderator_joins_a_private_room_only_visibly(private_room, moderator, client):
    client.force_login(moderator)
    page = client.get(private_room.get_absolute_url()).content.decode()
    assert "Join as a moderator" in page and 'role="log"' not in page
    client.post(reverse("support:room_join", args=[private_room.pk]))
    assert 'role="log"' in client.get(private_room.get_absolute_url()).content.decode()
    assert ChatMessage.objects.filter(body__contains="a moderator, has joined").exists()


# --- Group rooms ---


def test_group_rooms_are_listed_with_their_hours(group_room, member, client):
    client.force_login(member)
    page = client.get(reverse("support:rooms")).content.decode()
    assert "Night feeds" in page and "Open now" in page


def test_a_closed_group_room_refuses_messages(group_room, member):
    now = timezone.localtime()
    group_room.opens_at = (now + timedelta(hours=2)).time()
    group_room.closes_at = (now + timedelta(hours=3)).time()
    group_room.save()
    with pytest.raises(services.SupportError) as closed:
        say(group_room, member, "hello?")
    assert closed.value.code == "room_closed"


def test_moderators_mute_with_a_form_and_the_muted_member_cannot_send(
    hosted_group_room, member, moderator, client
):
    say(hosted_group_room, member, "hi all")
    client.force_login(moderator)
    client.post(
        reverse("support:room_mute", args=[hosted_group_room.pk]),
        {"member": member.pk, "minutes": 15},
    )
    with pytest.raises(services.SupportError) as muted:
        say(hosted_group_room, member, "again")
    assert muted.value.code == "muted"


def test_members_cannot_set_slow_mode(group_room, member, client):
    client.force_login(member)
    client.post(
        reverse("support:room_slow_mode", args=[group_room.pk]), {"seconds": 60}
    )
    group_room.refresh_from_db()
    assert group_room.slow_mode_seconds == 0


# --- Retention ---


def test_purge_transcripts_deletes_messages_of_chats_ended_long_enough_ago(
    private_room, member, listener, make_member, on_duty, settings
):
    settings.CHAT_RETENTION_DAYS = 30
    say(private_room, member, "old words")
    start = timezone.now()
    with time_machine.travel(start - timedelta(days=31), tick=False):
        services.room_end(room=private_room, by=member)
    recent = services.request_accept(
        listener=listener,
        request_id=services.request_create(member=make_member(), chips=[]).pk,
    )
    say(recent, listener, "recent words")
    services.room_end(room=recent, by=listener)

    out = StringIO()
    call_command("purge_transcripts", stdout=out)

    assert not ChatMessage.objects.filter(room=private_room).exists()
    assert ChatMessage.objects.filter(room=recent, body="recent words").exists()
    assert "Deleted" in out.getvalue()
    private_room.refresh_from_db()
    assert private_room.transcript_deleted_at is not None


def test_purge_leaves_open_chats_alone(private_room, member):
    say(private_room, member, "still talking")
    call_command("purge_transcripts", "--days", "0", stdout=StringIO())
    assert ChatMessage.objects.filter(body="still talking").exists()


def test_the_member_deletes_their_own_transcript_at_once(
    private_room, member, listener, other_member, client
):
    say(private_room, member, "please forget this")
    client.force_login(listener)
    assert (
        client.post(reverse("support:room_delete", args=[private_room.pk])).status_code
        == 403
    )
    client.force_login(other_member)
    assert (
        client.post(reverse("support:room_delete", args=[private_room.pk])).status_code
        == 404
    )
    assert ChatMessage.objects.filter(room=private_room).exists()

    client.force_login(member)
    client.post(reverse("support:room_delete", args=[private_room.pk]))
    private_room.refresh_from_db()
    assert private_room.ended_at is not None
    assert not ChatMessage.objects.filter(room=private_room).exists()


# --- Whose help lines a listener offers ---


def ask_from_the_page(client, member, **headers) -> SupportRequest:
    client.force_login(member)
    response = client.post(reverse("support:request_start"), {"chips": []}, **headers)
    assert response.status_code == 302
    return SupportRequest.objects.get(member=member)


def cards_on_the_room_page(client, person, room) -> list[dict]:
    client.force_login(person)
    response = client.get(room.get_absolute_url())
    assert response.status_code == 200
    return response.context["resources"]


def test_the_request_keeps_the_country_the_member_asked_from(member, client, directory):
    """A member with no country set, whose browser says en-US."""
    request = ask_from_the_page(client, member, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.8")
    assert member.country == "" and request.country == "US"


def test_the_listeners_cards_are_the_supported_members_lines_first(
    member, listener, on_duty, client, directory
):
    """The member asked from the United States; the listener lives in the United
    Kingdom and sees the member's lines first, not their own."""
    listener.country = "GB"
    listener.save(update_fields=["country"])
    request = ask_from_the_page(client, member, HTTP_ACCEPT_LANGUAGE="en-US")
    on_duty(listener)
    room = services.request_accept(listener=listener, request_id=request.pk)

    cards = cards_on_the_room_page(client, listener, room)

    countries = [card["country"] for card in cards]
    local = countries.count("US")
    assert local and countries[:local] == ["US"] * local
    assert set(countries[local:]) == {"INT"}
    assert "988 Suicide & Crisis Lifeline" in [card["name"] for card in cards[:local]]


def test_older_requests_offer_the_members_own_setting(
    member, listener, on_duty, client, directory
):
    """A request stored before it kept a country falls back to the member's
    setting (then the site default)."""
    member.country = "CA"
    member.save(update_fields=["country"])
    on_duty(listener)
    request = services.request_create(member=member, chips=[])
    assert request.country == ""
    room = services.request_accept(listener=listener, request_id=request.pk)

    cards = cards_on_the_room_page(client, listener, room)

    assert cards[0]["country"] == "CA"
