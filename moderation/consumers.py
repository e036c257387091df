"""Live queue counts and urgent alerts for moderators on duty.

Only moderators connect: anyone else is refused during the handshake with close code
4404 (the socket, like the pages, does not exist for them).
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from moderation import events
from moderation.selectors import is_moderator, queue_counts

CLOSE_NOT_FOUND = 4404


class ModerationConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not await database_sync_to_async(is_moderator)(user):
            await self.close(code=CLOSE_NOT_FOUND)
            return
        for group in (events.QUEUE_GROUP, events.ALERTS_GROUP):
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        counts = await database_sync_to_async(queue_counts)()
        await self.send_json(events.counts_frame(events.counts_event(counts)))

    async def disconnect(self, code) -> None:
        for group in (events.QUEUE_GROUP, events.ALERTS_GROUP):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs) -> None:
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})
            return
        await self.send_json(
            {
                "type": "error",
                "code": "unknown_type",
                "message": 'This socket only sends; it understands "ping".',
            }
        )

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        try:
            await super().receive(text_data=text_data, bytes_data=bytes_data, **kwargs)
        except ValueError:
            await self.send_json(
                {"type": "error", "code": "bad_json", "message": "Send JSON objects."}
            )

    async def moderation_counts(self, event) -> None:
        await self.send_json(events.counts_frame(event))

    async def moderation_alert(self, event) -> None:
        await self.send_json(events.alert_frame(event))
