"""A browser's side of a real Daphne server, for the fault tests: pages, forms and
chat sockets, each answer read as the chat page would."""

import asyncio
import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from contextlib import asynccontextmanager

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from core.sockets import CLOSE_TRY_AGAIN
from tests.conftest import DaphneServer

TIMEOUT = 5


def status_of(server: DaphneServer, path: str) -> int:
    try:
        with urllib.request.urlopen(server.url + path, timeout=TIMEOUT) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def post_form(
    server: DaphneServer, page: str, action: str, fields: dict, cookie: str = ""
) -> int:
    """Open page and post a form from it to action as a browser would; the
    answer's status (a redirect is not followed)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirects()
    )
    headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
    request = urllib.request.Request(server.url + page, headers=headers)
    with opener.open(request, timeout=TIMEOUT) as response:
        html = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
    if cookie:
        # A Cookie header of our own stops the jar adding its csrftoken.
        jar_cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
        headers = {"Cookie": f"sessionid={cookie}; {jar_cookies}"}
    request = urllib.request.Request(server.url + action, data=form, headers=headers)
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def sign_in_answer(server: DaphneServer, pseudonym: str, password: str) -> int:
    """302 signed in, 200 refused with a message."""
    return post_form(
        server,
        "/accounts/sign-in/",
        "/accounts/sign-in/",
        {"pseudonym": pseudonym, "password": password},
    )


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@asynccontextmanager
async def room_socket(
    server: DaphneServer, room_id: int, cookie: str, after: int, retry_for: float = 0
):
    """A room socket resuming after id `after`, its replay read up to "ready".
    Closed with CLOSE_TRY_AGAIN while opening, it tries again for `retry_for`
    seconds, as the chat page does."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + retry_for
    while True:
        ws = await connect(
            f"ws://127.0.0.1:{server.port}/ws/support/rooms/{room_id}/?after={after}",
            origin=server.url,
            additional_headers={"Cookie": f"sessionid={cookie}"},
            proxy=None,
            open_timeout=TIMEOUT,
        )
        try:
            await read_replay(ws)
            break
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            if code != CLOSE_TRY_AGAIN or loop.time() > deadline:
                raise
            await asyncio.sleep(0.3)
    try:
        yield ws
    finally:
        await ws.close()


async def read_replay(ws) -> None:
    ws.seen = {}
    ws.replay = []
    while (frame := await next_frame(ws))["type"] != "ready":
        if frame["type"] == "message":
            ws.seen[frame["id"]] = frame
            ws.replay.append(frame)


async def next_frame(ws) -> dict:
    return json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))


async def next_message(ws) -> dict:
    while (frame := await next_frame(ws))["type"] != "message":
        assert frame["type"] != "error", frame
    ws.seen[frame["id"]] = frame
    return frame


async def say(ws, body: str, client_id: str) -> dict:
    """Send a message; its acknowledgement (the writer's own copy, stored)."""
    await ws.send(json.dumps({"type": "message", "body": body, "client_id": client_id}))
    while (frame := await next_message(ws))["client_id"] != client_id:
        pass
    return frame


async def frames_until_closed(ws) -> tuple[list[dict], int | None]:
    frames = []
    try:
        while True:
            frames.append(await next_frame(ws))
    except ConnectionClosed as closed:
        return frames, closed.rcvd.code if closed.rcvd else None


async def handshake_close_code(server: DaphneServer, room_id: int, cookie: str):
    async with connect(
        f"ws://127.0.0.1:{server.port}/ws/support/rooms/{room_id}/",
        origin=server.url,
        additional_headers={"Cookie": f"sessionid={cookie}"},
        proxy=None,
        open_timeout=TIMEOUT,
    ) as ws:
        return (await frames_until_closed(ws))[1]
