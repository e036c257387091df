"""Countries a member can choose, so that help shows the right lines first.

These are the countries the help directory has lines for; "INT" means the
international lines, for anywhere else.
"""

from django.utils.translation import gettext_lazy as _

INTERNATIONAL = "INT"

COUNTRY_CHOICES = [
    ("AU", _("Australia")),
    ("CA", _("Canada")),
    ("IE", _("Ireland")),
    ("NZ", _("New Zealand")),
    ("GB", _("United Kingdom")),
    ("US", _("United States")),
    (INTERNATIONAL, _("Somewhere else (international lines)")),
]

COUNTRY_CODES = frozenset(code for code, _label in COUNTRY_CHOICES)


def country_name(code: str) -> str:
    for value, label in COUNTRY_CHOICES:
        if value == code:
            return str(label)
    return ""
