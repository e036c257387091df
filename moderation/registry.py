"""Content apps register their moderatable models here.

moderation never imports forum or support: each content app describes, once, how to
snapshot one of its objects, change its visibility, apply a moderator's edit and link
to it, and the queue works through that description.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class Moderatable:
    kind: str  # "thread", "reply", "chat_message", "member", ...
    model: type[models.Model]
    # -> {"text", "title", "author_id", "url", "context": [{"author", "text"}...]}
    snapshot: Callable[[Any], dict]
    # (obj, status) with status one of "visible", "held", "hidden", "removed"
    set_status: Callable[[Any, str], None] | None = None
    # (obj, new_text) re-renders and saves the moderator's edit
    apply_edit: Callable[[Any, str], None] | None = None
    # (obj, member) -> whether member may see obj at all (reporting, links)
    can_view: Callable[[Any, Any], bool] | None = None


_by_model: dict[type[models.Model], Moderatable] = {}
_by_kind: dict[str, Moderatable] = {}


def register(moderatable: Moderatable) -> None:
    _by_model[moderatable.model] = moderatable
    _by_kind[moderatable.kind] = moderatable


def for_object(obj: models.Model) -> Moderatable:
    """Return the registration for obj's model; raises LookupError if unregistered."""
    try:
        return _by_model[type(obj)]
    except KeyError:
        raise LookupError(
            f"{type(obj).__name__} is not registered for moderation"
        ) from None


def for_kind(kind: str) -> Moderatable:
    return _by_kind[kind]


def registered() -> list[Moderatable]:
    return list(_by_kind.values())


def kind_for_model(model: type[models.Model]) -> str | None:
    registration = _by_model.get(model)
    return registration.kind if registration else None


def _member_snapshot(member) -> dict:
    return {
        "text": "",
        "title": member.pseudonym,
        "author_id": member.pk,
        "url": "",
        "context": [],
    }


def _member_visible(member, viewer) -> bool:
    return bool(member.is_active)


def register_members() -> None:
    """Members themselves can be reported (for a pattern of behaviour)."""
    from django.contrib.auth import get_user_model

    register(
        Moderatable(
            kind="member",
            model=get_user_model(),
            snapshot=_member_snapshot,
            can_view=_member_visible,
        )
    )
