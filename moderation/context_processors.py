from django.utils.functional import SimpleLazyObject


def nav(request) -> dict:
    """Queue counts for moderators' header; sanctions and unread messages for the
    member's banner. Evaluated only when a template uses them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from moderation import selectors

    def sanctions():
        cached = getattr(request, "moderation_sanctions", None)
        return cached if cached is not None else selectors.sanctions_to_show(user)

    def counts():
        cached = getattr(request, "moderation_counts", None)
        return cached if cached is not None else selectors.queue_counts()

    is_moderator = SimpleLazyObject(lambda: selectors.is_moderator(user))
    return {
        "moderation_is_moderator": is_moderator,
        "moderation_counts": SimpleLazyObject(counts),
        "moderation_sanctions": SimpleLazyObject(sanctions),
        "moderation_notices": SimpleLazyObject(lambda: selectors.unread_notices(user)),
    }
