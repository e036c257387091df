"""Changes to posts once saved: the author's edits and deletions, and the status
changes and edits moderation makes through forum.moderation_hooks."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from core.text import normalise_text, render_user_text
from forum.models import Notification, PostStatus, Reply, Revision, Thread
from forum.services.checks import check_lengths, clean_content_notes, screen
from forum.services.language import post_language
from forum.services.maintenance import thread_recount
from forum.services.notifications import notify_reply
from moderation.services import Screening, record_screening


def _record_revision(post: Thread | Reply, *, editor, by_moderator: bool) -> None:
    thread_id = post.pk if isinstance(post, Thread) else post.thread_id
    Revision.objects.create(
        thread_id=thread_id,
        reply=post if isinstance(post, Reply) else None,
        title=post.title if isinstance(post, Thread) else "",
        body_source=post.body_source,
        editor=editor,
        by_moderator=by_moderator,
    )


def post_edit(
    *,
    author,
    post: Thread | Reply,
    body: str,
    title: str | None = None,
    content_notes=(),
    post_anyway: bool = False,
) -> Screening:
    """Change the author's own post, keeping the previous text as a revision.
    Raises PermissionError if author didn't write it, PostRefused or NudgeNeeded."""
    if post.author_id != author.pk or post.status in {
        PostStatus.DELETED,
        PostStatus.REMOVED,
        PostStatus.HIDDEN,
    }:
        raise PermissionError("not editable by this member")
    body = normalise_text(body).strip()
    if title is not None:
        title = normalise_text(title).strip()
    check_lengths(title=title, body=body)
    context = "thread" if isinstance(post, Thread) else "reply"
    screening = screen(
        author=author,
        title=title or "",
        body=body,
        context=context,
        post_anyway=post_anyway,
    )
    with transaction.atomic():
        locked = type(post).objects.select_for_update().get(pk=post.pk)
        _record_revision(locked, editor=author, by_moderator=False)
        if title is not None and isinstance(locked, Thread):
            locked.title = title
        locked.body_source = body
        locked.body_html = render_user_text(body)
        locked.language = post_language(f"{title or ''}\n{body}")
        locked.content_notes = clean_content_notes(content_notes)
        locked.risk_categories = sorted(
            set(locked.risk_categories) | set(screening.categories)
        )
        locked.edited_at = timezone.now()
        was_visible = locked.status == PostStatus.VISIBLE
        if screening.hold and was_visible:
            locked.status = PostStatus.HELD
            locked.status_changed_at = locked.edited_at
        locked.save()
        if (
            was_visible
            and locked.status == PostStatus.HELD
            and isinstance(locked, Reply)
        ):
            thread_recount(
                thread=Thread.objects.select_for_update().get(pk=locked.thread_id)
            )
        record_screening(target=locked, author=author, screening=screening, edited=True)
    post.refresh_from_db()
    return screening


def post_delete(*, author, post: Thread | Reply) -> None:
    """The author takes their post down. The words are gone for good; a post that has
    replies stays as a placeholder so the conversation still reads."""
    if post.author_id != author.pk:
        raise PermissionError("not deletable by this member")
    with transaction.atomic():
        thread_id = post.pk if isinstance(post, Thread) else post.thread_id
        locked_thread = Thread.objects.select_for_update().get(pk=thread_id)
        locked = type(post).objects.select_for_update().get(pk=post.pk)
        locked.status = PostStatus.DELETED
        locked.status_changed_at = timezone.now()
        locked.body_source = ""
        locked.body_html = ""
        locked.content_notes = []
        if isinstance(locked, Thread):
            locked.title = ""
        locked.save()
        Revision.objects.filter(
            thread_id=thread_id, reply=locked if isinstance(locked, Reply) else None
        ).delete()
        Notification.objects.filter(
            thread_id=thread_id,
            **(
                {"reply": locked}
                if isinstance(locked, Reply)
                else {"reply__isnull": True}
            ),
        ).delete()
        thread_recount(thread=locked_thread)
    post.refresh_from_db()


def post_set_status(*, post: Thread | Reply, status: str) -> None:
    """Moderation's hook: make post visible, held, hidden or removed."""
    if status not in {
        PostStatus.VISIBLE,
        PostStatus.HELD,
        PostStatus.HIDDEN,
        PostStatus.REMOVED,
    }:
        raise ValueError(f"unknown status {status}")
    thread_id = post.pk if isinstance(post, Thread) else post.thread_id
    with transaction.atomic():
        locked_thread = Thread.objects.select_for_update().get(pk=thread_id)
        locked = (
            locked_thread
            if isinstance(post, Thread)
            else Reply.objects.select_for_update().get(pk=post.pk)
        )
        previous = locked.status
        if previous == status:
            return
        locked.status = status
        locked.status_changed_at = timezone.now()
        locked.save(update_fields=["status", "status_changed_at", "updated"])
        if isinstance(locked, Reply):
            thread_recount(thread=locked_thread)
            if status == PostStatus.VISIBLE and previous == PostStatus.HELD:
                # Approval is when others first see it: it counts as new activity.
                Thread.objects.filter(pk=thread_id).update(last_activity=timezone.now())
                notify_reply(locked)
        elif status == PostStatus.VISIBLE and previous == PostStatus.HELD:
            Thread.objects.filter(pk=thread_id).update(last_activity=timezone.now())
    post.refresh_from_db()


def post_apply_moderator_edit(*, post: Thread | Reply, body: str, editor=None) -> None:
    """Moderation's hook: replace the text (keeping a revision) and re-render it."""
    body = normalise_text(body).strip()
    with transaction.atomic():
        locked = type(post).objects.select_for_update().get(pk=post.pk)
        _record_revision(locked, editor=editor, by_moderator=True)
        locked.body_source = body
        locked.body_html = render_user_text(body)
        locked.edited_at = timezone.now()
        locked.save()
    post.refresh_from_db()
