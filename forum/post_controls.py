"""The small folded controls under every post: reactions and "more" (reporting).

Each is a <details>, so it opens without JavaScript and costs one row however many
reactions a post has. Part of forum.rendering's hot path: plain strings, and every
word arrives already escaped.
"""

from __future__ import annotations

from functools import cache
from html import escape

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@cache
def _words(language: str) -> dict[str, str]:
    words = {
        "react": _("React"),
        "reactions": _("Reactions"),
        "more": _("More"),
        "more_hint": _("report or other actions"),
    }
    return {key: escape(str(value)) for key, value in words.items()}


def reactions_html(
    *,
    language: str,
    labels: tuple[tuple[str, str, str], ...],
    post,
    mine: set,
    action: str,
    csrf_input: str,
    enabled: bool,
) -> str:
    """labels as forum.rendering gives them ((kind, count field, escaped label)).
    The summary shows the total; opened, each reaction with its own count."""
    words = _words(language)
    disabled = "" if enabled else " disabled"
    buttons, said = [], []
    total = 0
    for kind, count_field, label in labels:
        if count := getattr(post, count_field):
            total += count
            label += f' <span class="forum-reaction-count">{count}</span>'
            said.append(label)
        on = kind in mine
        buttons.append(
            f'<button type="submit" name="reaction" value="{kind}" '
            f'class="forum-reaction{" is-on" if on else ""}" '
            f'aria-pressed="{"true" if on else "false"}"{disabled}>{label}</button>'
        )
    if total:
        summary = (
            f'<span class="forum-react-total">{total}</span>'
            f'<span class="visually-hidden"> '
            + escape(ngettext("reaction:", "reactions:", total))
            + f" {', '.join(said)}</span>"
        )
    else:
        summary = f'<span class="forum-react-label">{words["react"]}</span>'
    return (
        f'<details class="forum-react{" is-on" if mine else ""}"><summary>'
        f'<span class="forum-react-mark" aria-hidden="true"></span>{summary}</summary>'
        f'<form method="post" action="{action}" class="forum-reactions" '
        f'aria-label="{words["reactions"]}">{csrf_input}{"".join(buttons)}</form>'
        "</details>"
    )


def more_html(*, language: str, links: str) -> str:
    """Reporting folded behind one small "more" control: always there, never in
    the way of answering."""
    words = _words(language)
    return (
        '<details class="forum-report"><summary>'
        f'<span aria-hidden="true">···</span><span class="visually-hidden">'
        f"{words['more']}: {words['more_hint']}</span></summary>"
        f'<span class="forum-report-links">{links}</span></details>'
    )
