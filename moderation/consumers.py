"""Live queue counts and urgent alerts for moderators on duty.

Only moderators connect: anyone else is accepted and closed at once with close code
4404 (the socket, like the pages, does not exist for them).
"""

from channels.db import database_sync_to_async

from core.sockets import CLOSE_NOT_FOUND, JsonSocket
from moderation.events import (
    ALERTS_GROUP,
    QUEUE_GROUP,
    alert_frame,
    counts_event,
    counts_frame,
)
from moderation.selectors import is_moderator, queue_counts


class ModerationConsumer(JsonSocket):
    unauthenticated_code = CLOSE_NOT_FOUND

    async def admit(self) -> int | None:
        if not await database_sync_to_async(is_moderator)(self.user):
            return CLOSE_NOT_FOUND
        return None

    def socket_groups(self) -> list[str]:
        return [QUEUE_GROUP, ALERTS_GROUP]

    async def on_open(self) -> None:
        counts = await database_sync_to_async(queue_counts)()
        await self.send_frame(counts_frame(counts_event(counts)))

    async def moderation_counts(self, event: dict) -> None:
        await self.send_frame(counts_frame(event))

    async def moderation_alert(self, event: dict) -> None:
        await self.send_frame(alert_frame(event))
