"""The floor for chat latency: a bare `websockets` relay with no framework around it.

Each socket connects to /rooms/<n>/ and every frame it sends is relayed, unchanged, to
every socket in the same room, the sender included. That is the least any chat server
has to do (read a frame, write it to the room), so the chat benchmark measures it with
the same clients, sockets and rate, and reports how far Kindred is above it.

Run by bench/chat_latency.py as: python bench/echo_floor.py --port 8765
"""

import argparse
import asyncio
import signal
from collections import defaultdict

from websockets.asyncio.server import broadcast, serve

rooms: dict[str, set] = defaultdict(set)


async def relay(connection) -> None:
    room = rooms[connection.request.path]
    room.add(connection)
    try:
        async for frame in connection:
            broadcast(room, frame)
    finally:
        room.discard(connection)


async def main(port: int) -> None:
    stop = asyncio.get_running_loop().create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set_result, None)
    async with serve(
        relay, "127.0.0.1", port, compression=None, ping_interval=None, backlog=1024
    ):
        await stop


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    asyncio.run(main(parser.parse_args().port))
