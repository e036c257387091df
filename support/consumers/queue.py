"""/ws/support/queue/: listeners (and moderators) watch the queue live.

Moderators' sockets also carry moderation's alerts (moderation.events), so that a
moderator on the listener queue hears of an urgent request at once.
"""

from __future__ import annotations

from channels.db import database_sync_to_async

from core.sockets import CLOSE_FORBIDDEN, JsonSocket
from moderation.events import ALERTS_GROUP, alert_frame
from support import events, selectors
from support.consumers.language import InTheirLanguage


class QueueConsumer(InTheirLanguage, JsonSocket):
    """/ws/support/queue/: the waiting requests, as each listener may take them."""

    async def admit(self) -> int | None:
        allowed, self.is_moderator, self.snapshot = await database_sync_to_async(
            self._load
        )()
        return None if allowed else CLOSE_FORBIDDEN

    def _load(self) -> tuple[bool, bool, dict | None]:
        can_listen = self.user.can("listen")
        is_moderator = self.user.can("moderate")
        if not (can_listen or is_moderator):
            return False, False, None
        return True, is_moderator, selectors.queue_snapshot()

    def socket_groups(self) -> list[str]:
        groups = [events.QUEUE_GROUP, events.listener_group(self.user.pk)]
        if self.is_moderator:
            groups.append(ALERTS_GROUP)
        return groups

    async def on_open(self) -> None:
        await self.queue_snapshot(events.queue_event(self.snapshot))
        self.snapshot = None

    async def queue_snapshot(self, event: dict) -> None:
        snapshot = event["snapshot"]
        await self.send_frame(
            {
                "type": "queue",
                "requests": selectors.queue_for_listener(snapshot, self.user.pk),
                "on_duty": snapshot["on_duty"],
            }
        )

    async def queue_assigned(self, event: dict) -> None:
        await self.send_frame(
            {
                "type": "assigned",
                "room_url": event["room_url"],
                "message": events.assigned_text(event["by"]),
            }
        )

    async def moderation_alert(self, event: dict) -> None:
        await self.send_frame(alert_frame(event))
