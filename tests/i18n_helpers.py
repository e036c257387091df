"""Checks that a page meant to be in another language shows no English.

assert_no_english(html) strips scripts, styles, comments and tags, keeps what a
reader sees or hears (text, and the alt, title, aria-label and placeholder of
elements), takes out facts that stay as they are (Kindred, the names, numbers and
texting instructions and opening hours of help lines from the
resources data, and any `allowed`
strings), and fails listing
every common English word still there, each with a little of its context.
"""

import html as html_lib
import json
import re
from functools import cache
from pathlib import Path

RESOURCES = (
    Path(__file__).resolve().parent.parent
    / "support"
    / "signposting"
    / "data"
    / "resources.json"
)

# Common English words that are not also Spanish words ("a", "me", "no", "has"
# and "es" are left out for that reason).
ENGLISH_WORDS = (
    "the",
    "and",
    "your",
    "you",
    "with",
    "this",
    "that",
    "for",
    "are",
    "is",
    "not",
    "what",
    "when",
    "please",
    "here",
    "our",
    "we",
    "from",
    "have",
    "of",
    "to",
    "it",
    "or",
    "in",
    "on",
)

SPOKEN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


@cache
def facts() -> tuple[str, ...]:
    """Words that stay as the data gives them, longest first."""
    names = {"Kindred", "English"}
    for resource in json.loads(RESOURCES.read_text(encoding="utf-8")):
        # How to reach a line is written as the data gives it.
        names.update(
            resource[key]
            for key in ("name", "phone", "sms", "hours")
            if resource.get(key)
        )
    return tuple(sorted(names, key=len, reverse=True))


def visible_text(html: str, *, main_only: bool = False) -> str:
    """What a reader sees or hears of the page (or of its <main> alone)."""
    if main_only:
        found = re.search(r"<main\b.*?</main>", html, re.DOTALL | re.IGNORECASE)
        html = found.group(0) if found else html
    html = re.sub(r"<!--.*?-->", " ", html, flags=re.DOTALL)
    html = re.sub(
        r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.DOTALL | re.I
    )
    # Text marked as being in another language says so honestly (the language
    # switcher names each language in itself; data kept in English is marked).
    html = re.sub(
        r'<(\w+) [^>]*\blang="(?!es)[^"]*"[^>]*>.*?</\1>', " ", html, flags=re.S
    )
    spoken = []
    for tag in re.findall(r"<[a-zA-Z][^>]*>", html):
        for name in SPOKEN_ATTRIBUTES:
            for value in re.findall(rf'\s{name}="([^"]*)"', tag):
                spoken.append(value)
    text = re.sub(r"<[^>]+>", " ", html)
    text = html_lib.unescape(" ".join([text, *spoken]))
    return re.sub(r"\s+", " ", text)


def english_words_in(
    html: str, *, allowed: tuple[str, ...] = (), main_only: bool = False
) -> list[str]:
    """Each English word found, with a little of the text around it."""
    text = visible_text(html, main_only=main_only)
    for fact in (*allowed, *facts()):
        text = text.replace(fact, " ")
    found = []
    pattern = r"\b(" + "|".join(ENGLISH_WORDS) + r")\b"
    for match in re.finditer(pattern, text, re.IGNORECASE):
        start, end = max(0, match.start() - 30), match.end() + 30
        found.append(f"{match.group(0)!r} in …{text[start:end].strip()}…")
    return found


def assert_no_english(
    html: str, *, allowed: tuple[str, ...] = (), main_only: bool = False
) -> None:
    found = english_words_in(html, allowed=allowed, main_only=main_only)
    assert not found, "English left on the page:\n" + "\n".join(found)
