"""User text: a small Markdown subset rendered to HTML and cleaned, once, at save time.

Forum posts and chat messages go through the same two functions. Nothing else in
Kindred imports bleach.
"""

import re
import unicodedata
from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "a"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

# C0/C1 controls (but tab and newline), bidi overrides and isolates, zero-width
# joiners used to hide words, and the byte-order mark.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)

_markdown = (
    MarkdownIt("js-default", {"html": False, "linkify": False, "breaks": True})
    .disable(["image", "heading", "lheading", "table", "hr", "code", "fence"])
)


def normalise_text(source: str) -> str:
    """Return source with newlines unified and invisible control characters removed."""
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return _INVISIBLE.sub("", text)


def _set_link_rel(attrs: dict, new: bool = False) -> dict:
    href_key = (None, "href")
    if href_key not in attrs:
        return attrs
    attrs[(None, "rel")] = LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    # No skip_tags: existing links must pass through the callback too, or Markdown
    # links would keep no rel.
    filters=[partial(LinkifyFilter, callbacks=[_set_link_rel])],
)


def clean_html(html: str) -> str:
    """Return html reduced to the allow-list; every link gets rel="nofollow ugc noopener"."""
    return _cleaner.clean(html)


def render_user_text(source: str) -> str:
    """Render member-written Markdown (the small subset) to clean HTML."""
    return clean_html(_markdown.render(normalise_text(source))).strip()
