"""What moderation announces live, to whom, and how a socket passes it on.

Two audiences, one group each: the queue's counts go to moderators' queue pages;
urgent alerts go to every socket a moderator has open (the queue, the listener queue).
"""

from __future__ import annotations

from typing import Any

QUEUE_GROUP = "moderation.queue"
ALERTS_GROUP = "moderation.alerts"


def counts_event(counts: dict[str, int], *, changed_view: str = "") -> dict[str, Any]:
    return {"type": "moderation.counts", "counts": counts, "view": changed_view}


def alert_event(
    *,
    alert: str,
    level: str,
    message: str,
    url: str,
    item: int | None = None,
    view: str = "",
) -> dict[str, Any]:
    """An urgent alert: what happened (alert), how urgent, words for a moderator and
    where to act on it."""
    return {
        "type": "moderation.alert",
        "alert": alert,
        "level": level,
        "message": message,
        "url": url,
        "item": item,
        "view": view,
    }


def counts_frame(event: dict[str, Any]) -> dict[str, Any]:
    return {"type": "counts", "counts": event["counts"], "view": event.get("view", "")}


def alert_frame(event: dict[str, Any]) -> dict[str, Any]:
    """The frame a moderator's socket sends for an alert event."""
    return {
        "type": "alert",
        "alert": event["alert"],
        "level": event["level"],
        "message": event["message"],
        "url": event["url"],
        "item": event["item"],
        "view": event["view"],
    }
