"""Kindred's thread page beside another Django forum's topic page, same machine, same
load: django-machina (the default) or Spirit (--forum spirit).

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

With --forum spirit it builds Spirit 0.14 (django-spirit) the same way, with the
settings of Spirit's own project template for production (DEBUG off, manifest
static files, its database cache), seeds a topic of 20 comments (Spirit's page
size, the opening post included) and compares it with a Kindred thread of 19 flat
replies: 20 posts a page each. Prints {"kindred": {...}, "spirit": {...}, ...}.

Usage: python bench/compare_forum.py [--forum machina|spirit] [--seconds 10]
                                     [--concurrency 8] [--rounds 3] [--workdir DIR]
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
from dataclasses import dataclass
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


SPIRIT_PACKAGES = ["Django>=5.2,<5.3", "django-spirit>=0.14,<0.15", "daphne>=4.2,<4.3"]
# Spirit's page size (its "comments per page" setting), the opening post included.
SPIRIT_POSTS_PER_PAGE = 20

# Spirit's project template (spirit/extra/project_template), production settings.
SPIRIT_SETTINGS = """
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "bench-only-not-secret-bench-only-not-secret-bench-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "spirit.core",
    "spirit.admin",
    "spirit.search",
    "spirit.user",
    "spirit.user.admin",
    "spirit.user.auth",
    "spirit.category",
    "spirit.category.admin",
    "spirit.topic",
    "spirit.topic.admin",
    "spirit.topic.favorite",
    "spirit.topic.moderate",
    "spirit.topic.notification",
    "spirit.topic.private",
    "spirit.topic.unread",
    "spirit.comment",
    "spirit.comment.bookmark",
    "spirit.comment.flag",
    "spirit.comment.flag.admin",
    "spirit.comment.history",
    "spirit.comment.like",
    "spirit.comment.poll",
    "djconfig",
    "haystack",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "spirit.user.middleware.TimezoneMiddleware",
    "spirit.user.middleware.LastIPMiddleware",
    "spirit.user.middleware.LastSeenMiddleware",
    "spirit.user.middleware.ActiveUserMiddleware",
    "spirit.core.middleware.PrivateForumMiddleware",
    "djconfig.middleware.DjConfigMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.debug",
                "django.template.context_processors.i18n",
                "django.template.context_processors.media",
                "django.template.context_processors.static",
                "django.template.context_processors.tz",
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "djconfig.context_processors.config",
            ]
        },
    }
]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "spirit_cache",
    },
    "st_rate_limit": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "spirit_rl_cache",
        "TIMEOUT": None,
    },
}
AUTHENTICATION_BACKENDS = [
    "spirit.user.auth.backends.UsernameAuthBackend",
    "spirit.user.auth.backends.EmailAuthBackend",
]
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": str(BASE_DIR.parent / "st_search"),
    }
}
HAYSTACK_SIGNAL_PROCESSOR = "spirit.search.signals.RealtimeSignalProcessor"
ROOT_URLCONF = "benchsite.urls"
LOGIN_URL = "spirit:user:auth:login"
LOGIN_REDIRECT_URL = "spirit:user:update"
LOGOUT_REDIRECT_URL = "spirit:index"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR.parent / "spirit.sqlite3",
    }
}
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR.parent / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR.parent / "media"
STORAGES = {
    "default": {"BACKEND": "spirit.core.storage.OverwriteFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
ST_SITE_URL = "http://127.0.0.1/"
LOGGING = {"version": 1, "root": {"level": "WARNING"}}
"""

SPIRIT_URLS = """
from django.urls import include, path

import spirit.urls

urlpatterns = [path("", include(spirit.urls))]
"""

# The same words and lengths as bench/thread_page.py; Spirit has no anonymous
# posts, reactions, nesting or content notes.
SPIRIT_SEED = """
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsite.settings")
django.setup()

from django.contrib.auth import get_user_model
from spirit.category.models import Category
from spirit.comment.models import Comment
from spirit.core.utils.markdown import Markdown
from spirit.topic.models import Topic

POSTS = int(os.environ["BENCH_POSTS"])
users = [
    get_user_model().objects.create_user(f"bench_parent_{n}", password=None)
    for n in range(24)
]
category = Category.objects.create(title="Bench", description="Bench")
topic = Topic.objects.create(user=users[0], category=category, title="Bench thread")
bodies = ["Night feeds, no sleep, and a head full of worry. *Anyone else?*"] + [
    f"Reply {n}: you're not alone in this. It got easier for us around "
    f"*week {n % 12 + 4}*, and [this helped](https://example.org/{n})."
    for n in range(POSTS - 1)
]
for n, body in enumerate(bodies):
    Comment.objects.create(
        user=users[n % len(users)],
        topic=topic,
        comment=body,
        comment_html=Markdown().render(body),
    )
Topic.objects.filter(pk=topic.pk).update(comment_count=len(bodies))
print(topic.get_absolute_url())
"""

SPIRIT_PAGE = PAGE.replace("b'card post\"'", "b'js-comment\"'")


@dataclass(frozen=True)
class Rival:
    name: str
    packages: list[str]
    settings: str
    urls: str
    seed: str
    page: str
    # Environment for the seed script: how much to write.
    seed_env: dict
    setup_commands: tuple[tuple[str, ...], ...] = ()


RIVALS = {
    "machina": Rival(
        "machina",
        MACHINA_PACKAGES,
        SETTINGS,
        URLS,
        SEED,
        PAGE,
        {"BENCH_REPLIES": str(REPLIES)},
    ),
    "spirit": Rival(
        "spirit",
        SPIRIT_PACKAGES,
        SPIRIT_SETTINGS,
        SPIRIT_URLS,
        SPIRIT_SEED,
        SPIRIT_PAGE,
        {"BENCH_POSTS": str(SPIRIT_POSTS_PER_PAGE)},
        (("createcachetable",),),
    ),
}


def _run(command: list[str], **kwargs) -> str:
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def build_rival(workdir: Path, rival: Rival = RIVALS["machina"]) -> tuple[Path, str]:
    """The throwaway virtualenv and project; returns (python, topic path)."""
    venv = workdir / "venv"
    python = venv / "bin" / "python"
    if not python.exists():
        _run([sys.executable, "-m", "venv", str(venv)])
        _run([str(python), "-m", "pip", "install", "--quiet", *rival.packages])
    site = workdir / "site"
    package = site / "benchsite"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "settings.py").write_text(rival.settings)
    (package / "urls.py").write_text(rival.urls)
    (package / "asgi.py").write_text(ASGI)
    (site / "seed.py").write_text(rival.seed)
    (site / "page.py").write_text(rival.page)
    database = site / f"{rival.name}.sqlite3"
    if database.exists():
        database.unlink()
    manage = [str(python), "-m", "django"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchsite.settings"}
    env.pop("DATABASE_URL", None)
    _run([*manage, "migrate", "--noinput"], cwd=site, env=env)
    for command in rival.setup_commands:
        _run([*manage, *command], cwd=site, env=env)
    _run([*manage, "collectstatic", "--noinput"], cwd=site, env=env)
    path = _run(
        [str(python), "seed.py"], cwd=site, env={**env, **rival.seed_env}
    ).strip()
    return python, path


def rival_figures(
    python: Path, workdir: Path, path: str, args, posts_per_page: int | None = None
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
        log_name=f"kindred-bench-{args.forum}-daphne.log",
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
    # Against Spirit, the same 20 posts a page: the opening and 19 replies.
    shape = (
        ["--replies", str(SPIRIT_POSTS_PER_PAGE - 1), "--flat"]
        if args.forum == "spirit"
        else []
    )
    output = _run(
        [
            sys.executable,
            str(ROOT / "bench" / "thread_page.py"),
            "--seconds",
            str(args.seconds),
            "--concurrency",
            str(args.concurrency),
            *shape,
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


def _version(python: Path, package: str) -> list[str]:
    return _run(
        [
            str(python),
            "-c",
            "import importlib.metadata as m;"
            f"print(m.version({package!r}), m.version('django'))",
        ]
    ).split()


def _rounds(args, python: Path, workdir: Path, path: str) -> dict[str, list[dict]]:
    """Each figure's runs, interleaved, so that whatever else the machine is doing
    weighs on all of them."""
    runs: dict[str, list[dict]] = {"kindred": [], args.forum: []}
    if args.forum == "machina":
        runs["machina_one_page"] = []
    for _ in range(args.rounds):
        runs["kindred"].append(_per_post(kindred_figures(args)))
        runs[args.forum].append(_per_post(rival_figures(python, workdir, path, args)))
        if args.forum == "machina":
            runs["machina_one_page"].append(
                _per_post(rival_figures(python, workdir, path, args, REPLIES + 1))
            )
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forum", choices=sorted(RIVALS), default="machina")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, help="keep the virtualenv here")
    args = parser.parse_args()
    rival = RIVALS[args.forum]
    package = {"machina": "django-machina", "spirit": "django-spirit"}[args.forum]

    with tempfile.TemporaryDirectory(prefix="kindred-compare-") as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        python, path = build_rival(workdir, rival)
        version, django_version = _version(python, package)
        _run(
            [sys.executable, "manage.py", "collectstatic", "--noinput"],
            cwd=ROOT,
            env=_kindred_env(),
        )
        runs = _rounds(args, python, workdir, path)
    medians = {name: _median(each) for name, each in runs.items()}
    kindred, other = medians["kindred"], medians[args.forum]
    result = {
        **medians,
        "pages_ratio": round(kindred["requests_per_s"] / other["requests_per_s"], 2),
        "server_cpu_ratio": _ratio(other["server_cpu_ms"], kindred["server_cpu_ms"]),
        "kindred_requests_per_s_each_round": [
            run["requests_per_s"] for run in runs["kindred"]
        ],
        f"{args.forum}_requests_per_s_each_round": [
            run["requests_per_s"] for run in runs[args.forum]
        ],
        "kindred_server_cpu_ms_each_round": [
            run["server_cpu_ms"] for run in runs["kindred"]
        ],
        f"{args.forum}_server_cpu_ms_each_round": [
            run["server_cpu_ms"] for run in runs[args.forum]
        ],
        f"{args.forum}_version": version,
        f"{args.forum}_django": django_version,
        "rounds": args.rounds,
        "concurrency": args.concurrency,
        "seconds": args.seconds,
    }
    if args.forum == "machina":
        one_page = medians["machina_one_page"]
        result["posts_ratio"] = round(
            kindred["posts_per_s"] / one_page["posts_per_s"], 2
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
