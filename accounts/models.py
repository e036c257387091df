from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

ROLE_PERMISSIONS = {
    "listen": "accounts.listen",
    "moderate": "accounts.moderate",
    "senior_moderate": "accounts.senior_moderate",
    "operate": "accounts.operate",
}


class MemberManager(BaseUserManager):
    def get_by_natural_key(self, pseudonym: str) -> "Member":
        return self.get(pseudonym__iexact=pseudonym)

    def create_user(
        self, pseudonym: str, password: str | None = None, **fields
    ) -> "Member":
        member = self.model(pseudonym=pseudonym, **fields)
        member.set_password(password)
        member.save(using=self._db)
        return member

    def create_superuser(self, pseudonym: str, password: str | None = None, **fields):
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(pseudonym, password, **fields)


class Member(AbstractBaseUser, PermissionsMixin):
    """A person on Kindred, known only by a pseudonym."""

    class Theme(models.TextChoices):
        SYSTEM = "system", _("Follow my device")
        LIGHT = "light", _("Light")
        DARK = "dark", _("Night")

    pseudonym = models.CharField(_("pseudonym"), max_length=30, unique=True)
    # Optional, only for password reset; never shown to anyone.
    email = models.EmailField(_("email (optional)"), blank=True)
    country = models.CharField(_("country"), max_length=3, blank=True)
    theme = models.CharField(max_length=6, choices=Theme.choices, default=Theme.SYSTEM)
    # A code from settings.LANGUAGES; blank follows the browser (or the cookie).
    language = models.CharField(_("language"), max_length=10, blank=True, default="")
    collapsed_content_notes = models.JSONField(default=list, blank=True)
    guidelines_version = models.PositiveIntegerField(null=True, blank=True)
    guidelines_accepted_at = models.DateTimeField(null=True, blank=True)
    age_confirmed_at = models.DateTimeField(null=True, blank=True)
    pseudonym_changed_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now, db_index=True)

    objects = MemberManager()

    USERNAME_FIELD = "pseudonym"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("pseudonym"), name="member_pseudonym_ci_unique"
            ),
        ]
        permissions = [
            ("listen", "Can take live-support chats as a listener"),
            ("moderate", "Can work the moderation queue"),
            ("senior_moderate", "Can decide escalated moderation items"),
            ("operate", "Can configure the community"),
        ]

    def __str__(self) -> str:
        return self.pseudonym

    def can(self, action: str) -> bool:
        """Return whether this member holds the role permission named by action."""
        permission = ROLE_PERMISSIONS.get(action)
        if permission is None:
            raise ValueError(f"Unknown role action: {action}")
        return self.is_active and self.has_perm(permission)

    @property
    def is_listener(self) -> bool:
        return self.can("listen")

    @property
    def is_moderator(self) -> bool:
        return self.can("moderate")

    @property
    def is_operator(self) -> bool:
        return self.can("operate")


class RecoveryCode(TimeStampedModel):
    """A one-time code that resets a password without email; only its hash is kept."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"recovery code for {self.member_id}"
