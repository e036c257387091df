"""The kindness guidelines members accept on joining.

Numbered and versioned: members record which version they accepted, and every
moderation reason points to one of these numbers. Raise GUIDELINES_VERSION when the
meaning of any guideline changes.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Guideline:
    number: int
    title: str
    text: str


GUIDELINES_VERSION = 1

GUIDELINES: tuple[Guideline, ...] = (
    Guideline(
        1,
        _("Be kind"),
        _(
            "Answer the post, not the person. Assume the other parent is doing "
            "their best on very little sleep."
        ),
    ),
    Guideline(
        2,
        _("No judging choices"),
        _(
            "Feeding, sleep, birth, work, going back or staying home: share what "
            "worked for you, never what someone else should have done."
        ),
    ),
    Guideline(
        3,
        _("Peers, not professionals"),
        _(
            "Don't diagnose anyone or tell them to start, stop or change medicine. "
            "Point to a midwife, health visitor, GP or doctor instead."
        ),
    ),
    Guideline(
        4,
        _("Keep each other anonymous"),
        _(
            "No real names, places, schools, photos, phone numbers or other "
            "accounts, yours or anyone's. No moving conversations off Kindred. "
            "What is shared here stays here."
        ),
    ),
    Guideline(
        5,
        _("Nothing for sale"),
        _("No selling, advertising, fundraising or looking for clients."),
    ),
    Guideline(
        6,
        _("Care with hard topics"),
        _(
            "Add a content note to posts about loss, birth trauma, self-harm or "
            "suicide. Talk about how you feel, never about methods or means."
        ),
    ),
    Guideline(
        7,
        _("Report, don't argue"),
        _(
            "If something feels wrong, report it and let a moderator look. "
            "Moderators change as little as they can and always say why."
        ),
    ),
    Guideline(
        8,
        _("Not a crisis service"),
        _(
            "Kindred is people who understand, not an emergency service. If you or "
            "your baby are in danger, call your emergency number or use "
            "Get help now."
        ),
    ),
    Guideline(
        9,
        _("One account each, aged 16 or over"),
        _("One account per person, so that trust here means something."),
    ),
)


def guideline(number: int) -> Guideline:
    """Return the guideline with this number; raises LookupError if there is none."""
    for item in GUIDELINES:
        if item.number == number:
            return item
    raise LookupError(number)


GUIDELINE_CHOICES = [
    (item.number, f"{item.number}. {item.title}") for item in GUIDELINES
]
