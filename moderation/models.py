"""Moderation data: review items, reports, decisions, appeals, sanctions, standing,
notices to members, message templates and the append-only audit log."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel

# The audit log and the risk levels live in their own modules; importers of these
# names from here keep working.
from moderation.audit_log import AppendOnlyError as AppendOnlyError
from moderation.audit_log import AuditEntry as AuditEntry
from moderation.levels import LEVEL_RANK as LEVEL_RANK
from moderation.levels import Level, is_serious, order_expression


class QueueView(models.TextChoices):
    SAFETY = "safety", _("Safety")
    REPORTS = "reports", _("Reports and flags")
    HELD = "held", _("Held posts")
    APPEALS = "appeals", _("Appeals")


class ReviewItem(TimeStampedModel):
    """Everything the queue knows about one piece of content (or one member).

    There is one item per target: new reports and rule matches add to its score and
    reasons. A decided item reopens (a new round, version + 1) when something new
    arrives or its author appeals.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DECIDED = "decided", _("Decided")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=40)
    kind = models.CharField(max_length=30)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_items",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN
    )
    view = models.CharField(max_length=10, choices=QueueView.choices)
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.NONE)
    # Kept by the database from level, so the queue sorts on an index, not on an
    # expression computed for every open item.
    level_rank = models.GeneratedField(
        expression=order_expression("level"),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )
    score = models.PositiveIntegerField(default=0)
    categories = models.JSONField(default=list, blank=True)
    rules = models.JSONField(default=list, blank=True)
    # [{"source": "rule"|"report"|"alert"|"appeal"|a registered hold reason,
    #   "text", "at"}]
    reasons = models.JSONField(default=list, blank=True)
    held = models.BooleanField(default=False)
    # Held since it was first posted, so it has never counted towards its author's
    # trust: the first approval counts it, once. A post held again after an edit
    # was counted already.
    counts_on_approval = models.BooleanField(default=False)
    report_count = models.PositiveIntegerField(default=0)
    snapshot = models.JSONField(default=dict, blank=True)
    escalated = models.BooleanField(default=False)
    # The moderator who may not decide this round (the one whose decision is appealed).
    excluded_moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claimed_items",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    first_action_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="review_item_one_per_target"
            ),
            models.CheckConstraint(
                condition=Q(claimed_by__isnull=True) | Q(status="open"),
                name="review_item_claim_only_open",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "view", "-level_rank", "-score", "opened_at"],
                name="review_item_queue_order",
            ),
            models.Index(fields=["author", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_risk(self) -> bool:
        return is_serious(self.level)


class Report(TimeStampedModel):
    """A member's report of a target; one per reporter and target.

    guideline is the kindness guideline it goes against, or WORRIED: not a
    complaint but worry for the person, which goes to the safety view."""

    WORRIED = 0

    class Outcome(models.TextChoices):
        OPEN = "open", _("Being looked at")
        ACTED = "acted", _("Acted on")
        KEPT = "kept", _("Looked at, left up")

    item = models.ForeignKey(
        ReviewItem, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made"
    )
    guideline = models.PositiveSmallIntegerField()
    words = models.TextField(blank=True, max_length=1000)
    snapshot = models.JSONField(default=dict, blank=True)
    outcome = models.CharField(
        max_length=10, choices=Outcome.choices, default=Outcome.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["item", "reporter"], name="report_once_per_member_and_target"
            ),
        ]
        indexes = [models.Index(fields=["reporter", "-created"])]

    def __str__(self) -> str:
        return f"report on {self.item_id} by {self.reporter_id}"

    @property
    def is_worry(self) -> bool:
        return self.guideline == self.WORRIED


class Decision(TimeStampedModel):
    """A moderator's decision on one round of a review item."""

    class Action(models.TextChoices):
        SUPPORT = "support", _("Approve and support")
        APPROVE = "approve", _("Approve")
        EDIT = "edit", _("Edit and approve")
        HIDE = "hide", _("Hide")
        REMOVE = "remove", _("Remove")
        ESCALATE = "escalate", _("Escalate to a senior moderator")
        UPHOLD = "uphold", _("Keep the earlier decision")

    item = models.ForeignKey(
        ReviewItem, on_delete=models.CASCADE, related_name="decisions"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="decisions_made",
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    guideline = models.PositiveSmallIntegerField()
    reason = models.TextField()
    message = models.TextField(blank=True)
    text_before = models.TextField(blank=True)
    text_after = models.TextField(blank=True)
    is_appeal_decision = models.BooleanField(default=False)
    round_opened_at = models.DateTimeField()
    round_first_action_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["-created"]), models.Index(fields=["action"])]

    def __str__(self) -> str:
        return f"{self.action} on item {self.item_id}"

    @property
    def takes_content_down(self) -> bool:
        return self.action in {self.Action.HIDE, self.Action.REMOVE}


class Appeal(TimeStampedModel):
    """The author's request that another moderator look again at a decision."""

    decision = models.OneToOneField(
        Decision, on_delete=models.CASCADE, related_name="appeal"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals"
    )
    words = models.TextField(max_length=2000)
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, blank=True)

    def __str__(self) -> str:
        return f"appeal of decision {self.decision_id}"


class SanctionQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(
            kind__in=[Sanction.Kind.MUTE, Sanction.Kind.SUSPENSION, Sanction.Kind.BAN],
            lifted_at__isnull=True,
            starts_at__lte=now,
        ).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))

    def pausing_live_support(self):
        """Those that also keep their member from live support (a ban always does)."""
        return self.filter(Q(includes_live_support=True) | Q(kind=Sanction.Kind.BAN))

    def to_show(self, now=None):
        """Active restrictions plus warnings the member has not acknowledged yet."""
        now = now or timezone.now()
        unseen_warnings = Q(
            kind=Sanction.Kind.WARNING,
            acknowledged_at__isnull=True,
            lifted_at__isnull=True,
        )
        active = Q(pk__in=self.active(now).values("pk"))
        return self.filter(unseen_warnings | active)


class Sanction(TimeStampedModel):
    """A warning, mute, suspension or ban. Lapses by itself at ends_at: no job."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("Warning")
        MUTE = "mute", pgettext_lazy("sanction kind", "Mute")
        SUSPENSION = "suspension", _("Suspension")
        BAN = "ban", _("Ban")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    guideline = models.PositiveSmallIntegerField()
    message = models.TextField()
    private_note = models.TextField(blank=True)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)
    # A posting restriction leaves live support open: a member who is muted or
    # suspended can still ask for a listener and write in her own chat with them,
    # unless the moderator pauses that too. A ban always does.
    includes_live_support = models.BooleanField(default=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The member's appeal: once per sanction, decided by a moderator who did not
    # issue it ("upheld" or "lifted").
    appeal_words = models.TextField(blank=True, max_length=2000)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_outcome = models.CharField(max_length=10, blank=True)
    appeal_decided_at = models.DateTimeField(null=True, blank=True)
    appeal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SanctionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="sanction_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["mute", "suspension"])
                | Q(ends_at__isnull=False),
                name="sanction_mute_suspension_have_end",
            ),
            models.CheckConstraint(
                condition=~Q(kind="ban") | Q(includes_live_support=True),
                name="sanction_ban_includes_live_support",
            ),
        ]
        indexes = [
            models.Index(fields=["member", "ends_at"]),
            models.Index(
                fields=["appealed_at"],
                condition=Q(appealed_at__isnull=False, appeal_decided_at__isnull=True),
                name="sanction_appeals_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.member_id}"

    @property
    def appeal_waiting(self) -> bool:
        return self.appealed_at is not None and self.appeal_decided_at is None

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        if self.kind == self.Kind.WARNING or self.lifted_at is not None:
            return False
        return self.starts_at <= now and (self.ends_at is None or self.ends_at > now)

    @property
    def locks_out(self) -> bool:
        return self.kind in {self.Kind.SUSPENSION, self.Kind.BAN}

    @property
    def pauses_live_support(self) -> bool:
        return self.includes_live_support or self.kind == self.Kind.BAN


class MemberStanding(models.Model):
    """How much the community trusts a member's posts to go out without review."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="standing"
    )
    trust_level = models.PositiveSmallIntegerField(default=0)
    # Set by a moderator to lift (or lower) a member's trust by hand; None: computed.
    trust_override = models.PositiveSmallIntegerField(null=True, blank=True)
    approved_count = models.PositiveIntegerField(default=0)
    upheld_reports = models.PositiveIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"standing of {self.member_id}: trust {self.trust_level}"


class ModeratorNote(TimeStampedModel):
    """A private note about a member, for moderators only."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderator_notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=2000)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"note on {self.member_id}"


class Notice(TimeStampedModel):
    """A message from the moderators to one member (decisions, report outcomes)."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("About something you wrote")
        REPORT = "report", _("About something you reported")
        SANCTION = "sanction", _("About your account")
        APPEAL = "appeal", _("About your appeal")
        SUPPORT = "support", _("From the moderators")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    body = models.TextField()
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appealable = models.BooleanField(default=False)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["member", "read_at"])]

    def __str__(self) -> str:
        return f"notice to {self.member_id}"


class MessageTemplate(models.Model):
    """Editable words sent to members. Placeholders: {guideline}, {guideline_title},
    {reason}, {until}."""

    key = models.CharField(max_length=40, unique=True)
    description = models.CharField(max_length=200)
    body = models.TextField()
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.key


class ModeratorActivity(models.Model):
    """The current stretch of queue work, to suggest a break after a long one."""

    moderator = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderation_activity",
    )
    stretch_started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"activity of {self.moderator_id}"
