from django.utils.functional import SimpleLazyObject

from forum import selectors


def nav(request) -> dict:
    """The spaces menu and the unread count in the header (counted only if shown)."""
    user = getattr(request, "user", None)

    def unread() -> int:
        if user is None or not user.is_authenticated:
            return 0
        return selectors.unread_count(user)

    return {
        "forum_spaces": SimpleLazyObject(lambda: selectors.spaces_for(user)),
        "forum_unread": SimpleLazyObject(unread),
    }
