"""Logging filters."""

from __future__ import annotations

import logging
import threading
import time


class QuietRepeats(logging.Filter):
    """Lets a message through at most once every `seconds`, per logger and
    message; the next one let through says how many were held back.

    channels-redis logs a full traceback every second while Redis is away (its
    receive loop retrying); one a minute says as much."""

    def __init__(self, seconds: float = 60.0):
        super().__init__()
        self.seconds = seconds
        self.last_passed: dict[tuple[str, str], float] = {}
        self.held_back: dict[tuple[str, str], int] = {}
        self.lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg))
        now = time.monotonic()
        with self.lock:
            last = self.last_passed.get(key)
            if last is not None and now - last < self.seconds:
                self.held_back[key] = self.held_back.get(key, 0) + 1
                return False
            self.last_passed[key] = now
            held = self.held_back.pop(key, 0)
        if held:
            record.msg = f"{record.msg} (and {held} more like it since)"
        return True
