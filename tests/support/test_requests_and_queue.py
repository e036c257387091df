"""Asking for someone, the listener queue, the accept lock, matching and the urgent
path."""

import threading
from datetime import timedelta

import pytest
import time_machine
from channels.db import database_sync_to_async
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core.sockets import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED
from support import events, selectors, services
from support.models import ListenerStatus, Room, RoomMembership, SupportRequest
from tests.support.conftest import drain, receive_until
from tests.support.test_room_socket import refused_with


def ask(member, **options):
    return services.request_create(
        member=member, chips=options.pop("chips", []), **options
    )


# --- Requests ---


def test_asking_puts_the_member_in_the_queue_once(member):
    """A second ask while waiting returns the same request, not a second one."""
    first = ask(member, chips=["lonely", "low"])
    again = ask(member, chips=["lonely", "low"])

    assert again.pk == first.pk
    assert first.status == SupportRequest.Status.WAITING
    assert first.chips == ["lonely", "low"]
    assert SupportRequest.objects.filter(member=member).count() == 1


def test_unknown_chips_are_refused_and_nothing_is_saved(member):
    with pytest.raises(services.SupportError):
        ask(member, chips=["lonely", "<script>"])
    assert not SupportRequest.objects.exists()


def test_the_queue_is_urgent_first_then_oldest(make_member):
    """Urgent requests come first; within each, the longest waiting first."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        oldest = ask(make_member())
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        urgent_later = ask(make_member(), might_act=True)
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        newest = ask(make_member())

    assert list(selectors.waiting_requests()) == [urgent_later, oldest, newest]
    assert selectors.request_position(oldest) == 2
    assert selectors.queue_snapshot()["order"] == [
        urgent_later.pk,
        oldest.pk,
        newest.pk,
    ]


def test_a_request_never_expires_by_itself(member, client):
    """Hours later it is still waiting, and the page still offers help meanwhile."""
    request = ask(member)
    client.force_login(member)
    with time_machine.travel(timezone.now() + timedelta(hours=6)):
        response = client.get(request.get_absolute_url())
        request.refresh_from_db()

    assert request.status == SupportRequest.Status.WAITING
    assert response.status_code == 200
    assert b'id="support-offer" ' in response.content
    assert b'id="support-offer" hidden' not in response.content


def test_cancelling_is_one_post_and_only_by_its_member(member, other_member, client):
    request = ask(member)
    client.force_login(other_member)
    url = reverse("support:request_cancel", args=[request.pk])
    assert client.post(url).status_code == 404
    request.refresh_from_db()
    assert request.status == SupportRequest.Status.WAITING

    client.force_login(member)
    response = client.post(url)
    request.refresh_from_db()
    assert response.status_code == 302
    assert request.status == SupportRequest.Status.CANCELLED


# --- Duty and caps ---


def test_going_on_and_off_duty_is_recorded_in_shifts(listener):
    services.listener_set_duty(listener=listener, on_duty=True)
    assert ListenerStatus.objects.get(listener=listener).on_duty
    services.listener_set_duty(listener=listener, on_duty=False)
    status = ListenerStatus.objects.get(listener=listener)
    assert not status.on_duty
    assert listener.duty_shifts.get().ended is not None


def test_a_listener_over_their_weekly_hours_cannot_go_on_duty(listener):
    ListenerStatus.objects.create(listener=listener, weekly_hours_cap=2)
    start = timezone.now() - timedelta(hours=3)
    with time_machine.travel(start, tick=False):
        services.listener_set_duty(listener=listener, on_duty=True)
    services.listener_set_duty(listener=listener, on_duty=False)

    with pytest.raises(services.SupportError) as refused:
        services.listener_set_duty(listener=listener, on_duty=True)
    assert refused.value.code == "hours_cap"


def test_a_member_who_is_not_a_listener_cannot_go_on_duty(member):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.listener_set_duty(listener=member, on_duty=True)


def test_accepting_needs_duty_and_respects_the_chat_cap(make_member, listener, on_duty):
    """Off duty: refused. On duty with a cap of 1: the second accept is refused."""
    first, second = ask(make_member()), ask(make_member())
    with pytest.raises(services.SupportError) as off:
        services.request_accept(listener=listener, request_id=first.pk)
    assert off.value.code == "off_duty"

    on_duty(listener, max_chats=1)
    services.request_accept(listener=listener, request_id=first.pk)
    with pytest.raises(services.SupportError) as full:
        services.request_accept(listener=listener, request_id=second.pk)
    assert full.value.code == "at_capacity"
    second.refresh_from_db()
    assert second.status == SupportRequest.Status.WAITING


# --- The lock ---


def test_accepting_opens_a_private_room_for_the_member_and_listener(
    member, listener, on_duty
):
    on_duty(listener)
    request = ask(member)
    room = services.request_accept(listener=listener, request_id=request.pk)

    request.refresh_from_db()
    assert request.status == SupportRequest.Status.ACCEPTED
    assert request.listener == listener and request.accepted_at
    assert room.kind == Room.Kind.PRIVATE and room.request == request
    roles = dict(room.memberships.values_list("member__pseudonym", "role"))
    assert roles == {"Quiet Heron": "member", "Steady Willow": "listener"}


def test_a_second_accept_of_the_same_request_fails_cleanly(
    member, listener, make_member, on_duty
):
    other = make_member("Kind Finch", roles=["listener"])
    on_duty(listener)
    on_duty(other)
    request = ask(member)
    services.request_accept(listener=listener, request_id=request.pk)

    with pytest.raises(services.SupportError) as lost:
        services.request_accept(listener=other, request_id=request.pk)
    assert lost.value.code == "taken"
    assert Room.objects.count() == 1
    assert not RoomMembership.objects.filter(member=other).exists()


def accept_at_once(accepts) -> list:
    """Run each of accepts (listener, request) in its own thread and database
    connection, released together; return what each ended with, in order: the
    room it opened, or the exception it raised (whatever it was)."""
    barrier = threading.Barrier(len(accepts))
    outcomes: list = [None] * len(accepts)

    def accept(index, person, request):
        try:
            barrier.wait(timeout=5)
            outcomes[index] = services.request_accept(
                listener=person, request_id=request.pk
            )
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=accept, args=(index, person, request))
        for index, (person, request) in enumerate(accepts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def won_and_lost(outcomes) -> tuple[list[Room], list[str]]:
    """The rooms opened, and the refusal code of each loser. A loser that died of
    anything but a SupportError fails the test here, with its error."""
    rooms = [outcome for outcome in outcomes if isinstance(outcome, Room)]
    errors = [outcome for outcome in outcomes if not isinstance(outcome, Room)]
    for error in errors:
        if not isinstance(error, services.SupportError):
            raise AssertionError(f"a loser died of {error!r}") from error
    return rooms, [error.code for error in errors]


@pytest.mark.django_db(transaction=True)
def test_two_listeners_accepting_at_the_same_moment_exactly_one_wins(
    member, make_member, on_duty
):
    """Two threads, two database connections, released together: one room, one
    winner, and the other gets exactly the "taken" refusal (never an error page)."""
    listeners = [make_member(f"Listener {n}", roles=["listener"]) for n in range(2)]
    for person in listeners:
        on_duty(person)
    request = ask(member)

    rooms, refusals = won_and_lost(
        accept_at_once([(person, request) for person in listeners])
    )

    assert len(rooms) == 1 and refusals == ["taken"]
    assert Room.objects.filter(request=request).count() == 1
    assert RoomMembership.objects.filter(role="listener").count() == 1
    request.refresh_from_db()
    assert request.listener_id == RoomMembership.objects.get(role="listener").member_id


@pytest.mark.django_db(transaction=True)
def test_one_listener_accepting_two_requests_at_once_keeps_their_chat_cap(
    make_member, listener, on_duty
):
    """A listener who can hold one chat accepts two requests at the same moment:
    one room opens, the other request stays in the queue. On PostgreSQL the loser
    waits for the listener's row and is told they are at capacity. SQLite has no
    row locks: a loser that ran alongside the winner is told the request was
    taken, one that ran after it that they are at capacity."""
    on_duty(listener, max_chats=1)
    first, second = ask(make_member()), ask(make_member())

    rooms, refusals = won_and_lost(
        accept_at_once([(listener, first), (listener, second)])
    )

    if connection.vendor == "sqlite":
        allowed = {"at_capacity", "taken"}
    else:
        allowed = {"at_capacity"}
    assert len(rooms) == 1 and len(refusals) == 1 and refusals[0] in allowed
    assert selectors.listener_chat_count(listener) == 1
    statuses = set(SupportRequest.objects.values_list("status", flat=True))
    assert statuses == {SupportRequest.Status.ACCEPTED, SupportRequest.Status.WAITING}


def test_an_unrelated_database_error_is_not_taken_for_a_lost_race(
    member, listener, on_duty
):
    """Only SQLite's "database is locked" means another accept won; any other
    database error is raised as it is."""
    from unittest import mock

    from django.db import OperationalError

    on_duty(listener)
    request = ask(member)
    with mock.patch(
        "support.services.requests._request_accept",
        side_effect=OperationalError("no such table: support_room"),
    ):
        with pytest.raises(OperationalError):
            services.request_accept(listener=listener, request_id=request.pk)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_accepting_locks_the_request_row_on_postgresql(member, listener, on_duty):
    """The accept reads the request with SELECT ... FOR UPDATE."""
    from django.test.utils import CaptureQueriesContext

    on_duty(listener)
    request = ask(member)
    with CaptureQueriesContext(connection) as queries:
        services.request_accept(listener=listener, request_id=request.pk)
    locked = [
        q["sql"]
        for q in queries.captured_queries
        if "FOR UPDATE" in q["sql"] and "support_supportrequest" in q["sql"]
    ]
    assert locked


# --- Matching ---


@pytest.fixture
def matching(make_member, on_duty, settings):
    settings.SUPPORT_MATCH_PREFERENCE_SECONDS = 120
    with_experience = make_member("Been There", roles=["listener"])
    without = make_member("Fresh Ears", roles=["listener"])
    on_duty(with_experience, lived_experience=["baby-loss"])
    on_duty(without)
    return with_experience, without


def test_matching_keeps_a_request_for_a_listener_with_lived_experience(
    member, matching
):
    with_experience, without = matching
    request = ask(member, chips=["baby-loss"], wants_lived_experience=True)

    with pytest.raises(services.SupportError) as held:
        services.request_accept(listener=without, request_id=request.pk)
    assert held.value.code == "held_for_match"
    view = selectors.queue_for_listener(selectors.queue_snapshot(), without.pk)
    assert view[0]["held_for_match"] and not view[0]["matches_you"]
    room = services.request_accept(listener=with_experience, request_id=request.pk)
    assert room.request == request


def test_matching_never_makes_anyone_wait_past_the_preference_time(member, matching):
    _with_experience, without = matching
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        request = ask(member, chips=["baby-loss"], wants_lived_experience=True)
    with time_machine.travel(start + timedelta(seconds=121), tick=False):
        room = services.request_accept(listener=without, request_id=request.pk)
    assert room.request == request


def test_matching_does_not_hold_a_request_when_no_matching_listener_is_free(
    member, matching
):
    with_experience, without = matching
    services.listener_set_duty(listener=with_experience, on_duty=False)
    request = ask(member, chips=["baby-loss"], wants_lived_experience=True)
    room = services.request_accept(listener=without, request_id=request.pk)
    assert room.request == request


def test_without_a_preference_anyone_may_accept_at_once(member, matching):
    _with_experience, without = matching
    request = ask(member, chips=["baby-loss"])
    assert services.request_accept(listener=without, request_id=request.pk)


@pytest.fixture
def bilingual(make_member, on_duty, settings):
    settings.SUPPORT_MATCH_PREFERENCE_SECONDS = 120
    speaks_spanish = make_member("Habla Conmigo", roles=["listener"])
    english_only = make_member("Plain Ears", roles=["listener"])
    on_duty(speaks_spanish, languages=["en", "es"])
    on_duty(english_only)
    return speaks_spanish, english_only


def test_a_request_in_spanish_waits_for_a_listener_who_speaks_it(member, bilingual):
    speaks_spanish, english_only = bilingual
    request = ask(member, language="es")
    with pytest.raises(services.SupportError) as held:
        services.request_accept(listener=english_only, request_id=request.pk)
    assert held.value.code == "held_for_match" and "Español" in held.value.message
    room = services.request_accept(listener=speaks_spanish, request_id=request.pk)
    assert room.request == request


def test_a_spanish_request_never_waits_past_the_preference_time(member, bilingual):
    _speaks_spanish, english_only = bilingual
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        request = ask(member, language="es")
    with time_machine.travel(start + timedelta(seconds=121), tick=False):
        assert services.request_accept(listener=english_only, request_id=request.pk)


def test_with_no_spanish_speaker_on_duty_anyone_may_take_it(member, bilingual):
    speaks_spanish, english_only = bilingual
    services.listener_set_duty(listener=speaks_spanish, on_duty=False)
    request = ask(member, language="es")
    assert services.request_accept(listener=english_only, request_id=request.pk)


def test_an_english_request_is_not_held_from_bilingual_listeners(member, bilingual):
    speaks_spanish, _english_only = bilingual
    request = ask(member)
    assert services.request_accept(listener=speaks_spanish, request_id=request.pk)


def test_language_and_lived_experience_combine(member, make_member, on_duty, settings):
    settings.SUPPORT_MATCH_PREFERENCE_SECONDS = 120
    both = on_duty(
        make_member("Both Ways", roles=["listener"]),
        languages=["es"],
        lived_experience=["baby-loss"],
    )
    spanish = on_duty(make_member("Solo Espanol", roles=["listener"]), languages=["es"])
    on_duty(make_member("English Only", roles=["listener"]))
    request = ask(
        member, language="es", chips=["baby-loss"], wants_lived_experience=True
    )
    with pytest.raises(services.SupportError):
        services.request_accept(listener=spanish, request_id=request.pk)
    assert services.request_accept(listener=both, request_id=request.pk)


def test_listeners_say_which_languages_they_chat_in(client, make_member):
    listener = make_member("Voces", roles=["listener"])
    client.force_login(listener)
    page = client.get(reverse("support:listen"))
    assert b"Languages you can chat in" in page.content
    client.post(
        reverse("support:listen_profile"),
        {"languages": ["en", "es"], "lived_experience": []},
    )
    from support.models import ListenerStatus

    assert ListenerStatus.objects.get(listener=listener).languages == ["en", "es"]


# --- The urgent path ---


def test_ticking_might_act_shows_the_crisis_panel_first_and_the_request_goes_on(
    member, client
):
    """The member lands on the waiting page with the crisis panel above everything
    else, and the request is in the queue, marked urgent."""
    client.force_login(member)
    response = client.post(
        reverse("support:request_start"),
        {"chips": ["scary-thoughts"], "might_act": "on"},
    )
    request = SupportRequest.objects.get(member=member)
    assert response.status_code == 302
    assert response["Location"] == request.get_absolute_url()
    assert request.urgent and request.status == SupportRequest.Status.WAITING

    page = client.get(request.get_absolute_url()).content.decode()
    assert 'class="crisis-panel' in page
    assert page.index("crisis-panel") < page.index("in the queue for a listener")


def test_the_request_page_carries_the_crisis_panel_ready_for_the_checkbox(
    member, client
):
    """Without JavaScript the panel shows on the next page; with it, support-request.js
    reveals it the moment the box is ticked."""
    client.force_login(member)
    page = client.get(reverse("support:request_start")).content.decode()
    assert 'id="might-act-panel" hidden' in page
    assert "I might act on thoughts of harming myself or my baby" in page
    assert "js/support-request.js" in page


@pytest.mark.django_db(transaction=True)
async def test_an_urgent_request_alerts_moderators_live_and_queues_a_safety_item(
    member, moderator, connect
):
    """Moderators watching get an alert frame at once, pointing at the listener
    queue and at the urgent item it raised in the moderation queue, and the
    request is first in every listener's queue."""
    from moderation.models import ReviewItem

    watching = await connect("/ws/support/queue/", moderator)
    await receive_until(watching, "queue")

    request = await database_sync_to_async(ask)(member, might_act=True)

    frames = [await watching.receive_json_from(timeout=2) for _ in range(2)]
    alert = next(f for f in frames if f["type"] == "alert")
    queue = next(f for f in frames if f["type"] == "queue")
    item = await database_sync_to_async(ReviewItem.objects.get)(kind="support_request")
    assert item.level == "urgent" and item.object_id == str(request.pk)
    assert alert == {
        "type": "alert",
        "alert": "urgent_request",
        "level": "urgent",
        "message": alert["message"],
        "url": reverse("support:listen"),
        "item": item.pk,
        "view": item.view,
    }
    assert "might act" in alert["message"]
    assert queue["requests"][0]["id"] == request.pk and queue["requests"][0]["urgent"]


@pytest.mark.django_db(transaction=True)
async def test_a_listener_who_is_not_a_moderator_hears_no_alerts(
    member, listener, on_duty, connect
):
    await database_sync_to_async(on_duty)(listener)
    socket = await connect("/ws/support/queue/", listener)
    await receive_until(socket, "queue")

    await database_sync_to_async(ask)(member, might_act=True)

    frames = [await socket.receive_json_from(timeout=2)]
    frames += await drain(socket)
    assert [f["type"] for f in frames] == ["queue"]


@pytest.mark.django_db(transaction=True)
async def test_an_escalation_alerts_moderators_with_the_room_to_join(
    private_room, listener, moderator, connect
):
    watching = await connect("/ws/support/queue/", moderator)
    await receive_until(watching, "queue")

    await database_sync_to_async(services.room_escalate)(room=private_room, by=listener)

    alert = await receive_until(watching, "alert")
    assert alert["alert"] == "escalation" and alert["level"] == "high"
    assert alert["url"] == private_room.get_absolute_url()
    assert "Steady Willow" in alert["message"]


# --- The queue and waiting sockets ---


@pytest.mark.django_db(transaction=True)
async def test_on_duty_listeners_see_requests_arrive_and_leave_live(
    member, listener, on_duty, connect
):
    await database_sync_to_async(on_duty)(listener)
    socket = await connect("/ws/support/queue/", listener)
    assert (await receive_until(socket, "queue"))["requests"] == []

    request = await database_sync_to_async(ask)(member, chips=["anxious"])
    arrived = await receive_until(socket, "queue")
    assert [(r["id"], r["chips"]) for r in arrived["requests"]] == [
        (request.pk, ["Anxious"])
    ]
    assert "member" not in arrived["requests"][0]

    await database_sync_to_async(services.request_cancel)(
        member=member, request_id=request.pk
    )
    assert (await receive_until(socket, "queue"))["requests"] == []


@pytest.mark.django_db(transaction=True)
async def test_the_queue_socket_refuses_anonymous_and_non_listeners(member):
    assert await refused_with("/ws/support/queue/") == {
        "type": "websocket.close",
        "code": CLOSE_UNAUTHENTICATED,
    }
    assert await refused_with("/ws/support/queue/", member) == {
        "type": "websocket.close",
        "code": CLOSE_FORBIDDEN,
    }


@pytest.mark.django_db(transaction=True)
async def test_the_waiting_member_sees_position_and_then_the_room_url(
    member, make_member, listener, on_duty, connect
):
    await database_sync_to_async(on_duty)(listener)
    ahead = await database_sync_to_async(ask)(
        await database_sync_to_async(make_member)()
    )
    request = await database_sync_to_async(ask)(member)
    socket = await connect(f"/ws/support/requests/{request.pk}/", member)

    status = await receive_until(socket, "status")
    assert status["position"] == 2 and status["on_duty"] == 1
    assert "1 person ahead" in status["estimate"]

    await database_sync_to_async(services.request_accept)(
        listener=listener, request_id=ahead.pk
    )
    moved = await receive_until(socket, "status")
    assert moved["position"] == 1

    room = await database_sync_to_async(services.request_accept)(
        listener=listener, request_id=request.pk
    )
    accepted = await receive_until(socket, "accepted")
    assert accepted["room_url"] == room.get_absolute_url()


@pytest.mark.django_db(transaction=True)
async def test_the_waiting_socket_refuses_anyone_but_the_requester(
    member, other_member
):
    request = await database_sync_to_async(ask)(member)
    path = f"/ws/support/requests/{request.pk}/"
    assert (await refused_with(path, other_member))["code"] == CLOSE_FORBIDDEN
    assert (await refused_with(path))["code"] == CLOSE_UNAUTHENTICATED
    assert (await refused_with("/ws/support/requests/99999/", member))[
        "code"
    ] == CLOSE_FORBIDDEN


def test_plain_estimates_are_honest_words():
    assert "No listener is on duty" in events.plain_estimate(1, 0)
    assert "next" in events.plain_estimate(1, 3)
    assert "2 people ahead" in events.plain_estimate(3, 3)
