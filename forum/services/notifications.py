"""Follows and in-app notifications, with live unread counts over Channels.

A notification is written only for a member who may read the post it is about,
and what goes over the socket is the count alone (forum.consumers).
"""

from __future__ import annotations

from django.utils import timezone

from accounts.models import Member
from core.broadcast import broadcast_on_commit
from forum import selectors, visibility
from forum.models import Follow, IgnoredMember, Notification, Reply, Thread


def group_for(member_id: int) -> str:
    """The channel-layer group of member_id's notification sockets."""
    return f"notify.{member_id}"


def follow_set(*, member, thread: Thread, active: bool) -> None:
    Follow.objects.update_or_create(
        member=member, thread=thread, defaults={"active": active}
    )


def notify_reply(reply: Reply) -> None:
    """Tell followers (and the person answered) about a reply they may read. Call
    it when the reply becomes visible; a second call notifies nobody twice."""
    thread = reply.thread
    recipient_ids = set(
        Follow.objects.filter(thread_id=thread.pk, active=True).values_list(
            "member_id", flat=True
        )
    )
    if reply.parent_id is not None:
        parent_author = (
            Reply.objects.filter(pk=reply.parent_id)
            .values_list("author_id", flat=True)
            .first()
        )
        if parent_author:
            recipient_ids.add(parent_author)
    recipient_ids.discard(reply.author_id)
    recipient_ids.discard(None)
    recipient_ids -= _hiding(reply.author_id, anonymous=reply.anonymous)
    # A reply held and approved again must not notify twice.
    recipient_ids -= set(
        Notification.objects.filter(
            reply=reply, kind=Notification.Kind.REPLY
        ).values_list("recipient_id", flat=True)
    )
    if not recipient_ids:
        return
    recipients = [
        member
        for member in Member.objects.filter(pk__in=recipient_ids, is_active=True)
        if visibility.can_view_reply(member, reply)
    ]
    Notification.objects.bulk_create(
        Notification(
            recipient=member,
            kind=Notification.Kind.REPLY,
            thread_id=thread.pk,
            reply=reply,
            actor_id=reply.author_id,
        )
        for member in recipients
    )
    _announce_counts([member.pk for member in recipients])


def notify_reaction(
    *, member, thread: Thread, reply: Reply | None, post: Thread | Reply, kind: str
) -> None:
    """Tell the author of post (thread, or reply in it) that member reacted."""
    recipient_id = post.author_id
    if recipient_id is None or recipient_id == member.pk:
        return
    if recipient_id in _hiding(member.pk, anonymous=False):
        return
    recipient = Member.objects.filter(pk=recipient_id, is_active=True).first()
    if recipient is None:
        return
    allowed = (
        visibility.can_view_reply(recipient, reply)
        if reply is not None
        else visibility.can_view_thread(recipient, thread)
    )
    if not allowed:
        return
    # Taking a reaction back and giving it again doesn't notify twice.
    _, created = Notification.objects.get_or_create(
        recipient=recipient,
        kind=Notification.Kind.REACTION,
        thread_id=thread.pk,
        reply=reply,
        actor=member,
        reaction_kind=kind,
    )
    if created:
        _announce_counts([recipient.pk])


def _hiding(author_id: int | None, *, anonymous: bool) -> set[int]:
    """Members who chose not to see author_id: they aren't told of what the author
    does. An anonymous reply tells them as usual, or the silence would say who
    wrote it."""
    if author_id is None or anonymous:
        return set()
    return set(
        IgnoredMember.objects.filter(ignored_id=author_id).values_list(
            "member_id", flat=True
        )
    )


def _announce_counts(member_ids: list[int]) -> None:
    """Send each member their new unread count. Carries only the count: never a
    name, title or text, so a payload can't reveal anything the page wouldn't."""
    for member in Member.objects.filter(pk__in=member_ids):
        broadcast_on_commit(
            group_for(member.pk),
            {"type": "notify.count", "unread": selectors.unread_count(member)},
        )


def notifications_mark_read(*, member, ids: list[int] | None = None) -> int:
    """Mark member's notifications (all, or those ids) read; announce the new count."""
    query = Notification.objects.filter(recipient=member, read_at__isnull=True)
    if ids is not None:
        query = query.filter(pk__in=ids)
    changed = query.update(read_at=timezone.now())
    if changed:
        _announce_counts([member.pk])
    return changed
