"""Content notes an author can put on a post; readers choose which stay collapsed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentNote(models.TextChoices):
    BIRTH_TRAUMA = "birth-trauma", _("Birth trauma")
    BABY_LOSS = "baby-loss", _("Baby loss")
    SELF_HARM = "self-harm", _("Self-harm mention")
    SUICIDAL_THOUGHTS = "suicidal-thoughts", _("Suicidal thoughts mention")
    ABUSE = "abuse", _("Abuse")
    MEDICAL_DETAIL = "medical-detail", _("Medical detail")
