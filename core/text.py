"""User text: a small Markdown subset rendered to HTML and cleaned, once, at save time.

Forum posts and chat messages go through the same two functions. Nothing else in
Kindred imports bleach.
"""

import re
import threading
import unicodedata
from functools import partial
from urllib.parse import urlsplit

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

_markdown = MarkdownIt(
    "js-default", {"html": False, "linkify": False, "breaks": True}
).disable(["image", "heading", "lheading", "table", "hr", "code", "fence"])


def normalise_text(source: str) -> str:
    """Return source with newlines unified and invisible control characters removed."""
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return _INVISIBLE.sub("", text)


# Link text that names a web address of its own, e.g. "bank.example" or "https://...".
_ADDRESS_IN_TEXT = re.compile(
    r"^\s*(?:https?://)?(?:www\.)?([\w-]+(?:\.[\w-]+)+)(?::\d+)?(?:[/?#]\S*)?\s*$",
    re.IGNORECASE,
)


def _host(address: str) -> str:
    try:
        return (urlsplit(address).hostname or "").lower().removeprefix("www.")
    except ValueError:
        return "\ufffd"  # unparseable: treated like a look-alike host


def _looks_deceptive(href: str, text: str) -> bool:
    """A look-alike host (non-ASCII or punycode letters), or link text naming one
    address while the link goes to another."""
    host = _host(href)
    if not host.isascii() or any(label.startswith("xn--") for label in host.split(".")):
        return True
    shown = _ADDRESS_IN_TEXT.match(text or "")
    if shown is None or href.lower().startswith("mailto:"):
        return False
    shown_host = shown.group(1).lower().removeprefix("www.")
    return shown_host != host


def _set_link_rel(attrs: dict, new: bool = False) -> dict | None:
    """Every link gets our rel and no target; deceptive links become plain text."""
    href_key = (None, "href")
    if href_key not in attrs:
        return attrs
    if _looks_deceptive(attrs[href_key], attrs.get("_text", "")):
        return None
    attrs[(None, "rel")] = LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


_cleaners = threading.local()


def _cleaner() -> bleach.sanitizer.Cleaner:
    """This thread's Cleaner. A Cleaner keeps its parser's state between calls, so
    two threads cleaning at once (chat sockets store messages on several database
    threads) would corrupt each other's HTML."""
    cleaner = getattr(_cleaners, "cleaner", None)
    if cleaner is None:
        cleaner = _cleaners.cleaner = bleach.sanitizer.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
            # No skip_tags: existing links must pass through the callback too, or
            # Markdown links would keep no rel.
            filters=[partial(LinkifyFilter, callbacks=[_set_link_rel])],
        )
    return cleaner


def clean_html(html: str) -> str:
    """Return html reduced to the allow-list; links get rel="nofollow ugc noopener"."""
    return _cleaner().clean(html)


# One line of plain prose: letters and digits of any script, spaces and everyday
# punctuation, starting with a letter or digit and not like a numbered list item.
# Markdown, the cleaner and the linkifier would hand it back unchanged in a <p>.
_PLAIN_LINE = re.compile(r"(?!\d+[.)])[^\W_](?:[^\W_]|[ ,.!?'\u2019;()-])*")
# A dot between letters or digits may be a web address ("kindred.example").
_DOTTED = re.compile(r"[^\W_]\.[^\W_]")


def _is_plain_line(text: str) -> bool:
    return (
        _PLAIN_LINE.fullmatch(text) is not None
        and not text.endswith(" ")
        and _DOTTED.search(text) is None
    )


def render_user_text(source: str) -> str:
    """Render member-written Markdown (the small subset) to clean HTML."""
    text = normalise_text(source)
    if _is_plain_line(text):
        # Most chat messages: the same HTML without the parse, clean and serialise.
        return f"<p>{text}</p>"
    return clean_html(_markdown.render(text)).strip()
