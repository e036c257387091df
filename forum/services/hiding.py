"""What a member chooses not to see: members whose posts fold closed for her, and
spaces kept out of her lists. Nobody is ever told."""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import gettext as _

from forum.models import HiddenSpace, IgnoredMember, Space
from forum.selectors.hiding import hidden_spaces_key, ignored_members_key


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
    HiddenSpace.objects.get_or_create(member=member, space=space)
    cache.delete(hidden_spaces_key(member.pk))


def space_show(*, member, space_id: int) -> None:
    HiddenSpace.objects.filter(member=member, space_id=space_id).delete()
    cache.delete(hidden_spaces_key(member.pk))
