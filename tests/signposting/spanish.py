"""Spanish for the support and signposting tests: Spanish active for Python
strings and the site's default for requests (so pages come in Spanish without an
Accept-Language header), and the shared check for English left in <main>."""

from __future__ import annotations

from contextlib import contextmanager

from django.test import override_settings
from django.utils import translation

from tests import i18n_helpers


@contextmanager
def spanish():
    with override_settings(LANGUAGE_CODE="es"), translation.override("es"):
        yield


def english_words_in(page: str, *, allowed: tuple[str, ...] = ()) -> list[str]:
    return i18n_helpers.english_words_in(page, allowed=allowed, main_only=True)
