"""What a member has chosen not to see, read once per request."""

from __future__ import annotations

from forum.models import HiddenSpace, IgnoredMember


def ignored_member_ids(member) -> frozenset[int]:
    """Members whose named posts fold closed for member (moderators see all)."""
    if member is None or not member.is_authenticated or member.is_moderator:
        return frozenset()
    if not hasattr(member, "_ignored_member_ids"):
        member._ignored_member_ids = frozenset(
            IgnoredMember.objects.filter(member=member).values_list(
                "ignored_id", flat=True
            )
        )
    return member._ignored_member_ids


def hidden_space_ids(member) -> frozenset[int]:
    if member is None or not member.is_authenticated:
        return frozenset()
    if not hasattr(member, "_hidden_space_ids"):
        member._hidden_space_ids = frozenset(
            HiddenSpace.objects.filter(member=member).values_list("space_id", flat=True)
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
