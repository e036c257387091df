"""What other apps tell moderation about themselves, registered from their ready().

moderation never imports forum or support, and never names their kinds, hold reasons
or URLs. Each app describes, once:

- its moderatable models (register): how to snapshot one of its objects, change its
  visibility, apply a moderator's edit, link to it, whether a new one counts towards
  its author's trust and whether a new member's first ones wait for approval;
- its routine hold reasons (register_hold_reason): holds that say nothing about the
  text itself, with the words the queue shows for them;
- the pages that must stay open to a member whose account is suspended or closed
  (register_open_urls), by URL name;
- the pages of live support (register_live_support_urls), by URL name: they stay
  open to a suspended member whose suspension leaves live support open.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class Moderatable:
    kind: str  # the app's own name for the model, used in URLs and the audit log
    model: type[models.Model]
    # -> {"text", "title", "author_id", "url", "context": [{"author", "text"}...]}
    snapshot: Callable[[Any], dict]
    # (obj, status) with status one of "visible", "held", "hidden", "removed"
    set_status: Callable[[Any, str], None] | None = None
    # (obj, new_text) re-renders and saves the moderator's edit
    apply_edit: Callable[[Any, str], None] | None = None
    # (obj, member) -> whether member may see obj at all (reporting, links)
    can_view: Callable[[Any, Any], bool] | None = None
    # A new one (not an edit) counts once towards its author's trust: when it goes
    # out unheld, or at its first approval when it was held.
    counts_toward_trust: bool = False
    # A new member's first ones are held for a moderator (PREMODERATION_POSTS).
    premoderated: bool = False
    # What moderators call one, in words (marked for translation); "" shows the kind.
    label: str = ""


@dataclass(frozen=True)
class HoldReason:
    """A routine hold: it says nothing about the text, only who wrote it or where."""

    key: str  # Screening.hold_reason, stored as the queue reason's source
    explanation: str  # what the queue shows moderators about it
    label: str = ""  # its short name in the queue (marked for translation)


_by_model: dict[type[models.Model], Moderatable] = {}
_by_kind: dict[str, Moderatable] = {}
_hold_reasons: dict[str, HoldReason] = {}
_open_urls: list[str] = []
_live_support_urls: list[str] = []


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


def find_kind(kind: str) -> Moderatable | None:
    """The registration for kind, or None for a kind nobody registered."""
    return _by_kind.get(kind)


def registered() -> list[Moderatable]:
    return list(_by_kind.values())


def kind_for_model(model: type[models.Model]) -> str | None:
    registration = _by_model.get(model)
    return registration.kind if registration else None


def register_hold_reason(key: str, explanation: str, label: str = "") -> None:
    """Declare a routine hold reason an app puts in Screening.hold_reason. The queue
    scores such holds lowest and explains them with these words."""
    _hold_reasons[key] = HoldReason(key=key, explanation=explanation, label=label)


def hold_reason(key: str) -> HoldReason | None:
    return _hold_reasons.get(key)


def hold_reasons() -> list[HoldReason]:
    return list(_hold_reasons.values())


def register_open_urls(*names: str) -> None:
    """URL names (for reverse) that stay open to a member locked out by a sanction:
    help, the guidelines, signing out."""
    for name in names:
        if name not in _open_urls:
            _open_urls.append(name)


def open_urls() -> tuple[str, ...]:
    return tuple(_open_urls)


def register_live_support_urls(*names: str) -> None:
    """URL names (for reverse) of live support as a member uses it: asking for a
    listener first (the suspended page links to it), then waiting and her own chat.
    A member locked out by a sanction that does not include live support may still
    visit them."""
    for name in names:
        if name not in _live_support_urls:
            _live_support_urls.append(name)


def live_support_urls() -> tuple[str, ...]:
    return tuple(_live_support_urls)


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
