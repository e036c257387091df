"""Spaces, threads, nested replies, reactions, follows and notifications.

A thread carries its opening post (title and body); replies answer the thread or
another reply. Both share the post fields below. Reactions, revisions and
notifications always point at a thread and, when they concern a reply, at that reply
too, so every question "which post?" is answered by (thread, reply or None).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

TITLE_MAX_LENGTH = 140
BODY_MAX_LENGTH = 10_000
# Replies deeper than this are shown flat under their parent.
MAX_DISPLAY_DEPTH = 3
RESERVED_SLUGS = {"reply", "follow"}


class Language(models.TextChoices):
    """The languages posts are read in; each post's is detected from its words."""

    ENGLISH = "en", "English"
    SPANISH = "es", "Español"


class PostStatus(models.TextChoices):
    HELD = "held", _("Waiting for a moderator")
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden by a moderator")
    REMOVED = "removed", _("Removed by a moderator")
    DELETED = "deleted", _("Removed by its author")


class ReactionKind(models.TextChoices):
    HUG = "hug", _("Hug")
    ME_TOO = "me_too", _("Me too")
    THANK_YOU = "thank_you", _("Thank you")
    STRENGTH = "strength", _("Sending strength")


# The denormalised counter field of each reaction kind.
REACTION_COUNT_FIELDS = {
    ReactionKind.HUG: "hug_count",
    ReactionKind.ME_TOO: "me_too_count",
    ReactionKind.THANK_YOU: "thank_you_count",
    ReactionKind.STRENGTH: "strength_count",
}


class Space(TimeStampedModel):
    """A category of threads, managed by operators."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("short description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    requires_approval = models.BooleanField(
        _("new threads need approval"),
        default=False,
        help_text=_("New threads stay waiting for a moderator until approved."),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        blank=True,
        help_text=_("Only for members who read this language. Empty: for everyone."),
    )
    # A circle's own space (forum.circles): read only by the circle's members and
    # moderators, never listed with the others. Set when the circle opens.
    is_circle = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forum:space", args=[self.slug])


class PostFields(TimeStampedModel):
    """What a thread's opening post and a reply have in common."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body_source = models.TextField(blank=True)
    # Rendered and cleaned once, at save time.
    body_html = models.TextField(blank=True)
    status = models.CharField(
        max_length=8, choices=PostStatus.choices, default=PostStatus.VISIBLE
    )
    anonymous = models.BooleanField(default=False)
    # Detected from the words when saved; empty when it mixes languages (then it is
    # shown to readers of either).
    language = models.CharField(max_length=2, choices=Language.choices, blank=True)
    content_notes = models.JSONField(default=list, blank=True)
    # What the rules matched at save time, for contextual resource cards.
    risk_categories = models.JSONField(default=list, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    hug_count = models.PositiveIntegerField(default=0)
    me_too_count = models.PositiveIntegerField(default=0)
    thank_you_count = models.PositiveIntegerField(default=0)
    strength_count = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.status == PostStatus.DELETED

    def reaction_counts(self) -> dict[str, int]:
        return {
            kind: getattr(self, field) for kind, field in REACTION_COUNT_FIELDS.items()
        }


class Thread(PostFields):
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    last_activity = models.DateTimeField(default=timezone.now)
    # Visible replies only; kept by forum.services, checked by recount_forum.
    reply_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(
                fields=["space", "-last_activity"], name="thread_space_activity"
            ),
            models.Index(
                fields=["status", "reply_count", "created"], name="thread_waiting"
            ),
            models.Index(fields=["status"], name="thread_status"),
            models.Index(fields=["author", "-created"], name="thread_author"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:thread", args=[self.pk, self.slug])

    @property
    def slug(self) -> str:
        slug = slugify(self.title)[:60].strip("-") or "thread"
        # Never the name of an action under the same path.
        return f"{slug}-thread" if slug in RESERVED_SLUGS else slug


class Reply(PostFields):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")
    # None: answers the thread itself.
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    # The top-level reply this one hangs under (None for top-level replies); pages are
    # cut by top-level reply, so a whole branch is fetched in one query.
    root = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name_plural = "replies"
        indexes = [
            models.Index(
                fields=["thread", "root", "created"], name="reply_thread_root"
            ),
            models.Index(fields=["status"], name="reply_status"),
            models.Index(fields=["author", "-created"], name="reply_author"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(depth__gte=1), name="reply_depth_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"reply {self.pk} in thread {self.thread_id}"

    def get_absolute_url(self) -> str:
        return reverse("forum:reply", args=[self.pk])


class Reaction(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    # None: the reaction is on the thread's opening post.
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=ReactionKind.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "thread", "kind"],
                condition=Q(reply__isnull=True),
                name="reaction_once_per_thread",
            ),
            models.UniqueConstraint(
                fields=["member", "reply", "kind"],
                condition=Q(reply__isnull=False),
                name="reaction_once_per_reply",
            ),
        ]
        indexes = [models.Index(fields=["member", "thread"], name="reaction_member")]

    def __str__(self) -> str:
        return f"{self.kind} by {self.member_id}"


class Revision(models.Model):
    """The text of a post as it was before an edit (moderators read the history)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)
    body_source = models.TextField()
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_moderator = models.BooleanField(default=False)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "id"]
        indexes = [models.Index(fields=["thread", "reply"], name="revision_post")]

    def __str__(self) -> str:
        return f"revision {self.pk}"


class Follow(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "thread"], name="follow_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} follows {self.thread_id}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply")
        REACTION = "reaction", _("Reaction")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    # The reply that was written, or the reply that was reacted to.
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reaction_kind = models.CharField(
        max_length=10, choices=ReactionKind.choices, blank=True
    )
    created = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-created"], name="notification_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"


class IgnoredMember(models.Model):
    """A member the reader chose not to see: their named posts fold closed for her.
    They are never told. Anonymous posts never fold, so hiding someone never reveals
    who wrote an anonymous post."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    ignored = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "ignored"], name="ignored_member_once"
            ),
            models.CheckConstraint(
                condition=~Q(member=models.F("ignored")), name="ignored_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} does not see {self.ignored_id}"


class ReaderPreferences(models.Model):
    """What a member chose to see of the forum, read in one query for every page's
    spaces menu: spaces she keeps out of sight (after a loss, the pregnancy space
    may be more than she can bear) and the languages she reads (none chosen: all)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    hidden_spaces = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"what {self.member_id} reads"
