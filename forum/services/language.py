"""The languages of posts and of their readers."""

from django.core.cache import cache

from forum.models import ReaderPreferences
from forum.selectors.hiding import reader_key
from moderation.rules.language import languages


def post_language(text: str) -> str:
    """The language a post is written in, or "" when it mixes English and Spanish
    (then it is shown to readers of either)."""
    found = languages(text)
    return found[0] if len(found) == 1 else ""


def reading_languages_set(*, member, chosen: list[str]) -> None:
    """The languages member reads the forum in; all of them means no filter."""
    ReaderPreferences.objects.update_or_create(
        member=member, defaults={"languages": sorted(set(chosen))}
    )
    cache.delete(reader_key(member.pk))
