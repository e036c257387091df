"""Live support writes, one module per workflow:

- listeners: going on and off duty, a listener's profile;
- requests: asking for someone, cancelling, accepting (the accept lock);
- chat: the chat write path (ChatSession: checked, screened, stored, announced);
- numbering: a room's next message number (seq), taken as the message is stored;
- rooms: a moderator joining, ending, handover, escalation (a listener's, or a
  member asking for more help), group-room hosts, slow mode and muting;
- transcripts: feedback, listener notes, deleting and purging transcripts;
- common: SupportError and the announcements several workflows make.

Every event is announced once the transaction commits (core.broadcast.announce),
and every chat message is stored before it is announced.
"""

from support.services.chat import (
    MAX_CLIENT_ID_CHARS,
    MAX_MESSAGE_CHARS,
    ChatSession,
    Sent,
    looks_like_contact_swap,
    message_create,
    resource_card_send,
    system_message,
)
from support.services.common import SupportError, announce_queue
from support.services.listeners import listener_set_duty, listener_update_profile
from support.services.requests import request_accept, request_cancel, request_create
from support.services.rooms import (
    HELP_ASK_AGAIN_AFTER,
    MAX_MUTE_MINUTES,
    MAX_SLOW_MODE_SECONDS,
    room_ask_for_help,
    room_end,
    room_escalate,
    room_handover,
    room_host_arrive,
    room_host_leave,
    room_host_touch,
    room_join_as_moderator,
    room_mute,
    room_set_slow_mode,
)
from support.services.transcripts import (
    feedback_create,
    listener_note_create,
    transcript_delete,
    transcripts_purge,
)

__all__ = [
    "HELP_ASK_AGAIN_AFTER",
    "MAX_CLIENT_ID_CHARS",
    "MAX_MESSAGE_CHARS",
    "MAX_MUTE_MINUTES",
    "MAX_SLOW_MODE_SECONDS",
    "ChatSession",
    "Sent",
    "SupportError",
    "announce_queue",
    "feedback_create",
    "listener_note_create",
    "listener_set_duty",
    "listener_update_profile",
    "looks_like_contact_swap",
    "message_create",
    "request_accept",
    "request_cancel",
    "request_create",
    "resource_card_send",
    "room_ask_for_help",
    "room_end",
    "room_escalate",
    "room_handover",
    "room_host_arrive",
    "room_host_leave",
    "room_host_touch",
    "room_join_as_moderator",
    "room_mute",
    "room_set_slow_mode",
    "system_message",
    "transcript_delete",
    "transcripts_purge",
]
