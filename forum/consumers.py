"""Live unread-notification counts at /ws/notifications/.

A signed-in member's socket joins "notify.<member id>" and receives
{"type": "notification", "unread": n} whenever that number changes. Payloads carry
the count only, so nothing reaches a socket that the notifications page wouldn't
show. Anonymous sockets are refused.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from forum import selectors
from forum.services import group_for


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=4401)
            return
        self.group = group_for(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json({"type": "notification", "unread": await self._unread()})

    async def disconnect(self, code):
        group = getattr(self, "group", None)
        if group:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "sync":
            await self.send_json(
                {"type": "notification", "unread": await self._unread()}
            )
            return
        await self.send_json(
            {
                "type": "error",
                "code": "unknown_type",
                "message": "This socket only sends notification counts.",
            }
        )

    async def decode_json(self, text_data):
        try:
            return await super().decode_json(text_data)
        except ValueError:
            return None

    async def notify_count(self, event):
        await self.send_json({"type": "notification", "unread": int(event["unread"])})

    @database_sync_to_async
    def _unread(self) -> int:
        return selectors.unread_count(self.scope["user"])
