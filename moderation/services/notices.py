"""What moderators write down and what members are told: the message templates
decisions and sanctions are worded from, notices to members, and moderators' private
notes on a member."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.guidelines import guideline as get_guideline
from moderation.messages import DEFAULT_TEMPLATES
from moderation.models import (
    AuditEntry,
    Decision,
    MessageTemplate,
    ModeratorNote,
    Notice,
)
from moderation.services.audit import audit_append
from moderation.services.permissions import ModerationRefused, require_role


class _Blank(dict):
    """A placeholder a template names but the caller didn't give reads as ""."""

    def __missing__(self, name: str) -> str:
        return ""


@contextmanager
def in_language_of(member) -> Iterator[None]:
    """Words written for member inside this block are in the language they chose;
    in the language of the moment when they chose none the site offers."""
    code = getattr(member, "language", "") or ""
    if code and code in dict(settings.LANGUAGES):
        with translation.override(code):
            yield
    else:
        yield


def render_message(key: str, **values: Any) -> str:
    """The words for key (an operator's edited template, or the shipped one) with
    values filled in, in the language of the moment (see in_language_of)."""
    if "guideline" in values:
        try:
            values = {**values, **guideline_values(int(values["guideline"]))}
        except (LookupError, TypeError, ValueError):
            pass
    shipped = DEFAULT_TEMPLATES[key][1]
    template = MessageTemplate.objects.filter(key=key).first()
    body = template.body if template else shipped
    if body == shipped:
        # Words nobody has edited are sent in the language of the moment.
        body = _(shipped)
    try:
        return body.format_map(_Blank(values)).strip()
    except (ValueError, IndexError):
        # A broken template must not stop a decision; fall back to the shipped words.
        return _(shipped).format_map(_Blank(values)).strip()


def guideline_values(number: int) -> dict:
    """A guideline's placeholders for render_message; LookupError when unknown."""
    item = get_guideline(number)
    return {"guideline": item.number, "guideline_title": str(item.title)}


def notify(
    member,
    kind: str,
    body: str,
    *,
    decision: Decision | None = None,
    appealable: bool = False,
) -> None:
    """Leave member a notice (nobody to tell when member is None)."""
    if member is None:
        return
    Notice.objects.create(
        member=member, kind=kind, body=body, decision=decision, appealable=appealable
    )


def notices_mark_read(*, member) -> int:
    return Notice.objects.filter(member=member, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def note_add(*, member, moderator, text: str) -> ModeratorNote:
    """A moderator's private note on member, shown next to all their items."""
    require_role(moderator, "moderate")
    text = (text or "").strip()
    if not text:
        raise ModerationRefused(_("The note is empty."))
    with transaction.atomic():
        note = ModeratorNote.objects.create(member=member, author=moderator, text=text)
        audit_append(
            actor=moderator,
            kind=AuditEntry.Kind.NOTE_ADDED,
            target_type="member",
            target_id=member.pk,
            after={"note": note.pk},
        )
    return note
