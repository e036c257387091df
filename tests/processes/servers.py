"""Servers the multi-process tests start for themselves: a private redis-server on a
free port, and the whole site as `make serve` runs it (deploy/serve.py: Daphne
processes behind HAProxy)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SERVE_SCRIPT = PROJECT_ROOT / "deploy" / "serve.py"
START_WITHIN_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(test, seconds: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = test()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


class RedisServer:
    """A redis-server of our own: pub/sub ignores database numbers, so tests that
    count channels or stop Redis never share one with anyone."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=5)

    def start(self) -> RedisServer:
        self.process = subprocess.Popen(
            [
                "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--maxclients", "10000",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self._answers, 10, f"redis-server on port {self.port}")
        return self

    def _answers(self) -> bool:
        try:
            return bool(self.client().ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class ServedSite:
    """deploy/serve.py with `workers` Daphne processes behind HAProxy, on free
    ports, against the test database and a Redis of its own."""

    def __init__(self, redis_server: RedisServer, workers: int = 2):
        self.redis_server = redis_server
        self.workers = workers
        self.proxy_port = free_port()
        self.daphne_ports = [free_port() for _ in range(workers)]
        self.run_dir = Path(tempfile.mkdtemp(prefix="kindred-serve-"))
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.proxy_port}"

    def environment(self) -> dict[str, str]:
        from django.conf import settings

        from tests.conftest import database_url_for_subprocess

        return {
            **os.environ,
            "DATABASE_URL": database_url_for_subprocess(),
            "REDIS_URL": self.redis_server.url,
            "DEBUG": "1",
            "SECRET_KEY": settings.SECRET_KEY,
            "KINDRED_HTTPS": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }

    def serve_command(self, *arguments: str) -> list[str]:
        return [
            sys.executable, str(SERVE_SCRIPT), *arguments,
            "--run-dir", str(self.run_dir),
        ]  # fmt: skip

    def start(self) -> ServedSite:
        log = (self.run_dir / "serve.log").open("ab")
        self.process = subprocess.Popen(
            self.serve_command(
                "start",
                "--no-migrate",
                "--workers", str(self.workers),
                "--proxy-port", str(self.proxy_port),
                "--daphne-ports", ",".join(map(str, self.daphne_ports)),
            ),
            env=self.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        wait_for(self._ready, START_WITHIN_SECONDS, "the site to serve", 0.2)
        return self

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"serve.py exited:\n{self.log()}")
        state = self.state()
        return bool(state and state["ready"])

    def log(self) -> str:
        return (self.run_dir / "serve.log").read_text()[-4000:]

    def state(self) -> dict | None:
        try:
            return json.loads((self.run_dir / "state.json").read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            return None

    def worker_pids(self) -> dict[str, int]:
        return {w["name"]: w["pid"] for w in self.state()["workers"]}

    def proxy_statuses(self) -> dict[str, str]:
        result = subprocess.run(
            self.serve_command("status"), capture_output=True, text=True, check=True
        )
        statuses = {}
        for line in result.stdout.splitlines():
            if line.startswith("d"):
                name, _, status = line.partition(": ")
                statuses[name.split()[0]] = status.strip()
        return statuses

    def wait_all_up(self, seconds: float = 30) -> None:
        wait_for(
            lambda: set(self.proxy_statuses().values()) == {"UP"},
            seconds,
            "every process to be up behind the proxy",
            0.2,
        )

    def kill_worker(self, name: str) -> int:
        pid = self.worker_pids()[name]
        os.kill(pid, signal.SIGKILL)
        return pid

    def restart(self) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.serve_command("restart"), capture_output=True, text=True, timeout=120
        )

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.run_dir, ignore_errors=True)
