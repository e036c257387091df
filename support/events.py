"""What live support says on the wire: channel-layer groups, the events services
announce to them, and the frames sockets send (docs/live-protocol.md).

Services build events here and announce them (core.broadcast.announce); the
consumers in support.consumers relay them as frames without touching the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.sockets import encode_frame

if TYPE_CHECKING:
    from accounts.models import Member
    from support.models import ChatMessage

# --- Groups ----------------------------------------------------------------------

QUEUE_GROUP = "support.queue"  # listeners' (and moderators') queue sockets
WAITING_GROUP = "support.waiting"  # every member waiting for a listener


def room_group(room_id: int) -> str:
    """Every socket open on a room."""
    return f"room.{room_id}"


def room_member_group(room_id: int, member_id: int) -> str:
    """Every socket one person has open on one room (held messages, crisis panel)."""
    return f"room.{room_id}.member.{member_id}"


def room_hosts_group(room_id: int) -> str:
    """The sockets of the listeners and moderators in a room: quiet notes about the
    member they are with, which the member and other members never get."""
    return f"room.{room_id}.hosts"


def request_group(request_id: int) -> str:
    """The waiting page of one request."""
    return f"request.{request_id}"


def listener_group(listener_id: int) -> str:
    """Every queue socket of one listener (a chat handed to them)."""
    return f"listener.{listener_id}"


# --- Messages --------------------------------------------------------------------


def held_notice() -> str:
    return _(
        "To keep everyone safe, we don't share phone numbers, emails or other "
        "accounts here, so this message is waiting for a moderator and only you "
        "can see it. You're welcome to keep talking here."
    )


def message_payload(message: ChatMessage) -> dict[str, Any]:
    """The wire form of a stored message (the "message" frame)."""
    author = message.author
    payload: dict[str, Any] = {
        "type": "message",
        "id": message.id,
        "seq": message.seq,
        "room": message.room_id,
        "author": author.pseudonym if author is not None else "",
        "author_id": author.pk if author is not None else None,
        "author_role": message.author_role,
        "kind": message.kind,
        "body_html": message.body_html,
        "status": message.status,
        "created": message.created.isoformat(),
        "client_id": message.client_id,
    }
    if message.card:
        payload["card"] = message.card
    if message.status == message.Status.HELD:
        payload["notice"] = held_notice()
    return payload


def message_event(message: ChatMessage) -> dict[str, Any]:
    """A stored message announced to a room. Its frame is encoded once here, not
    once per socket that relays it."""
    return {
        "type": "chat.message",
        "id": message.id,
        "seq": message.seq,
        "frame": encode_frame(message_payload(message)),
    }


def moderated_event(message: ChatMessage) -> dict[str, Any]:
    """A moderator approved, hid or edited a message."""
    visible = message.status == message.Status.VISIBLE
    return {
        "type": "chat.moderated",
        "id": message.id,
        "status": message.status,
        "body_html": message.body_html if visible else "",
    }


# --- Rooms -----------------------------------------------------------------------


def crisis_event(html: str) -> dict[str, Any]:
    """The crisis panel, for the writer of a message that read as high risk."""
    return {"type": "chat.crisis", "html": html}


LISTENER_NOTE_CRISIS_SHOWN = "crisis_shown"
LISTENER_NOTE_HELP_ASKED = "help_asked"


def listener_note_text(kind: str, name: str) -> str:
    if kind == LISTENER_NOTE_HELP_ASKED:
        return _(
            "%(name)s pressed “Tell my listener I need more help”. A "
            "moderator has been asked to join you. Stay with them; you're not "
            "holding this alone."
        ) % {"name": name}
    return _(
        "%(name)s's message brought up the crisis lines for them. You don't have "
        "to fix anything: stay with them, and ask a moderator to join if you're "
        "worried."
    ) % {"name": name}


def listener_note_event(
    *, kind: str, member: Member, message_id: int | None = None
) -> dict[str, Any]:
    """A quiet note for the listeners and moderators in a room (room_hosts_group)
    about the member they are with: her message brought up the crisis panel
    (kind "crisis_shown", with the message's id), or she asked for more help
    ("help_asked"). Never sent to members."""
    event: dict[str, Any] = {
        "type": "chat.listener_note",
        "kind": kind,
        "member": member.pseudonym,
        "member_id": member.pk,
        "text": listener_note_text(kind, member.pseudonym),
    }
    if message_id is not None:
        event["message_id"] = message_id
    return event


def help_asked_frame() -> dict[str, Any]:
    """What a member who asked for more help is told (her sockets only)."""
    return {
        "type": "help_asked",
        "message": _(
            "Your listener knows, and a moderator has been asked to join you. If "
            "you or your baby are in danger right now, please call the emergency "
            "number above."
        ),
    }


def ended_event(by_name: str) -> dict[str, Any]:
    return {"type": "chat.ended", "by": by_name}


def room_changed_event(**changed: Any) -> dict[str, Any]:
    """What changed about a room: slow_mode_seconds, host_present."""
    return {"type": "chat.room", **changed}


def muted_event(until: str | None) -> dict[str, Any]:
    return {"type": "chat.muted", "until": until}


def revoked_event() -> dict[str, Any]:
    """For a listener who handed the chat over: their sockets close."""
    return {"type": "chat.revoked"}


def typing_event(channel: str, identity: dict[str, Any]) -> dict[str, Any]:
    return {"type": "chat.typing", "channel": channel, **identity}


def presence_event(kind: str, channel: str, identity: dict | None = None) -> dict:
    """kind: "join" (to the room), "here" (to one socket), "leave" (to the room)."""
    return {"type": f"chat.presence_{kind}", "channel": channel, **(identity or {})}


# --- The queue and waiting members -----------------------------------------------


def queue_event(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The queue as it stands (selectors.queue_snapshot), for listeners and
    waiting members alike; each socket makes its own view of it."""
    return {"type": "queue.snapshot", "snapshot": snapshot}


def assigned_event(room_url: str, by_name: str) -> dict[str, Any]:
    """A chat was handed to a listener by another (worded by the receiving socket,
    in its listener's language: assigned_text)."""
    return {"type": "queue.assigned", "room_url": room_url, "by": by_name}


def assigned_text(by_name: str) -> str:
    return _("%(name)s handed a chat to you.") % {"name": by_name}


def request_event(frame: dict[str, Any]) -> dict[str, Any]:
    """A frame for the waiting page of one request ("accepted", "cancelled")."""
    return {"type": "request.event", "event": frame}


def plain_estimate(position: int | None, on_duty: int) -> str:
    """A plain, honest sentence about the wait (never a promise)."""
    if position is None:
        return ""
    if on_duty == 0:
        return _(
            "No listener is on duty this minute. Your request stays open, and the "
            "first listener to come on duty will see it."
        )
    if position == 1:
        return _("You're next. Most people are joined within a few minutes.")
    return ngettext(
        "There is %(ahead)d person ahead of you. It may take a little longer than "
        "usual, and you're still in the queue.",
        "There are %(ahead)d people ahead of you. It may take a little longer than "
        "usual, and you're still in the queue.",
        position - 1,
    ) % {"ahead": position - 1}


def status_frame(
    *, status: str, position: int | None, on_duty: int, room_url: str = ""
) -> dict[str, Any]:
    """What the waiting member is told (selectors.waiting_place reads it)."""
    frame: dict[str, Any] = {
        "type": "status",
        "status": status,
        "position": position,
        "on_duty": on_duty,
        "estimate": plain_estimate(position, on_duty),
    }
    if room_url:
        frame["room_url"] = room_url
    return frame


def status_frame_from_snapshot(
    snapshot: dict[str, Any], request_id: int
) -> dict[str, Any] | None:
    """A waiting member's status from a queue snapshot (no queries), or None once
    the request has left the queue."""
    order = snapshot["order"]
    if request_id not in order:
        return None
    return status_frame(
        status="waiting",
        position=order.index(request_id) + 1,
        on_duty=snapshot["on_duty"],
    )
