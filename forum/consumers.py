"""Live unread-notification counts at /ws/notifications/.

A signed-in member's socket joins "notify.<member id>" and receives
{"type": "notification", "unread": n} whenever that number changes; it may ask
again with {"type": "sync"}. Payloads carry the count only, so nothing reaches a
socket that the notifications page wouldn't show. Anonymous sockets are accepted
and closed at once with 4401.
"""

from channels.db import database_sync_to_async

from core.sockets import CLOSE_UNAUTHENTICATED, JsonSocket
from forum import selectors
from forum.services import group_for


class NotificationConsumer(JsonSocket):
    handlers = {**JsonSocket.handlers, "sync": "on_sync"}

    async def admit(self) -> int | None:
        return None if self.user.is_active else CLOSE_UNAUTHENTICATED

    def socket_groups(self) -> list[str]:
        return [group_for(self.user.pk)]

    async def on_open(self) -> None:
        await self._send_count()

    async def on_sync(self, frame: dict) -> None:
        await self._send_count()

    async def notify_count(self, event: dict) -> None:
        await self.send_frame({"type": "notification", "unread": int(event["unread"])})

    async def _send_count(self) -> None:
        unread = await database_sync_to_async(selectors.unread_count)(self.user)
        await self.send_frame({"type": "notification", "unread": unread})
