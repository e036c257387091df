"""A member's circles in her data download; they go with her account."""

from forum.circles.models import CircleMembership, CircleWaiting
from forum.circles.naming import circle_name


def export(member) -> dict:
    memberships = (
        CircleMembership.objects.filter(member=member)
        .select_related("circle", "circle__kind")
        .order_by("joined_at", "pk")
    )
    waiting = (
        CircleWaiting.objects.filter(member=member)
        .select_related("circle", "circle__kind")
        .order_by("since", "pk")
    )
    return {
        "memberships": [
            {
                "circle": circle_name(
                    m.circle.kind, m.circle.birth_month, m.circle.number
                ),
                "joined": m.joined_at.isoformat(),
                "left": m.left_at.isoformat() if m.left_at else None,
            }
            for m in memberships
        ],
        "waiting_for": [
            {
                "circle": circle_name(
                    w.circle.kind, w.circle.birth_month, w.circle.number
                ),
                "since": w.since.isoformat(),
            }
            for w in waiting
        ],
    }


def erase(member) -> None:
    """Her places go (so someone waiting can have them); her posts stay under the
    placeholder name, like the rest of the forum's."""
    from forum.circles.services import circle_leave

    for membership in CircleMembership.objects.filter(
        member=member, left_at__isnull=True
    ).select_related("circle", "circle__kind"):
        circle_leave(member=member, circle=membership.circle)
    CircleMembership.objects.filter(member=member).delete()
    CircleWaiting.objects.filter(member=member).delete()
