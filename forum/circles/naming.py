"""What a circle is called, in the active language: "November 2026 babies · 2"."""

from __future__ import annotations

import datetime

from django.utils import formats
from django.utils.translation import gettext as _


def month_label(month: datetime.date) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def circle_name(kind, birth_month: datetime.date | None, number: int) -> str:
    if birth_month is not None:
        name = _("%(month)s babies") % {"month": month_label(birth_month)}
    else:
        name = kind.name
    if number > 1:
        name = _("%(name)s · %(number)s") % {"name": name, "number": number}
    return name
