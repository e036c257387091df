"""Quiet circles: a circle with no posts for QUIET_AFTER is offered to join a
sibling (same kind and month) with room for all of its members. Each member
answers for herself: she moves, or she stays. The offer ends when everyone has
answered, or when the circle wakes up (someone posts there) before they have."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.circles.models import (
    Circle,
    CircleMembership,
    CircleMergeAnswer,
    CircleMergeOffer,
)
from forum.circles.services.membership import CircleRefused, circle_move
from forum.models import Thread

QUIET_AFTER = datetime.timedelta(days=30)


def _members(circle_ids) -> dict[int, int]:
    return dict(
        CircleMembership.objects.filter(circle__in=circle_ids, left_at__isnull=True)
        .values("circle")
        .annotate(n=Count("id"))
        .values_list("circle", "n")
    )


def offer_circle_merges(*, now: datetime.datetime) -> list[CircleMergeOffer]:
    """Offer each quiet circle (no new thread or reply for QUIET_AFTER, and no open
    offer) a sibling with room for all its members; returns the new offers."""
    circles = list(Circle.objects.filter(closed_at__isnull=True).select_related("kind"))
    last_post = dict(
        Thread.objects.filter(space__in=[c.space_id for c in circles])
        .values("space")
        .annotate(last=Max("last_activity"))
        .values_list("space", "last")
    )
    members = _members([c.pk for c in circles])
    open_offers = _withdraw_woken_offers(circles, last_post, now)
    offers = []
    for circle in circles:
        last = last_post.get(circle.space_id) or circle.created
        count = members.get(circle.pk, 0)
        if now - last < QUIET_AFTER or not count or circle.pk in open_offers:
            continue
        siblings = [
            other
            for other in circles
            if other.pk != circle.pk
            and other.kind_id == circle.kind_id
            and other.birth_month == circle.birth_month
            and other.pk not in open_offers
            and members.get(other.pk, 0) + count <= circle.kind.capacity
        ]
        if not siblings:
            continue
        # The liveliest sibling: the one that posted last.
        into = max(siblings, key=lambda o: last_post.get(o.space_id) or o.created)
        try:
            with transaction.atomic():
                offer = CircleMergeOffer.objects.create(
                    from_circle=circle, into_circle=into, created=now
                )
        except IntegrityError:
            continue
        offers.append(offer)
        open_offers.add(circle.pk)
    return offers


def _withdraw_woken_offers(circles, last_post, now) -> set[int]:
    """Close the open offers of circles posted in since their offer was made;
    returns the circles whose offers stay open."""
    space_of = {c.pk: c.space_id for c in circles}
    open_offers = set()
    for offer in CircleMergeOffer.objects.filter(closed_at__isnull=True):
        last = last_post.get(space_of.get(offer.from_circle_id))
        if last is not None and last > offer.created:
            CircleMergeOffer.objects.filter(pk=offer.pk).update(closed_at=now)
        else:
            open_offers.add(offer.from_circle_id)
    return open_offers


def merge_offer_answer(*, member, offer: CircleMergeOffer, move: bool) -> None:
    """Member's answer to an offer made to her circle: move to the sibling, or stay.
    Raises CircleRefused (the sibling filled up meanwhile, or she left already)."""
    if offer.closed_at is not None:
        raise CircleRefused(_("This invitation has ended."), code="closed")
    with transaction.atomic():
        if move:
            circle_move(
                member=member,
                from_circle=offer.from_circle,
                into_circle=offer.into_circle,
            )
        CircleMergeAnswer.objects.update_or_create(
            offer=offer, member=member, defaults={"moved": move}
        )
        now = timezone.now()
        if move and not _members([offer.from_circle_id]):
            # Everyone went together: the quiet circle closes, its threads stay
            # readable to moderators.
            CircleMergeOffer.objects.filter(pk=offer.pk).update(closed_at=now)
            Circle.objects.filter(pk=offer.from_circle_id).update(closed_at=now)
        elif not _unanswered(offer).exists():
            CircleMergeOffer.objects.filter(pk=offer.pk).update(closed_at=now)


def _unanswered(offer: CircleMergeOffer):
    """The members still in the quiet circle who have not answered its offer."""
    return CircleMembership.objects.filter(
        circle_id=offer.from_circle_id, left_at__isnull=True
    ).exclude(member__in=offer.answers.values("member"))
