"""Threads and replies written straight to the tables, for demo and benchmark data.

This is not a way to post. Members post through forum.services, which screens,
rate-limits and holds; nothing a member sends reaches these functions, which only
the seed_demo command and bench/ call. Their text is the project's own, so it is
saved visible and unscreened, rendered and cleaned the way the services store it.

Each reply is followed and notified the way a visible reply is. Reply counts and
last activity are left to forum.services.recount_all(): call it once the content is
written. Reactions need no factory: reaction_toggle has no bypass to avoid.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from core.text import normalise_text, render_user_text
from forum.models import Follow, PostStatus, Reply, Space, Thread
from forum.services.checks import clean_content_notes
from forum.services.notifications import notify_reply


def write_thread(
    *,
    author,
    space: Space,
    title: str,
    body: str,
    created: datetime,
    content_notes: Iterable[str] = (),
    anonymous: bool = False,
) -> Thread:
    """A visible thread by author, written at created; author follows it."""
    body = normalise_text(body).strip()
    thread = Thread.objects.create(
        space=space,
        author=author,
        title=normalise_text(title).strip(),
        body_source=body,
        body_html=render_user_text(body),
        status=PostStatus.VISIBLE,
        anonymous=anonymous,
        content_notes=clean_content_notes(content_notes),
        last_activity=created,
    )
    # created is set on insert whatever is passed; demo threads have a past.
    Thread.objects.filter(pk=thread.pk).update(created=created)
    thread.created = created
    Follow.objects.get_or_create(member=author, thread=thread)
    return thread


def write_reply(
    *,
    author,
    thread: Thread,
    body: str,
    created: datetime,
    parent: Reply | None = None,
    content_notes: Iterable[str] = (),
    anonymous: bool = False,
) -> Reply:
    """A visible reply by author to thread (or to parent in it), written at created;
    author follows the thread, and its followers are notified."""
    if parent is not None and parent.thread_id != thread.pk:
        raise ValueError("parent belongs to another thread")
    body = normalise_text(body).strip()
    reply = Reply.objects.create(
        thread=thread,
        parent=parent,
        root=(parent.root or parent) if parent is not None else None,
        depth=parent.depth + 1 if parent is not None else 1,
        author=author,
        body_source=body,
        body_html=render_user_text(body),
        status=PostStatus.VISIBLE,
        anonymous=anonymous,
        content_notes=clean_content_notes(content_notes),
    )
    Reply.objects.filter(pk=reply.pk).update(created=created)
    reply.created = created
    Follow.objects.get_or_create(member=author, thread=thread)
    notify_reply(reply)
    return reply
