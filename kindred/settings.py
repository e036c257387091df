"""Kindred settings.

Every deployment knob is read from the environment here, and only here. Each has a
default that works on a bare machine (SQLite, in-memory channel layer, local-memory
cache); docs/operating.md lists them all. Configured values come first, derived
ones after.
"""

import os
import re
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
INSTANCE_PATTERN = re.compile(r"[A-Za-z0-9_.-]{1,40}")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {raw!r}"
        ) from exc


def instance_name(configured: str, database: dict) -> str:
    """KINDRED_INSTANCE, else the database's name (a SQLite file's stem)."""
    if configured:
        if not INSTANCE_PATTERN.fullmatch(configured):
            raise ImproperlyConfigured(
                "KINDRED_INSTANCE may hold only letters, digits, '-', '_' and '.', "
                f"up to 40 of them, not {configured!r}"
            )
        return configured
    name = str(database.get("NAME") or "kindred")
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = Path(name).stem
    return re.sub(r"[^A-Za-z0-9_.-]", "-", name)[:40] or "kindred"


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# --- Configured values ------------------------------------------------------------

DEBUG = env_bool("DEBUG", True)
# With DEBUG on, errors still show the site's own pages; this brings back Django's.
DEBUG_ERROR_PAGES = env_bool("KINDRED_DEBUG_PAGES", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
DATABASE_URL = env_str("DATABASE_URL")
REDIS_URL = env_str("REDIS_URL")
# PostgreSQL reached through a pooler in transaction mode (PgBouncer): a
# transaction may land on another server connection, so no server-side cursors.
DATABASE_POOLER = env_bool("KINDRED_DATABASE_POOLER", False)
# Several Redis servers for the channel layer, comma-separated; channels-redis
# spreads channels and groups over them. Empty: REDIS_URL alone.
CHANNEL_LAYER_URLS = env_list("KINDRED_CHANNEL_LAYER_URLS", [])
# Names this deployment in everything it shares on a Redis server (channel-layer
# prefix, cache keys); empty means the database's name. Redis pub/sub ignores the
# database number in REDIS_URL, so two sites on one Redis need different names.
INSTANCE = env_str("KINDRED_INSTANCE")
# HTTPS hardening (secure cookies, HSTS, redirect) is on by default outside DEBUG.
HTTPS = env_bool("KINDRED_HTTPS", not DEBUG)
BEHIND_PROXY = env_bool("KINDRED_BEHIND_PROXY", False)
HSTS_SECONDS = env_int("KINDRED_HSTS_SECONDS", 31536000)
# Separate key for hashing client IP addresses; it is mixed with the current month
# so hashes rotate and old ones can't be linked to new ones.
IP_HASH_SECRET = env_str("KINDRED_IP_HASH_SECRET")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kindred <no-reply@localhost>")
TIME_ZONE = env_str("TIME_ZONE", "UTC")
DEFAULT_COUNTRY = env_str("KINDRED_DEFAULT_COUNTRY", "INT")
LOG_LEVEL = env_str("KINDRED_LOG_LEVEL", "INFO")
# Where "Quick exit" sends people: an ordinary, neutral page.
QUICK_EXIT_URL = env_str("KINDRED_QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")

# Community rules operators tune.
LISTENER_MAX_CHATS = env_int("KINDRED_LISTENER_MAX_CHATS", 2)
SUPPORT_OFFER_HELP_AFTER_SECONDS = env_int("KINDRED_SUPPORT_OFFER_HELP_AFTER", 300)
SUPPORT_MATCH_PREFERENCE_SECONDS = env_int("KINDRED_SUPPORT_MATCH_PREFERENCE", 120)
CHAT_RETENTION_DAYS = env_int("KINDRED_CHAT_RETENTION_DAYS", 30)
# Becoming a listener (docs/operating.md): how many days a member has been here
# before she can apply; and the gentle pause after this many nights on duty in a
# row, a night being on duty at some time between the two hours (her local time).
LISTENER_APPLY_AFTER_DAYS = env_int("KINDRED_LISTENER_APPLY_AFTER_DAYS", 30)
LISTENER_NIGHTS_IN_A_ROW = env_int("KINDRED_LISTENER_NIGHTS_IN_A_ROW", 3)
LISTENER_NIGHT_STARTS = env_int("KINDRED_LISTENER_NIGHT_STARTS", 22)
LISTENER_NIGHT_ENDS = env_int("KINDRED_LISTENER_NIGHT_ENDS", 6)
# Moderation (docs/moderating.md, "Trust"), read by moderation at call time. A new
# member's first PREMODERATION_POSTS posts wait for a moderator, unless their trust
# is at least TRUST_SKIPS_PREMODERATION; that many approved posts give trust 1.
PREMODERATION_POSTS = env_int("KINDRED_PREMODERATION_POSTS", 2)
TRUST_SKIPS_PREMODERATION = env_int("KINDRED_TRUST_SKIPS_PREMODERATION", 2)
# Trust 2 ("trusted") needs this many days and approved posts.
TRUST_TRUSTED_AFTER_DAYS = env_int("KINDRED_TRUST_TRUSTED_AFTER_DAYS", 14)
TRUST_TRUSTED_AFTER_POSTS = env_int("KINDRED_TRUST_TRUSTED_AFTER_POSTS", 10)
# How long a sanction keeps trust down.
TRUST_SANCTION_MEMORY_DAYS = env_int("KINDRED_TRUST_SANCTION_MEMORY_DAYS", 90)
# Younger accounts (or trust 0) get the stricter link and spam rules.
NEW_ACCOUNT_DAYS = env_int("KINDRED_NEW_ACCOUNT_DAYS", 7)
# The semantic second opinion on posts and replies (moderation/rules/semantic.py).
SECOND_OPINION = env_bool("KINDRED_SECOND_OPINION", True)
# Where the second opinion's word model keeps what it learnt, so that each new
# process loads it instead of learning again (relearnt when the corpora change).
# Empty: learn in every process.
MODEL_CACHE_DIR = env_str("KINDRED_MODEL_CACHE_DIR", str(BASE_DIR / ".cache"))
# New reports one member may file per hour.
REPORTS_PER_HOUR = env_int("KINDRED_REPORTS_PER_HOUR", 10)
# Minutes of continuous queue work before the queue suggests a break.
MODERATOR_BREAK_AFTER_MINUTES = env_int("KINDRED_MODERATOR_BREAK_AFTER", 45)

# While Redis is unreachable the cache (and so rate limits) live in each process's
# memory; Redis is tried again after this many seconds.
CACHE_RETRY_SECONDS = env_int("KINDRED_CACHE_RETRY_SECONDS", 5)

# The risk and content rules file; empty means the one shipped with the code
# (moderation/rules/rules.json). Read on first use; manage.py check refuses a broken
# one (moderation.E001), naming the rule and the problem.
RULES_PATH = env_str("KINDRED_RULES_PATH")
RULES_PATH_ES = env_str("KINDRED_RULES_PATH_ES")

# --- Derived values ---------------------------------------------------------------

if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    dev_key_file = BASE_DIR / ".dev-secret-key"
    if not dev_key_file.exists():
        dev_key_file.write_text(secrets.token_urlsafe(50))
        dev_key_file.chmod(0o600)
    SECRET_KEY = dev_key_file.read_text().strip()

if not IP_HASH_SECRET:
    IP_HASH_SECRET = SECRET_KEY

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "core",
    "accounts",
    "moderation",
    "support",
    "support.signposting",
    "support.groups",
    "support.training",
    "forum",
    "forum.circles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, which serves static files compressed ahead of time itself;
    # above everything that writes the body, so pages and JSON leave compressed.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language: the cookie, then Accept-Language (the member's own choice,
    # when set, wins below, once the member is known).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.language.MemberLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "moderation.middleware.ModerationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.BrandedErrorsMiddleware",
]

ROOT_URLCONF = "kindred.urls"
ASGI_APPLICATION = "kindred.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "forum.context_processors.nav",
                "moderation.context_processors.nav",
            ],
        },
    },
]

if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            # A file, unique per test run, so a Daphne process started by the
            # browser tests can open the same test database.
            "TEST": {
                "NAME": str(
                    Path(tempfile.gettempdir()) / f"kindred-test-{os.getpid()}.sqlite3"
                )
            },
            "OPTIONS": {"timeout": 20},
        }
    }
# Async consumers open connections on worker threads; never keep them around.
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASE_POOLER:
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging: a commit appends to the log instead of writing, syncing
    # and deleting a rollback journal, and readers no longer wait for the writer.
    # With synchronous=NORMAL a commit survives the process stopping, though a power
    # cut may lose the last few (PostgreSQL is the database for that).
    sqlite_options = DATABASES["default"].setdefault("OPTIONS", {})
    sqlite_options.setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"
    )
    # A transaction that reads and then writes would otherwise fail at once with
    # "database is locked" when another process writes; taking the write lock at
    # its start makes it wait its turn (the timeout above) instead.
    sqlite_options.setdefault("transaction_mode", "IMMEDIATE")
INSTANCE = instance_name(INSTANCE, DATABASES["default"])
# What every key and channel this deployment puts in Redis starts with.
REDIS_PREFIX = f"kindred.{INSTANCE}"

if REDIS_URL:
    CACHES = {
        "default": {
            # Redis, or this process's memory while Redis is unreachable.
            "BACKEND": "core.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": REDIS_PREFIX,
            "FALLBACK_RETRY_SECONDS": CACHE_RETRY_SECONDS,
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            # Redis pub/sub: a group event is one PUBLISH, pushed to each process
            # with a socket in the group. The core layer's per-channel lists, popped
            # one blocking read at a time, gave a chat message a p99 round trip of
            # 137 ms where this gives 17 ms (bench/chat_latency.py, 10 messages/s).
            # Neither layer keeps an event for a process that is away: messages are
            # stored first and clients resume by id.
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": address,
                        # redis-py's default socket timeout kills blocking reads;
                        # its pool cap starves busy processes.
                        "socket_timeout": None,
                        "max_connections": 10000,
                        # An unreachable Redis turns sockets away quickly (4503).
                        "socket_connect_timeout": 2,
                    }
                    for address in CHANNEL_LAYER_URLS or [REDIS_URL]
                ],
                "prefix": REDIS_PREFIX,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kindred",
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels.layers.InMemoryChannelLayer",
            "CONFIG": {"capacity": 1000},
        }
    }

# Site pages (kindred/urls.py) that a member locked out by a suspension or ban can
# still reach. Apps declare their own such pages in moderation's registry.
ALWAYS_OPEN_URLS = [
    "guidelines",
    "privacy",
    "peer_support",
    "quick_exit",
    "toggle_theme",
    "healthz",
    "manifest",
    "favicon",
]

AUTH_USER_MODEL = "accounts.Member"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("pseudonym", "email")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# Docs: docs/operating.md, "Adding a language". URLs are the same in every language.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "kindred_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "core.staticfiles.CachedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A form that fails its CSRF check gets the site's own calm page.
CSRF_FAILURE_VIEW = "kindred.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Not "no-referrer": browsers then send "Origin: null" on same-site form posts,
# which CSRF protection rightly refuses. Other sites still get no referrer.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    # The proxy asks each process over plain HTTP on its private port.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = HSTS_SECONDS
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"quiet_repeats": {"()": "core.log_filters.QuietRepeats"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "daphne": {"level": "WARNING"},
        "django.channels.server": {"level": "WARNING"},
        # Its receive loop logs a traceback a second while Redis is away.
        "channels_redis.pubsub": {"filters": ["quiet_repeats"]},
    },
}
