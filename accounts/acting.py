"""Who is making a change right now, so that the audit log can name them whichever
path the change took: a signed-in member's web request or an operator's management
command. Code that writes audit entries reads it; the paths in set it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accounts.models import Member


@dataclass(frozen=True)
class Acting:
    member: Member | None
    how: str = ""  # how the change was made, when it wasn't through the site


_acting: ContextVar[Acting | None] = ContextVar("accounts_acting", default=None)


def current_acting() -> Acting:
    """Who is acting now; nobody (Kindred itself) when no path said."""
    return _acting.get() or Acting(member=None)


@contextmanager
def acting_as(member: Member | None, *, how: str = "") -> Iterator[Acting]:
    """Within the block, changes are made by member (None: nobody signed in)."""
    acting = Acting(member=member, how=how)
    token = _acting.set(acting)
    try:
        yield acting
    finally:
        _acting.reset(token)
