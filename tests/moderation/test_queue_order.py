"""The queue's order and counts come from a rank the database keeps beside each
item's level, so they hold however the level was written."""

import pytest
from django.contrib.contenttypes.models import ContentType

from accounts.models import Member
from moderation.models import QueueView, ReviewItem
from moderation.selectors import queue_counts, queue_for

pytestmark = pytest.mark.django_db


def make_items(*specs):
    """specs: (name, view, level, score, status); items opened in that order."""
    member_type = ContentType.objects.get_for_model(Member)
    return {
        name: ReviewItem.objects.create(
            content_type=member_type,
            object_id=f"order-{name}",
            kind="member",
            view=view,
            level=level,
            score=score,
            status=status,
        )
        for name, view, level, score, status in specs
    }


def names(items) -> list[str]:
    return [item.object_id.removeprefix("order-") for item in items]


def test_urgent_first_then_higher_score_then_older(moderator):
    make_items(
        ("low-big", "reports", "low", 40, "open"),
        ("none", "reports", "none", 90, "open"),
        ("high", "reports", "high", 1, "open"),
        ("urgent-old", "reports", "urgent", 5, "open"),
        ("urgent-new", "reports", "urgent", 5, "open"),
        ("urgent-top", "reports", "urgent", 9, "open"),
    )
    order = names(queue_for(moderator, QueueView.REPORTS))
    assert order == [
        "urgent-top",
        "urgent-old",
        "urgent-new",
        "high",
        "low-big",
        "none",
    ]


def test_a_level_written_in_bulk_moves_the_item_in_the_queue(moderator):
    make_items(
        ("quiet", "reports", "none", 1, "open"),
        ("loud", "reports", "high", 1, "open"),
    )
    ReviewItem.objects.filter(object_id="order-quiet").update(level="urgent")
    assert names(queue_for(moderator, QueueView.REPORTS)) == ["quiet", "loud"]
    assert queue_counts()["urgent"] == 1


def test_counts_cover_open_items_per_view_and_urgent_ones_only():
    make_items(
        ("safety-urgent", "safety", "urgent", 1, "open"),
        ("safety-high", "safety", "high", 1, "open"),
        ("report", "reports", "low", 1, "open"),
        ("decided-urgent", "safety", "urgent", 1, "decided"),
    )
    counts = queue_counts()
    assert counts["total"] == 3
    assert counts["urgent"] == 1
    assert counts[QueueView.SAFETY] == 2
    assert counts[QueueView.REPORTS] == 1
    assert counts[QueueView.APPEALS] == 0
