"""Help resources, screening questionnaires and members' private check-ins."""

import re
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

UNCONFIRMED = "UNCONFIRMED"
STALE_AFTER = timedelta(days=365)
# Fields an operator must check when any of them says UNCONFIRMED.
CHECKED_FIELDS = ("name", "phone", "sms", "url", "hours_text", "description", "source")
_SIMPLE_SMS = re.compile(r"^text\s+[A-Za-z]+\s+to\s+[+\d][\d\s-]*\d$", re.IGNORECASE)
# Brackets that speak to operators, not to the person looking for help.
_OPERATOR_NOTE = re.compile(
    r"\s*\((?=[^)]*(?:UNCONFIRMED|source|re-check|verified))[^)]*\)", re.IGNORECASE
)


class ResourceQuerySet(models.QuerySet):
    def needing_check(self, *, today=None) -> "ResourceQuerySet":
        """Entries with an UNCONFIRMED fact, or not checked for a year (or ever)."""
        today = today or timezone.localdate()
        unconfirmed = Q()
        for field in CHECKED_FIELDS:
            unconfirmed |= Q(**{f"{field}__contains": UNCONFIRMED})
        stale = Q(last_checked__isnull=True) | Q(last_checked__lt=today - STALE_AFTER)
        return self.filter(unconfirmed | stale)


class Resource(TimeStampedModel):
    """A line, text service or website that helps, for one country (or INT)."""

    class Kind(models.TextChoices):
        EMERGENCY = "emergency", _("Emergency services")
        CRISIS = "crisis", _("Crisis lines")
        PERINATAL = "perinatal", _("Pregnancy and new-parent lines")
        TEXT = "text", _("Text and chat")
        ABUSE = "abuse", _("Abuse and safety at home")
        PROFESSIONAL = "professional", _("Information and professional help")

    country = models.CharField(
        _("country"), max_length=3, help_text=_("ISO code such as GB, or INT.")
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    name = models.CharField(max_length=200)
    phone = models.CharField(max_length=200, blank=True)
    sms = models.CharField(_("text / SMS"), max_length=200, blank=True)
    url = models.URLField(max_length=300, blank=True)
    hours_text = models.CharField(
        _("hours as written"),
        max_length=300,
        blank=True,
        help_text=_("Shown as written when the structured hours are empty."),
    )
    hours = models.JSONField(
        _("structured hours"),
        null=True,
        blank=True,
        help_text=_(
            'Empty when not known; {"always": true} for 24/7; or {"weekly": '
            '[{"days": [0, 1, 2, 3, 4], "open": "09:00", "close": "17:00"}]} '
            "with Monday as 0, in the service's own time zone."
        ),
    )
    time_zone = models.CharField(max_length=64, default="UTC")
    position = models.PositiveIntegerField(
        default=0, help_text=_("Order within its kind: lower comes first.")
    )
    languages = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            'Languages the line answers in, as ISO 639-1 codes such as ["en", "es"]. '
            "Empty when the data doesn't say."
        ),
    )
    interpreters = models.BooleanField(
        default=False,
        help_text=_(
            "The line says it answers in many more languages (usually through "
            "interpreters) without naming them."
        ),
    )
    description = models.TextField(blank=True)
    not_for_crisis = models.BooleanField(
        default=False,
        help_text=_("The service says it is not a crisis line."),
    )
    source = models.TextField(blank=True)
    last_checked = models.DateField(null=True, blank=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["country", "kind", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"], name="resource_country_name_unique"
            ),
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "emergency",
                        "crisis",
                        "perinatal",
                        "text",
                        "abuse",
                        "professional",
                    ]
                ),
                name="resource_kind_valid",
            ),
        ]
        indexes = [models.Index(fields=["country", "kind"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"

    @property
    def unconfirmed(self) -> bool:
        return any(UNCONFIRMED in (getattr(self, f) or "") for f in CHECKED_FIELDS)

    @property
    def stale(self) -> bool:
        if self.last_checked is None:
            return True
        return self.last_checked < timezone.localdate() - STALE_AFTER

    @property
    def needs_check(self) -> bool:
        return self.unconfirmed or self.stale

    @property
    def phone_number(self) -> str:
        """The first number in phone, as written (before notes and alternatives)."""
        return _first_number(self.phone)

    @property
    def phone_note(self) -> str:
        """What phone says beyond its first number, without notes for operators."""
        number = self.phone_number
        rest = self.phone.split(number, 1)[1] if number else self.phone
        return _OPERATOR_NOTE.sub("", rest).strip(" ;,")

    @property
    def tel_href(self) -> str:
        digits = _dialable(self.phone_number)
        return f"tel:{digits}" if digits else ""

    @property
    def sms_number(self) -> str:
        text = self.sms or ""
        match = re.search(r"\bto\s+([+\d][\d\s-]*\d)", text, re.IGNORECASE)
        if match:
            return match[1].strip()
        return _first_number(text)

    @property
    def sms_keyword(self) -> str:
        match = re.match(
            r"\s*text\s+['\"‘“]?([A-Za-z]+)['\"’”]?\s", self.sms or "", re.I
        )
        if match and match[1].lower() not in {"support", "line", "to"}:
            return match[1].upper() if match[1].isupper() else match[1]
        return ""

    @property
    def sms_href(self) -> str:
        digits = _dialable(self.sms_number)
        if not digits:
            return ""
        keyword = self.sms_keyword
        return f"sms:{digits}?body={quote(keyword)}" if keyword else f"sms:{digits}"

    @property
    def sms_display(self) -> str:
        return _OPERATOR_NOTE.sub("", self.sms or "").strip()

    @property
    def sms_label(self) -> str:
        text = self.sms_display
        if _SIMPLE_SMS.match(text):
            # "Text HOME to 741741": the keyword and number are facts, the rest is
            # worded in the reader's language.
            return gettext("Text %(keyword)s to %(number)s") % {
                "keyword": self.sms_keyword,
                "number": self.sms_number,
            }
        if text.lower().startswith("text"):
            return text
        return gettext("Text %(number)s") % {"number": text}

    @property
    def hours_display(self) -> str:
        return _public(self.hours_text)

    @property
    def description_display(self) -> str:
        return _public(self.description)


def _public(text: str) -> str:
    """text without the notes meant for operators (UNCONFIRMED, sources, re-checks)."""
    text = _OPERATOR_NOTE.sub("", text or "")
    pieces = re.split(r"(?<=[.;])\s+", text)
    kept = [piece for piece in pieces if UNCONFIRMED not in piece]
    return " ".join(kept).strip(" ;,").rstrip(";")


def _first_number(text: str) -> str:
    """The first phone number in text: digits with the spaces and dashes between."""
    head = re.split(r"[;(]|\bor\b|\band\b", text or "", maxsplit=1)[0]
    match = re.search(r"\+?\d[\d\s-]*\d|\d", head)
    return match[0].strip() if match else ""


def _dialable(number: str) -> str:
    plus = "+" if number.strip().startswith("+") else ""
    digits = re.sub(r"\D", "", number)
    return plus + digits if digits else ""


class Questionnaire(TimeStampedModel):
    """A validated screening instrument an operator loaded, with the rights to it."""

    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    version = models.CharField(max_length=40)
    citation = models.TextField()
    definition = models.JSONField()
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class CheckIn(models.Model):
    """One private check-in: only the member who made it ever sees it."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_ins"
    )
    created = models.DateTimeField(default=timezone.now)
    mood = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    answers = models.JSONField(default=dict)
    self_harm_thoughts = models.BooleanField(default=False)
    questionnaire = models.ForeignKey(
        Questionnaire,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
    )
    questionnaire_title = models.CharField(max_length=200, blank=True)
    total = models.IntegerField(null=True, blank=True)
    band = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["member", "-created"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(mood__isnull=True) | Q(mood__gte=1, mood__lte=5),
                name="check_in_mood_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"check-in {self.pk}"
