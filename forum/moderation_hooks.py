"""How moderation sees forum posts: registered from ForumConfig.ready()."""

from __future__ import annotations

from forum import services, visibility
from forum.models import Reply, Thread


def _name(post) -> str:
    # Moderation is for moderators, who see the real author of anonymous posts.
    return (
        post.author.pseudonym if post.author_id else str(visibility.FORMER_MEMBER_NAME)
    )


def thread_snapshot(thread: Thread) -> dict:
    return {
        "text": thread.body_source,
        "title": thread.title,
        "author_id": thread.author_id,
        "url": thread.get_absolute_url(),
        "context": [{"author": "", "text": thread.space.name}],
    }


def reply_snapshot(reply: Reply) -> dict:
    thread = reply.thread
    context = [{"author": _name(thread), "text": thread.title}]
    if reply.parent_id is not None:
        parent = reply.parent
        context.append({"author": _name(parent), "text": parent.body_source})
    return {
        "text": reply.body_source,
        "title": thread.title,
        "author_id": reply.author_id,
        "url": reply.get_absolute_url(),
        "context": context,
    }


def set_status(post: Thread | Reply, status: str) -> None:
    services.post_set_status(post=post, status=status)


def apply_edit(post: Thread | Reply, new_text: str) -> None:
    services.post_apply_moderator_edit(post=post, body=new_text)


def can_view_thread(thread: Thread, member) -> bool:
    return visibility.can_view_thread(member, thread)


def can_view_reply(reply: Reply, member) -> bool:
    return visibility.can_view_reply(member, reply)
