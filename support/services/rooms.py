"""Rooms once they are open: a moderator joining, ending, handing a chat over,
asking for a moderator, who is hosting a group room, slow mode and muting."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.broadcast import announce
from moderation.services import alert_moderators, alert_raise
from support import events, selectors
from support.models import (
    HostConnection,
    ListenerStatus,
    Room,
    RoomMembership,
    SupportRequest,
)
from support.services.chat import in_chat_language, system_message
from support.services.common import SupportError, announce_queue

if TYPE_CHECKING:
    from accounts.models import Member

MAX_MUTE_MINUTES = 7 * 24 * 60
MAX_SLOW_MODE_SECONDS = 600
# Pressing "Tell my listener I need more help" again within this time tells
# nobody anything new: one press is one escalation.
HELP_ASK_AGAIN_AFTER = timedelta(minutes=2)


def _lock_room(room: Room) -> Room:
    return Room.objects.select_for_update().get(pk=room.pk)


def room_join_as_moderator(*, room: Room, moderator: Member) -> None:
    """A moderator joins a private room; everyone in it is told, nobody is watched
    without knowing."""
    if not moderator.is_moderator:
        raise PermissionDenied
    with transaction.atomic():
        membership, created = RoomMembership.objects.get_or_create(
            room=room,
            member=moderator,
            defaults={"role": RoomMembership.Role.MODERATOR},
        )
        if not created and membership.left_at is None:
            return
        if not created:
            membership.left_at = None
            membership.save(update_fields=["left_at"])
        with in_chat_language(room):
            system_message(
                room,
                _("%(name)s, a moderator, has joined.") % {"name": moderator.pseudonym},
            )


def room_end(*, room: Room, by: Member) -> Room:
    """End a chat (either side, or a moderator). The transcript stays readable by
    its participants until retention deletes it."""
    with transaction.atomic():
        room = _lock_room(room)
        role = selectors.room_role(by, room)
        if role is None:
            raise PermissionDenied
        if room.kind == Room.Kind.GROUP and role != RoomMembership.Role.MODERATOR:
            raise PermissionDenied
        if room.has_ended:
            return room
        room.ended_at = timezone.now()
        room.ended_by = by
        room.save(update_fields=["ended_at", "ended_by"])
        if room.request_id:
            SupportRequest.objects.filter(pk=room.request_id).update(
                status=SupportRequest.Status.ENDED, updated=room.ended_at
            )
        announce(events.room_group(room.pk), events.ended_event(by.pseudonym))
        announce_queue()
    return room


def room_handover(*, room: Room, from_listener: Member, to_listener: Member) -> Room:
    """Pass a chat to another listener without the member being dropped."""
    with transaction.atomic():
        room = _lock_room(room)
        if room.has_ended or room.kind != Room.Kind.PRIVATE:
            raise SupportError("room_ended", _("This chat has ended."))
        current = RoomMembership.objects.filter(
            room=room,
            member=from_listener,
            role=RoomMembership.Role.LISTENER,
            left_at__isnull=True,
        ).first()
        if current is None:
            raise PermissionDenied
        if to_listener.pk == from_listener.pk or not to_listener.can("listen"):
            raise SupportError("bad_listener", _("Choose another listener on duty."))
        status = (
            ListenerStatus.objects.select_for_update()
            .filter(listener=to_listener)
            .first()
        )
        if status is None or not status.on_duty:
            raise SupportError("bad_listener", _("That listener isn't on duty."))
        if selectors.listener_chat_count(to_listener) >= status.max_chats:
            raise SupportError(
                "at_capacity", _("That listener has as many chats as they can hold.")
            )
        now = timezone.now()
        current.left_at = now
        current.save(update_fields=["left_at"])
        membership, created = RoomMembership.objects.get_or_create(
            room=room,
            member=to_listener,
            defaults={"role": RoomMembership.Role.LISTENER},
        )
        if not created:
            membership.left_at = None
            membership.role = RoomMembership.Role.LISTENER
            membership.save(update_fields=["left_at", "role"])
        if room.request_id:
            SupportRequest.objects.filter(pk=room.request_id).update(
                listener=to_listener
            )
        with in_chat_language(room):
            system_message(
                room,
                _(
                    "%(old)s has handed this chat to %(new)s, another listener, "
                    "who is here now."
                )
                % {"old": from_listener.pseudonym, "new": to_listener.pseudonym},
            )
        announce(
            events.room_member_group(room.pk, from_listener.pk),
            events.revoked_event(),
        )
        announce(
            events.listener_group(to_listener.pk),
            events.assigned_event(room.get_absolute_url(), from_listener.pseudonym),
        )
    return room


def room_escalate(*, room: Room, by: Member) -> Room:
    """A listener asks a moderator to join: nobody handles imminent risk alone."""
    with transaction.atomic():
        room = _lock_room(room)
        role = selectors.room_role(by, room)
        if role not in {RoomMembership.Role.LISTENER, RoomMembership.Role.MODERATOR}:
            raise PermissionDenied
        if room.has_ended:
            raise SupportError("room_ended", _("This chat has ended."))
        message = _("%(name)s asked for a moderator in a live chat.") % {
            "name": by.pseudonym
        }
        if room.escalated_at is None:
            room.escalated_at = timezone.now()
            room.save(update_fields=["escalated_at"])
            with in_chat_language(room):
                system_message(room, _("A moderator has been asked to join this chat."))
            alert_raise(
                target=room,
                author=by,
                level="high",
                categories=("escalation",),
                reason="listener_escalation",
                alert="escalation",
                message=message,
                url=room.get_absolute_url(),
            )
        else:
            # Asking again alerts again: someone may still be waiting for an answer.
            alert_moderators(
                alert="escalation",
                level="high",
                message=message,
                url=room.get_absolute_url(),
            )
    return room


def room_ask_for_help(*, room_id: int, member: Member) -> bool:
    """The member pressed "Tell my listener I need more help" in her crisis panel:
    her listener (and any moderator in the room) gets a quiet note, and moderators
    an urgent alert on the room's review item, so nobody holds it alone.

    Only a member of the room may ask (PermissionDenied otherwise). Asking again
    within HELP_ASK_AGAIN_AFTER changes nothing and returns False; the first press,
    and each one after that, returns True. The membership row is locked while it
    is read and written, so two presses at once make one escalation.
    """
    with transaction.atomic():
        room = Room.objects.select_for_update().filter(pk=room_id).first()
        if room is None or selectors.room_role(member, room) != "member":
            raise PermissionDenied
        if room.has_ended:
            raise SupportError("room_ended", _("This chat has ended."))
        membership, _created = RoomMembership.objects.select_for_update().get_or_create(
            room=room, member=member, defaults={"role": RoomMembership.Role.MEMBER}
        )
        now = timezone.now()
        asked = membership.help_asked_at
        if asked is not None and now - asked < HELP_ASK_AGAIN_AFTER:
            return False
        membership.help_asked_at = now
        membership.save(update_fields=["help_asked_at"])
        if room.escalated_at is None:
            room.escalated_at = now
            room.save(update_fields=["escalated_at"])
        if room.kind == Room.Kind.PRIVATE:
            # In a group room the others never hear about one member's crisis.
            with in_chat_language(room):
                system_message(room, _("A moderator has been asked to join this chat."))
        announce(
            events.room_hosts_group(room.pk),
            events.listener_note_event(
                kind=events.LISTENER_NOTE_HELP_ASKED, member=member
            ),
        )
        alert_raise(
            target=room,
            author=member,
            level="urgent",
            categories=("escalation",),
            reason="member_asked_for_help",
            alert="escalation",
            message=_(
                "Someone in a live chat was shown the crisis lines and asked for "
                "more help than their listener can give alone."
            ),
            url=room.get_absolute_url(),
            always_alert=True,
        )
    return True


def room_host_arrive(*, room_id: int, host: Member, channel_name: str) -> None:
    """Count one socket of a listener or moderator as there in a group room (again,
    when its row went stale or missing); the room is told when it is the first."""
    now = timezone.now()
    with transaction.atomic():
        # Arrivals and departures in one room take turns, so exactly one of them
        # sees each change from "nobody here" to "someone here" and back.
        room = Room.objects.select_for_update().filter(pk=room_id).first()
        if room is None:
            return
        was_hosted = selectors.room_has_host(room.pk, now)
        HostConnection.objects.filter(
            room=room, last_seen__lt=now - selectors.HOST_STALE_AFTER
        ).delete()
        HostConnection.objects.update_or_create(
            channel_name=channel_name,
            defaults={"room": room, "host": host, "last_seen": now},
        )
        if not was_hosted:
            _announce_hosts(room.pk, present=True)


def room_host_touch(*, room_id: int, host: Member, channel_name: str) -> None:
    """A host's socket is still alive (it sent a ping): one UPDATE, unless its row
    went stale or missing meanwhile, when it arrives again."""
    now = timezone.now()
    touched = (
        selectors.fresh_host_connections(now)
        .filter(channel_name=channel_name)
        .update(last_seen=now)
    )
    if not touched:
        room_host_arrive(room_id=room_id, host=host, channel_name=channel_name)


def room_host_leave(*, room_id: int, channel_name: str) -> None:
    """A host's socket closed; the room is told when nobody is left to host it."""
    with transaction.atomic():
        room = Room.objects.select_for_update().filter(pk=room_id).first()
        if room is None:
            return  # its host rows went with it
        deleted, _detail = HostConnection.objects.filter(
            channel_name=channel_name
        ).delete()
        if deleted and not selectors.room_has_host(room.pk):
            _announce_hosts(room.pk, present=False)


def _announce_hosts(room_id: int, *, present: bool) -> None:
    announce(
        events.room_group(room_id), events.room_changed_event(host_present=present)
    )


def room_set_slow_mode(*, room: Room, by: Member, seconds: int) -> Room:
    if not by.is_moderator:
        raise PermissionDenied
    seconds = max(0, min(int(seconds), MAX_SLOW_MODE_SECONDS))
    with transaction.atomic():
        room = _lock_room(room)
        room.slow_mode_seconds = seconds
        room.save(update_fields=["slow_mode_seconds"])
        if seconds:
            text = _("Slow mode is on: one message every %(seconds)d seconds.") % {
                "seconds": seconds
            }
        else:
            text = _("Slow mode is off.")
        system_message(room, text)
        announce(
            events.room_group(room.pk),
            events.room_changed_event(slow_mode_seconds=seconds),
        )
    return room


def room_mute(
    *, room: Room, by: Member, member: Member, minutes: int
) -> RoomMembership:
    """A moderator pauses one person's messages in a room (0 minutes lifts it)."""
    if not by.is_moderator:
        raise PermissionDenied
    minutes = max(0, min(int(minutes), MAX_MUTE_MINUTES))
    if member.pk == by.pk:
        raise SupportError("bad_member", _("You can't mute yourself."))
    with transaction.atomic():
        membership, _created = RoomMembership.objects.select_for_update().get_or_create(
            room=room, member=member, defaults={"role": RoomMembership.Role.MEMBER}
        )
        membership.muted_until = (
            timezone.now() + timedelta(minutes=minutes) if minutes else None
        )
        membership.save(update_fields=["muted_until"])
        until = membership.muted_until
        announce(
            events.room_member_group(room.pk, member.pk),
            events.muted_event(until.isoformat() if until else None),
        )
    return membership
