"""What every live-support workflow shares: the refusal it raises, and the
announcement more than one of them makes (the queue changed).
"""

from __future__ import annotations

from core.broadcast import announce_built
from support import events, selectors


class SupportError(Exception):
    """A refused action, with a code for the protocol and words for the person."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def announce_queue() -> None:
    """Send the queue, as it stands once this commits, to on-duty listeners and
    waiting members."""

    def build():
        event = events.queue_event(selectors.queue_snapshot())
        return [(events.QUEUE_GROUP, event), (events.WAITING_GROUP, event)]

    announce_built(build)
