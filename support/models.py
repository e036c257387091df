"""Live support: requests, the listener queue, rooms and their messages."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel


class Chip(models.TextChoices):
    """Short context a member may give when asking for someone."""

    LONELY = "lonely", _("Lonely")
    ANXIOUS = "anxious", _("Anxious")
    LOW = "low", pgettext_lazy("feeling", "Low")
    OVERWHELMED = "overwhelmed", _("Overwhelmed")
    SCARY_THOUGHTS = "scary-thoughts", _("Scary thoughts")
    BIRTH_WAS_HARD = "birth-was-hard", _("Birth was hard")
    BABY_LOSS = "baby-loss", _("Baby loss")
    PARTNER = "partner", _("Partner or relationship")


def default_max_chats() -> int:
    return settings.LISTENER_MAX_CHATS


class ChatLanguage(models.TextChoices):
    """The languages a live chat can be held in."""

    ENGLISH = "en", "English"
    SPANISH = "es", "Español"


def default_languages() -> list[str]:
    return [ChatLanguage.ENGLISH]


class SupportRequest(TimeStampedModel):
    """A member asking for a live listener; it stays in the queue until someone
    accepts it or the member cancels it. It never expires by itself."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        ACCEPTED = "accepted", _("Accepted")
        CANCELLED = "cancelled", _("Cancelled")
        ENDED = "ended", _("Ended")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="support_requests",
    )
    chips = models.JSONField(default=list, blank=True)
    wants_lived_experience = models.BooleanField(default=False)
    # The member said they might act on thoughts of harming themselves or their baby.
    urgent = models.BooleanField(default=False)
    # Whose help lines the member was shown when she asked (her setting, a country
    # she picked, her browser's region): the listener's resource cards use them.
    country = models.CharField(max_length=3, blank=True)
    # The language she would like to talk in: a listener who speaks it is looked
    # for first, as for lived experience.
    language = models.CharField(
        max_length=2, choices=ChatLanguage.choices, default=ChatLanguage.ENGLISH
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.WAITING
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    listener = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_support_requests",
    )

    class Meta:
        indexes = [
            models.Index(fields=["status", "-urgent", "created"], name="request_queue"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(status="waiting"),
                name="one_waiting_request_per_member",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(accepted_at__isnull=False),
                name="accepted_request_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"request {self.pk} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("support:request_wait", args=[self.pk])

    def chip_labels(self) -> list[str]:
        labels = dict(Chip.choices)
        return [str(labels[chip]) for chip in self.chips if chip in labels]


class ListenerStatus(models.Model):
    """A listener's duty state and limits."""

    listener = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="listener_status",
    )
    on_duty = models.BooleanField(default=False)
    on_duty_since = models.DateTimeField(null=True, blank=True)
    max_chats = models.PositiveSmallIntegerField(default=default_max_chats)
    weekly_hours_cap = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Leave empty for no weekly limit.")
    )
    lived_experience = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Context chips this listener has lived experience of."),
    )
    languages = models.JSONField(
        default=default_languages,
        blank=True,
        help_text=_("The languages this listener can chat in."),
    )
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        help_text=_(
            "Where her nights fall, from her browser when she goes on duty. Empty: "
            "the site's time zone."
        ),
    )

    class Meta:
        verbose_name_plural = "listener statuses"
        indexes = [models.Index(fields=["on_duty"], name="listener_on_duty")]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_chats__gte=1), name="max_chats_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.listener} ({'on duty' if self.on_duty else 'off duty'})"


class DutyShift(models.Model):
    """One stretch on duty; the weekly hours cap is counted from these."""

    listener = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="duty_shifts"
    )
    started = models.DateTimeField(default=timezone.now)
    ended = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["listener", "started"], name="duty_shift_week")]

    def __str__(self) -> str:
        return f"{self.listener} from {self.started:%Y-%m-%d %H:%M}"


class Room(models.Model):
    """A private chat for one accepted request, or a group room operators open."""

    class Kind(models.TextChoices):
        PRIVATE = "private", _("Private chat")
        GROUP = "group", _("Group room")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    name = models.CharField(max_length=80, blank=True)
    description = models.TextField(blank=True)
    # Group rooms: open between these local times (may wrap past midnight);
    # empty means always open.
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    is_listed = models.BooleanField(
        default=True, help_text=_("Group rooms only: shown in the list of rooms.")
    )
    slow_mode_seconds = models.PositiveIntegerField(default=0)
    # The seq of the room's newest message (ChatMessage.seq); written only by
    # support.services.numbering.next_message_seq.
    message_seq = models.PositiveBigIntegerField(default=0, editable=False)
    request = models.OneToOneField(
        SupportRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="room",
    )
    created = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True, db_index=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    transcript_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="group")
                | Q(opens_at__isnull=True, closes_at__isnull=True),
                name="only_group_rooms_have_hours",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.GROUP:
            return self.name
        return f"private chat {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("support:room", args=[self.pk])

    @property
    def is_private(self) -> bool:
        return self.kind == self.Kind.PRIVATE

    @property
    def has_ended(self) -> bool:
        return self.ended_at is not None

    def is_open_at(self, moment=None) -> bool:
        """Whether a group room is in its open hours (private rooms: until ended)."""
        if self.has_ended:
            return False
        if self.opens_at is None or self.closes_at is None:
            return True
        now = timezone.localtime(moment or timezone.now()).time()
        if self.opens_at <= self.closes_at:
            return self.opens_at <= now < self.closes_at
        return now >= self.opens_at or now < self.closes_at


class RoomMembership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        LISTENER = "listener", _("Listener")
        MODERATOR = "moderator", _("Moderator")

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="room_memberships",
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)
    muted_until = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    # When this member last pressed "Tell my listener I need more help" here.
    help_asked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["room", "member"], name="one_membership_per_room"
            ),
        ]
        indexes = [models.Index(fields=["member", "left_at"], name="membership_active")]

    def __str__(self) -> str:
        return f"{self.member} in {self.room} as {self.role}"

    @property
    def is_active(self) -> bool:
        return self.left_at is None

    def is_muted(self, moment=None) -> bool:
        return self.muted_until is not None and self.muted_until > (
            moment or timezone.now()
        )


class HostConnection(models.Model):
    """One open socket of a listener or moderator in a group room: members may
    write there while at least one fresh row exists. Written when the socket
    connects, touched by its pings, deleted when it closes; a row whose process
    died stops counting once it is stale (see selectors.HOST_STALE_AFTER)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="+")
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    channel_name = models.CharField(max_length=200, unique=True)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["room", "last_seen"], name="host_connection_fresh")
        ]

    def __str__(self) -> str:
        return f"{self.host} hosting {self.room}"


class ChatMessage(models.Model):
    """One message in a room. Stored before it is broadcast. Its seq numbers the
    room's messages 1, 2, 3, ... without gaps, in the order they were committed
    (support.services.chat), whichever process stored them: a client that holds
    every message up to a seq resumes from it and misses nothing."""

    class Kind(models.TextChoices):
        MESSAGE = "message", _("Message")
        RESOURCE_CARD = "resource_card", _("Resource card")
        SYSTEM = "system", _("System note")

    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HELD = "held", _("Held for review")
        HIDDEN = "hidden", _("Hidden by a moderator")
        REMOVED = "removed", _("Removed by a moderator")

    id = models.BigAutoField(primary_key=True)
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chat_messages",
    )
    author_role = models.CharField(
        max_length=10, choices=RoomMembership.Role.choices, blank=True
    )
    kind = models.CharField(max_length=14, choices=Kind.choices, default=Kind.MESSAGE)
    body = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    # A snapshot of the resource a card shows, so it reads the same later.
    card = models.JSONField(null=True, blank=True)
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.VISIBLE
    )
    hold_reason = models.CharField(max_length=40, blank=True)
    client_id = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["room", "id"], name="chat_message_resume")]
        constraints = [
            # A client resending after a dropped connection must not store it twice.
            models.UniqueConstraint(
                fields=["room", "author", "client_id"],
                condition=~Q(client_id=""),
                name="chat_message_client_id_once",
            ),
            models.UniqueConstraint(
                fields=["room", "seq"], name="chat_message_seq_once"
            ),
        ]

    def __str__(self) -> str:
        return f"message {self.pk} in room {self.room_id}"

    def get_absolute_url(self) -> str:
        return f"{reverse('support:room', args=[self.room_id])}#m{self.pk}"


class ChatFeedback(TimeStampedModel):
    """What the member said about a chat once it ended."""

    class Helped(models.TextChoices):
        YES = "yes", _("Yes, it helped")
        A_BIT = "a-bit", _("A little")
        NO = "no", _("Not really")

    room = models.OneToOneField(Room, on_delete=models.CASCADE, related_name="feedback")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    helped = models.CharField(max_length=6, choices=Helped.choices)
    comment = models.TextField(blank=True, max_length=1000)

    def __str__(self) -> str:
        return f"feedback on room {self.room_id}"


class ListenerNote(TimeStampedModel):
    """A listener's private note about a chat, for moderators only."""

    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="listener_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField(max_length=4000)

    def __str__(self) -> str:
        return f"note on room {self.room_id}"
