"""Two Daphne processes behind HAProxy, as `make serve` runs them: a 1:1 chat, a
group room and the moderators' live queue with their sockets spread over both
processes. Everyone sees the same messages in the same order, fan-out reaches every
socket, a client that reconnects resumes with nothing skipped, and presence holds;
then one process is killed with SIGKILL mid-chat, or the processes are restarted
one at a time, and every client carries on through the other process."""

import asyncio

import pytest

from tests.processes.clients import ModerationClient, RoomClient

pytestmark = [pytest.mark.proxy, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def private_chat(private_room, member, listener, cookie_of):
    return {
        "room": private_room,
        "member": (cookie_of(member), member.pk),
        "listener": (cookie_of(listener), listener.pk),
    }


def in_room(site, room, person) -> RoomClient:
    cookie, person_id = person
    return RoomClient(site, room.pk, cookie, person_id)


async def talk(clients: list[RoomClient], rounds: int, tag: str) -> list[str]:
    """Everyone writes `rounds` messages at the same time; returns their client ids."""
    sent = []
    for n in range(rounds):
        for number, client in enumerate(clients):
            client_id = f"{tag}-{number}-{n}"
            sent.append(client_id)
            await client.say(f"{tag} message {n} from {number}", client_id)
    for client in clients:
        await client.has_all(sent)
    return sent


def stored_ids(room, after_seq: int = 0, up_to: int | None = None) -> list[int]:
    """Ids of the room's visible stored messages after seq `after_seq` (and up to
    the message with id `up_to`), in the room's order, as the server holds them."""
    from support.models import ChatMessage

    visible = ChatMessage.objects.filter(
        room=room, status=ChatMessage.Status.VISIBLE, seq__gt=after_seq
    ).order_by("seq")
    if up_to is not None:
        visible = visible.filter(seq__lte=ChatMessage.objects.get(pk=up_to).seq)
    return list(visible.values_list("id", flat=True))


def assert_same_order_for_everyone(clients: list[RoomClient]) -> None:
    """Everyone places the same messages in the same order, numbered without gaps."""
    for client in clients:
        assert sorted(client.id_by_seq) == list(range(1, len(client.id_by_seq) + 1))
    orders = [client.placed for client in clients]
    for other in orders[1:]:
        assert other == orders[0]


def test_the_proxy_spreads_sockets_and_every_room_behaves_as_on_one_server(
    site, private_chat, group_room, make_member, moderator, cookie_of
):
    """A member and her listener on different processes, a group room whose people
    sit on both, and a moderator's queue socket on each: same order for everyone,
    fan-out everywhere, presence complete, resume after a reconnect exact."""
    room = private_chat["room"]
    parents = [make_member() for _ in range(2)]
    host = make_member(roles=["listener"])
    moderator_cookie = cookie_of(moderator)
    seats = [
        (cookie_of(person), person.pk, process)
        for person, process in [(host, "d1"), (parents[0], "d2"), (parents[1], "d1")]
    ]

    async def scenario():
        member = await in_room(site, room, private_chat["member"]).join("d1")
        listener = await in_room(site, room, private_chat["listener"]).join("d2")
        # The listener first: members may write once a host is there.
        group = [
            await RoomClient(site, group_room.pk, cookie, person_id).join(process)
            for cookie, person_id, process in seats
        ]
        moderators = [
            await ModerationClient.open(site, moderator_cookie, process)
            for process in ("d1", "d2")
        ]

        await member.sees_everyone([member.person_id, listener.person_id])
        await listener.sees_everyone([member.person_id, listener.person_id])
        everyone_in_group = [client.person_id for client in group]
        for client in group:
            await client.sees_everyone(everyone_in_group)

        await talk([member, listener], rounds=4, tag="pair")
        await talk(group, rounds=3, tag="group")

        await member.send({"type": "more_help"})
        alerts = [await m.until_alert("escalation") for m in moderators]

        await member.leave()
        last_seen = member.held_through
        while_away = [
            await listener.say_and_wait(f"While you were away {n}", f"away-{n}")
            for n in range(3)
        ]
        await member.rejoin()
        await member.sees_everyone([member.person_id, listener.person_id])
        extra = await member.quiet_for(0.5)

        for client in [member, listener, *group]:
            await client.leave()
        for m in moderators:
            await m.ws.close()
        return member, listener, group, alerts, while_away, last_seen, extra

    member, listener, group, alerts, while_away, last_seen, extra = asyncio.run(
        scenario()
    )

    up_to = while_away[-1]["id"]
    assert member.replayed == stored_ids(room, after_seq=last_seen, up_to=up_to)
    assert {m["id"] for m in while_away} <= set(member.replayed)
    assert not [f for f in extra if f.get("type") == "message"]
    assert member.placed == listener.placed == stored_ids(room)
    assert len(set(member.by_client_id)) == 4 * 2 + 3
    for client in group:
        assert client.placed == stored_ids(group_room)
    assert {alert["level"] for alert in alerts} == {"urgent"}
    assert_same_order_for_everyone([member, listener])
    assert_same_order_for_everyone(group)


def test_clients_carry_on_through_the_other_process_when_one_is_killed(
    site, private_chat
):
    """SIGKILL the member's process mid-chat. Her socket drops; she reconnects
    through the proxy to the surviving process and resumes with nothing skipped,
    including what her listener wrote meanwhile and what she wrote while cut off."""
    room = private_chat["room"]

    async def scenario():
        member = await in_room(site, room, private_chat["member"]).join("d1")
        listener = await in_room(site, room, private_chat["listener"]).join("d2")
        await talk([member, listener], rounds=2, tag="before")

        site.kill_worker("d1")
        await member.read_until_closed()
        last_seen = member.held_through
        during = [
            await listener.say_and_wait(f"Still here {n}", f"during-{n}")
            for n in range(3)
        ]
        await member.rejoin()
        reconnected_on = member.process
        both = [member.person_id, listener.person_id]
        await member.sees_everyone(both)
        await listener.sees_everyone(both)
        # What she typed while cut off goes out once she is back, exactly once.
        await member.say_and_wait("Sorry, I dropped off for a moment", "after-drop")
        await listener.has_all(["after-drop"])
        await talk([member, listener], rounds=2, tag="after")
        extra = await listener.quiet_for(0.5)
        await member.leave()
        await listener.leave()
        return member, listener, during, last_seen, reconnected_on, extra

    member, listener, during, last_seen, reconnected_on, extra = asyncio.run(scenario())

    assert reconnected_on == "d2"
    up_to = during[-1]["id"]
    assert member.replayed == stored_ids(room, after_seq=last_seen, up_to=up_to)
    assert {m["id"] for m in during} <= set(member.replayed)
    assert member.placed == listener.placed == stored_ids(room)
    assert len(set(member.by_client_id)) == 4 + 3 + 1 + 4
    assert not [f for f in extra if f.get("type") == "message"]
    site.wait_all_up()  # the supervisor started the killed process again
    assert_same_order_for_everyone([member, listener])


def test_a_graceful_restart_loses_no_message(site, private_chat):
    """`make restart` drains, restarts and readies each process in turn while a chat
    goes on; both people reconnect as their sockets close and miss nothing."""
    room = private_chat["room"]
    pids_before = site.worker_pids()

    async def keep_talking(client: RoomClient, other: RoomClient, tag: str, stop):
        n = 0
        while not stop.is_set():
            try:
                await client.say_and_wait(f"{tag} {n}", f"{tag}-{n}")
                n += 1
                await asyncio.sleep(0.3)
            except Exception:
                await client.rejoin()
        return [f"{tag}-{k}" for k in range(n)]

    async def scenario():
        member = await in_room(site, room, private_chat["member"]).join("d1")
        listener = await in_room(site, room, private_chat["listener"]).join("d2")
        stop = asyncio.Event()
        talking = [
            asyncio.create_task(keep_talking(member, listener, "m", stop)),
            asyncio.create_task(keep_talking(listener, member, "l", stop)),
        ]
        restart = await asyncio.to_thread(site.restart)
        stop.set()
        sent = [
            client_id for ids in await asyncio.gather(*talking) for client_id in ids
        ]
        for client in (member, listener):
            try:
                await client.has_all(sent, timeout=3)
            except Exception:
                await client.rejoin()
                await client.has_all(sent)
        await member.leave()
        await listener.leave()
        return member, listener, restart, sent

    member, listener, restart, sent = asyncio.run(scenario())

    assert restart.returncode == 0, restart.stderr
    assert set(site.worker_pids().values()).isdisjoint(pids_before.values())
    assert len(sent) >= 4
    assert member.placed == listener.placed == stored_ids(room)
    assert set(sent) <= set(member.by_client_id)
    assert_same_order_for_everyone([member, listener])
