"""Dates as members read them in the moderators' words, in the reader's language."""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import pgettext


def moment(value: datetime | None) -> str:
    """A date and time such as "06 Dec 2026, 23:42", with month names in the active
    language; "" for none."""
    if value is None:
        return ""
    # Translators: a Django date format (https://docs.djangoproject.com/en/5.2/ref/templates/builtins/#date).
    pattern = pgettext("date and time format", "d M Y, H:i")
    return date_format(timezone.localtime(value), pattern)
