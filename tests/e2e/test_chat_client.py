"""The chat page's client against a stand-in for the room socket (Playwright routes
the WebSocket): it keeps the room's order whatever order messages arrive in,
ignores what it cannot place, resumes from the seq it holds everything up to,
comes back within seconds after a drop, and resends what was written offline at
the pace the server allows without dropping a word."""

import json
import re
import threading
import time

import pytest

from support import services
from tests.e2e.conftest import in_thread
from tests.e2e.signing_in import signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOG = '[data-chat="log"]'
CONNECTION = '[data-chat="connection"]'


def open_room(member, listener) -> int:
    services.listener_set_duty(listener=listener, on_duty=True)
    request = services.request_create(member=member, chips=["lonely"])
    return services.request_accept(listener=listener, request_id=request.pk).pk


class StandInSocket:
    """Plays the room socket: records each connection (its URL and time) and every
    frame the page sends; `on_open(route)` runs when the page connects."""

    def __init__(self, on_open=None, on_frame=None):
        self.connections: list[tuple[str, float]] = []
        self.frames: list[dict] = []
        self.route = None
        self.on_open = on_open
        self.on_frame = on_frame
        self.lock = threading.Lock()

    def __call__(self, route) -> None:
        self.route = route
        self.connections.append((route.url, time.monotonic()))
        route.on_message(lambda text: self._received(route, text))
        if self.on_open is not None:
            self.on_open(self, route)

    def _received(self, route, text) -> None:
        frame = json.loads(text)
        self.frames.append(frame)
        if self.on_frame is not None:
            self.on_frame(self, route, frame)

    @staticmethod
    def send(route, frame: dict) -> None:
        route.send(json.dumps(frame))


def ready(seq: int) -> dict:
    return {
        "type": "ready",
        "role": "member",
        "last_id": 0,
        "last_seq": seq,
        "more": False,
    }


def message(room_id: int, seq: int, text: str, **fields) -> dict:
    return {
        "type": "message",
        "id": 1000 + seq,
        "seq": seq,
        "room": room_id,
        "author": "Steady Willow",
        "author_id": -1,
        "author_role": "listener",
        "kind": "message",
        "body_html": f"<p>{text}</p>",
        "status": "visible",
        "created": "2026-12-06T03:00:00+00:00",
        "client_id": "",
        **fields,
    }


def since_of(url: str) -> int:
    return int(re.search(r"[?&]since=(\d+)", url).group(1))


def test_out_of_order_messages_are_put_in_order_and_resumed_without_a_gap(
    new_page, daphne_server, member, listener
):
    room_id = in_thread(open_room, member, listener)
    page = signed_in_page(new_page, daphne_server, member)
    server = StandInSocket()
    page.route_web_socket(re.compile(r"/ws/support/rooms/"), server)
    page.goto(f"/support/rooms/{room_id}/")
    base = int(page.locator("#support-chat").get_attribute("data-last-seq"))
    page.wait_for_timeout(300)
    assert since_of(server.connections[0][0]) == base

    # Two processes' messages, the later one first; then one for another room and
    # one without a number, which the page must not show.
    route = server.route
    server.send(route, ready(base))
    server.send(route, message(room_id, base + 2, "second"))
    server.send(route, message(room_id, base + 1, "first"))
    server.send(route, message(room_id + 1, base + 3, "another room"))
    server.send(route, {**message(room_id, base + 4, "no number"), "seq": None})
    page.locator(LOG).get_by_text("first").wait_for()
    order = page.eval_on_selector_all(
        f"{LOG} li[data-seq]", "items => items.map(i => Number(i.dataset.seq))"
    )
    assert order[-2:] == [base + 1, base + 2]
    assert page.locator(LOG).get_by_text("another room").count() == 0
    assert page.locator(LOG).get_by_text("no number").count() == 0

    # Seq base+4 arrives but base+3 never does: the page resumes below the gap.
    server.send(route, message(room_id, base + 4, "fourth"))
    page.locator(LOG).get_by_text("fourth").wait_for()
    route.close(code=1011, reason="going away")
    deadline = time.monotonic() + 5
    while len(server.connections) < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert since_of(server.connections[1][0]) == base + 2

    # "synced" says the page holds everything up to base+4 (base+3 was not its
    # to see): the next resume starts there.
    route = server.route
    server.send(route, ready(base + 2))
    server.send(route, {"type": "synced", "seq": base + 4})
    page.wait_for_timeout(200)
    route.close(code=1011, reason="going away")
    deadline = time.monotonic() + 5
    while len(server.connections) < 3 and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert since_of(server.connections[2][0]) == base + 4


def test_after_a_drop_it_says_so_and_tries_again_within_seconds(
    new_page, daphne_server, member, listener
):
    """The first try comes within half a second; while the server stays away the
    tries space out, jittered, but never more than 4 s apart."""
    room_id = in_thread(open_room, member, listener)
    page = signed_in_page(new_page, daphne_server, member)

    def refuse_after_the_first(server, route):
        if len(server.connections) == 1:
            server.send(route, ready(0))
        else:
            route.close(code=1011, reason="still away")

    server = StandInSocket(on_open=refuse_after_the_first)
    page.route_web_socket(re.compile(r"/ws/support/rooms/"), server)
    page.goto(f"/support/rooms/{room_id}/")
    page.locator(CONNECTION).filter(has_text="Connected").wait_for()

    dropped_at = time.monotonic()
    server.route.close(code=1011, reason="restarting")
    page.locator(CONNECTION).filter(has_text="Reconnecting").wait_for()
    deadline = time.monotonic() + 15
    while len(server.connections) < 6 and time.monotonic() < deadline:
        page.wait_for_timeout(100)

    times = [dropped_at] + [at for _url, at in server.connections[1:]]
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert len(gaps) == 5
    assert gaps[0] < 0.8
    assert max(gaps) < 4.5
    assert page.locator(CONNECTION).inner_text().startswith("Reconnecting")


def test_messages_written_offline_are_resent_at_the_allowed_pace_and_none_is_lost(
    new_page, daphne_server, member, listener
):
    """Twelve messages written while offline: no more than nine go in the first ten
    seconds, each carries its send time, and one the server refuses for speed is
    sent again rather than marked "Not sent"."""
    room_id = in_thread(open_room, member, listener)
    page = signed_in_page(new_page, daphne_server, member)
    queued = [
        {"type": "message", "body": f"offline {n}", "client_id": f"off-{n}"}
        for n in range(12)
    ]
    page.context.add_init_script(
        f"sessionStorage.setItem('kindred-chat-pending-{room_id}', "
        f"{json.dumps(json.dumps(queued))});"
    )
    next_seq = [100]
    refused = []

    def answer(server, route, frame):
        if frame.get("type") != "message":
            return
        if frame["client_id"] == "off-2" and not refused:
            refused.append(time.monotonic())
            server.send(
                route,
                {
                    "type": "error",
                    "code": "rate_limited",
                    "message": "Slow down",
                    "client_id": "off-2",
                },
            )
            return
        next_seq[0] += 1
        server.send(
            route,
            message(
                room_id,
                next_seq[0],
                frame["body"],
                author_id=member.pk,
                client_id=frame["client_id"],
            ),
        )

    server = StandInSocket(
        on_open=lambda server, route: server.send(route, ready(0)), on_frame=answer
    )
    page.route_web_socket(re.compile(r"/ws/support/rooms/"), server)
    started = time.monotonic()
    page.goto(f"/support/rooms/{room_id}/")
    page.wait_for_function(
        """() => document.querySelectorAll('[data-chat="log"] li.msg-pending')
            .length === 0""",
        timeout=20_000,
    )

    sent = [f for f in server.frames if f.get("type") == "message"]
    arrivals = [f["client_id"] for f in sent]
    assert sorted(set(arrivals)) == sorted(q["client_id"] for q in queued)
    assert arrivals.count("off-2") == 2
    assert all(isinstance(f.get("sent_at"), int | float) for f in sent)
    assert time.monotonic() - started > 9  # the pace held the rest back
    assert page.locator(f"{LOG} li.msg-failed").count() == 0
    assert page.locator(LOG).get_by_text("offline 11").count() == 1
