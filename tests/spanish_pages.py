"""Seeing the forum and moderation pages in Spanish, for their tests: the
`in_spanish` fixture makes Spanish the active language (and gives the headers
that ask for it), and `english_words` is the shared check for English left in a
page's <main> (or in a piece of HTML)."""

import pytest
from django.utils import translation

from tests import i18n_helpers


@pytest.fixture
def in_spanish():
    from forum import rendering

    rendering._words.cache_clear()
    rendering._reaction_labels.cache_clear()
    with translation.override("es"):
        yield {"HTTP_ACCEPT_LANGUAGE": "es"}
    rendering._words.cache_clear()
    rendering._reaction_labels.cache_clear()


def english_words(html: str, *, main_only: bool = True, allowed=()) -> list[str]:
    return i18n_helpers.english_words_in(html, allowed=allowed, main_only=main_only)
