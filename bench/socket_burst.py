"""A burst of WebSockets connecting through the proxy and leaving again: does
everything they used come back?

    python bench/socket_burst.py [--sockets 2000] [--workers 2] [--at-once 100]
                                 [--rounds 1] [--database-url URL]

Starts the site as `make serve` does (deploy/serve.py: Daphne processes behind
HAProxy) with a redis-server of its own, over a scratch database (a migrated SQLite
file in /tmp, or --database-url) holding sockets/2 private rooms. It measures, before
the burst, while every socket is open and after they have all left: the Redis
pub/sub channels and their subscriptions, each Daphne process's RSS and open file
descriptors, and the database connections (PostgreSQL only), and names the kinds
of channel still subscribed at the end (channels_left). It prints ONE JSON
line on stdout; progress goes to stderr. Keys: sockets, connected, failed,
failures {what went wrong: how many}, seconds {connect, leave, settle}, before /
during / after {channels, subscriptions, rss_kb, fds, database_connections},
leaked {channels, subscriptions, fds, database_connections} (after - before; 0 is
the aim), rss_growth_kb and channels_left {kind: how many}. With --rounds N the
bursts repeat: rss_after_each_round_kb and rss_growth_after_first_round_kb tell
memory the allocator keeps from memory that keeps growing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# How long the processes get to let go of what the sockets held.
SETTLE_SECONDS = 15
LEAK_KEYS = ("channels", "subscriptions", "fds", "database_connections")


def log(message: str) -> None:
    print(f"[socket_burst] {message}", file=sys.stderr, flush=True)


@dataclass
class Footprint:
    channels: int
    subscriptions: int
    rss_kb: int
    fds: int
    database_connections: int | None


def process_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def process_fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def database_connections(database_name: str | None) -> int | None:
    """Connections to the database from anyone but this process (PostgreSQL)."""
    if database_name is None:
        return None
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [database_name],
        )
        return cursor.fetchone()[0]


def footprint(redis_client, pids: list[int], database_name: str | None) -> Footprint:
    channels = redis_client.pubsub_channels()
    subscriptions = sum(n for _, n in redis_client.pubsub_numsub(*channels))
    return Footprint(
        channels=len(channels),
        subscriptions=subscriptions,
        rss_kb=sum(process_rss_kb(pid) for pid in pids),
        fds=sum(process_fds(pid) for pid in pids),
        database_connections=database_connections(database_name),
    )


def channel_kinds(channels: list[bytes]) -> dict[str, int]:
    """How many channels of each kind: a group's name without its ids, or
    "specific" for a socket's own channel."""
    kinds: dict[str, int] = {}
    for channel in channels:
        name = channel.decode()
        kind = (
            "specific"
            if "specific" in name
            else "".join("#" if c.isdigit() else c for c in name)
        )
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


async def open_room_socket(site, room: int, cookie: str):
    from tests.processes.clients import RoomClient

    client = RoomClient(site, room, cookie, person_id=0)
    return await client.join()


async def burst(site, seats, concurrency: int = 100) -> tuple[list, dict[str, int]]:
    """Open a socket for every (room, cookie) seat, `concurrency` at a time;
    returns the clients that opened and how many failed, by what went wrong."""
    limit = asyncio.Semaphore(concurrency)

    async def one(seat):
        async with limit:
            return await open_room_socket(site, *seat)

    results = await asyncio.gather(*(one(s) for s in seats), return_exceptions=True)
    opened = [r for r in results if not isinstance(r, BaseException)]
    failures: dict[str, int] = {}
    for result in results:
        if isinstance(result, BaseException):
            reason = f"{type(result).__name__}: {result}"[:120]
            failures[reason] = failures.get(reason, 0) + 1
    return opened, failures


async def leave_all(clients) -> None:
    await asyncio.gather(*(c.leave() for c in clients), return_exceptions=True)


def settled(measure, baseline: Footprint, seconds: float) -> tuple[Footprint, float]:
    """Measure until the channels, subscriptions and connections are back to the
    baseline, or `seconds` pass; returns the last footprint and the time taken."""
    started = time.monotonic()
    while True:
        now = measure()
        back = (
            now.channels <= baseline.channels
            and now.subscriptions <= baseline.subscriptions
            and (now.database_connections or 0) <= (baseline.database_connections or 0)
        )
        if back or time.monotonic() - started > seconds:
            return now, time.monotonic() - started
        time.sleep(0.25)


def one_round(site, seats, at_once: int, measure, before: Footprint) -> dict:
    """Every seat's socket opens, then they all leave; measured open and settled."""
    log(f"opening {len(seats)} sockets through the proxy")
    # One loop for the sockets' whole life, run only while they work: the
    # database is measured from sync code in between.
    loop = asyncio.new_event_loop()
    started = time.monotonic()
    clients, failed = loop.run_until_complete(
        burst(site, [(seat.room, seat.cookie) for seat in seats], at_once)
    )
    connect_seconds = time.monotonic() - started
    during = measure()
    log(f"{len(clients)} open, {sum(failed.values())} failed; closing them")
    started = time.monotonic()
    loop.run_until_complete(leave_all(clients))
    leave_seconds = time.monotonic() - started
    loop.close()
    after, settle_seconds = settled(measure, before, SETTLE_SECONDS)
    return {
        "connected": len(clients),
        "failed": sum(failed.values()),
        "failures": failed,
        "seconds": {
            "connect": round(connect_seconds, 2),
            "leave": round(leave_seconds, 2),
            "settle": round(settle_seconds, 2),
        },
        "during": during,
        "after": after,
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sockets", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--at-once", type=int, default=100, help="sockets opening at the same time"
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--rounds", type=int, default=1, help="bursts one after another"
    )
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    sys.path.insert(0, str(PROJECT_ROOT))
    sys.path.insert(0, str(PROJECT_ROOT / "bench"))
    from chat_latency import prepare_database, raise_fd_limit

    raise_fd_limit(args.sockets * 2 + 1000)
    database_url = (
        args.database_url
        or f"sqlite:///{tempfile.mkdtemp(prefix='kindred-burst-')}/burst.sqlite3"
    )
    from tests.processes.servers import RedisServer, ServedSite

    redis_server = RedisServer().start()
    seats = prepare_database(args.sockets // 2, database_url, redis_server.url)
    from django.db import connection

    postgres = connection.vendor == "postgresql"
    database_name = connection.settings_dict["NAME"] if postgres else None
    site = ServedSite(redis_server, workers=args.workers)
    try:
        site.start()
        pids = list(site.worker_pids().values())

        def measure() -> Footprint:
            return footprint(redis_server.client(), pids, database_name)

        before = measure()
        rounds = [
            one_round(site, seats, args.at_once, measure, before)
            for _ in range(args.rounds)
        ]
        channels_left = channel_kinds(redis_server.client().pubsub_channels())
    finally:
        site.stop()
        redis_server.stop()
    last = rounds[-1]
    after = last["after"]
    print(
        json.dumps(
            {
                "sockets": len(seats),
                "workers": args.workers,
                "at_once": args.at_once,
                "database": "postgresql" if postgres else "sqlite",
                "rounds": len(rounds),
                "connected": last["connected"],
                "failed": last["failed"],
                "failures": last["failures"],
                "seconds": last["seconds"],
                "before": asdict(before),
                "during": asdict(last["during"]),
                "after": asdict(after),
                "leaked": {
                    key: (getattr(after, key) or 0) - (getattr(before, key) or 0)
                    for key in LEAK_KEYS
                },
                "rss_growth_kb": after.rss_kb - before.rss_kb,
                # Growth after the first round is the allocator keeping its high
                # water mark; growth between rounds would be a leak.
                "rss_after_each_round_kb": [r["after"].rss_kb for r in rounds],
                "rss_growth_after_first_round_kb": (
                    after.rss_kb - rounds[0]["after"].rss_kb
                ),
                "channels_left": channels_left,
            }
        )
    )


if __name__ == "__main__":
    main()
