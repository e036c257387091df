"""Demo content: spaces always, demo accounts and threads only with DEBUG on."""

import ast
import datetime
from io import StringIO
from pathlib import Path

from django.contrib.auth import authenticate
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD
from accounts.models import Member
from core.text import render_user_text
from forum.circles import selectors as circle_selectors
from forum.circles.models import Circle, CircleKind, CirclePrompt
from forum.models import (
    Follow,
    Notification,
    PostStatus,
    Reaction,
    Reply,
    Space,
    Thread,
)
from forum.services import recount_all
from moderation.models import ReviewItem


def test_the_demo_has_a_november_circle_with_the_demo_member_and_a_prompt(db, settings):
    settings.DEBUG = True
    _seed()
    _seed()
    circle = Circle.objects.get()
    assert circle.birth_month == datetime.date(2026, 11, 1)
    roster = circle_selectors.roster(circle)
    assert "Demo Member" in roster and len(roster) == 4
    threads = Thread.objects.filter(space=circle.space)
    assert threads.count() == 3
    assert CirclePrompt.objects.get(circle=circle).thread.author.pseudonym == "Kindred"
    assert Reply.objects.filter(thread__space=circle.space).count() == 3


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_creates_spaces_threads_and_demo_accounts_once(db, settings):
    settings.DEBUG = True
    out = _seed()
    assert Space.objects.filter(is_circle=False).count() == 8
    assert Space.objects.get(slug="loss").requires_approval
    forum_threads = Thread.objects.filter(space__is_circle=False)
    assert forum_threads.count() == 12
    assert forum_threads.filter(status=PostStatus.VISIBLE).count() == 12
    assert Thread.objects.filter(anonymous=True).count() >= 1
    assert Thread.objects.exclude(content_notes=[]).count() >= 2
    assert Thread.objects.filter(reply_count=0).count() >= 2
    assert Reply.objects.filter(depth__gte=3).exists()
    for pseudonym, role in [
        ("Demo Member", "member"),
        ("Demo Listener", "listener"),
        ("Demo Moderator", "moderator"),
        ("Demo Operator", "operator"),
    ]:
        member = authenticate(pseudonym=pseudonym, password=DEMO_PASSWORD)
        assert member is not None, pseudonym
        assert member.groups.filter(name=role).exists()
        assert f'"{pseudonym}"' in out
    assert Member.objects.get(pseudonym="Demo Operator").is_staff
    assert Member.objects.get(pseudonym="Demo Moderator").is_moderator
    counts = (
        Space.objects.count(),
        Thread.objects.count(),
        Reply.objects.count(),
        Member.objects.count(),
    )
    _seed()
    assert (
        Space.objects.count(),
        Thread.objects.count(),
        Reply.objects.count(),
        Member.objects.count(),
    ) == counts


def test_without_debug_only_spaces_are_seeded(db, settings):
    settings.DEBUG = False
    out = _seed()
    assert Space.objects.count() == 8
    assert CircleKind.objects.count() == 7
    assert not Circle.objects.exists()
    assert not Member.objects.exists()
    assert not Thread.objects.exists()
    assert "DEBUG is off" in out


def test_demo_content_is_visible_unheld_counted_and_added_once(db, settings, client):
    """The demo is the project's own words, written straight to the tables: neither
    the approval space nor premoderation holds any of it, nothing waits for review,
    every counter matches the rows, and a second run adds nothing."""
    settings.DEBUG = True
    settings.PREMODERATION_POSTS = 50
    _seed()
    loss = Thread.objects.get(space__slug="loss")
    assert loss.status == PostStatus.VISIBLE
    assert client.get(loss.get_absolute_url()).status_code == 200
    assert not Thread.objects.exclude(status=PostStatus.VISIBLE).exists()
    assert not Reply.objects.exclude(status=PostStatus.VISIBLE).exists()
    assert not ReviewItem.objects.exists()
    for thread in Thread.objects.all():
        assert thread.body_html == render_user_text(thread.body_source)
        assert thread.reply_count == Reply.objects.filter(thread=thread).count()
    assert Reaction.objects.exists() and Notification.objects.exists()
    assert recount_all() == {"threads": 0, "replies": 0}

    def rows():
        return [
            model.objects.count()
            for model in (Thread, Reply, Reaction, Follow, Notification, ReviewItem)
        ]

    before = rows()
    _seed()
    assert rows() == before


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_only_the_demo_command_writes_posts_without_the_services():
    """Nothing a member reaches (views, consumers, hooks, other commands) imports
    the demo factories, which save text unscreened."""
    forum = Path(__file__).resolve().parents[2] / "forum"
    importers = sorted(
        str(path.relative_to(forum))
        for path in forum.rglob("*.py")
        if "demo" not in path.relative_to(forum).parts
        and any(name.startswith("forum.demo") for name in _imported_modules(path))
    )
    assert importers == ["management/commands/seed_demo.py"]
