"""WebSocket clients that behave as the site's own pages do, through the proxy: a chat
client that remembers the last message id it saw and resumes from it after any
drop, and a moderation-queue client."""

from __future__ import annotations

import asyncio
import json
from contextlib import suppress

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

FRAME_TIMEOUT = 10
# As patient as a browser with a socket that is slow to open.
OPEN_TIMEOUT = 30
PROCESS_HEADER = "X-Kindred-Process"
# Attempts to land a socket on a given process; the proxy spreads new sockets
# to the process holding the fewest, so a handful is plenty.
PLACEMENT_ATTEMPTS = 12


async def open_socket(site, path: str, cookie: str) -> ClientConnection:
    return await connect(
        f"{site.ws_url}{path}",
        origin=site.url,
        additional_headers={"Cookie": f"sessionid={cookie}"},
        proxy=None,
        open_timeout=OPEN_TIMEOUT,
        max_size=2**22,
    )


def process_of(ws: ClientConnection) -> str:
    """Which Daphne process the proxy put this socket on."""
    return ws.response.headers[PROCESS_HEADER]


async def open_on(site, path: str, cookie: str, process: str | None):
    """A socket on `process` (any process when None). The proxy sends a new socket
    to the process holding the fewest, so sockets that land elsewhere are held
    open until one lands where wanted, then closed."""
    elsewhere = []
    try:
        for _ in range(PLACEMENT_ATTEMPTS):
            ws = await open_socket(site, path, cookie)
            if process is None or process_of(ws) == process:
                return ws
            elsewhere.append(ws)
    finally:
        for ws in elsewhere:
            await ws.close()
    raise AssertionError(f"the proxy never put {path} on {process}")


class RoomClient:
    """One person in a chat room, as the README's protocol has the chat page do it:
    messages are placed by their `seq`; the client holds every message up to the
    highest seq below which it has seen them all (or that `ready` and `synced` say
    it holds), and resumes from there with ?since=<seq>. `received` keeps ids in
    the order they arrived, `placed` in seq order; `here` is the last presence."""

    def __init__(self, site, room_id: int, cookie: str, person_id: int):
        self.site = site
        self.room_id = room_id
        self.cookie = cookie
        self.person_id = person_id
        self.ws: ClientConnection | None = None
        self.received: list[int] = []
        self.id_by_seq: dict[int, int] = {}
        self.held_through = 0
        self.joined_before = False
        self.by_client_id: dict[str, dict] = {}
        self.here: set[int] = set()
        self.other_frames: list[dict] = []
        self.replayed: list[int] = []

    @property
    def placed(self) -> list[int]:
        """Message ids in the room's order (by seq)."""
        return [self.id_by_seq[seq] for seq in sorted(self.id_by_seq)]

    @property
    def process(self) -> str:
        return process_of(self.ws)

    def path(self) -> str:
        since = f"?since={self.held_through}" if self.joined_before else ""
        return f"/ws/support/rooms/{self.room_id}/{since}"

    def hold_through(self, seq: int) -> None:
        self.held_through = max(self.held_through, seq)
        while self.held_through + 1 in self.id_by_seq:
            self.held_through += 1

    async def join(self, process: str | None = None) -> RoomClient:
        self.ws = await open_on(self.site, self.path(), self.cookie, process)
        self.joined_before = True
        self.replayed = []
        self.here = set()
        while (frame := await self.next_frame()).get("type") != "ready":
            if frame.get("type") == "message":
                self.replayed.append(frame["id"])
        return self

    async def rejoin(self, within: float = 15) -> RoomClient:
        """Reconnect through the proxy, retrying while no process will take us."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            try:
                return await self.join()
            except (OSError, InvalidStatus, ConnectionClosed, TimeoutError):
                if loop.time() > deadline:
                    raise
                await asyncio.sleep(0.2)

    async def leave(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def next_frame(self, timeout: float = FRAME_TIMEOUT) -> dict:
        frame = json.loads(await asyncio.wait_for(self.ws.recv(), timeout))
        self.note(frame)
        return frame

    def note(self, frame: dict) -> None:
        kind = frame.get("type")
        if kind == "message":
            if frame["id"] not in self.received:
                self.received.append(frame["id"])
            self.id_by_seq[frame["seq"]] = frame["id"]
            self.hold_through(0)
            if frame.get("client_id"):
                self.by_client_id[frame["client_id"]] = frame
        elif kind == "presence":
            self.here = {person["id"] for person in frame["here"]}
        elif kind == "ready":
            self.hold_through(frame["last_seq"])
            self.other_frames.append(frame)
        elif kind == "synced":
            self.hold_through(frame["seq"])
        else:
            self.other_frames.append(frame)
        assert kind != "error", frame

    async def send(self, frame: dict) -> None:
        await self.ws.send(json.dumps(frame))

    async def say(self, body: str, client_id: str) -> None:
        await self.send({"type": "message", "body": body, "client_id": client_id})

    async def say_and_wait(self, body: str, client_id: str) -> dict:
        await self.say(body, client_id)
        return await self.until(lambda: self.by_client_id.get(client_id))

    async def until(self, condition, timeout: float = FRAME_TIMEOUT):
        """Read frames until condition() is true; return its value."""
        async with asyncio.timeout(timeout):
            while not (result := condition()):
                await self.next_frame()
        return result

    async def has_all(self, client_ids, timeout: float = FRAME_TIMEOUT) -> None:
        try:
            await self.until(
                lambda: all(c in self.by_client_id for c in client_ids), timeout
            )
        except TimeoutError:
            missing = sorted(set(client_ids) - set(self.by_client_id))
            raise AssertionError(
                f"never received {missing}; ids in arrival order: {self.received}"
            ) from None

    async def sees_everyone(self, person_ids, timeout: float = FRAME_TIMEOUT) -> None:
        await self.until(lambda: set(person_ids) <= self.here, timeout)

    async def read_until_closed(self, timeout: float = FRAME_TIMEOUT) -> None:
        """Read whatever comes until the server side goes away."""
        async with asyncio.timeout(timeout):
            with suppress(ConnectionClosed):
                while True:
                    await self.next_frame(timeout)

    async def quiet_for(self, seconds: float) -> list[dict]:
        """Frames that arrive within `seconds`."""
        frames = []
        with suppress(TimeoutError):
            while True:
                frames.append(await self.next_frame(seconds))
        return frames


class ModerationClient:
    """A moderator's live queue socket (/ws/moderation/)."""

    def __init__(self, ws: ClientConnection):
        self.ws = ws
        self.frames: list[dict] = []

    @classmethod
    async def open(cls, site, cookie: str, process: str | None) -> ModerationClient:
        return cls(await open_on(site, "/ws/moderation/", cookie, process))

    @property
    def process(self) -> str:
        return process_of(self.ws)

    async def until_alert(self, alert: str, timeout: float = FRAME_TIMEOUT) -> dict:
        async with asyncio.timeout(timeout):
            while True:
                frame = json.loads(await self.ws.recv())
                self.frames.append(frame)
                if frame.get("type") == "alert" and frame.get("alert") == alert:
                    return frame
