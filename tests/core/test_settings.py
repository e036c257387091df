"""Settings come from the environment, with defaults that work on a bare machine.

Each case runs in a fresh interpreter so that module-level settings are read anew.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
KNOBS = (
    "DATABASE_URL",
    "REDIS_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "KINDRED_HTTPS",
    "KINDRED_BEHIND_PROXY",
    "KINDRED_IP_HASH_SECRET",
    "KINDRED_INSTANCE",
    "DJANGO_SETTINGS_MODULE",
)

PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
layer = settings.CHANNEL_LAYERS["default"]
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "layer": layer["BACKEND"],
    "layer_hosts": layer.get("CONFIG", {}).get("hosts"),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "cache_prefix": settings.CACHES["default"].get("KEY_PREFIX"),
    "layer_prefix": layer.get("CONFIG", {}).get("prefix"),
    "instance": settings.INSTANCE,
    "debug": settings.DEBUG,
    "secure_cookies": getattr(settings, "SESSION_COOKIE_SECURE", False),
    "hasher": settings.PASSWORD_HASHERS[0],
}))
"""


def run_python(code: str, **env_overrides: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in KNOBS}
    env["DJANGO_SETTINGS_MODULE"] = "kindred.settings"
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_with(**env_overrides: str) -> dict:
    result = run_python(PRINT_SETTINGS, **env_overrides)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_with_no_environment_it_runs_on_sqlite_and_in_memory_layers():
    """A bare machine gets SQLite, the in-memory channel layer and a local cache."""
    values = settings_with()
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["db_name"].endswith("db.sqlite3")
    assert values["layer"] == "channels.layers.InMemoryChannelLayer"
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["debug"] is True
    assert values["conn_max_age"] == 0
    assert values["hasher"].endswith("Argon2PasswordHasher")


def test_database_url_selects_postgresql():
    """DATABASE_URL=postgres://... switches to PostgreSQL, never keeping connections."""
    values = settings_with(DATABASE_URL="postgres://kindred:pw@db.example:5432/kindred")
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["db_name"] == "kindred"
    assert values["conn_max_age"] == 0


def test_redis_url_selects_channels_redis_and_the_redis_cache():
    """REDIS_URL switches both; the layer's socket timeout is off (redis-py 8 trap)."""
    values = settings_with(REDIS_URL="redis://cache.example:6379/3")
    assert values["layer"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    [host] = values["layer_hosts"]
    assert host["address"] == "redis://cache.example:6379/3"
    assert "socket_timeout" in host and host["socket_timeout"] is None
    assert values["cache"] == "core.cache.FallbackRedisCache"
    assert values["cache_location"] == "redis://cache.example:6379/3"


def test_the_instance_is_named_after_the_database_unless_set():
    """Two sites on one Redis are told apart by KINDRED_INSTANCE, by default the
    PostgreSQL database's name or the SQLite file's stem, in the channel-layer
    prefix and the cache's key prefix alike."""
    redis = {"REDIS_URL": "redis://cache.example:6379/0"}
    on_postgres = settings_with(
        DATABASE_URL="postgres://kindred:pw@db.example:5432/parents_north", **redis
    )
    on_sqlite = settings_with(DATABASE_URL="sqlite:////srv/site/south.sqlite3", **redis)
    named = settings_with(KINDRED_INSTANCE="east-1", **redis)

    assert on_postgres["instance"] == "parents_north"
    assert on_sqlite["instance"] == "south"
    assert named["instance"] == "east-1"
    for values in (on_postgres, on_sqlite, named):
        prefix = f"kindred.{values['instance']}"
        assert values["layer_prefix"] == values["cache_prefix"] == prefix


@pytest.mark.parametrize("value", ["two words", "a/b", "x" * 41, "ünï"])
def test_an_instance_name_that_cannot_be_a_prefix_refuses_to_start(value):
    result = run_python(PRINT_SETTINGS, KINDRED_INSTANCE=value)
    assert result.returncode != 0
    assert "KINDRED_INSTANCE may hold only" in result.stderr


def test_debug_off_without_a_secret_key_refuses_to_start():
    """Production without SECRET_KEY stops with ImproperlyConfigured."""
    result = run_python(PRINT_SETTINGS, DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_settings_turn_on_https_hardening():
    """With DEBUG off, cookies are secure by default."""
    values = settings_with(
        DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="kindred.example"
    )
    assert values["debug"] is False
    assert values["secure_cookies"] is True


def test_check_deploy_is_clean_with_production_settings():
    """manage.py check --deploy reports no warnings at all."""
    env = {key: value for key, value in os.environ.items() if key not in KNOBS}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="kindred.example",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.parametrize("value", ["yes", "on"])
def test_boolean_knobs_accept_the_usual_spellings(value):
    values = settings_with(DEBUG=value)
    assert values["debug"] is True
