"""Risk levels, lowest first: none < low < high < urgent.

One type and one order for the rules engine, the moderation models and the queue's
sorting. Levels are stored and compared as their plain string values.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    NONE = "none", _("None")
    LOW = "low", _("Low")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


# Lowest first; the declaration order of Level is the order of the levels.
ORDER: tuple[str, ...] = tuple(Level.values)
LEVEL_RANK: Mapping[str, int] = MappingProxyType(
    {level: position for position, level in enumerate(ORDER)}
)


def rank(level: str) -> int:
    """Where level stands: 0 for none up to 3 for urgent."""
    try:
        return LEVEL_RANK[level]
    except KeyError:
        raise ValueError(f"unknown level {level!r}") from None


def highest(*levels: str) -> str:
    """The highest of the levels given; none when given none."""
    return max(levels, key=rank, default=ORDER[0])


def is_serious(level: str) -> bool:
    """High or urgent: moderators review it and the writer is shown help."""
    return rank(level) >= rank(Level.HIGH)


def lower(level: str) -> str:
    """One level lower, never below none."""
    return ORDER[max(0, LEVEL_RANK[level] - 1)]


def higher(level: str) -> str:
    """One level higher, never above urgent."""
    return ORDER[min(len(ORDER) - 1, LEVEL_RANK[level] + 1)]


def order_expression(field: str = "level") -> Case:
    """An integer annotation sorting a queryset by a level field (urgent is 3)."""
    return Case(
        *(
            When(**{field: level}, then=Value(position))
            for position, level in reversed(list(enumerate(ORDER)))
            if position
        ),
        default=Value(0),
        output_field=IntegerField(),
    )
