"""Who may do what in moderation.

Every moderation action checks the actor's role with require_role, and every action
on a review item asks may_act_refusal whether this moderator may act on it now: the
services refuse with its words, and the item page shows the decision form only when
it has none.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from moderation.models import ReviewItem


class ModerationRefused(Exception):
    """An action that can't be done now; str() is a message for the moderator."""


def require_role(member, action: str) -> None:
    """Raise PermissionDenied unless member is signed in and holds action's role."""
    if member is None or not member.is_authenticated or not member.can(action):
        raise PermissionDenied


def may_act_refusal(item: ReviewItem, moderator) -> str | None:
    """Why moderator may not claim or decide item now, in words for them; None when
    they may. Reads item.claimed_by for the claimant's name."""
    if not item.is_open:
        return _(
            "This item was decided while you were looking at it. Nothing was "
            "changed; the page now shows where it stands."
        )
    if item.claimed_by_id not in (None, moderator.pk):
        return _("%(name)s is working on this item.") % {
            "name": item.claimed_by.pseudonym
        }
    if item.excluded_moderator_id == moderator.pk:
        return _(
            "This appeal is about your own decision, so another moderator needs to "
            "look at it."
        )
    if item.escalated and not moderator.can("senior_moderate"):
        return _("This item is waiting for a senior moderator.")
    return None


def check_may_act(item: ReviewItem, moderator) -> None:
    """Raise ModerationRefused with may_act_refusal's words when there are any."""
    refusal = may_act_refusal(item, moderator)
    if refusal is not None:
        raise ModerationRefused(refusal)
