"""Circle reads. A circle, its roster and its threads are for its present members
and moderators; everyone else gets a 404 (forum.visibility decides who reads the
circle's space, and the thread list goes through it too)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from forum import visibility
from forum.circles.models import (
    Circle,
    CircleKind,
    CircleMembership,
    CircleMergeAnswer,
    CircleMergeOffer,
    CirclePrompt,
    CircleWaiting,
)
from forum.models import PostStatus, Space
from forum.selectors import space_threads

# How long "a place opened for you" stays on her circles page.
PLACE_NOTICE_DAYS = 14
# The months a member can choose for a circle by birth month: born up to a year
# ago, or due within the next nine months.
MONTHS_BACK = 12
MONTHS_AHEAD = 9


def active_memberships(member):
    return CircleMembership.objects.filter(member=member, left_at__isnull=True)


def is_member(member, circle: Circle) -> bool:
    return (
        member.is_authenticated
        and active_memberships(member).filter(circle=circle).exists()
    )


def circle_of_space(space: Space) -> Circle:
    return Circle.objects.get(space=space)


def circle_for(member, circle_id: int) -> Circle:
    """The circle, if member may read it (present members, moderators); else 404."""
    circle = Circle.objects.select_related("kind", "space").filter(pk=circle_id).first()
    if circle is None or not visibility.can_read_space(member, circle.space):
        raise Http404("No such circle")
    return circle


def open_kinds() -> list[CircleKind]:
    return list(CircleKind.objects.filter(active=True))


def open_kind(slug: str) -> CircleKind:
    kind = CircleKind.objects.filter(slug=slug, active=True).first()
    if kind is None:
        raise Http404("No such kind of circle")
    return kind


def birth_months(today: datetime.date | None = None) -> list[datetime.date]:
    today = today or timezone.localdate()
    first = today.replace(day=1)
    months = []
    for offset in range(-MONTHS_BACK, MONTHS_AHEAD + 1):
        index = first.year * 12 + first.month - 1 + offset
        months.append(datetime.date(index // 12, index % 12 + 1, 1))
    return months


@dataclass
class CircleRow:
    circle: Circle
    members: int
    full: bool
    waiting: bool = False


def group_circles(member, kind: CircleKind, birth_month) -> list[CircleRow]:
    """The open circles of a group, with their number of members (one query)."""
    circles = (
        Circle.objects.filter(
            kind=kind, birth_month=birth_month, closed_at__isnull=True
        )
        .select_related("kind")
        .annotate(members=Count("memberships", filter=Q(memberships__left_at=None)))
        .order_by("number")
    )
    waiting = set()
    if member.is_authenticated:
        waiting = set(
            CircleWaiting.objects.filter(member=member).values_list(
                "circle_id", flat=True
            )
        )
    return [
        CircleRow(
            circle=c,
            members=c.members,
            full=c.members >= kind.capacity,
            waiting=c.pk in waiting,
        )
        for c in circles
    ]


def circles_of(member) -> list[dict]:
    """Her circles, with members counted, and whether she got a place she was
    waiting for lately."""
    if not member.is_authenticated:
        return []
    since = timezone.now() - datetime.timedelta(days=PLACE_NOTICE_DAYS)
    memberships = (
        active_memberships(member)
        .select_related("circle", "circle__kind")
        .order_by("joined_at", "pk")
    )
    counts = dict(
        CircleMembership.objects.filter(
            circle__in=[m.circle_id for m in memberships], left_at__isnull=True
        )
        .values("circle")
        .annotate(n=Count("id"))
        .values_list("circle", "n")
    )
    return [
        {
            "circle": m.circle,
            "members": counts.get(m.circle_id, 0),
            "new_place": m.from_waiting_list and m.joined_at >= since,
        }
        for m in memberships
    ]


def waiting_of(member) -> list[CircleWaiting]:
    if not member.is_authenticated:
        return []
    return list(
        CircleWaiting.objects.filter(member=member)
        .select_related("circle", "circle__kind")
        .order_by("since")
    )


def merge_offers_for(member) -> list[CircleMergeOffer]:
    """Open offers to circles she is in that she hasn't answered."""
    if not member.is_authenticated:
        return []
    answered = CircleMergeAnswer.objects.filter(member=member).values("offer_id")
    return list(
        CircleMergeOffer.objects.filter(
            closed_at__isnull=True,
            from_circle__in=active_memberships(member).values("circle_id"),
        )
        .exclude(pk__in=answered)
        .select_related("from_circle__kind", "into_circle__kind")
        .order_by("created")
    )


def merge_offer_for(member, offer_id: int) -> CircleMergeOffer:
    offer = (
        CircleMergeOffer.objects.filter(
            pk=offer_id,
            closed_at__isnull=True,
            from_circle__in=active_memberships(member).values("circle_id"),
        )
        .select_related("from_circle__kind", "into_circle__kind")
        .first()
    )
    if offer is None:
        raise Http404("No such invitation")
    return offer


def roster(circle: Circle) -> list[str]:
    """The pseudonyms of its present members, in the order they joined."""
    return list(
        CircleMembership.objects.filter(circle=circle, left_at__isnull=True)
        .order_by("joined_at", "pk")
        .values_list("member__pseudonym", flat=True)
    )


def circle_page(member, circle: Circle, page_number) -> dict:
    latest = (
        CirclePrompt.objects.filter(circle=circle, thread__status=PostStatus.VISIBLE)
        .select_related("thread")
        .order_by("-posted_at", "-pk")
        .first()
    )
    page: Page = space_threads(member, circle.space, page_number)
    return {
        "circle": circle,
        "page": page,
        "roster": roster(circle),
        "prompt": latest.thread if latest else None,
        "is_member": is_member(member, circle),
    }
