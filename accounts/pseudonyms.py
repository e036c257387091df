"""What a pseudonym may be, and gentle ideas for one.

A pseudonym is the only name a member has here, so it must not let anyone pass as
staff or volunteers, and it should not carry a phone number: hence letters are
required, and reserved words are refused anywhere in it as whole words.
"""

import re
import secrets
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.text import normalise_text

PSEUDONYM_MIN_LENGTH = 3
PSEUDONYM_MAX_LENGTH = 30

RESERVED_WORDS = frozenset(
    {
        "admin",
        "admins",
        "administrator",
        "administrators",
        "moderator",
        "moderators",
        "mod",
        "mods",
        "listener",
        "listeners",
        "operator",
        "operators",
        "kindred",
        "anonymous",
        "staff",
        "support",
        "system",
    }
)
# Phrases refused when their words appear together.
RESERVED_PHRASES = (("anonymous", "parent"), ("former", "member"))

_ALLOWED = re.compile(r"^[^\W_]+(?:[ -][^\W_]+)*$")
_WHITESPACE = re.compile(r"\s+")
_WORD_SPLIT = re.compile(r"[ -]+")

ADJECTIVES = (
    "Quiet",
    "Gentle",
    "Steady",
    "Soft",
    "Brave",
    "Patient",
    "Hopeful",
    "Calm",
    "Warm",
    "Tender",
    "Kind",
    "Bright",
    "Sleepy",
    "Early",
    "Still",
    "Golden",
    "Misty",
    "Hazel",
    "Mellow",
    "Dawn",
    "Silver",
    "Willow",
    "Velvet",
    "Sunny",
)
NATURE_NOUNS = (
    "Heron",
    "Otter",
    "Willow",
    "Fern",
    "Robin",
    "Wren",
    "Meadow",
    "Harbour",
    "Brook",
    "Moth",
    "Sparrow",
    "Lark",
    "Maple",
    "Birch",
    "Clover",
    "Pebble",
    "Tide",
    "Moss",
    "Finch",
    "Hare",
    "Thistle",
    "Acorn",
    "Starling",
    "Rowan",
)


def normalise_pseudonym(value: str) -> str:
    """Return value trimmed, NFC-normalised, with invisible characters removed and
    runs of spaces collapsed to one."""
    text = normalise_text(value or "")
    text = unicodedata.normalize("NFC", text)
    return _WHITESPACE.sub(" ", text).strip()


def pseudonym_key(value: str) -> str:
    """The form two pseudonyms are compared in (they are unique ignoring case)."""
    return normalise_pseudonym(value).casefold()


def _reserved_word_in(name: str) -> str | None:
    words = [word for word in _WORD_SPLIT.split(name.casefold()) if word]
    for word in words:
        if word in RESERVED_WORDS:
            return word
    for first, second in RESERVED_PHRASES:
        for left, right in zip(words, words[1:], strict=False):
            if (left, right) == (first, second):
                return f"{first} {second}"
    return None


def validate_pseudonym_shape(value: str) -> str:
    """Return the normalised pseudonym, or raise ValidationError saying what to change.

    Checks only the shape and reserved words; whether it is taken is a database
    question answered by the caller.
    """
    name = normalise_pseudonym(value)
    if len(name) < PSEUDONYM_MIN_LENGTH:
        raise ValidationError(
            _("Please use at least %(min)d characters."),
            code="too_short",
            params={"min": PSEUDONYM_MIN_LENGTH},
        )
    if len(name) > PSEUDONYM_MAX_LENGTH:
        raise ValidationError(
            _("Please keep it to %(max)d characters or fewer."),
            code="too_long",
            params={"max": PSEUDONYM_MAX_LENGTH},
        )
    if not _ALLOWED.match(name):
        raise ValidationError(
            _("Please use only letters, numbers, spaces and hyphens."),
            code="characters",
        )
    if not any(character.isalpha() for character in name):
        raise ValidationError(
            _("Please include at least one letter."), code="no_letters"
        )
    if _reserved_word_in(name):
        raise ValidationError(
            _(
                "That name could be mistaken for the Kindred team or a volunteer. "
                "Please choose another."
            ),
            code="reserved",
        )
    return name


def candidate_pseudonyms(count: int) -> list[str]:
    """Return count distinct random "Adjective Noun" names (they may be taken)."""
    names: list[str] = []
    while len(names) < count:
        adjective = secrets.choice(ADJECTIVES)
        noun = secrets.choice(NATURE_NOUNS)
        if adjective == noun:
            continue
        name = f"{adjective} {noun}"
        if name not in names:
            names.append(name)
    return names
