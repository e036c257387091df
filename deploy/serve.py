#!/usr/bin/env python3
"""Several Daphne processes behind HAProxy, kept up and restarted one at a time.

    serve.py start   [--workers N] [--proxy-port P]
                     [--daphne-ports 8001,8002 | --daphne-port-base 8001]
    serve.py restart   graceful: each process drained, restarted, healthy, then the next
    serve.py stop
    serve.py status

`start` stays in the foreground as the supervisor: it writes the proxy's
configuration from deploy/haproxy.cfg.template, starts the processes, waits until
each answers /healthz, starts HAProxy, and then restarts any process that dies.
The other commands find it through the state file in the run folder. Only the
standard library is used, so it runs before anything else is installed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "haproxy.cfg.template"
BACKEND = "daphne"
HEALTHY_WITHIN_SECONDS = 60
STOP_WITHIN_SECONDS = 10
RESTART_BACKOFF_SECONDS = (0.5, 1, 2, 5, 10)


class ServeError(Exception):
    """A problem the operator can fix; printed without a traceback."""


@dataclass
class Worker:
    name: str
    port: int
    pid: int | None = None


@dataclass
class State:
    supervisor_pid: int
    proxy_port: int
    proxy_pid: int | None = None
    ready: bool = False
    restarts_done: int = 0
    # Why the last restart stopped part-way, if it did; the other processes
    # keep serving.
    restart_error: str | None = None
    workers: list[Worker] = field(default_factory=list)


# --- Settings --------------------------------------------------------------------


def required_environment() -> None:
    needed = ("DATABASE_URL", "REDIS_URL")
    missing = [name for name in needed if not os.environ.get(name)]
    if missing:
        raise ServeError(
            f"{' and '.join(missing)} must be set: several processes share the "
            "database (PostgreSQL, e.g. postgres://kindred@db:5432/kindred) and Redis "
            "(e.g. redis://127.0.0.1:6379/0). See docs/operating.md."
        )
    if os.environ["DATABASE_URL"].startswith("sqlite"):
        print(
            "serve: SQLite is fine for a try on one machine; use PostgreSQL in "
            "production.",
            file=sys.stderr,
        )


def worker_ports(args: argparse.Namespace) -> list[int]:
    if args.daphne_ports:
        try:
            ports = [int(part) for part in args.daphne_ports.split(",") if part.strip()]
        except ValueError as exc:
            raise ServeError(
                f"--daphne-ports must be port numbers separated by commas, "
                f"not {args.daphne_ports!r}"
            ) from exc
        if len(ports) != args.workers:
            raise ServeError(
                f"--daphne-ports names {len(ports)} ports for {args.workers} workers"
            )
    else:
        ports = [args.daphne_port_base + n for n in range(args.workers)]
    every_port = [*ports, args.proxy_port]
    if len(set(every_port)) != len(every_port):
        raise ServeError(f"the ports must all differ: {every_port}")
    if any(not 0 < port < 65536 for port in every_port):
        raise ServeError(f"ports must be between 1 and 65535: {every_port}")
    return ports


def health_host() -> str:
    """A host name Django accepts, for the proxy's health checks."""
    for host in os.environ.get("ALLOWED_HOSTS", "127.0.0.1").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "127.0.0.1"


def haproxy_config(state: State, run_dir: Path, bind: str, daphne_host: str) -> str:
    servers = "\n".join(
        f"    server {w.name} {daphne_host}:{w.port} check" for w in state.workers
    )
    return string.Template(TEMPLATE.read_text()).substitute(
        admin_socket=run_dir / "haproxy.sock",
        proxy_bind=bind,
        proxy_port=state.proxy_port,
        health_host=health_host(),
        servers=servers,
    )


# --- The state file ------------------------------------------------------------------


def state_path(run_dir: Path) -> Path:
    return run_dir / "state.json"


def save_state(state: State, run_dir: Path) -> None:
    temporary = state_path(run_dir).with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(state), indent=2))
    temporary.replace(state_path(run_dir))


def load_state(run_dir: Path) -> State:
    try:
        raw = json.loads(state_path(run_dir).read_text())
    except FileNotFoundError as exc:
        raise ServeError(f"nothing is served from {run_dir} (no state.json)") from exc
    raw["workers"] = [Worker(**w) for w in raw["workers"]]
    return State(**raw)


def alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- HAProxy's runtime API -------------------------------------------------------


def admin(run_dir: Path, command: str) -> str:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(str(run_dir / "haproxy.sock"))
        sock.sendall(command.encode() + b"\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks).decode()


def proxy_statuses(run_dir: Path) -> dict[str, str]:
    """Each process's status as the proxy sees it: UP, DOWN, DRAIN, MAINT, ..."""
    lines = admin(run_dir, "show stat").splitlines()
    header = lines[0].lstrip("# ").split(",")
    proxy_at, server_at, status_at = (
        header.index(name) for name in ("pxname", "svname", "status")
    )
    statuses = {}
    for line in lines[1:]:
        cells = line.split(",")
        if len(cells) > status_at and cells[proxy_at] == BACKEND:
            if cells[server_at] not in {"BACKEND", "FRONTEND"}:
                statuses[cells[server_at]] = cells[status_at]
    return statuses


def wait_until(test, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if test():
            return
        time.sleep(0.2)
    raise ServeError(f"timed out after {seconds:.0f} s waiting for {what}")


# --- Processes -------------------------------------------------------------------


def healthy(host: str, port: int) -> bool:
    request = urllib.request.Request(
        f"http://{host}:{port}/healthz", headers={"Host": health_host()}
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


class Supervisor:
    def __init__(self, args: argparse.Namespace, ports: list[int]):
        self.args = args
        self.run_dir: Path = args.run_dir
        self.children: dict[str, subprocess.Popen] = {}
        self.proxy: subprocess.Popen | None = None
        self.state = State(
            supervisor_pid=os.getpid(),
            proxy_port=args.proxy_port,
            workers=[Worker(f"d{n + 1}", port) for n, port in enumerate(ports)],
        )
        self.restart_requested = False
        self.stopping = False

    # Starting and stopping one process.

    def start_worker(self, worker: Worker) -> None:
        log = (self.run_dir / f"daphne-{worker.port}.log").open("ab")
        command = [
            sys.executable, "-m", "daphne",
            "-b", self.args.daphne_host, "-p", str(worker.port),
            "--proxy-headers",
            # Daphne drops a handshake its application has not accepted within
            # 5 s. In a burst (every socket of a stopped process reconnecting at
            # once) that failed most of them with the proxy's 502; waiting longer,
            # still inside the proxy's 30 s, lets them in.
            "--websocket_connect_timeout", str(self.args.handshake_timeout),
            "kindred.asgi:application",
        ]  # fmt: skip
        # A session of its own: Ctrl-C reaches the supervisor only, which then
        # stops the processes in order.
        child = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.children[worker.name] = child
        worker.pid = child.pid
        save_state(self.state, self.run_dir)

        def answered_or_exited() -> bool:
            exited = child.poll() is not None
            return exited or healthy(self.args.daphne_host, worker.port)

        wait_until(
            answered_or_exited,
            HEALTHY_WITHIN_SECONDS,
            f"{worker.name} on port {worker.port} to answer /healthz",
        )
        if child.poll() is not None:
            raise ServeError(f"{worker.name} exited at start; see {log.name}")
        print(f"serve: {worker.name} (pid {child.pid}) healthy on port {worker.port}")

    def stop_worker(self, worker: Worker) -> None:
        child = self.children.pop(worker.name, None)
        if child is None or child.poll() is not None:
            return
        child.terminate()
        try:
            child.wait(STOP_WITHIN_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()

    # The proxy.

    def start_proxy(self) -> None:
        config = self.run_dir / "haproxy.cfg"
        config.write_text(
            haproxy_config(
                self.state, self.run_dir, self.args.proxy_bind, self.args.daphne_host
            )
        )
        haproxy = self.args.haproxy
        checked = subprocess.run(
            [haproxy, "-c", "-q", "-f", str(config)], capture_output=True, text=True
        )
        if checked.returncode != 0:
            raise ServeError(f"HAProxy refused {config}:\n{checked.stderr}")
        log = (self.run_dir / "haproxy.log").open("ab")
        self.proxy = subprocess.Popen(
            [haproxy, "-db", "-f", str(config)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.state.proxy_pid = self.proxy.pid
        wait_until(
            lambda: all(s == "UP" for s in self.statuses().values()),
            HEALTHY_WITHIN_SECONDS,
            "the proxy to see every process up",
        )
        print(f"serve: HAProxy (pid {self.proxy.pid}) on port {self.state.proxy_port}")

    def statuses(self) -> dict[str, str]:
        try:
            return proxy_statuses(self.run_dir)
        except OSError:
            return {}

    # A graceful restart: one process at a time, never more than one out.

    def rolling_restart(self) -> None:
        self.state.restart_error = None
        try:
            self.restart_each()
        except ServeError as exc:
            # New code that doesn't start stops here, one process down at most.
            self.state.restart_error = str(exc)
            print(f"serve: restart stopped: {exc}", file=sys.stderr)
        else:
            self.state.restarts_done += 1
            print("serve: every process restarted")
        save_state(self.state, self.run_dir)

    def restart_each(self) -> None:
        for worker in self.state.workers:
            print(f"serve: restarting {worker.name}")
            admin(self.run_dir, f"set server {BACKEND}/{worker.name} state drain")
            self.stop_worker(worker)
            self.start_worker(worker)
            admin(self.run_dir, f"set server {BACKEND}/{worker.name} state ready")
            wait_until(
                lambda w=worker: self.statuses().get(w.name) == "UP",
                HEALTHY_WITHIN_SECONDS,
                f"the proxy to see {worker.name} up",
            )

    # The supervisor's life.

    def run(self) -> int:
        signal.signal(signal.SIGHUP, self.on_hangup)
        signal.signal(signal.SIGTERM, self.on_stop)
        signal.signal(signal.SIGINT, self.on_stop)
        try:
            for worker in self.state.workers:
                self.start_worker(worker)
            self.start_proxy()
            self.state.ready = True
            save_state(self.state, self.run_dir)
            print(
                f"serve: Kindred on http://{self.args.proxy_bind}:{self.state.proxy_port}"
            )
            self.watch()
        finally:
            self.stop_everything()
        return 0

    def watch(self) -> None:
        failures: dict[str, int] = {}
        while not self.stopping:
            time.sleep(0.2)
            if self.proxy.poll() is not None:
                raise ServeError("HAProxy exited; see haproxy.log in the run folder")
            if self.restart_requested:
                self.restart_requested = False
                self.rolling_restart()
            for worker in self.state.workers:
                child = self.children.get(worker.name)
                if self.stopping or (child is not None and child.poll() is None):
                    continue
                count = failures.get(worker.name, 0)
                failures[worker.name] = count + 1
                print(f"serve: {worker.name} died; starting it again")
                time.sleep(RESTART_BACKOFF_SECONDS[min(count, 4)])
                try:
                    self.start_worker(worker)
                except ServeError as exc:
                    print(f"serve: {exc}", file=sys.stderr)

    def stop_everything(self) -> None:
        self.stopping = True
        if self.proxy is not None and self.proxy.poll() is None:
            self.proxy.terminate()
            self.proxy.wait()
        for worker in self.state.workers:
            self.stop_worker(worker)
        state_path(self.run_dir).unlink(missing_ok=True)

    def on_hangup(self, signum, frame) -> None:
        self.restart_requested = True

    def on_stop(self, signum, frame) -> None:
        self.stopping = True


# --- Commands --------------------------------------------------------------------


def command_start(args: argparse.Namespace) -> int:
    required_environment()
    if args.workers < 1:
        raise ServeError("--workers must be at least 1")
    ports = worker_ports(args)
    search_path = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
    args.haproxy = shutil.which("haproxy", path=search_path)
    if args.haproxy is None:
        raise ServeError("HAProxy is not installed: apt-get install haproxy")
    args.run_dir.mkdir(parents=True, exist_ok=True)
    if state_path(args.run_dir).exists():
        previous = load_state(args.run_dir)
        if alive(previous.supervisor_pid):
            raise ServeError(
                f"already serving from {args.run_dir} (pid {previous.supervisor_pid})"
            )
    if args.migrate:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input"],
            cwd=PROJECT_ROOT,
            check=True,
        )
    return Supervisor(args, ports).run()


def running_supervisor(run_dir: Path) -> State:
    state = load_state(run_dir)
    if not alive(state.supervisor_pid):
        raise ServeError(f"the supervisor (pid {state.supervisor_pid}) is gone")
    return state


def command_restart(args: argparse.Namespace) -> int:
    state = running_supervisor(args.run_dir)
    before = state.restarts_done
    asked_at = state_path(args.run_dir).stat().st_mtime_ns
    os.kill(state.supervisor_pid, signal.SIGHUP)
    per_worker = HEALTHY_WITHIN_SECONDS + STOP_WITHIN_SECONDS

    def finished() -> bool:
        return state_path(args.run_dir).stat().st_mtime_ns != asked_at and (
            load_state(args.run_dir).restarts_done > before
            or load_state(args.run_dir).restart_error is not None
        )

    wait_until(finished, per_worker * len(state.workers), "the restart to finish")
    error = load_state(args.run_dir).restart_error
    if error:
        raise ServeError(f"the restart stopped part-way: {error}")
    print(f"serve: {len(state.workers)} processes restarted, one at a time")
    return 0


def command_stop(args: argparse.Namespace) -> int:
    state = running_supervisor(args.run_dir)
    os.kill(state.supervisor_pid, signal.SIGTERM)
    wait_until(
        lambda: not alive(state.supervisor_pid),
        STOP_WITHIN_SECONDS * (len(state.workers) + 1),
        "the processes to stop",
    )
    return 0


def command_status(args: argparse.Namespace) -> int:
    state = running_supervisor(args.run_dir)
    statuses = proxy_statuses(args.run_dir)
    print(f"proxy pid {state.proxy_pid} on port {state.proxy_port}")
    for worker in state.workers:
        print(
            f"{worker.name} pid {worker.pid} port {worker.port}: "
            f"{statuses.get(worker.name, 'unknown')}"
        )
    return 0


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["start", "restart", "stop", "status"])
    parser.add_argument("--run-dir", type=Path, default=PROJECT_ROOT / "deploy/run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--proxy-port", type=int, default=8000)
    parser.add_argument("--proxy-bind", default="127.0.0.1")
    parser.add_argument("--daphne-ports", default="")
    parser.add_argument("--daphne-port-base", type=int, default=8001)
    parser.add_argument("--daphne-host", default="127.0.0.1")
    parser.add_argument(
        "--handshake-timeout", type=int, default=20,
        help="seconds a WebSocket may wait to be accepted (Daphne's default is 5)",
    )  # fmt: skip
    parser.add_argument(
        "--no-migrate", dest="migrate", action="store_false",
        help="don't bring the database up to date before starting",
    )  # fmt: skip
    args = parser.parse_args(argv)
    args.run_dir = args.run_dir.resolve()
    return args


COMMANDS = {
    "start": command_start,
    "restart": command_restart,
    "stop": command_stop,
    "status": command_status,
}


def main(argv: list[str]) -> int:
    args = parse(argv)
    try:
        return COMMANDS[args.command](args)
    except ServeError as exc:
        print(f"serve: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
