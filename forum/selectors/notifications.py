"""A member's notifications, filtered by what they may still see."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from forum import visibility
from forum.models import (
    Notification,
)

NOTIFICATIONS_PER_PAGE = 30

# --- notifications ---------------------------------------------------------------


def notifications_for(member) -> QuerySet:
    """member's notifications about posts member may still read."""
    return Notification.objects.filter(recipient_id=member.pk).filter(
        visibility.thread_q(member, prefix="thread__"),
        Q(reply__isnull=True) | visibility.reply_q(member, prefix="reply__"),
    )


def unread_count(member) -> int:
    if member is None or not member.is_authenticated:
        return 0
    return notifications_for(member).filter(read_at__isnull=True).count()


def notification_page(member, page_number) -> Page:
    notifications = notifications_for(member).select_related(
        "thread", "reply", "reply__author", "reply__parent", "thread__author"
    )
    page = Paginator(notifications, NOTIFICATIONS_PER_PAGE).get_page(page_number)
    items = []
    for notification in page.object_list:
        notification.text = notification_text(notification, member)
        notification.url = (
            notification.reply.get_absolute_url()
            if notification.reply_id
            else notification.thread.get_absolute_url()
        )
        items.append(notification)
    page.object_list = items
    return page


def notification_text(notification: Notification, member) -> str:
    """What a notification says, naming nobody member may not know."""
    from django.utils.translation import gettext as _

    title = notification.thread.title or _("a thread")
    if notification.kind == Notification.Kind.REPLY:
        name = visibility.display_name(notification.reply, member)
        if (
            notification.reply.parent_id
            and notification.reply.parent.author_id == member.pk
        ):
            return _("%(name)s answered your reply in “%(title)s”") % {
                "name": name,
                "title": title,
            }
        return _("%(name)s replied in “%(title)s”") % {"name": name, "title": title}
    # Reactions never name who reacted: a kindness, not a scoreboard.
    what = _("your reply") if notification.reply_id else _("your post")
    reaction = notification.get_reaction_kind_display().lower()
    return _("Someone sent “%(reaction)s” on %(what)s in “%(title)s”") % {
        "reaction": reaction,
        "what": what,
        "title": title,
    }
