"""Kindred's thread page beside django-machina's topic page, same machine, same load.

Builds a throwaway virtualenv with django-machina (the mainstream Django forum app),
Django 5.2 and Daphne in a temporary directory, sets up a minimal project there with
machina's recommended settings (DEBUG off, cached templates, manifest static files
collected, SQLite), seeds one topic of 100 replies with the same text as
bench/thread_page.py, and serves it with one Daphne process. Then it runs
bench/thread_page.py for Kindred and drives machina's topic page with the same load
generator, concurrency and duration. Prints one JSON line:

    {"kindred": {...}, "machina": {...}, "machina_one_page": {...}, ...}

"machina" is the topic page as readers get it (machina shows 15 posts a page by
default); "machina_one_page" shows all 101 posts on one page, for a per-post
comparison. Each entry says how many posts its page renders ("posts_on_page") and
derives "posts_per_s" from it.

Each figure is the median of --rounds interleaved runs (the machine may be busy with
other work; "server_cpu_ms", the Daphne process's CPU time per request, is the figure
least disturbed by it).

Usage: python bench/compare_forum.py [--seconds 10] [--concurrency 8] [--rounds 3]
                                     [--workdir DIR]
Takes a few minutes (installing packages, then 3 runs a round); not part of the test
suite. Pass --workdir to keep the virtualenv and reuse it on the next run.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from thread_page import REPLIES, ROOT, serve_and_load  # noqa: E402

MACHINA_PACKAGES = ["Django>=5.2,<5.3", "django-machina", "daphne>=4.2,<4.3"]

SETTINGS = """
import os
from pathlib import Path

from machina import MACHINA_MAIN_STATIC_DIR, MACHINA_MAIN_TEMPLATE_DIR

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "bench-only-not-secret-bench-only-not-secret-bench-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "mptt",
    "haystack",
    "widget_tweaks",
    "machina",
    "machina.apps.forum",
    "machina.apps.forum_conversation",
    "machina.apps.forum_conversation.forum_attachments",
    "machina.apps.forum_conversation.forum_polls",
    "machina.apps.forum_feeds",
    "machina.apps.forum_moderation",
    "machina.apps.forum_search",
    "machina.apps.forum_tracking",
    "machina.apps.forum_member",
    "machina.apps.forum_permission",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "machina.apps.forum_permission.middleware.ForumPermissionMiddleware",
]
ROOT_URLCONF = "benchsite.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [MACHINA_MAIN_TEMPLATE_DIR],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "machina.core.context_processors.metadata",
            ],
        },
    },
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR.parent / "machina.sqlite3",
    }
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "machina_attachments": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(BASE_DIR.parent / "attachments-cache"),
    },
}
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}
}
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR.parent / "staticfiles"
STATICFILES_DIRS = [MACHINA_MAIN_STATIC_DIR]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
USE_TZ = True
LANGUAGE_CODE = "en"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
MACHINA_DEFAULT_AUTHENTICATED_USER_FORUM_PERMISSIONS = [
    "can_see_forum",
    "can_read_forum",
    "can_start_new_topics",
    "can_reply_to_topics",
    "can_edit_own_posts",
    "can_post_without_approval",
]
if os.environ.get("MACHINA_POSTS_PER_PAGE"):
    MACHINA_TOPIC_POSTS_NUMBER_PER_PAGE = int(os.environ["MACHINA_POSTS_PER_PAGE"])
LOGGING = {"version": 1, "root": {"level": "WARNING"}}
"""

URLS = """
from django.urls import include, path
from machina import urls as machina_urls

urlpatterns = [path("forum/", include(machina_urls))]
"""

ASGI = """
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsite.settings")
application = get_asgi_application()
"""

# The same words, lengths and share of anonymous posts as bench/thread_page.py.
# machina has no reactions, no nesting and no content notes, so those have no
# counterpart here.
SEED = """
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsite.settings")
django.setup()

from django.contrib.auth import get_user_model
from django.urls import reverse
from machina.core.db.models import get_model

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")
ForumPermission = get_model("forum_permission", "ForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")

REPLIES = int(os.environ["BENCH_REPLIES"])
users = [
    get_user_model().objects.create_user(f"bench_parent_{n}", password=None)
    for n in range(24)
]
forum = Forum.objects.create(name="Bench", type=Forum.FORUM_POST)
for codename in ["can_see_forum", "can_read_forum"]:
    UserForumPermission.objects.create(
        permission=ForumPermission.objects.get(codename=codename),
        anonymous_user=True,
        has_perm=True,
    )
topic = Topic.objects.create(
    forum=forum,
    poster=users[0],
    subject="Bench thread",
    type=Topic.TOPIC_POST,
    status=Topic.TOPIC_UNLOCKED,
)
Post.objects.create(
    topic=topic,
    poster=users[0],
    subject="Bench thread",
    content="Night feeds, no sleep, and a head full of worry. *Anyone else?*",
)
for n in range(REPLIES):
    anonymous = n % 9 == 0
    Post.objects.create(
        topic=topic,
        poster=None if anonymous else users[n % len(users)],
        username="Anonymous parent" if anonymous else None,
        anonymous_key=f"bench-{n}" if anonymous else None,
        subject="Re: Bench thread",
        content=f"Reply {n}: you're not alone in this. It got easier for us around "
        f"*week {n % 12 + 4}*, and [this helped](https://example.org/{n}).",
    )
topic.refresh_from_db()
print(
    reverse(
        "forum_conversation:topic",
        kwargs={
            "forum_slug": forum.slug,
            "forum_pk": forum.pk,
            "slug": topic.slug,
            "pk": topic.pk,
        },
    )
)
"""

# One GET through Django's test client: what a page holds, outside the timed run.
PAGE = """
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsite.settings")
django.setup()

from django.test import Client

response = Client().get(sys.argv[1], HTTP_HOST="127.0.0.1")
assert response.status_code == 200, response.status_code
print(response.content.count(b'card post"'), round(len(response.content) / 1024, 1))
"""


def _run(command: list[str], **kwargs) -> str:
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def build_machina(workdir: Path) -> tuple[Path, str]:
    """The throwaway virtualenv and project; returns (python, topic path)."""
    venv = workdir / "venv"
    python = venv / "bin" / "python"
    if not python.exists():
        _run([sys.executable, "-m", "venv", str(venv)])
        _run([str(python), "-m", "pip", "install", "--quiet", *MACHINA_PACKAGES])
    site = workdir / "site"
    package = site / "benchsite"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "settings.py").write_text(SETTINGS)
    (package / "urls.py").write_text(URLS)
    (package / "asgi.py").write_text(ASGI)
    (site / "seed.py").write_text(SEED)
    (site / "page.py").write_text(PAGE)
    database = site / "machina.sqlite3"
    if database.exists():
        database.unlink()
    manage = [str(python), "-m", "django"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchsite.settings"}
    env.pop("DATABASE_URL", None)
    _run([*manage, "migrate", "--noinput"], cwd=site, env=env)
    _run([*manage, "collectstatic", "--noinput"], cwd=site, env=env)
    path = _run(
        [str(python), "seed.py"], cwd=site, env={**env, "BENCH_REPLIES": str(REPLIES)}
    ).strip()
    return python, path


def machina_figures(
    python: Path, workdir: Path, path: str, args, posts_per_page: int | None
) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchsite.settings"}
    env.pop("DATABASE_URL", None)
    if posts_per_page:
        env["MACHINA_POSTS_PER_PAGE"] = str(posts_per_page)
    site = workdir / "site"
    posts, page_kb = _run([str(python), "page.py", path], cwd=site, env=env).split()
    figures = serve_and_load(
        [str(python.with_name("daphne")), "benchsite.asgi:application"],
        cwd=site,
        env=env,
        path=path,
        seconds=args.seconds,
        concurrency=args.concurrency,
        log_name="kindred-bench-machina-daphne.log",
    )
    return {**figures, "posts_on_page": int(posts), "page_kb": float(page_kb)}


def _kindred_env() -> dict:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-" + "k" * 50,
    }


def kindred_figures(args) -> dict:
    env = _kindred_env()
    output = _run(
        [
            sys.executable,
            str(ROOT / "bench" / "thread_page.py"),
            "--seconds",
            str(args.seconds),
            "--concurrency",
            str(args.concurrency),
        ],
        cwd=ROOT,
        env=env,
    )
    figures = json.loads(output.strip().splitlines()[-1])
    # The thread itself sits above its replies on every page.
    figures["posts_on_page"] = figures["replies_on_page"] + 1
    return figures


def _per_post(figures: dict) -> dict:
    figures["posts_per_s"] = round(figures["requests_per_s"] * figures["posts_on_page"])
    return figures


def _median(runs: list[dict]) -> dict:
    """Each number's median over the runs (the machine is shared: one run alone says
    little)."""
    merged = {}
    for key, value in runs[0].items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            merged[key] = statistics.median(run[key] for run in runs)
        else:
            merged[key] = value
    return merged


def _ratio(numerator, denominator) -> float | None:
    return round(numerator / denominator, 2) if numerator and denominator else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, help="keep the virtualenv here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kindred-compare-") as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        python, path = build_machina(workdir)
        machina_version = _run(
            [
                str(python),
                "-c",
                "import importlib.metadata as m;"
                "print(m.version('django-machina'), m.version('django'))",
            ]
        ).split()
        _run(
            [sys.executable, "manage.py", "collectstatic", "--noinput"],
            cwd=ROOT,
            env=_kindred_env(),
        )
        runs: dict[str, list[dict]] = {
            "kindred": [],
            "machina": [],
            "machina_one_page": [],
        }
        # Interleaved, so that whatever else the machine is doing weighs on both.
        for _ in range(args.rounds):
            runs["kindred"].append(_per_post(kindred_figures(args)))
            runs["machina"].append(
                _per_post(machina_figures(python, workdir, path, args, None))
            )
            runs["machina_one_page"].append(
                _per_post(machina_figures(python, workdir, path, args, REPLIES + 1))
            )
    kindred, machina, one_page = (_median(runs[name]) for name in runs)
    result = {
        "kindred": kindred,
        "machina": machina,
        "machina_one_page": one_page,
        "pages_ratio": round(kindred["requests_per_s"] / machina["requests_per_s"], 2),
        "posts_ratio": round(kindred["posts_per_s"] / one_page["posts_per_s"], 2),
        "server_cpu_ratio": _ratio(machina["server_cpu_ms"], kindred["server_cpu_ms"]),
        "kindred_requests_per_s_each_round": [
            run["requests_per_s"] for run in runs["kindred"]
        ],
        "machina_requests_per_s_each_round": [
            run["requests_per_s"] for run in runs["machina"]
        ],
        "machina_version": machina_version[0],
        "machina_django": machina_version[1],
        "rounds": args.rounds,
        "concurrency": args.concurrency,
        "seconds": args.seconds,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
