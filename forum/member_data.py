"""The forum's part of a member's data download and of deleting their account."""

from forum.models import Follow, Notification, Reaction, Reply, Thread


def _post_fields(post) -> dict:
    return {
        "id": post.pk,
        "created": post.created.isoformat(),
        "edited": post.edited_at.isoformat() if post.edited_at else None,
        "status": post.status,
        "fully_anonymous": post.anonymous,
        "content_notes": list(post.content_notes or []),
        "text": post.body_source,
    }


def export(member) -> dict:
    threads = Thread.objects.filter(author=member).select_related("space")
    replies = Reply.objects.filter(author=member)
    return {
        "threads": [
            {**_post_fields(thread), "space": thread.space.name, "title": thread.title}
            for thread in threads.order_by("created", "pk")
        ],
        "replies": [
            {
                **_post_fields(reply),
                "thread_id": reply.thread_id,
                "in_reply_to": reply.parent_id,
            }
            for reply in replies.order_by("created", "pk")
        ],
        "reactions": [
            {"kind": kind, "thread_id": thread_id, "reply_id": reply_id}
            for kind, thread_id, reply_id in Reaction.objects.filter(member=member)
            .order_by("pk")
            .values_list("kind", "thread_id", "reply_id")
        ],
        "following_thread_ids": sorted(
            Follow.objects.filter(member=member, active=True).values_list(
                "thread_id", flat=True
            )
        ),
    }


def erase(member) -> None:
    """Posts stay (under the placeholder name) so replies still make sense; what
    only served the member goes."""
    Follow.objects.filter(member=member).delete()
    Notification.objects.filter(recipient=member).delete()
