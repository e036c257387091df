"""Live support's WebSocket consumers, one module per socket, all built on
core.sockets.JsonSocket (docs/live-protocol.md)."""

from support.consumers.queue import QueueConsumer
from support.consumers.room import RoomConsumer
from support.consumers.waiting import WaitingConsumer

__all__ = ["QueueConsumer", "RoomConsumer", "WaitingConsumer"]
