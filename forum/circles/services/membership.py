"""Joining, waiting for a place, and leaving a circle.

A group of circles is one kind (and one birth month, for kinds by month). A member
is in at most one circle of a group and in MAX_CIRCLES_PER_MEMBER circles in all.
Every change of who is in a circle of a kind holds that kind's row lock, so two
people can never take the last place of a circle at once.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.time_zones import clean_time_zone
from forum.circles.models import (
    Circle,
    CircleKind,
    CircleMembership,
    CircleWaiting,
)
from forum.circles.naming import circle_name
from forum.models import Space

MAX_CIRCLES_PER_MEMBER = 3
# Circle spaces sort after every space an operator made (they are never listed).
CIRCLE_SPACE_ORDER = 10_000


class CircleRefused(Exception):
    """The member can't do that now; message says why, kindly."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def _lock_kind(kind: CircleKind) -> CircleKind:
    """Lock the kind's row: the caller must be inside transaction.atomic()."""
    return CircleKind.objects.select_for_update().get(pk=kind.pk)


def _group(kind: CircleKind, birth_month: datetime.date | None):
    return Circle.objects.filter(kind=kind, birth_month=birth_month)


def _active(member) -> Q:
    return Q(member=member, left_at__isnull=True)


def _check_can_join(member, kind: CircleKind, birth_month) -> None:
    if not kind.active:
        raise CircleRefused(
            _("This kind of circle is not taking new members just now."),
            code="closed",
        )
    if kind.by_birth_month and birth_month is None:
        raise CircleRefused(
            _("Choose the month your baby was born or is due."), code="month"
        )
    memberships = CircleMembership.objects.filter(_active(member))
    if memberships.filter(circle__kind=kind, circle__birth_month=birth_month).exists():
        raise CircleRefused(
            _("You are already in a circle of this kind."), code="already"
        )
    if memberships.count() >= MAX_CIRCLES_PER_MEMBER:
        raise CircleRefused(
            _(
                "You are in %(count)s circles already, as many as one person can "
                "be in. Leaving one makes room for another."
            )
            % {"count": MAX_CIRCLES_PER_MEMBER},
            code="too_many",
        )


def _open_circle(kind: CircleKind, birth_month, time_zone: str) -> Circle:
    """A new circle of the group, numbered after its siblings. The caller holds the
    kind's lock."""
    number = (_group(kind, birth_month).aggregate(top=Max("number"))["top"] or 0) + 1
    month = birth_month.strftime("%Y-%m-") if birth_month else ""
    with translation.override(settings.LANGUAGE_CODE):
        name = circle_name(kind, birth_month, number)
    space = Space.objects.create(
        name=name[:80],
        slug=f"circle-{kind.slug[:50]}-{month}{number}",
        description=kind.description,
        order=CIRCLE_SPACE_ORDER,
        is_circle=True,
    )
    return Circle.objects.create(
        kind=kind,
        birth_month=birth_month,
        number=number,
        space=space,
        time_zone=time_zone,
    )


def _places_taken(circles) -> dict[int, int]:
    return dict(
        CircleMembership.objects.filter(circle__in=circles, left_at__isnull=True)
        .values("circle")
        .annotate(n=Count("id"))
        .values_list("circle", "n")
    )


def circle_join(
    *,
    member,
    kind: CircleKind,
    birth_month: datetime.date | None = None,
    time_zone: str = "",
) -> Circle:
    """Put member in the oldest open circle of the group with room, or open the
    next sibling when all are full. Raises CircleRefused."""
    birth_month = birth_month.replace(day=1) if birth_month else None
    if not kind.by_birth_month:
        birth_month = None
    with transaction.atomic():
        kind = _lock_kind(kind)
        _check_can_join(member, kind, birth_month)
        circles = list(_group(kind, birth_month).filter(closed_at__isnull=True))
        taken = _places_taken(circles)
        circle = next(
            (c for c in circles if taken.get(c.pk, 0) < kind.capacity),
            None,
        )
        if circle is None:
            circle = _open_circle(kind, birth_month, clean_time_zone(time_zone))
        CircleMembership.objects.create(circle=circle, member=member)
        # In the group now: no more waiting for a place in one of its circles.
        CircleWaiting.objects.filter(
            member=member, circle__kind=kind, circle__birth_month=birth_month
        ).delete()
    return circle


def circle_wait(*, member, circle: Circle) -> bool:
    """Wait for a place in this very circle. If it has room after all, she joins it
    at once (returns True); else she is on its waiting list (returns False)."""
    with transaction.atomic():
        kind = _lock_kind(circle.kind)
        circle = Circle.objects.get(pk=circle.pk)
        if circle.closed_at is not None:
            raise CircleRefused(_("This circle has closed."), code="closed")
        _check_can_join(member, kind, circle.birth_month)
        if _places_taken([circle]).get(circle.pk, 0) < kind.capacity:
            CircleMembership.objects.create(circle=circle, member=member)
            CircleWaiting.objects.filter(
                member=member,
                circle__kind=kind,
                circle__birth_month=circle.birth_month,
            ).delete()
            return True
        CircleWaiting.objects.get_or_create(circle=circle, member=member)
        return False


def circle_wait_cancel(*, member, circle: Circle) -> None:
    CircleWaiting.objects.filter(member=member, circle=circle).delete()


def circle_leave(*, member, circle: Circle) -> CircleMembership | None:
    """Member leaves; the person waiting longest for this circle gets the place.
    Returns the new membership, if someone got it."""
    with transaction.atomic():
        kind = _lock_kind(circle.kind)
        left = CircleMembership.objects.filter(_active(member), circle=circle).update(
            left_at=timezone.now()
        )
        if not left:
            return None
        return _fill_place(circle, kind)


def _fill_place(circle: Circle, kind: CircleKind) -> CircleMembership | None:
    """Give a free place to the longest-waiting member who may still take it. The
    caller holds the kind's lock."""
    if circle.closed_at is not None:
        return None
    if _places_taken([circle]).get(circle.pk, 0) >= kind.capacity:
        return None
    waiting = CircleWaiting.objects.filter(circle=circle).order_by("since", "pk")
    for entry in waiting.select_related("member"):
        if not entry.member.is_active:
            continue
        try:
            _check_can_join(entry.member, kind, circle.birth_month)
        except CircleRefused:
            continue
        entry.delete()
        return CircleMembership.objects.create(
            circle=circle, member=entry.member, from_waiting_list=True
        )
    return None


def circle_move(*, member, from_circle: Circle, into_circle: Circle) -> None:
    """Move member from one circle to a sibling with room (a merge she accepted).
    Raises CircleRefused when the sibling is full by now."""
    with transaction.atomic():
        kind = _lock_kind(from_circle.kind)
        if _places_taken([into_circle]).get(into_circle.pk, 0) >= kind.capacity:
            raise CircleRefused(
                _("That circle has filled up in the meantime."), code="full"
            )
        left = CircleMembership.objects.filter(
            _active(member), circle=from_circle
        ).update(left_at=timezone.now())
        if not left:
            raise CircleRefused(_("You are not in this circle."), code="not_member")
        CircleMembership.objects.create(circle=into_circle, member=member)
