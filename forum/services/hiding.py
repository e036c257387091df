"""What a member chooses not to see: members whose posts fold closed for her, and
spaces kept out of her lists. Nobody is ever told."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from forum.models import IgnoredMember, ReaderPreferences, Space
from forum.selectors.hiding import ignored_members_key, reader_key


class HidingRefused(Exception):
    """This can't be hidden; the message says why, kindly."""


def member_ignore(*, member, ignored) -> None:
    """member stops seeing ignored's named posts. Moderators can't be hidden: what
    they write keeps everyone safe."""
    if ignored.pk == member.pk:
        raise HidingRefused(_("You can't hide yourself."))
    if ignored.is_moderator:
        raise HidingRefused(
            _(
                "Moderators can't be hidden: their notes keep everyone safe. If one "
                "of them upset you, you can tell the other moderators."
            )
        )
    IgnoredMember.objects.get_or_create(member=member, ignored=ignored)
    cache.delete(ignored_members_key(member.pk))


def member_unignore(*, member, ignored_id: int) -> None:
    IgnoredMember.objects.filter(member=member, ignored_id=ignored_id).delete()
    cache.delete(ignored_members_key(member.pk))


def space_hide(*, member, space: Space) -> None:
    _change_hidden_spaces(member, add=space.pk)


def space_show(*, member, space_id: int) -> None:
    _change_hidden_spaces(member, remove=space_id)


def _change_hidden_spaces(member, *, add: int | None = None, remove: int | None = None):
    with transaction.atomic():
        preferences = ReaderPreferences.objects.select_for_update().filter(
            member=member
        ).first() or ReaderPreferences(member=member)
        hidden = set(preferences.hidden_spaces) - {remove}
        if add is not None:
            hidden.add(add)
        preferences.hidden_spaces = sorted(hidden)
        preferences.save()
    cache.delete(reader_key(member.pk))
