"""What a room socket relays from the channel layer: group events become frames
for the browser without touching the database (RoomConsumer's other half)."""

from __future__ import annotations

import asyncio

from channels.exceptions import ChannelFull
from django.utils.translation import gettext as _

from core.sockets import CLOSE_REMOVED
from support import events

# How long a presence change waits for others that come with it.
PRESENCE_SETTLE_SECONDS = 0.2


class RoomEventsMixin:
    """Group event handlers of RoomConsumer (support.consumers.room)."""

    # --- Group events (relayed without database work) ----------------------------

    async def chat_message(self, event: dict) -> None:
        await self._deliver_frame(event["seq"], event["id"], event["frame"])

    async def chat_typing(self, event: dict) -> None:
        if event["channel"] != self.channel_name and event["id"] != self.user.pk:
            await self.send_frame(
                {"type": "typing", "author": event["name"], "author_id": event["id"]}
            )

    async def chat_presence_join(self, event: dict) -> None:
        self.present[event["channel"]] = _who(event)
        if event["channel"] != self.channel_name:
            try:
                await self.channel_layer.send(
                    event["channel"],
                    events.presence_event("here", self.channel_name, self.identity),
                )
            except ChannelFull:
                # A busy process's inbox is full: presence is a courtesy, and
                # the layer drops group events over capacity the same way.
                pass
        await self._send_presence()

    async def chat_presence_here(self, event: dict) -> None:
        self.present[event["channel"]] = _who(event)
        await self._send_presence()

    async def chat_presence_leave(self, event: dict) -> None:
        if self.present.pop(event["channel"], None) is not None:
            await self._send_presence()

    async def _send_presence(self) -> None:
        """Tell the browser who is here, once arrivals and departures settle.

        People coming together (a group room filling up, every socket rejoining
        after a restart) would otherwise cost each socket one frame per arrival,
        each naming everyone: n² frames of n names."""
        pending = getattr(self, "presence_pending", None)
        if pending is None or pending.done():
            self.presence_pending = asyncio.create_task(self._send_presence_later())

    async def _send_presence_later(self) -> None:
        await asyncio.sleep(PRESENCE_SETTLE_SECONDS)
        if not self.ready:
            return
        here: dict[int, dict] = {}
        for person in self.present.values():
            here.setdefault(person["id"], person)
        await self.send_frame({"type": "presence", "here": list(here.values())})

    async def chat_moderated(self, event: dict) -> None:
        await self.send_frame(
            {
                "type": "moderated",
                "id": event["id"],
                "status": event["status"],
                "body_html": event["body_html"],
            }
        )

    async def chat_ended(self, event: dict) -> None:
        self.session.forget()
        await self.send_frame({"type": "ended", "by": event["by"]})

    async def chat_room(self, event: dict) -> None:
        self.session.forget()
        changed = {
            key: event[key]
            for key in ("slow_mode_seconds", "host_present")
            if key in event
        }
        if "host_present" in changed:
            self.host_present = changed["host_present"]
        await self.send_frame({"type": "room", **changed})

    async def chat_muted(self, event: dict) -> None:
        self.session.forget()
        await self.send_frame({"type": "muted", "until": event["until"]})

    async def chat_crisis(self, event: dict) -> None:
        await self.send_frame({"type": "crisis", "html": event["html"]})

    async def chat_revoked(self, event: dict) -> None:
        await self.send_frame(
            {
                "type": "revoked",
                "message": _("You've handed this chat over. Thank you."),
            }
        )
        await self.close(code=CLOSE_REMOVED)

    async def chat_listener_note(self, event: dict) -> None:
        # Only listeners' and moderators' sockets are in the hosts group.
        frame = {
            "type": "listener_note",
            "kind": event["kind"],
            "member": event["member"],
            "member_id": event["member_id"],
            # Worded here, in this listener's language, not the writer's.
            "text": events.listener_note_text(event["kind"], event["member"]),
        }
        if "message_id" in event:
            frame["message_id"] = event["message_id"]
        await self.send_frame(frame)


def _who(event: dict) -> dict:
    return {"id": event["id"], "name": event["name"], "role": event["role"]}
