"""After a chat: the member's feedback, a listener's private note, and deleting
transcripts (the member's own, and every one past retention)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import normalise_text
from support.models import ChatFeedback, ChatMessage, ListenerNote, Room, RoomMembership
from support.services.common import SupportError
from support.services.rooms import room_end

if TYPE_CHECKING:
    from accounts.models import Member


def feedback_create(
    *, room: Room, member: Member, helped: str, comment: str = ""
) -> ChatFeedback:
    if helped not in ChatFeedback.Helped.values:
        raise SupportError("bad_feedback", _("Please choose one of the answers."))
    is_member = RoomMembership.objects.filter(
        room=room, member=member, role=RoomMembership.Role.MEMBER
    ).exists()
    if not is_member or room.kind != Room.Kind.PRIVATE:
        raise PermissionDenied
    if not room.has_ended:
        raise SupportError("room_open", _("You can leave feedback once the chat ends."))
    feedback, _created = ChatFeedback.objects.update_or_create(
        room=room,
        defaults={
            "member": member,
            "helped": helped,
            "comment": normalise_text(comment).strip()[:1000],
        },
    )
    return feedback


def listener_note_create(*, room: Room, listener: Member, body: str) -> ListenerNote:
    """A private note for moderators; never shown to the member."""
    was_listener = RoomMembership.objects.filter(
        room=room, member=listener, role=RoomMembership.Role.LISTENER
    ).exists()
    if not was_listener:
        raise PermissionDenied
    body = normalise_text(body).strip()
    if not body:
        raise SupportError("empty", _("Write something first."))
    return ListenerNote.objects.create(room=room, author=listener, body=body[:4000])


def transcript_delete(*, room: Room, member: Member) -> int:
    """The member of a private chat deletes its transcript now (ending it first)."""
    if (
        not RoomMembership.objects.filter(
            room=room, member=member, role=RoomMembership.Role.MEMBER
        ).exists()
        or room.kind != Room.Kind.PRIVATE
    ):
        raise PermissionDenied
    with transaction.atomic():
        if not room.has_ended:
            room = room_end(room=room, by=member)
        deleted, _detail = ChatMessage.objects.filter(room=room).delete()
        Room.objects.filter(pk=room.pk).update(transcript_deleted_at=timezone.now())
    return deleted


def transcripts_purge(*, older_than_days: int, now=None) -> int:
    """Delete the messages of rooms that ended more than older_than_days ago."""
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    room_ids = list(
        Room.objects.filter(
            ended_at__lt=cutoff, transcript_deleted_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if not room_ids:
        return 0
    with transaction.atomic():
        deleted, _detail = ChatMessage.objects.filter(room_id__in=room_ids).delete()
        ListenerNote.objects.filter(room_id__in=room_ids).delete()
        Room.objects.filter(pk__in=room_ids).update(
            transcript_deleted_at=timezone.now()
        )
    return deleted
