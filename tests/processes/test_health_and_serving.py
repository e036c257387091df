"""/healthz, which the proxy asks every process, and deploy/serve.py's refusals."""

import os
import subprocess
import sys
from unittest import mock

import pytest
from django.db.utils import OperationalError

from tests.processes.servers import PROJECT_ROOT, SERVE_SCRIPT, free_port

HEALTH_KEYS = {"status", "database", "redis"}


@pytest.mark.django_db
def test_a_healthy_process_answers_200_and_says_redis_is_off_without_it(
    client, settings
):
    settings.REDIS_URL = ""

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "off"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_redis_away_is_reported_but_the_process_stays_in_service(client, settings):
    """Every process shares Redis, and messages are stored first, so a process
    without Redis still serves; the check says so without naming the host."""
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["redis"] == "down"
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.django_db
def test_a_process_whose_database_fails_answers_503_without_details(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("password authentication failed for kindred"),
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert set(response.json()) == HEALTH_KEYS
    assert response.json()["database"] == "down"
    assert "password" not in response.content.decode()


@pytest.mark.django_db
def test_the_health_check_only_answers_reads(client):
    assert client.post("/healthz").status_code == 405


def serve(*arguments, **environment) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL"}
    }
    return subprocess.run(
        [sys.executable, str(SERVE_SCRIPT), *arguments],
        cwd=PROJECT_ROOT,
        env=env | environment,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_serve_refuses_to_start_without_database_url_and_redis_url(tmp_path):
    result = serve("start", "--run-dir", str(tmp_path))

    assert result.returncode == 2
    assert "DATABASE_URL and REDIS_URL must be set" in result.stderr
    assert not (tmp_path / "state.json").exists()


def test_serve_refuses_a_port_list_that_does_not_match_the_workers(tmp_path):
    result = serve(
        "start", "--workers", "3", "--daphne-ports", "9001,9002",
        "--run-dir", str(tmp_path),
        DATABASE_URL="postgres://kindred@db/kindred", REDIS_URL="redis://r:6379/0",
    )  # fmt: skip

    assert result.returncode == 2
    assert "names 2 ports for 3 workers" in result.stderr


def test_serve_refuses_the_proxy_and_a_process_on_the_same_port(tmp_path):
    result = serve(
        "start", "--workers", "2", "--proxy-port", "9001",
        "--daphne-port-base", "9001", "--run-dir", str(tmp_path),
        DATABASE_URL="postgres://kindred@db/kindred", REDIS_URL="redis://r:6379/0",
    )  # fmt: skip

    assert result.returncode == 2
    assert "the ports must all differ" in result.stderr


def test_restart_says_plainly_when_nothing_is_served(tmp_path):
    result = serve("restart", "--run-dir", str(tmp_path))

    assert result.returncode == 2
    assert "nothing is served from" in result.stderr
