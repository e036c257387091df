"""Live support's WebSocket consumers, one module per socket, all built on
core.sockets.JsonSocket (README, "WebSocket protocol")."""

from support.consumers.queue import QueueConsumer
from support.consumers.room import RoomConsumer
from support.consumers.waiting import WaitingConsumer

__all__ = ["QueueConsumer", "RoomConsumer", "WaitingConsumer"]
