"""How moderation sees, hides, restores and edits live-support objects."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.broadcast import announce
from core.text import render_user_text


def _lines(messages) -> list[dict]:
    return [
        {"author": m.author.pseudonym if m.author else "Kindred", "text": m.body}
        for m in messages
    ]


def message_snapshot(message) -> dict[str, Any]:
    from support.models import ChatMessage

    earlier = (
        ChatMessage.objects.filter(room_id=message.room_id, id__lt=message.id)
        .select_related("author")
        .order_by("-id")[:5]
    )
    return {
        "text": message.body,
        "title": chat_message_title(message),
        "author_id": message.author_id,
        "url": message.get_absolute_url(),
        "context": _lines(reversed(list(earlier))),
    }


def chat_message_title(message) -> str:
    """A queue title for a chat line: the room and when it was said."""
    said_at = formats.date_format(timezone.localtime(message.created), "j M, H:i")
    return _("Chat message in %(room)s, %(when)s") % {
        "room": message.room,
        "when": said_at,
    }


def request_snapshot(request) -> dict[str, Any]:
    labels = ", ".join(request.chip_labels())
    return {
        "text": "Asked for a live listener and said they might act on thoughts of "
        "harming themselves or their baby."
        + (f" Context: {labels}." if labels else ""),
        "title": "Urgent live-support request",
        "author_id": request.member_id,
        "url": reverse("support:listen"),
        "context": [],
    }


def room_snapshot(room) -> dict[str, Any]:
    from support.models import ChatMessage

    recent = (
        ChatMessage.objects.filter(room=room, status="visible")
        .select_related("author")
        .order_by("-id")[:8]
    )
    if room.memberships.filter(help_asked_at__isnull=False).exists():
        text = "A member asked for more help in this live chat (from the crisis panel)."
    else:
        text = "A listener asked for a moderator to join this live chat."
    return {
        "text": text,
        "title": str(room),
        "author_id": None,
        "url": room.get_absolute_url(),
        "context": _lines(reversed(list(recent))),
    }


def _announce(message) -> None:
    from support import events

    group = events.room_group(message.room_id)
    if message.status == message.Status.VISIBLE:
        announce(group, events.message_event(message))
    announce(group, events.moderated_event(message))


def set_status(message, status: str) -> None:
    with transaction.atomic():
        message.status = status
        message.save(update_fields=["status"])
        _announce(message)


def apply_edit(message, new_text: str) -> None:
    with transaction.atomic():
        message.body = new_text
        message.body_html = render_user_text(new_text)
        message.save(update_fields=["body", "body_html"])
        _announce(message)


def can_view_message(message, member) -> bool:
    """Whether member may see message: they may read its room (the one rule,
    selectors.room_role), and it is visible to them there."""
    from support import selectors

    room = message.room
    if selectors.room_role(member, room) is None:
        return False
    return selectors.visible_messages(room, member).filter(pk=message.pk).exists()


def can_view_request(request, member) -> bool:
    if member is None or not member.is_authenticated:
        return False
    return request.member_id == member.pk or member.can("moderate")


def can_view_room(room, member) -> bool:
    from support import selectors

    return selectors.room_role(member, room) is not None
