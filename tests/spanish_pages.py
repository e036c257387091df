"""Seeing the forum and moderation pages in Spanish, for their tests.

A small local stand-in for the shared check of English left on a page: `in_spanish`
makes Spanish the active language (compiling the catalogue when it is missing or
older than its .po), and `english_words` lists the common English words still in
the visible text of a page's <main> or of any piece of HTML.
"""

import html as html_lib
import re
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent / "locale"
CATALOGUE = LOCALE / "es" / "LC_MESSAGES" / "django"

# Common English words that are not Spanish words too.
ENGLISH = ("the", "and", "your", "you", "with", "this", "that", "for", "is", "of", "to")


def _compile() -> None:
    po, mo = CATALOGUE.with_suffix(".po"), CATALOGUE.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)


@pytest.fixture
def in_spanish(settings):
    """Spanish for the rest of the test: Python strings and pages alike (the
    client's requests also ask for it, for when a locale middleware listens)."""
    _compile()
    settings.LOCALE_PATHS = [LOCALE]
    from forum import rendering

    rendering._words.cache_clear()
    rendering._reaction_labels.cache_clear()
    with translation.override("es"):
        yield {"HTTP_ACCEPT_LANGUAGE": "es"}
    rendering._words.cache_clear()
    rendering._reaction_labels.cache_clear()


def visible_text(html: str, *, main_only: bool = True) -> str:
    """What a reader sees or hears: text, and the labels of elements."""
    if main_only:
        found = re.search(r"<main\b.*?</main>", html, re.DOTALL)
        assert found, "the page has no <main>"
        html = found.group(0)
    html = re.sub(r"<!--.*?-->", " ", html, flags=re.S)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    labels = re.findall(r'\s(?:aria-label|title|alt|placeholder)="([^"]*)"', html)
    text = " ".join([re.sub(r"<[^>]+>", " ", html), *labels])
    return re.sub(r"\s+", " ", html_lib.unescape(text))


def english_words(html: str, *, main_only: bool = True, allowed=()) -> list[str]:
    """Each common English word left, with a little of its context."""
    text = visible_text(html, main_only=main_only)
    for fact in ("Kindred", *allowed):
        text = text.replace(fact, " ")
    pattern = r"\b(" + "|".join(ENGLISH) + r")\b"
    return [
        f"{m.group(0)!r} in …{text[max(0, m.start() - 30) : m.end() + 30]}…"
        for m in re.finditer(pattern, text, re.IGNORECASE)
    ]
