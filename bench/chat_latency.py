"""Live chat latency, throughput and memory under many concurrent sockets.

    python bench/chat_latency.py [--sockets 200] [--rate 2] [--duration 20]
                                 [--idle 2000] [--database-url URL]
                                 [--layer core|pubsub] [--group]

What it does, all on loopback and bounded in time:

1. Prepares a scratch database (a migrated SQLite file in /tmp, or --database-url)
   with sockets/2 private rooms, each with its own member and listener, and a signed-in
   session cookie for every one of them.
2. Starts Daphne with the Redis channel layer (REDIS_URL, else redis://127.0.0.1:6379/4;
   --layer core swaps the pub/sub layer Kindred is configured with for channels-redis'
   core layer, to compare) and opens --sockets concurrent WebSockets, two
   per room. Every socket sends --rate
   chat messages a second for --duration seconds (after a short warm-up that is not
   measured). For each message it records the round trip (send -> the sender's own
   echo, matched by client_id) and the fan-out (send -> the other participant
   receives it). It reads the server's CPU time from /proc at the start and the end
   of the measured window, and its RSS after it. The server is
   kindred.asgi with only the room socket's flood limit raised (bench/chat_asgi.py),
   since a steady 2 messages/s per socket is the load, not a flood.
3. Runs the same load, with the same clients, against a bare `websockets` relay
   (bench/echo_floor.py) as the floor, and reports our p99 over the floor's p99.
   With --group, every socket joins one group room instead (the first as its
   host, a listener), so each message fans out to all the others; --idle is off.
4. With --idle M (0 skips it), starts a fresh Daphne, opens M idle sockets across M/2
   rooms, holds them past the 6 s mark (idle sockets must survive the layer's blocking
   read) and reports the RSS each socket costs, next to the floor's.

It prints ONE JSON line on stdout; progress goes to stderr. Keys:
round_trip_ms / fan_out_ms {p50, p95, p99, max}, messages_per_s (frames delivered),
sent_per_s, missing / duplicates / errors (must be 0 / 0 / {}), server_rss_mb,
server_cpu_percent (whole run, connecting included), server_cpu_percent_measured and
server_cpu_ms_per_message (in the measured window: CPU per message sent, its fan-out
included), floor {...}, p99_ratio_round_trip, p99_ratio_fan_out and
idle {sockets, connected, closed_while_idle, rss_per_socket_kb,
floor_rss_per_socket_kb}.

Aim: p99 round trip under 50 ms at 200 sockets on one process, within 5x the floor.
"""

import argparse
import asyncio
import json
import os
import random
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from websockets.asyncio.client import connect

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/4"
LAYERS = {
    "core": "channels_redis.core.RedisChannelLayer",
    "pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
}
BODIES = [
    "Still here with you. Take your time.",
    "The kettle is on and the baby is finally asleep.",
    "That sounds so hard, and you are doing it anyway.",
    "One breath at a time is enough for tonight.",
]
LIMITS = {"sockets": 5000, "idle": 20000, "duration": 300, "rate": 50}
CONNECT_CONCURRENCY = 64
DRAIN_SECONDS = 5.0
IDLE_HOLD_SECONDS = 7.0  # past the 5 s socket timeout that kills idle consumers


def log(message: str) -> None:
    print(f"[chat_latency] {message}", file=sys.stderr, flush=True)


def raise_fd_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        log(f"only {soft} file descriptors available; {needed} wanted")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in kB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            values[key] = int(rest.split()[0])
    return values


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentiles(samples: list[float]) -> dict[str, float | None]:
    if not samples:
        return {"p50": None, "p95": None, "p99": None, "max": None}
    ordered = sorted(samples)

    def rank(q: float) -> float:
        index = min(len(ordered) - 1, max(0, int(round(q * len(ordered))) - 1))
        return round(ordered[index] * 1000, 2)

    return {"p50": rank(0.50), "p95": rank(0.95), "p99": rank(0.99), "max": rank(1.0)}


# --- Scratch database ----------------------------------------------------------------


@dataclass
class Seat:
    """One socket's place: which room it joins and whose session it carries."""

    room: int
    cookie: str


def _setup_django(database_url: str, redis_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["REDIS_URL"] = redis_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindred.settings")
    sys.path.insert(0, str(PROJECT_ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    log(f"migrating {database_url}")
    call_command("migrate", verbosity=0, interactive=False)


def _people(count: int, tag: str) -> list:
    from accounts.models import Member

    run = secrets.token_hex(3)
    people = Member.objects.bulk_create(
        Member(pseudonym=f"b{run}{tag}{n}", password="!", guidelines_version=1)
        for n in range(count)
    )
    if not people[0].pk:  # backends that don't return ids from bulk inserts
        people = list(Member.objects.filter(pseudonym__startswith=f"b{run}{tag}"))
    return people


def _make_listeners(listeners: list) -> None:
    from django.contrib.auth.models import Group

    Group.objects.get(name="listener").user_set.add(*listeners)


def _session_keys(people: list) -> dict[int, str]:
    """A signed-in session for each person: {pk: session key}."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import connections
    from django.utils import timezone

    backend = settings.AUTHENTICATION_BACKENDS[0]
    expiry = timezone.now() + timezone.timedelta(days=1)
    store = SessionStore()
    sessions = {}
    for person in people:
        data = {
            SESSION_KEY: str(person.pk),
            BACKEND_SESSION_KEY: backend,
            HASH_SESSION_KEY: person.get_session_auth_hash(),
        }
        sessions[person.pk] = Session(
            session_key=secrets.token_hex(16),
            session_data=store.encode(data),
            expire_date=expiry,
        )
    Session.objects.bulk_create(sessions.values())
    connections.close_all()
    return {pk: session.session_key for pk, session in sessions.items()}


def prepare_database(pairs: int, database_url: str, redis_url: str) -> list[Seat]:
    """Migrate the scratch database and create `pairs` private rooms with sessions.

    Returns two seats per room: the member's, then the listener's.
    """
    _setup_django(database_url, redis_url)
    from support import services

    members, listeners = _people(pairs, "m"), _people(pairs, "l")
    _make_listeners(listeners)
    log(f"opening {pairs} private rooms")
    rooms = []
    for member, listener in zip(members, listeners, strict=True):
        services.listener_set_duty(listener=listener, on_duty=True)
        request = services.request_create(member=member, chips=[])
        rooms.append(
            services.request_accept(listener=listener, request_id=request.pk).pk
        )
    keys = _session_keys([*members, *listeners])
    seats = []
    for room, member, listener in zip(rooms, members, listeners, strict=True):
        seats.append(Seat(room, keys[member.pk]))
        seats.append(Seat(room, keys[listener.pk]))
    return seats


def prepare_group(size: int, database_url: str, redis_url: str) -> list[Seat]:
    """One group room of `size` people: its host (a listener) first, then members."""
    _setup_django(database_url, redis_url)
    from support.models import Room

    host, members = _people(1, "h"), _people(size - 1, "g")
    _make_listeners(host)
    room = Room.objects.create(kind=Room.Kind.GROUP, name="Bench group")
    keys = _session_keys([*host, *members])
    return [Seat(room.pk, keys[person.pk]) for person in [*host, *members]]


# --- Servers -------------------------------------------------------------------------


class Server:
    """A child process listening on a loopback port; stopped for sure on exit."""

    running: list["Server"] = []

    def __init__(self, name: str, command: list[str], port: int, env: dict[str, str]):
        self.name, self.command, self.port, self.env = name, command, port, env
        self.log_path = Path(tempfile.gettempdir()) / f"kindred-bench-{name}-{port}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> "Server":
        log_file = self.log_path.open("wb")
        self.process = subprocess.Popen(
            self.command,
            cwd=PROJECT_ROOT,
            env=self.env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        Server.running.append(self)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited: {self.log_path.read_text()[-2000:]}"
                )
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not start within 30 s")

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self in Server.running:
            Server.running.remove(self)

    @classmethod
    def stop_all(cls) -> None:
        for server in list(cls.running):
            server.stop()


def venv_tool(name: str) -> str:
    return shutil.which(name, path=str(Path(sys.executable).parent)) or name


def start_daphne(
    database_url: str, redis_url: str, secret_key: str, layer: str
) -> Server:
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kindred.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "KINDRED_BENCH_LAYER": LAYERS[layer],
        "KINDRED_BENCH_RUN": str(os.getpid()),
        "DEBUG": "0",
        "SECRET_KEY": secret_key,
        "KINDRED_HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "KINDRED_LOG_LEVEL": "WARNING",
    }
    command = [
        venv_tool("daphne"),
        "-v",
        "0",
        "-e",
        f"tcp:port={port}:interface=127.0.0.1:backlog=1024",
        "bench.chat_asgi:application",
    ]
    return Server("daphne", command, port, env).start()


def start_floor() -> Server:
    port = free_port()
    command = [
        sys.executable,
        str(PROJECT_ROOT / "bench" / "echo_floor.py"),
        "--port",
        str(port),
    ]
    return Server("echo-floor", command, port, dict(os.environ)).start()


# --- Clients -------------------------------------------------------------------------


@dataclass
class Target:
    """How to reach a room on a server: its URL per seat and the headers to send."""

    port: int
    kindred: bool

    def url(self, seat: Seat) -> str:
        if self.kindred:
            return f"ws://127.0.0.1:{self.port}/ws/support/rooms/{seat.room}/"
        return f"ws://127.0.0.1:{self.port}/rooms/{seat.room}/"

    def headers(self, seat: Seat) -> dict[str, str]:
        return {"Cookie": f"sessionid={seat.cookie}"} if self.kindred else {}

    async def open(self, seat: Seat):
        for attempt in range(4):
            try:
                return await connect(
                    self.url(seat),
                    origin=f"http://127.0.0.1:{self.port}",
                    additional_headers=self.headers(seat),
                    compression=None,
                    proxy=None,
                    ping_interval=None,
                    open_timeout=20,
                    max_queue=None,
                )
            except (OSError, TimeoutError):
                if attempt == 3:
                    raise
                await asyncio.sleep(0.2 * (attempt + 1))
        raise AssertionError("unreachable")


async def open_all(target: Target, seats: list[Seat]) -> list:
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def one(seat: Seat):
        async with gate:
            return await target.open(seat)

    return await asyncio.gather(*(one(seat) for seat in seats))


@dataclass
class Probe:
    """What the load clients saw."""

    sent: dict = field(default_factory=dict)  # client_id -> (time, sender, measured)
    seen: set = field(default_factory=set)  # (client_id, receiver)
    round_trip: list = field(default_factory=list)
    fan_out: list = field(default_factory=list)
    duplicates: int = 0
    errors: Counter = field(default_factory=Counter)
    delivered_in_window: int = 0
    window: tuple[float, float] = (0.0, 0.0)
    # Everyone in a room gets each message, its sender included (the echo).
    room_size: int = 2

    def expected(self) -> int:
        return self.room_size * sum(
            1 for _, _, measured in self.sent.values() if measured
        )

    def measured_seen(self) -> int:
        return sum(1 for client_id, _ in self.seen if self.sent[client_id][2])


async def receive(probe: Probe, index: int, ws) -> None:
    try:
        async for frame in ws:
            now = time.perf_counter()
            data = json.loads(frame)
            kind = data.get("type")
            if kind == "error":
                probe.errors[str(data.get("code"))] += 1
                continue
            if kind != "message":
                continue
            entry = probe.sent.get(data.get("client_id"))
            if entry is None:
                continue
            key = (data["client_id"], index)
            if key in probe.seen:
                probe.duplicates += 1
                continue
            probe.seen.add(key)
            sent_at, sender, measured = entry
            if probe.window[0] <= now < probe.window[1]:
                probe.delivered_in_window += 1
            if measured:
                (probe.round_trip if sender == index else probe.fan_out).append(
                    now - sent_at
                )
    except Exception as exc:  # a dropped socket is a result, not a crash
        probe.errors[f"closed:{type(exc).__name__}"] += 1


async def send_steadily(
    probe: Probe,
    index: int,
    ws,
    rate: float,
    start: float,
    measure_from: float,
    stop: float,
) -> None:
    interval = 1.0 / rate
    next_at = start + random.uniform(0, interval)
    seq = 0
    while next_at < stop:
        delay = next_at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        client_id = f"s{index}-{seq}"
        sent_at = time.perf_counter()
        probe.sent[client_id] = (sent_at, index, sent_at >= measure_from)
        body = BODIES[seq % len(BODIES)]
        frame = json.dumps({"type": "message", "body": body, "client_id": client_id})
        try:
            await ws.send(frame)
        except Exception:
            probe.errors["send_failed"] += 1
            return
        seq += 1
        next_at += interval


async def cpu_between(pid: int, start: float, stop: float) -> float:
    """The CPU seconds process pid uses between two perf_counter() times."""
    await asyncio.sleep(max(0.0, start - time.perf_counter()))
    before = cpu_seconds(pid)
    await asyncio.sleep(max(0.0, stop - time.perf_counter()))
    return cpu_seconds(pid) - before


async def run_load(
    target: Target,
    seats: list[Seat],
    rate: float,
    warmup: float,
    duration: float,
    server_pid: int,
    room_size: int = 2,
) -> dict:
    sockets = await open_all(target, seats)
    await asyncio.sleep(0.5)  # let join frames (presence, history) settle
    probe = Probe(room_size=room_size)
    receivers = [
        asyncio.create_task(receive(probe, index, ws))
        for index, ws in enumerate(sockets)
    ]
    start = time.perf_counter()
    measure_from = start + warmup
    stop = measure_from + duration
    probe.window = (measure_from, stop)
    cpu = asyncio.create_task(cpu_between(server_pid, measure_from, stop))
    await asyncio.gather(
        *(
            send_steadily(probe, index, ws, rate, start, measure_from, stop)
            for index, ws in enumerate(sockets)
        )
    )
    drain_until = time.perf_counter() + DRAIN_SECONDS
    while (
        probe.measured_seen() < probe.expected() and time.perf_counter() < drain_until
    ):
        await asyncio.sleep(0.1)
    for ws in sockets:
        await ws.close()
    await asyncio.gather(*receivers, return_exceptions=True)
    sent_measured = sum(1 for _, _, measured in probe.sent.values() if measured)
    cpu_measured = await cpu
    return {
        "round_trip_ms": percentiles(probe.round_trip),
        "fan_out_ms": percentiles(probe.fan_out),
        "messages_per_s": round(probe.delivered_in_window / duration, 1),
        "sent_per_s": round(sent_measured / duration, 1),
        "missing": probe.expected() - probe.measured_seen(),
        "duplicates": probe.duplicates,
        "errors": dict(probe.errors),
        "server_cpu_percent_measured": round(100 * cpu_measured / duration, 1),
        "server_cpu_ms_per_message": round(1000 * cpu_measured / sent_measured, 2)
        if sent_measured
        else None,
    }


async def hold_idle(target: Target, seats: list[Seat], pid: int) -> dict:
    """Open one warm socket, then len(seats) idle ones; report RSS per idle socket."""
    warm = await target.open(seats[0])
    await asyncio.sleep(1.0)
    before = proc_status(pid)["VmRSS"]
    opened_at = time.perf_counter()
    sockets = await open_all(target, seats)
    watchers = [asyncio.create_task(_drain(ws)) for ws in sockets]
    await asyncio.sleep(2.0)
    after = proc_status(pid)["VmRSS"]
    remaining = IDLE_HOLD_SECONDS - (time.perf_counter() - opened_at)
    await asyncio.sleep(max(0.0, remaining))
    closed = sum(1 for watcher in watchers if watcher.done())
    for ws in [warm, *sockets]:
        await ws.close()
    await asyncio.gather(*watchers, return_exceptions=True)
    return {
        "connected": len(sockets),
        "closed_while_idle": closed,
        "rss_per_socket_kb": round((after - before) / len(sockets), 1),
        "rss_mb": round(after / 1024, 1),
    }


async def _drain(ws) -> None:
    async for _ in ws:
        pass


# --- Main ----------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sockets", type=int, default=200, help="concurrent chat sockets"
    )
    parser.add_argument("--rate", type=float, default=2.0, help="messages/s per socket")
    parser.add_argument("--duration", type=float, default=20.0, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds")
    parser.add_argument("--idle", type=int, default=2000, help="idle sockets (0 skips)")
    parser.add_argument("--database-url", help="default: a fresh SQLite file in /tmp")
    parser.add_argument(
        "--layer",
        choices=sorted(LAYERS),
        default="pubsub",
        help="channels-redis layer: pubsub (Kindred's) or core (to compare)",
    )
    parser.add_argument("--no-floor", action="store_true", help="skip the echo floor")
    parser.add_argument(
        "--group",
        action="store_true",
        help="every socket in one group room (a listener hosting it), not in pairs",
    )
    args = parser.parse_args()
    for name, ceiling in LIMITS.items():
        value = getattr(args, name)
        if not 0 <= value <= ceiling:
            parser.error(f"--{name} must be between 0 and {ceiling}")
    if args.group:
        args.idle = 0
    elif args.sockets < 2 or args.sockets % 2:
        parser.error("--sockets must be an even number of at least 2 (two per room)")
    if args.rate <= 0 or args.duration <= 0:
        parser.error("--rate and --duration must be positive")
    return args


def main() -> None:
    args = parse_args()
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    scratch = Path(tempfile.gettempdir()) / f"kindred-bench-{os.getpid()}.sqlite3"
    database_url = args.database_url or f"sqlite:///{scratch}"
    secret_key = secrets.token_urlsafe(50)
    os.environ["SECRET_KEY"] = secret_key
    os.environ["DEBUG"] = "0"
    os.environ["KINDRED_HTTPS"] = "0"
    os.environ["KINDRED_LOG_LEVEL"] = "WARNING"
    raise_fd_limit(2 * max(args.sockets, args.idle) + 1024)

    # Whatever happens (Ctrl-C, a timeout, an error), no child outlives the run.
    budget = int(args.warmup + args.duration + 4 * DRAIN_SECONDS + 180 + args.idle / 20)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGALRM, lambda *_: sys.exit("time budget exceeded"))
    signal.alarm(budget)
    try:
        if args.group:
            seats = prepare_group(args.sockets, database_url, redis_url)
        else:
            seats = prepare_database(
                max(args.sockets, args.idle) // 2, database_url, redis_url
            )
        room_size = args.sockets if args.group else 2
        result = {
            "bench": "chat_latency",
            "sockets": args.sockets,
            "rooms": args.sockets // room_size,
            "room_size": room_size,
            "rate_per_socket": args.rate,
            "duration_s": args.duration,
            "layer": LAYERS[args.layer],
            "database": database_url.split(":", 1)[0],
        }
        load_seats = seats[: args.sockets]

        daphne = start_daphne(database_url, redis_url, secret_key, args.layer)
        log(
            f"load: {args.sockets} sockets at {args.rate}/s each, "
            f"Daphne pid {daphne.pid}"
        )
        cpu_before = cpu_seconds(daphne.pid)
        wall_before = time.perf_counter()
        ours = asyncio.run(
            run_load(
                Target(daphne.port, True),
                load_seats,
                args.rate,
                args.warmup,
                args.duration,
                daphne.pid,
                room_size,
            )
        )
        cpu = cpu_seconds(daphne.pid) - cpu_before
        wall = time.perf_counter() - wall_before
        status = proc_status(daphne.pid)
        result.update(ours)
        result["server_rss_mb"] = round(status["VmRSS"] / 1024, 1)
        result["server_peak_rss_mb"] = round(status["VmHWM"] / 1024, 1)
        result["server_cpu_percent"] = round(100 * cpu / wall, 1)
        daphne.stop()

        if not args.no_floor:
            floor = start_floor()
            log(f"floor: the same load on a bare websockets relay, pid {floor.pid}")
            floor_result = asyncio.run(
                run_load(
                    Target(floor.port, False),
                    load_seats,
                    args.rate,
                    args.warmup,
                    args.duration,
                    floor.pid,
                    room_size,
                )
            )
            floor_result["rss_mb"] = round(proc_status(floor.pid)["VmRSS"] / 1024, 1)
            floor.stop()
            result["floor"] = floor_result
            for kind in ("round_trip", "fan_out"):
                ours_p99 = result[f"{kind}_ms"]["p99"]
                floor_p99 = floor_result[f"{kind}_ms"]["p99"]
                result[f"p99_ratio_{kind}"] = (
                    round(ours_p99 / floor_p99, 2) if ours_p99 and floor_p99 else None
                )

        if args.idle:
            idle_seats = seats[: args.idle]
            daphne = start_daphne(database_url, redis_url, secret_key, args.layer)
            log(f"idle: holding {args.idle} sockets on Daphne pid {daphne.pid}")
            idle = asyncio.run(
                hold_idle(Target(daphne.port, True), idle_seats, daphne.pid)
            )
            daphne.stop()
            idle["sockets"] = args.idle
            if not args.no_floor:
                floor = start_floor()
                floor_idle = asyncio.run(
                    hold_idle(Target(floor.port, False), idle_seats, floor.pid)
                )
                floor.stop()
                idle["floor_rss_per_socket_kb"] = floor_idle["rss_per_socket_kb"]
            result["idle"] = idle
        print(json.dumps(result), flush=True)
    finally:
        signal.alarm(0)
        Server.stop_all()
        if not args.database_url:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{scratch}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
