"""/ws/support/requests/<id>/: the member waiting for a listener sees her place in
the queue, then where her chat is."""

from __future__ import annotations

from channels.db import database_sync_to_async

from core.sockets import CLOSE_FORBIDDEN, JsonSocket
from support import events, selectors
from support.consumers.language import InTheirLanguage


class WaitingConsumer(InTheirLanguage, JsonSocket):
    """/ws/support/requests/<id>/: only the member who made the request."""

    async def admit(self) -> int | None:
        self.request_id = int(self.scope["url_route"]["kwargs"]["request_id"])
        self.status = await database_sync_to_async(self._load)()
        return None if self.status is not None else CLOSE_FORBIDDEN

    def _load(self) -> dict | None:
        request = selectors.request_for_member(self.user, self.request_id)
        if request is None:
            return None
        return events.status_frame(**selectors.waiting_place(request))

    def socket_groups(self) -> list[str]:
        return [events.WAITING_GROUP, events.request_group(self.request_id)]

    async def on_open(self) -> None:
        await self.send_frame(self.status)

    async def queue_snapshot(self, event: dict) -> None:
        status = events.status_frame_from_snapshot(event["snapshot"], self.request_id)
        if status is not None:
            await self.send_frame(status)

    async def request_event(self, event: dict) -> None:
        await self.send_frame(dict(event["event"]))
