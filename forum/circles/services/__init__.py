"""Circle writes, one module per workflow:

- membership: joining, waiting for a place, leaving, moving to a sibling
- prompts: the weekly prompt (post_circle_prompts, hourly)
- merging: offers to quiet circles, and members' answers (offer_circle_merges, daily)
"""

from forum.circles.services.membership import (
    MAX_CIRCLES_PER_MEMBER,
    CircleRefused,
    circle_join,
    circle_leave,
    circle_move,
    circle_wait,
    circle_wait_cancel,
)
from forum.circles.services.merging import merge_offer_answer, offer_circle_merges
from forum.circles.services.prompts import circle_host, due_week, post_circle_prompts

__all__ = [
    "MAX_CIRCLES_PER_MEMBER",
    "CircleRefused",
    "circle_host",
    "circle_join",
    "circle_leave",
    "circle_move",
    "circle_wait",
    "circle_wait_cancel",
    "due_week",
    "merge_offer_answer",
    "offer_circle_merges",
    "post_circle_prompts",
]
