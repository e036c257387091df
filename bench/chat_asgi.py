"""Kindred's ASGI application as the chat benchmark serves it.

Unchanged, except that the per-socket flood limits of the room socket are raised:
a steady load of several messages a second per socket is what is being measured, and
the limit check itself still runs on every frame.
"""

from kindred.asgi import application  # noqa: F401
from support.consumers import RoomConsumer

RoomConsumer.frame_limit = (100_000, 10.0)
RoomConsumer.message_limit = (100_000, 10.0)
