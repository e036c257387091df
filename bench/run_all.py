"""Every performance figure of Kindred in one run: `make bench`.

Seeds a scratch database (bench/thread_page.py's, or DATABASE_URL), serves it with
one Daphne process (DEBUG off, static files collected, as deployed) and drives each
page with the same keep-alive load generator (bench/thread_page.py), then runs the
rules and chat benchmarks (bench/rules.py, bench/chat_latency.py). Prints one JSON
line per figure, {"figure": name, ...}, and a table at the end.

Chat: private rooms at 200 / 1,000 / 2,000 sockets and one group room of 100.

Pages: the thread page at today's size (100 nested replies; a page holds 20
top-level replies with their branches) and at 20 posts a page, a space, search,
the moderation queue with 10,000 open items; posting a reply end to end. Each with
requests/s, p50/p99 and the server's CPU time per request.

Growth: the thread page at 10 / 100 / 1,000 replies, a circle's page (12 members) at
10 / 100 / 1,000 threads and the queue at 100 / 10,000 / 100,000 open items, each
with its SQL query count (which must not grow) and its time through Django's test
client (CPU ms, min of rounds).

Several processes: the thread page through HAProxy on one Daphne process and on
two (deploy/serve.py, with a redis-server of its own), in alternating rounds;
skipped with a note when haproxy or redis-server is missing. Chat needs Redis
(REDIS_URL, else a local one); without it the chat figures are skipped with a note.

Usage: python bench/run_all.py [--quick] [--seconds 10] [--concurrency 32]
--quick is a smoke run of every figure (small sizes, a second each), for CI.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import thread_page  # noqa: E402
from thread_page import ROOT  # noqa: E402

SIZES = {
    "full": {
        "thread_growth": (10, 100, 1000),
        "circle_growth": (10, 100, 1000),
        "queue": 10_000,
        "queue_growth": (100, 10_000, 100_000),
        "posts": 60,
        "rules_posts": 20_000,
        "chat": ((200, 20.0, 0), (1000, 20.0, 0), (2000, 20.0, 2000)),
        "group": 100,
        "rounds": 3,
    },
    "quick": {
        "thread_growth": (10, 100),
        "circle_growth": (5, 20),
        "queue": 200,
        "queue_growth": (20, 200),
        "posts": 4,
        "rules_posts": 600,
        "chat": ((20, 1.0, 20),),
        "group": 10,
        "rounds": 1,
    },
}
QUEUE_PAGE = "moderation:queue_view"
SEARCH_WORDS = "alone"


def emit(figure: str, **values) -> dict:
    line = {"figure": figure, **values}
    print(json.dumps(line), flush=True)
    return line


def note(figure: str, why: str) -> dict:
    return emit(figure, skipped=why)


# --- seeding ----------------------------------------------------------------------


def seed_queue(open_items: int) -> None:
    """Exactly open_items open reports in the queue, written in bulk, each with the
    snapshot a real reply gives."""
    from django.contrib.contenttypes.models import ContentType

    from forum.models import Reply
    from moderation.models import QueueView, ReviewItem
    from moderation.services.queueing import snapshot_of

    reply = Reply.objects.order_by("id").first()
    snapshot = snapshot_of(reply)
    reply_type = ContentType.objects.get_for_model(Reply)
    bench_items = ReviewItem.objects.filter(object_id__startswith="bench-")
    have = bench_items.count()
    if have > open_items:
        bench_items.filter(
            pk__in=bench_items.order_by("-pk").values("pk")[: have - open_items]
        ).delete()
        return
    members = thread_page.bench_members()
    ReviewItem.objects.bulk_create(
        [
            ReviewItem(
                content_type=reply_type,
                object_id=f"bench-{n}",
                kind="reply",
                author=members[n % len(members)],
                view=QueueView.REPORTS,
                score=n % 50,
                report_count=1,
                snapshot=snapshot,
                reasons=[{"source": "report", "text": "Unkind words"}],
            )
            for n in range(have, open_items)
        ],
        batch_size=2000,
    )


def signed_in_cookie(member) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(member)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def bench_moderator():
    from django.contrib.auth.models import Group

    from accounts.models import Member
    from accounts.roles import sync_role_groups

    sync_role_groups()
    moderator = Member.objects.filter(pseudonym="Bench Moderator").first()
    if moderator is None:
        moderator = Member.objects.create_user(
            "Bench Moderator", None, guidelines_version=1
        )
        moderator.groups.add(Group.objects.get(name="moderator"))
    return moderator


# --- in-process figures -----------------------------------------------------------


def page_cost(path: str, member=None, rounds: int = 3, views: int = 10) -> dict:
    """Queries and CPU ms of one view of path through Django's test client."""
    from django.db import connection
    from django.test import Client

    client = Client()
    if member is not None:
        client.force_login(member)
    client.get(path, HTTP_HOST="127.0.0.1")
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        response = client.get(path, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (path, response.status_code)
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(views):
            client.get(path, HTTP_HOST="127.0.0.1")
        best = min(best, (time.process_time() - started) / views * 1000)
    return {
        "queries": len(queries),
        "cpu_ms": round(best, 2),
        "page_kb": round(len(response.content) / 1024, 1),
    }


def posting(thread_path: str, posts: int) -> dict:
    """Replies posted one after another through the whole stack (form, screening
    and rules, storing, notifications), each by its own member."""
    from django.test import Client

    from accounts.models import Member
    from forum.models import Thread

    thread = Thread.objects.get(pk=int(thread_path.split("/")[2]))
    reply_path = f"/threads/{thread.pk}/reply/"
    latencies, cpu = [], 0.0
    stamp = int(time.time())
    # The first post loads the rules and the second opinion's model: not counted.
    for n in range(-1, posts):
        author = Member.objects.create_user(
            f"Bench Writer {stamp}-{n}", None, guidelines_version=1
        )
        client = Client()
        client.force_login(author)
        body = (
            f"Writer {n} here: the evenings are the hardest part, but a walk "
            f"after tea has helped us more than I expected ({stamp})."
        )
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.post(reply_path, {"body": body}, HTTP_HOST="127.0.0.1")
        assert response.status_code == 302, (response.status_code, response.content)
        if n >= 0:
            cpu += time.process_time() - cpu_started
            latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    return {
        "posts": posts,
        "posts_per_s": round(posts / (sum(latencies) / 1000), 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(latencies[max(int(len(latencies) * 0.99) - 1, 0)], 1),
        "cpu_ms": round(cpu * 1000 / posts, 2),
    }


# --- served figures ---------------------------------------------------------------


def served_pages(pages: list[tuple[str, str, str]], args) -> list[dict]:
    """(figure, path, cookie) driven in turn on one Daphne process."""
    daphne = Path(sys.executable).with_name("daphne")
    lines = []
    with thread_page.serving(
        [str(daphne), "kindred.asgi:application"], cwd=ROOT, env=dict(os.environ)
    ) as (port, pid):
        for figure, path, cookie in pages:
            runs = [
                thread_page.measure(
                    port,
                    [pid],
                    path,
                    seconds=args.seconds,
                    concurrency=args.concurrency,
                    cookie=cookie,
                )
                for _ in range(args.rounds)
            ]
            best = min(runs, key=lambda run: run["server_cpu_ms"] or 0)
            lines.append(
                emit(
                    figure,
                    **best,
                    path=path,
                    concurrency=args.concurrency,
                    rounds=args.rounds,
                    requests_per_s_each_round=[r["requests_per_s"] for r in runs],
                )
            )
    return lines


def several_processes(path: str, args) -> list[dict]:
    """The thread page through HAProxy on one Daphne process and on two (deploy/
    serve.py, as `make serve` runs them), measured in alternating rounds."""
    import shutil

    if not shutil.which("haproxy") or not shutil.which("redis-server"):
        return [note("thread_page_processes", "haproxy or redis-server is missing")]
    sys.path.insert(0, str(ROOT))
    from tests.processes.servers import RedisServer, ServedSite

    class BenchSite(ServedSite):
        def environment(self) -> dict[str, str]:
            return {**super().environment(), "DEBUG": "0"}

    redis_server = RedisServer().start()
    sites = {workers: BenchSite(redis_server, workers=workers) for workers in (1, 2)}
    runs: dict[int, list[dict]] = {workers: [] for workers in sites}
    try:
        for site in sites.values():
            site.start()
            site.wait_all_up()
        for _ in range(args.rounds):
            for workers, site in sites.items():
                runs[workers].append(
                    thread_page.measure(
                        site.proxy_port,
                        list(site.worker_pids().values()),
                        path,
                        seconds=args.seconds,
                        concurrency=args.concurrency,
                    )
                )
    finally:
        for site in sites.values():
            site.stop()
        redis_server.stop()
    lines = []
    for workers, measured in runs.items():
        best = max(measured, key=lambda run: run["requests_per_s"])
        lines.append(
            emit(
                f"thread_page_{workers}_behind_proxy",
                **best,
                processes=workers,
                path=path,
                requests_per_s_each_round=[r["requests_per_s"] for r in measured],
            )
        )
    one, two = (line["requests_per_s"] for line in lines)
    lines.append(
        emit("thread_page_processes", two_over_one=round(two / one, 2) if one else None)
    )
    return lines


# --- other benchmarks -------------------------------------------------------------


def _run_json(command: list[str], env: dict, timeout: float) -> dict:
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def rules(posts: int) -> dict:
    result = _run_json(
        [sys.executable, "bench/rules.py", "--posts", str(posts)],
        dict(os.environ),
        600,
    )
    # Single-threaded: the CPU time of one post is its wall time.
    return emit("rules", **result, cpu_ms=round(1000 / result["posts_per_s"], 3))


def _redis_reachable() -> str | None:
    import redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/4"
    try:
        redis.Redis.from_url(url, socket_timeout=1).ping()
    except Exception:
        return None
    return url


def group_fan_out(people: int, quick: bool, env: dict) -> dict:
    """One group room of `people` sockets (a listener hosting), a message every
    few seconds from one of them to all: after a warm-up, so the room's arrivals
    are over."""
    command = [
        sys.executable, "bench/chat_latency.py", "--group",
        "--sockets", str(people), "--rate", str(2 / people),
        "--duration", "1" if quick else "20", "--warmup", "0.5" if quick else "10",
        "--no-floor",
    ]  # fmt: skip
    try:
        result = _run_json(command, env, 600)
    except (SystemExit, subprocess.TimeoutExpired) as failure:
        why = str(failure).strip().splitlines()[-1][:200]
        return note(f"group_fan_out_{people}", f"failed: {why}")
    return emit(
        f"group_fan_out_{people}",
        sockets=people,
        messages_per_s=result.get("messages_per_s"),
        p50_ms=result["fan_out_ms"]["p50"],
        p99_ms=result["fan_out_ms"]["p99"],
        server_cpu_ms=result.get("server_cpu_ms_per_message"),
        missing=result.get("missing"),
    )


def chat(sizes: dict, quick: bool) -> list[dict]:
    if _redis_reachable() is None:
        return [note("chat", "Redis is not reachable (REDIS_URL)")]
    lines = []
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    for sockets, duration, idle in sizes["chat"]:
        command = [
            sys.executable,
            "bench/chat_latency.py",
            "--sockets",
            str(sockets),
            "--duration",
            str(duration),
            "--idle",
            str(idle),
        ]
        if quick:
            command += ["--warmup", "0.5", "--no-floor"]
        try:
            result = _run_json(command, env, 900)
        except (SystemExit, subprocess.TimeoutExpired) as failure:
            # One size failing (say, sockets refused on a busy machine) still
            # leaves the others and the table.
            why = str(failure).strip().splitlines()[-1][:200]
            lines.append(note(f"chat_{sockets}", f"failed: {why}"))
            continue
        lines.append(
            emit(
                f"chat_{sockets}",
                sockets=sockets,
                messages_per_s=result.get("messages_per_s"),
                p50_ms=result["round_trip_ms"]["p50"],
                p99_ms=result["round_trip_ms"]["p99"],
                fan_out_p99_ms=result["fan_out_ms"]["p99"],
                server_cpu_ms=result.get("server_cpu_ms_per_message"),
                missing=result.get("missing"),
                floor_p99_ms=(result.get("floor") or {})
                .get("round_trip_ms", {})
                .get("p99"),
            )
        )
        if idle:
            lines.append(
                emit(
                    "idle_sockets",
                    sockets=idle,
                    rss_per_socket_kb=result["idle"].get("rss_per_socket_kb"),
                    floor_rss_per_socket_kb=result["idle"].get(
                        "floor_rss_per_socket_kb"
                    ),
                    closed_while_idle=result["idle"].get("closed_while_idle"),
                )
            )
    lines.append(group_fan_out(sizes["group"], quick, env))
    return lines


# --- the run ----------------------------------------------------------------------


def prepare(args) -> None:
    env = thread_page._environment(fresh=not args.keep_database)
    env.update(
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-only-" + "k" * 50,
        KINDRED_SECOND_OPINION=os.environ.get("KINDRED_SECOND_OPINION", "1"),
    )
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindred.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)
    call_command("collectstatic", interactive=False, verbosity=0)


def seed_circle(threads: int):
    """A full circle of twelve bench members holding exactly `threads` threads;
    returns (its path, one of its members)."""
    from datetime import timedelta

    from django.utils import timezone

    from forum.circles.models import Circle, CircleKind, CircleMembership
    from forum.circles.services import circle_join
    from forum.demo.factories import write_thread
    from forum.models import Thread

    kind, _ = CircleKind.objects.get_or_create(
        slug="bench-circle", defaults={"name": "Bench circle", "capacity": 12}
    )
    members = thread_page.bench_members(12)
    for member in members:
        joined = CircleMembership.objects.filter(
            member=member, circle__kind=kind, left_at__isnull=True
        )
        if not joined.exists():
            circle_join(member=member, kind=kind)
    circle = Circle.objects.filter(kind=kind).order_by("pk").first()
    have = Thread.objects.filter(space=circle.space).count()
    now = timezone.now()
    for n in range(have, threads):
        write_thread(
            author=members[n % len(members)],
            space=circle.space,
            title=f"Small wins, week {n}",
            body="Three hours of sleep in a row. It felt like a holiday.",
            created=now - timedelta(minutes=n),
        )
    return circle.get_absolute_url(), members[0]


def growth(sizes: dict, rounds: int, moderator) -> list[dict]:
    lines = []
    for replies in sizes["thread_growth"]:
        path = thread_page.seed(replies)
        lines.append(
            emit(f"thread_{replies}_replies", replies=replies, **page_cost(path))
        )
    for threads in sizes["circle_growth"]:
        path, member = seed_circle(threads)
        cost = page_cost(path, member)
        lines.append(emit(f"circle_{threads}_threads", threads=threads, **cost))
    for items in sizes["queue_growth"]:
        seed_queue(items)
        lines.append(
            emit(
                f"queue_{items}_items",
                open_items=items,
                **page_cost(_queue_path(), moderator, rounds=rounds, views=3),
            )
        )
    return lines


def _queue_path() -> str:
    from django.urls import reverse

    from moderation.models import QueueView

    return reverse(QUEUE_PAGE, args=[QueueView.REPORTS])


def table(lines: list[dict]) -> str:
    columns = [
        ("figure", "figure"),
        ("per_s", "per s"),
        ("p50_ms", "p50 ms"),
        ("p99_ms", "p99 ms"),
        ("server_cpu_ms", "CPU ms/req"),
        ("cpu_ms", "CPU ms (client)"),
        ("queries", "queries"),
        ("rss_per_socket_kb", "KB/socket"),
        ("skipped", "note"),
    ]
    rows = [[title for _, title in columns]]
    for line in lines:
        line = {**line}
        for rate in ("requests_per_s", "posts_per_s", "messages_per_s"):
            line.setdefault("per_s", line.get(rate))
        rows.append(
            [
                str(line.get(key, "")) if line.get(key) is not None else ""
                for key, _ in columns
            ]
        )
    widths = [max(len(row[i]) for row in rows[:]) for i in range(len(columns) - 1)]
    out = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        out.append("  ".join(cells + [row[-1]]).rstrip())
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run, for CI")
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument(
        "--keep-database", action="store_true", help="reuse the last run's data"
    )
    parser.add_argument("--no-chat", action="store_true", help="skip the chat figures")
    args = parser.parse_args()
    sizes = SIZES["quick" if args.quick else "full"]
    args.seconds = args.seconds or (1.0 if args.quick else 10.0)
    args.rounds = args.rounds or sizes["rounds"]
    if args.quick:
        args.concurrency = min(args.concurrency, 4)

    prepare(args)
    started = time.monotonic()
    lines: list[dict] = []
    moderator = bench_moderator()
    today = thread_page.seed()
    twenty = thread_page.seed(19, flat=True)
    lines += growth(sizes, args.rounds, moderator)
    seed_queue(sizes["queue"])
    lines.append(
        emit("posting_reply", **posting(twenty, sizes["posts"]), database=_database())
    )
    moderator_cookie = signed_in_cookie(moderator)
    pages = [
        ("thread_page", today, ""),
        ("thread_page_20_posts", twenty, ""),
        ("space_page", "/spaces/bench/", ""),
        ("search", f"/search/?q={SEARCH_WORDS}", ""),
        (f"queue_page_{sizes['queue']}_items", _queue_path(), moderator_cookie),
    ]
    for figure, path, _ in pages:
        member = moderator if figure.startswith("queue") else None
        cost = page_cost(path, member, rounds=1, views=2)
        lines.append(emit(f"{figure}_queries", queries=cost["queries"], path=path))
    lines += served_pages(pages, args)
    lines += several_processes(today, args)
    lines.append(rules(sizes["rules_posts"]))
    if args.no_chat:
        lines.append(note("chat", "--no-chat"))
    else:
        lines += chat(sizes, args.quick)
    print(
        f"\nKindred benchmarks ({'quick' if args.quick else 'full'}, "
        f"{_database()}, {os.cpu_count()} cores, "
        f"{round(time.monotonic() - started)} s)\n" + table(lines),
        flush=True,
    )


def _database() -> str:
    from django.db import connection

    return connection.vendor


if __name__ == "__main__":
    main()
