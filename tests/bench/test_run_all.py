"""`make bench` in its quick mode, so that the command and every figure it prints
keep working as the code changes. Figures are checked for shape and for what must
hold on any machine (no errors, queries that don't grow), never for speed."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_quick_bench_prints_every_figure_and_a_table(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    # A scratch database of its own, whatever else is running on the machine.
    env["TMPDIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "bench/run_all.py", "--quick", "--no-chat"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    figures = {
        line["figure"]: line
        for line in map(json.loads, (text for text in lines if text.startswith("{")))
    }
    for served in ("thread_page", "thread_page_20_posts", "space_page", "search"):
        assert figures[served]["errors"] == 0
        assert figures[served]["requests_per_s"] > 0
        assert figures[served]["server_cpu_ms"] > 0
    assert figures["queue_page_200_items"]["errors"] == 0
    assert figures["posting_reply"]["posts"] == 4
    assert figures["rules"]["posts_per_s"] > 0
    for workers in (1, 2):
        behind_proxy = figures[f"thread_page_{workers}_behind_proxy"]
        assert behind_proxy["errors"] == 0 and behind_proxy["requests_per_s"] > 0
    assert figures["thread_page_processes"]["two_over_one"] > 0
    assert figures["chat"]["skipped"] == "--no-chat"
    # Growth: a page's queries are the same however much there is.
    assert (
        figures["thread_10_replies"]["queries"]
        == (figures["thread_100_replies"]["queries"])
    )
    assert figures["queue_20_items"]["queries"] == figures["queue_200_items"]["queries"]
    assert (
        figures["circle_5_threads"]["queries"]
        == (figures["circle_20_threads"]["queries"])
    )
    assert any(line.startswith("figure ") for line in lines), "no table at the end"
