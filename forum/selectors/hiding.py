"""What a member has chosen not to see, read once per request."""

from __future__ import annotations

from django.core.cache import cache

from forum.models import HiddenSpace, IgnoredMember, Language, ReadingLanguages

# Every page's spaces menu asks which spaces a member hid: the answer is cached,
# and forgotten when she hides or shows one (services.hiding).
_CACHE_SECONDS = 24 * 60 * 60


def hidden_spaces_key(member_id: int) -> str:
    return f"forum:hidden-spaces:{member_id}"


def ignored_members_key(member_id: int) -> str:
    return f"forum:ignored-members:{member_id}"


def reading_languages_key(member_id: int) -> str:
    return f"forum:reading-languages:{member_id}"


def _cached_ids(key: str, query, field: str) -> frozenset[int]:
    ids = cache.get(key)
    if ids is None:
        ids = frozenset(query.values_list(field, flat=True))
        cache.set(key, ids, _CACHE_SECONDS)
    return ids


def ignored_member_ids(member) -> frozenset[int]:
    """Members whose named posts fold closed for member (moderators see all)."""
    if member is None or not member.is_authenticated or member.is_moderator:
        return frozenset()
    if not hasattr(member, "_ignored_member_ids"):
        member._ignored_member_ids = _cached_ids(
            ignored_members_key(member.pk),
            IgnoredMember.objects.filter(member=member),
            "ignored_id",
        )
    return member._ignored_member_ids


def hidden_space_ids(member) -> frozenset[int]:
    if member is None or not member.is_authenticated:
        return frozenset()
    if not hasattr(member, "_hidden_space_ids"):
        member._hidden_space_ids = _cached_ids(
            hidden_spaces_key(member.pk),
            HiddenSpace.objects.filter(member=member),
            "space_id",
        )
    return member._hidden_space_ids


def hidden_for(member) -> dict:
    """What member has hidden, for the page where she can show it again."""
    return {
        "members": list(
            IgnoredMember.objects.filter(member=member)
            .select_related("ignored")
            .order_by("ignored__pseudonym")
        ),
        "spaces": list(
            HiddenSpace.objects.filter(member=member)
            .select_related("space")
            .order_by("space__name")
        ),
    }


def unread_languages(member) -> frozenset[str]:
    """The languages member chose not to read in the forum (none, unless she chose)."""
    if member is None or not member.is_authenticated:
        return frozenset()
    if not hasattr(member, "_unread_languages"):
        chosen = cache.get(reading_languages_key(member.pk))
        if chosen is None:
            row = ReadingLanguages.objects.filter(member=member).first()
            chosen = tuple(row.languages) if row else ()
            cache.set(reading_languages_key(member.pk), chosen, _CACHE_SECONDS)
        everything = frozenset(Language.values)
        member._unread_languages = (
            everything - frozenset(chosen) if chosen else frozenset()
        )
    return member._unread_languages
