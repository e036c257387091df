"""Rendering in Spanish for tests, until the shared helper (tests/i18n_helpers.py)
is on this branch: the project's catalogue compiled when it is out of date, found
through LOCALE_PATHS, and Spanish active; plus a check for common English words in
the visible text of a page's main content."""

from __future__ import annotations

import html
import re
import subprocess
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.test import override_settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
ENGLISH_WORDS = (" the ", " and ", " your ", " you ", " with ", " this ")


def compiled() -> None:
    for po in (LOCALE / "es" / "LC_MESSAGES").glob("*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "-o", str(mo), str(po)], check=True)


@contextmanager
def catalogue():
    """The project's catalogue (compiled if needed) found, whatever is active."""
    compiled()
    paths = [LOCALE, *(p for p in settings.LOCALE_PATHS if Path(p) != LOCALE)]
    with override_settings(LOCALE_PATHS=paths):
        yield


@contextmanager
def spanish():
    """Spanish active, with the project's catalogue."""
    with catalogue(), translation.override("es"):
        yield


def visible_text(page: str) -> str:
    """The words a reader sees in <main> (or the whole page without one)."""
    main = re.search(r"<main\b.*?</main>", page, re.S)
    page = main[0] if main else page
    page = re.sub(r"<(script|style|template)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return " " + re.sub(r"\s+", " ", html.unescape(page)).lower() + " "


def english_words_in(page: str, *, allowed: tuple[str, ...] = ()) -> list[str]:
    """The common English words found in page's visible text, with what surrounds
    them; text in allowed (facts the data gives in English) is left out first."""
    text = visible_text(page)
    for fact in allowed:
        text = text.replace(fact.lower(), " ")
    found = []
    for word in ENGLISH_WORDS:
        for match in re.finditer(re.escape(word), text):
            found.append(text[max(0, match.start() - 40) : match.end() + 40])
    return found
