"""Starting threads and writing replies.

Each screens the text first (moderation.services.screen_submission), refuses or
nudges before anything is saved, saves held or visible, records the screening in
the same transaction, and announces only after commit.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import normalise_text, render_user_text
from forum.models import TITLE_MAX_LENGTH, Follow, PostStatus, Reply, Space, Thread
from forum.services.checks import (
    check_circle,
    check_duplicate,
    check_lengths,
    check_rate,
    clean_content_notes,
    count_rate,
    screen,
)
from forum.services.language import post_language
from forum.services.maintenance import thread_recount
from forum.services.notifications import notify_reply
from moderation.services import Screening, record_screening

# (limit, period in seconds) per member.
THREAD_RATE = (5, 3600)
REPLY_RATE = (20, 600)


@dataclass(frozen=True)
class Posted:
    thread: Thread
    reply: Reply | None
    screening: Screening

    @property
    def held(self) -> bool:
        post = self.reply or self.thread
        return post.status == PostStatus.HELD

    @property
    def post(self) -> Thread | Reply:
        return self.reply or self.thread


def _hold_for_space(screening: Screening, space: Space) -> Screening:
    """A space that approves new threads holds them, and the review queue is told
    so: held without a review item, a thread would wait unseen."""
    if not space.requires_approval or screening.hold:
        return screening
    return dataclasses.replace(screening, hold=True, hold_reason="space_approval")


def thread_create(
    *,
    author,
    space: Space,
    title: str,
    body: str,
    content_notes=(),
    anonymous: bool = False,
    post_anyway: bool = False,
) -> Posted:
    """Start a thread. Raises PostRefused or NudgeNeeded before saving anything."""
    check_circle(author=author, space=space, anonymous=anonymous)
    title = normalise_text(title).strip()
    body = normalise_text(body).strip()
    check_lengths(title=title, body=body)
    check_rate(
        "forum-thread",
        author,
        THREAD_RATE,
        _(
            "You've started several threads in a short time. Please give it a "
            "little while before starting another; replies are still open to you."
        ),
    )
    check_duplicate(author, body)
    screening = screen(
        author=author, title=title, body=body, context="thread", post_anyway=post_anyway
    )
    screening = _hold_for_space(screening, space)
    now = timezone.now()
    with transaction.atomic():
        thread = Thread.objects.create(
            space=space,
            author=author,
            title=title,
            body_source=body,
            body_html=render_user_text(body),
            status=PostStatus.HELD if screening.hold else PostStatus.VISIBLE,
            anonymous=anonymous,
            language=post_language(f"{title}\n{body}"),
            content_notes=clean_content_notes(content_notes),
            risk_categories=list(screening.categories),
            last_activity=now,
        )
        Follow.objects.get_or_create(member=author, thread=thread)
        record_screening(target=thread, author=author, screening=screening)
    count_rate("forum-thread", author, THREAD_RATE)
    return Posted(thread=thread, reply=None, screening=screening)


def reply_create(
    *,
    author,
    thread: Thread,
    body: str,
    parent: Reply | None = None,
    content_notes=(),
    anonymous: bool = False,
    post_anyway: bool = False,
) -> Posted:
    """Answer thread, or parent inside it. The caller has checked that author may see
    thread and parent. Raises PostRefused or NudgeNeeded before saving anything."""
    if parent is not None and parent.thread_id != thread.pk:
        raise ValueError("parent belongs to another thread")
    check_circle(author=author, space=thread.space, anonymous=anonymous)
    body = normalise_text(body).strip()
    check_lengths(title=None, body=body)
    check_rate(
        "forum-reply",
        author,
        REPLY_RATE,
        _(
            "You've written a lot of replies in a few minutes. Take a breath; you "
            "can reply again shortly, and your words are still in the box."
        ),
    )
    check_duplicate(author, body)
    screening = screen(
        author=author, title="", body=body, context="reply", post_anyway=post_anyway
    )
    with transaction.atomic():
        # Serialises counters and last_activity for this thread.
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        reply = Reply.objects.create(
            thread=locked,
            parent=parent,
            root=(parent.root or parent) if parent is not None else None,
            depth=parent.depth + 1 if parent is not None else 1,
            author=author,
            body_source=body,
            body_html=render_user_text(body),
            status=PostStatus.HELD if screening.hold else PostStatus.VISIBLE,
            anonymous=anonymous,
            language=post_language(body),
            content_notes=clean_content_notes(content_notes),
            risk_categories=list(screening.categories),
        )
        Follow.objects.get_or_create(member=author, thread=locked)
        if reply.status == PostStatus.VISIBLE:
            _reply_became_visible(reply, locked)
        record_screening(target=reply, author=author, screening=screening)
    count_rate("forum-reply", author, REPLY_RATE)
    thread.refresh_from_db()
    return Posted(thread=thread, reply=reply, screening=screening)


def prompt_thread_create(*, author, space: Space, title: str, body: str) -> Thread:
    """A thread of words an operator wrote (a circle's weekly prompt): they were
    read when written, so they skip members' screening, limits and holds."""
    title = normalise_text(title).strip()[:TITLE_MAX_LENGTH]
    body = normalise_text(body).strip()
    thread = Thread.objects.create(
        space=space,
        author=author,
        title=title,
        body_source=body,
        body_html=render_user_text(body),
        status=PostStatus.VISIBLE,
        language=post_language(f"{title}\n{body}"),
    )
    return thread


def _reply_became_visible(reply: Reply, locked_thread: Thread) -> None:
    """Counters, activity and notifications for a reply that others can now read.
    The caller holds the thread row lock."""
    thread_recount(thread=locked_thread)
    if reply.created > locked_thread.last_activity:
        Thread.objects.filter(pk=locked_thread.pk).update(last_activity=reply.created)
        locked_thread.last_activity = reply.created
    notify_reply(reply)
