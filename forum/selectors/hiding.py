"""What a member has chosen not to see, read once per request."""

from __future__ import annotations

from django.core.cache import cache

from forum.models import IgnoredMember, Language, ReaderPreferences, Space

# Every page's spaces menu asks what a member hid and which languages she reads: the
# answer is cached, and forgotten when she changes it (services.hiding).
_CACHE_SECONDS = 24 * 60 * 60


def ignored_members_key(member_id: int) -> str:
    return f"forum:ignored-members:{member_id}"


def reader_key(member_id: int) -> str:
    return f"forum:reader:{member_id}"


def ignored_member_ids(member) -> frozenset[int]:
    """Members whose named posts fold closed for member (moderators see all)."""
    if member is None or not member.is_authenticated or member.is_moderator:
        return frozenset()
    if not hasattr(member, "_ignored_member_ids"):
        key = ignored_members_key(member.pk)
        ids = cache.get(key)
        if ids is None:
            ids = frozenset(
                IgnoredMember.objects.filter(member=member).values_list(
                    "ignored_id", flat=True
                )
            )
            cache.set(key, ids, _CACHE_SECONDS)
        member._ignored_member_ids = ids
    return member._ignored_member_ids


def _reader(member) -> tuple[frozenset[int], frozenset[str]]:
    """(hidden space ids, languages she doesn't read), both empty by default."""
    if member is None or not member.is_authenticated:
        return frozenset(), frozenset()
    if not hasattr(member, "_reader"):
        key = reader_key(member.pk)
        found = cache.get(key)
        if found is None:
            row = ReaderPreferences.objects.filter(member=member).first()
            hidden = frozenset(row.hidden_spaces) if row else frozenset()
            chosen = frozenset(row.languages) if row else frozenset()
            unread = frozenset(Language.values) - chosen if chosen else frozenset()
            found = (hidden, unread)
            cache.set(key, found, _CACHE_SECONDS)
        member._reader = found
    return member._reader


def hidden_space_ids(member) -> frozenset[int]:
    return _reader(member)[0]


def unread_languages(member) -> frozenset[str]:
    """The languages member chose not to read in the forum (none, unless she chose)."""
    return _reader(member)[1]


def hidden_for(member) -> dict:
    """What member has hidden, for the page where she can show it again."""
    return {
        "members": list(
            IgnoredMember.objects.filter(member=member)
            .select_related("ignored")
            .order_by("ignored__pseudonym")
        ),
        "spaces": list(Space.objects.filter(pk__in=hidden_space_ids(member))),
    }
