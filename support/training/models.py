"""Becoming a listener (applications, lessons, progress) and asking for a debrief."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

OPEN_STATUSES = ("lessons", "waiting", "training")


class ListenerApplication(TimeStampedModel):
    """A member's wish to listen, from her first words to being signed off.

    Shown to senior moderators only. One open application per member."""

    class Status(models.TextChoices):
        LESSONS = "lessons", _("Doing the lessons")
        WAITING = "waiting", _("Waiting for approval")
        TRAINING = "training", _("Approved, in training")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        COMPLETED = "completed", _("Listening on her own")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="listener_applications",
    )
    why = models.TextField(max_length=1000)
    availability = models.CharField(max_length=200)
    languages = models.JSONField(default=list)
    lived_experience = models.JSONField(default=list, blank=True)
    agreed_to_boundaries = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.LESSONS
    )
    lessons_done_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, max_length=1000)
    # Her first accepted chat, which a senior moderator may watch over.
    first_room = models.ForeignKey(
        "support.Room",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "lessons_done_at"], name="application_queue")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(status__in=OPEN_STATUSES),
                name="one_open_listener_application",
            ),
            models.CheckConstraint(
                condition=Q(agreed_to_boundaries=True),
                name="application_agreed_to_boundaries",
            ),
        ]

    def __str__(self) -> str:
        return f"listener application {self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def language_labels(self) -> list[str]:
        from support.models import ChatLanguage

        labels = dict(ChatLanguage.choices)
        return [str(labels[code]) for code in self.languages if code in labels]

    def lived_experience_labels(self) -> list[str]:
        from support.models import Chip

        labels = dict(Chip.choices)
        return [str(labels[chip]) for chip in self.lived_experience if chip in labels]


class Lesson(models.Model):
    """One short lesson of the listener training, loaded from a data file
    (load_lessons); its words are in English and Spanish."""

    slug = models.SlugField(max_length=60, unique=True)
    order = models.PositiveSmallIntegerField()
    # {"en": "...", "es": "..."}
    title = models.JSONField()
    # {"en": ["paragraph", ...], "es": [...]}
    paragraphs = models.JSONField()
    # [{"question": {"en","es"}, "choices": [{"en","es"}, ...], "answer": index,
    #   "why": {"en","es"}}, ...]
    questions = models.JSONField()

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.slug

    @staticmethod
    def _in_language(words: dict):
        language = (get_language() or "en")[:2]
        return words.get(language) or words["en"]

    def title_text(self) -> str:
        return self._in_language(self.title)

    def paragraph_list(self) -> list[str]:
        return self._in_language(self.paragraphs)

    def question_list(self) -> list[dict]:
        """The check questions in the language of the moment."""
        return [
            {
                "number": index,
                "text": self._in_language(item["question"]),
                "choices": [self._in_language(choice) for choice in item["choices"]],
                "answer": item["answer"],
                "why": self._in_language(item["why"]),
            }
            for index, item in enumerate(self.questions)
        ]


class LessonPass(models.Model):
    """A member answered every check question of a lesson right. Kept by the
    lesson's slug, so reloading the lessons file keeps her progress."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_passes"
    )
    lesson_slug = models.SlugField(max_length=60)
    passed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "lesson_slug"], name="one_pass_per_lesson"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} passed {self.lesson_slug}"


class DebriefRequest(TimeStampedModel):
    """A listener asking a moderator to talk a hard chat through."""

    class Status(models.TextChoices):
        ASKED = "asked", _("Asked")
        ARRANGED = "arranged", _("Arranged")
        DONE = "done", _("Done")

    listener = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="debrief_requests",
    )
    room = models.ForeignKey(
        "support.Room",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.ASKED
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        indexes = [models.Index(fields=["status", "created"], name="debrief_queue")]

    def __str__(self) -> str:
        return f"debrief {self.pk} ({self.status})"
