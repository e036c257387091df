"""Circles: small, steady groups of members around a stage or a situation.

An operator defines the kinds (babies born the same month, moved somewhere new, ...);
members join a circle of a kind, and each circle has its own forum space, so its
threads and replies are screened, reported and moderated like any other. Only its
members (and moderators) read that space: forum.visibility decides it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from forum.models import Space, Thread

DEFAULT_CAPACITY = 12


class CircleKind(TimeStampedModel):
    """What a circle gathers around; operators edit these in the admin."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("short description"), max_length=300, blank=True)
    by_birth_month = models.BooleanField(
        _("by birth month"),
        default=False,
        help_text=_("Members choose the month their baby was born or is due."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("members per circle"), default=DEFAULT_CAPACITY
    )
    prompts = models.JSONField(
        _("weekly prompts"),
        default=list,
        blank=True,
        help_text=_(
            'Questions posted in turn, one a week, such as ["What was one '
            'small win this week?"].'
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("open for joining"), default=True)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=2), name="circle_kind_capacity_two_or_more"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Circle(TimeStampedModel):
    """One group of a kind (and birth month); number counts its siblings (· 2, · 3)."""

    kind = models.ForeignKey(CircleKind, on_delete=models.PROTECT, related_name="+")
    # The first day of the month, for kinds by birth month; else None.
    birth_month = models.DateField(null=True, blank=True)
    number = models.PositiveSmallIntegerField(default=1)
    space = models.OneToOneField(Space, on_delete=models.PROTECT, related_name="+")
    # Where the weekly prompt's Monday morning is (from whoever opened the circle).
    time_zone = models.CharField(max_length=64, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "birth_month", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "birth_month", "number"],
                condition=Q(birth_month__isnull=False),
                name="circle_number_per_month",
            ),
            models.UniqueConstraint(
                fields=["kind", "number"],
                condition=Q(birth_month__isnull=True),
                name="circle_number_per_kind",
            ),
        ]
        indexes = [
            models.Index(
                fields=["kind", "birth_month", "closed_at"], name="circle_group"
            )
        ]

    def __str__(self) -> str:
        return f"circle {self.pk} ({self.kind_id}, {self.birth_month}, {self.number})"

    def get_absolute_url(self) -> str:
        return reverse("circles:circle", args=[self.pk])


class CircleMembership(models.Model):
    circle = models.ForeignKey(
        Circle, on_delete=models.CASCADE, related_name="memberships"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    # She was waiting for this very circle and got the place someone left.
    from_waiting_list = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "member"],
                condition=Q(left_at__isnull=True),
                name="circle_membership_once",
            ),
        ]
        indexes = [
            models.Index(fields=["member", "left_at"], name="circle_membership_member"),
            models.Index(fields=["circle", "left_at"], name="circle_membership_circle"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} in circle {self.circle_id}"


class CircleWaiting(models.Model):
    """A member waiting for a place in one particular full circle."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "member"], name="circle_waiting_once"
            ),
        ]
        indexes = [
            models.Index(fields=["circle", "since"], name="circle_waiting_queue")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} waits for circle {self.circle_id}"


class CirclePrompt(models.Model):
    """The weekly prompt a circle received; one per circle and ISO week."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="+")
    # ISO year and week in the circle's time zone, such as "2026-W49".
    week = models.CharField(max_length=8)
    thread = models.ForeignKey(
        Thread, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    posted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "week"], name="circle_prompt_once_a_week"
            ),
        ]

    def __str__(self) -> str:
        return f"prompt for circle {self.circle_id} in {self.week}"


class CircleMergeOffer(models.Model):
    """A quiet circle invited to join a sibling with room for all of its members.
    Each member answers for herself (CircleMergeAnswer)."""

    from_circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="+")
    into_circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["from_circle"],
                condition=Q(closed_at__isnull=True),
                name="circle_merge_offer_one_open",
            ),
            models.CheckConstraint(
                condition=~Q(from_circle=models.F("into_circle")),
                name="circle_merge_offer_other_circle",
            ),
        ]

    def __str__(self) -> str:
        return f"merge {self.from_circle_id} into {self.into_circle_id}"


class CircleMergeAnswer(models.Model):
    offer = models.ForeignKey(
        CircleMergeOffer, on_delete=models.CASCADE, related_name="answers"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    moved = models.BooleanField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "member"], name="circle_merge_answer_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} on merge offer {self.offer_id}"
