"""Thread page throughput under concurrent load, served by Daphne.

Seeds a thread of 100 replies (nested, with reactions, some anonymous) into a scratch
database, counts the SQL queries one page view costs, starts Daphne on a free port and
drives concurrent GETs for a fixed time with keep-alive HTTP/1.1 clients. Prints one
JSON line:

    {"requests_per_s", "p50_ms", "p99_ms", "errors", "queries", "replies",
     "replies_on_page", "page_kb", "concurrency", ...}

A page holds forum.selectors.TOP_LEVEL_REPLIES_PER_PAGE top-level replies with their
whole branches; "replies_on_page" is how many replies that makes for the seeded thread.

With --flat the replies all answer the thread (--replies 19 gives a page of 20
posts, the thread's opening included); --replies sets the thread's size.

Usage: python bench/thread_page.py [--seconds 10] [--concurrency 8]
                                   [--replies 100] [--flat]
Uses DATABASE_URL when set, else a scratch SQLite file in the temp directory.
"""

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPLIES = 100


def _environment(fresh: bool = True) -> dict:
    scratch = Path(tempfile.gettempdir()) / "kindred-bench-thread.sqlite3"
    env = {
        "DJANGO_SETTINGS_MODULE": "kindred.settings",
        "DEBUG": os.environ.get("DEBUG", "1"),
        "KINDRED_HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "KINDRED_LOG_LEVEL": "WARNING",
    }
    if not os.environ.get("DATABASE_URL"):
        if fresh and scratch.exists():
            scratch.unlink()
        env["DATABASE_URL"] = f"sqlite:///{scratch}"
    return env


def bench_members(count: int = 24) -> list:
    from accounts.models import Member

    members = []
    for n in range(count):
        member = Member.objects.filter(pseudonym=f"Bench Parent {n}").first()
        members.append(member or Member.objects.create_user(f"Bench Parent {n}", None))
    return members


def seed(replies: int = REPLIES, flat: bool = False) -> str:
    """Create the thread; return its path. The posts are written straight to the
    tables (forum.demo.factories), as the demo's are; reactions go through the
    service, and the counters are recounted at the end."""
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from core import ratelimit
    from forum import services
    from forum.demo.factories import write_reply, write_thread
    from forum.models import Reply, Space, Thread
    from forum.services.reactions import REACTION_RATE

    call_command("migrate", verbosity=0, skip_checks=True)
    title = (
        "Bench thread"
        if (replies, flat) == (REPLIES, False)
        else (f"Bench thread of {replies}{' flat' if flat else ''}")
    )
    existing = Thread.objects.filter(title=title).first()
    if existing is not None and existing.reply_count >= replies:
        return existing.get_absolute_url()
    # One transaction: a thousand replies committed one by one take minutes.
    with transaction.atomic():
        space, _ = Space.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
        members = bench_members()
        started = timezone.now() - timedelta(minutes=replies + 1)
        thread = write_thread(
            author=members[0],
            space=space,
            title=title,
            body="Night feeds, no sleep, and a head full of worry. *Anyone else?*",
            created=started,
            content_notes=["birth-trauma"],
        )
        made: list[Reply] = []
        kinds = ["hug", "me_too", "thank_you", "strength"]
        period = REACTION_RATE[1]
        for n in range(replies):
            # About a third answer the thread, the rest answer an earlier reply, so
            # the tree runs several levels deep.
            nested = made and n % 3 and not flat
            parent = made[(n * 7) % len(made)] if nested else None
            reply = write_reply(
                author=members[n % len(members)],
                thread=thread,
                parent=parent,
                body=f"Reply {n}: you're not alone in this. It got easier for us "
                f"around *week {n % 12 + 4}*, and [this helped](https://example.org/{n}).",
                created=started + timedelta(minutes=n + 1),
                anonymous=n % 9 == 0,
                content_notes=["medical-detail"] if n % 11 == 0 else [],
            )
            made.append(reply)
            for k in range(n % 4):
                reacting = members[(n + k + 1) % len(members)]
                # The rate limit is for people; a big thread needs more reactions
                # than two dozen members may give in ten minutes.
                ratelimit.reset("forum-reaction", str(reacting.pk), period=period)
                services.reaction_toggle(
                    member=reacting,
                    thread=thread,
                    reply=reply,
                    kind=kinds[k],
                )
    services.recount_all()
    return thread.get_absolute_url()


def measure_page(path: str) -> dict:
    """Queries, replies shown and size of one page view by a signed-out reader."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(path, HTTP_HOST="127.0.0.1")  # warm caches, as a running site would be
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, response.status_code
    return {
        "queries": len(captured.captured_queries),
        "replies_on_page": response.content.count(b'<li class="forum-reply '),
        "page_kb": round(len(response.content) / 1024, 1),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _read_response(reader: asyncio.StreamReader) -> int:
    status_line = await reader.readline()
    status = int(status_line.split()[1])
    length, chunked = None, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
        elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readline()).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    return status


async def _client(
    port: int,
    path: str,
    deadline: float,
    latencies: list,
    errors: list,
    cookie: str = "",
):
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Connection: keep-alive\r\nAccept: text/html\r\n"
        + (f"Cookie: {cookie}\r\n" if cookie else "")
        + "\r\n"
    ).encode()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status = await _read_response(reader)
            if status != 200:
                errors.append(status)
            latencies.append((time.perf_counter() - started) * 1000)
    finally:
        writer.close()


async def load(
    port: int, path: str, seconds: float, concurrency: int, cookie: str = ""
) -> tuple[list, list]:
    latencies: list[float] = []
    errors: list[int] = []
    deadline = time.perf_counter() + seconds
    await asyncio.gather(
        *(
            _client(port, path, deadline, latencies, errors, cookie)
            for _ in range(concurrency)
        )
    )
    return latencies, errors


@contextlib.contextmanager
def serving(
    command: list[str],
    *,
    cwd: Path,
    env: dict,
    log_name: str = "kindred-bench-daphne.log",
) -> Iterator[tuple[int, int]]:
    """Start one Daphne process with command (its port comes last); yield its
    (port, pid) once it accepts connections, stop it afterwards."""
    port = free_port()
    log = open(Path(tempfile.gettempdir()) / log_name, "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [*command, "-b", "127.0.0.1", "-p", str(port)],
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, server, log.name)
        yield port, server.pid
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def wait_for_port(port: int, server: subprocess.Popen, log_name: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"The server did not start; see {log_name}") from None
            time.sleep(0.1)


def measure(
    port: int,
    pids: list[int],
    path: str,
    *,
    seconds: float,
    concurrency: int,
    cookie: str = "",
) -> dict:
    """Drive path on port for seconds; the figures, with the CPU time the processes
    pids used per request."""
    # A short warm-up so the first template compile doesn't count.
    asyncio.run(_client(port, path, time.perf_counter() + 1, [], [], cookie))
    cpu_before = sum(_cpu_seconds(pid) for pid in pids)
    latencies, errors = asyncio.run(load(port, path, seconds, concurrency, cookie))
    cpu_used = sum(_cpu_seconds(pid) for pid in pids) - cpu_before
    return summarise(latencies, errors, seconds, cpu_used)


def summarise(latencies: list, errors: list, seconds: float, cpu_used: float) -> dict:
    latencies = sorted(latencies)
    return {
        "requests_per_s": round(len(latencies) / seconds, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(latencies[max(int(len(latencies) * 0.99) - 1, 0)], 1),
        "errors": len(errors),
        # Less sensitive than requests_per_s to other work on the machine.
        "server_cpu_ms": round(cpu_used * 1000 / len(latencies), 2)
        if cpu_used == cpu_used
        else None,
    }


def serve_and_load(
    command: list[str],
    *,
    cwd: Path,
    env: dict,
    path: str,
    seconds: float,
    concurrency: int,
    log_name: str = "kindred-bench-daphne.log",
) -> dict:
    """Start one Daphne process with command (its port comes last), drive path and
    return the throughput and latency figures."""
    with serving(command, cwd=cwd, env=env, log_name=log_name) as (port, pid):
        return measure(port, [pid], path, seconds=seconds, concurrency=concurrency)


def _cpu_seconds(pid: int) -> float:
    """CPU time (user and system) a process has used so far; NaN off Linux."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--replies", type=int, default=REPLIES)
    parser.add_argument("--flat", action="store_true")
    args = parser.parse_args()

    env = _environment()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    path = seed(args.replies, args.flat)
    page = measure_page(path)
    daphne = Path(sys.executable).with_name("daphne")
    figures = serve_and_load(
        [str(daphne), "kindred.asgi:application"],
        cwd=ROOT,
        env={**os.environ, **env},
        path=path,
        seconds=args.seconds,
        concurrency=args.concurrency,
    )
    result = {
        **figures,
        "queries": page["queries"],
        "replies": args.replies,
        "replies_on_page": page["replies_on_page"],
        "page_kb": page["page_kb"],
        "concurrency": args.concurrency,
        "seconds": args.seconds,
        "database": "postgresql"
        if "postgres" in env.get("DATABASE_URL", os.environ.get("DATABASE_URL", ""))
        else "sqlite",
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
