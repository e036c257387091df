"""The posts of a thread page, and lists of threads, rendered in Python.

This is the hottest markup on the site: a page holds up to hundreds of replies, each
with its author line, folded content notes, a reaction form and actions. Template
includes per reply cost most of the page's time, and so do format_html() and
gettext() called a dozen times per reply. Here everything that is the same for every
post of a page (translated words, URLs, the CSRF field) is worked out once, and each
post is joined from plain strings, escaping only what came from people. Lists of
threads (a space, the waiting list, the home page) are built the same way.

The stored body_html was cleaned by core.text.clean_html() when it was saved, so it
goes into the page as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from html import escape

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from accounts.content_notes import ContentNote
from forum import post_controls
from forum.forms import ReplyForm
from forum.models import REACTION_COUNT_FIELDS, PostStatus, ReactionKind
from support.signposting import presentation as signposting

_NOTE_LABELS = dict(ContentNote.choices)


def note_labels(notes) -> str:
    return ", ".join(str(_NOTE_LABELS.get(note, note)) for note in notes or ())


@cache
def _words(language: str) -> dict[str, str]:
    """The page's fixed words in language, escaped for HTML. Some keep a %(name)s
    for the escaped name they are completed with."""
    words = {
        "you": _("you"),
        "real_author": _("posted by %(name)s, visible to moderators only"),
        "note": _("Content note:"),
        "open_to_read": _("Open to read"),
        "kept_folded": _("You chose to keep this folded. Open to read."),
        "reactions": _("Reactions"),
        "removed_reply": _("Removed reply"),
        "deleted": _("Removed by its author."),
        "moderated": _("This reply is no longer shown."),
        "in_reply_to": _("in reply to %(name)s"),
        "in_reply_to_removed": _("in reply to a removed reply"),
        "edited": _("edited"),
        "held": _("waiting for a moderator"),
        "reply": _("Reply"),
        "reply_to": _("to %(name)s"),
        "edit": _("Edit"),
        "delete": _("Delete"),
        "report": _("Report"),
        "report_reply": _("this reply"),
        "report_thread": _("this thread"),
        "report_member": _("Report member"),
        "reply_by": _("Reply by %(name)s"),
        "removed_thread": _("Removed by its author"),
        "no_replies": _("no replies yet"),
        "content_note": _("content note"),
        "ignored": _("You chose not to see this member."),
        "show_anyway": _("Show this post"),
        "hide_member": _("Hide this member"),
    }
    words = {key: escape(str(value)) for key, value in words.items()}
    words.update(
        {f"status:{value}": escape(str(label)) for value, label in PostStatus.choices}
    )
    return words


@cache
def _reaction_labels(language: str) -> tuple[tuple[str, str, str], ...]:
    """(kind, count field, escaped label) for every reaction, in display order."""
    return tuple(
        (kind, REACTION_COUNT_FIELDS[kind], escape(str(label)))
        for kind, label in ReactionKind.choices
    )


def author_html(label: dict, words: dict[str, str]) -> str:
    """A post's author line from visibility.author_labeller() (the markup of
    templates/forum/_author.html)."""
    parts = [
        '<span class="forum-author is-anonymous">'
        if label["anonymous"]
        else '<span class="forum-author">',
        escape(label["name"]),
    ]
    if label["is_you"]:
        parts.append(f' <span class="forum-you">({words["you"]})</span>')
    if label["real_name"]:
        real = words["real_author"] % {"name": escape(label["real_name"])}
        parts.append(f' <span class="forum-real-author">({real})</span>')
    parts.append("</span>")
    return "".join(parts)


def _url_maker(name: str, *args) -> Callable[[int], str]:
    """URLs of one kind for many posts: reverse() once per process (and script
    prefix), then each post's URL is a string substitution."""
    head, tail = _url_parts(name, args, get_script_prefix())
    return lambda pk: f"{head}{pk}{tail}"


@cache
def _url_parts(name: str, args: tuple, script_prefix: str) -> tuple[str, str]:
    head, tail = reverse(name, args=[*args, 999999999]).rsplit("999999999", 1)
    return head, tail


@cache
def _thread_url_parts(script_prefix: str) -> list[str]:
    template = reverse("forum:thread", args=[999999999, "slug-placeholder"])
    return re.split(r"999999999|slug-placeholder", template)


def _thread_url_maker() -> Callable:
    """Thread.get_absolute_url() as a string substitution (slugs are URL-safe)."""
    head, middle, tail = _thread_url_parts(get_script_prefix())
    return lambda thread: f"{head}{thread.pk}{middle}{thread.slug}{tail}"


@cache
def _blank_reply_fields(language: str, anonymous: bool, in_circle: bool) -> SafeString:
    form = ReplyForm(initial={"anonymous": anonymous}, in_circle=in_circle)
    return mark_safe(render_to_string("forum/_post_fields.html", {"form": form}))


def blank_reply_fields(
    *, anonymous: bool = False, in_circle: bool = False
) -> SafeString:
    """The fields of an empty reply form, "fully anonymous" ticked or not
    (visibility.replies_anonymously_by_default), or absent in a circle. They are
    otherwise the same for every reader, and rendering a form widget by widget
    costs more than a page of replies, so each is rendered once per language
    (every time while DEBUG is on, to follow template edits)."""
    if settings.DEBUG:
        _blank_reply_fields.cache_clear()
    return _blank_reply_fields(get_language(), anonymous, in_circle)


class RelativeTimes:
    """naturaltime() for the posts of one page, escaped.

    Its words depend only on how long ago a moment is in whole seconds, minutes or
    hours, or in days and hours under four weeks (past that, calendar months come
    in), so posts written close together share one call.
    """

    def __init__(self):
        self.now = timezone.now()
        self._said: dict[tuple, str] = {}

    def __call__(self, value) -> str:
        delta = self.now - value
        days, seconds = delta.days, delta.seconds
        if days < 0 or days >= 28:
            return escape(str(naturaltime(value)))
        if days:
            key = ("d", days, seconds // 3600)
        elif seconds < 60:
            key = ("s", seconds)
        elif seconds < 3600:
            key = ("m", seconds // 60)
        else:
            key = ("h", seconds // 3600)
        text = self._said.get(key)
        if text is None:
            text = self._said[key] = escape(str(naturaltime(value)))
        return text


class ThreadRenderer:
    """Renders the posts of one thread page for one reader."""

    def __init__(
        self,
        *,
        thread,
        viewer_id: int | None,
        is_moderator: bool,
        keep_closed: Iterable[str],
        country_chooser=None,
        ignored: frozenset[int] = frozenset(),
    ):
        self.thread = thread
        # Authors whose named posts fold closed for this reader (never anonymous
        # posts: folding one would tell her who wrote it).
        self.ignored = ignored
        # Changes whose lines the cards show, in place (and asks, once, when due).
        self.country_chooser = country_chooser
        self.viewer_id = viewer_id
        self.is_moderator = is_moderator
        self.keep_closed = frozenset(keep_closed)
        self.csrf_input = ""
        self.language = language = get_language()
        self.words = _words(language)
        self.reaction_labels = _reaction_labels(language)
        self.report_url = _url_maker("moderation:report", "reply")
        self.report_member_url = _url_maker("moderation:report", "member")
        self.hide_member_url = _url_maker("forum:member_hide")
        self._cards: dict[tuple[str, bool], str] = {}
        self.time_ago = RelativeTimes()

    def use_csrf_token(self, token) -> None:
        """Every reaction form carries token: the page's own, the one its other forms
        use (each new token costs dozens of calls to the system's random source)."""
        token = str(token or "")
        self.csrf_input = (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'
            if token and token != "NOTPROVIDED"
            else ""
        )

    # --- parts of any post ---------------------------------------------------------

    def author(self, label: dict) -> str:
        return author_html(label, self.words)

    def body(self, post) -> str:
        if post.author_id in self.ignored and not post.anonymous:
            words = self.words
            return (
                '<details class="forum-ignored"><summary>'
                f'{words["ignored"]} <span class="small">{words["show_anyway"]}'
                f"</span></summary>{self._body(post)}</details>"
            )
        return self._body(post)

    def _body(self, post) -> str:
        body = f'<div class="user-text">{post.body_html}</div>'
        notes = post.content_notes
        if not notes:
            return body
        words = self.words
        kept = not self.keep_closed.isdisjoint(notes)
        return (
            f'<details class="forum-note"{" data-keep-closed" if kept else ""}>'
            f'<summary><span class="forum-note-label">{words["note"]} '
            f"{escape(note_labels(notes))}</span> "
            '<span class="forum-note-hint small">'
            f"{words['kept_folded'] if kept else words['open_to_read']}</span>"
            f"</summary>{body}</details>"
        )

    def reactions(self, post, *, action: str, mine: set) -> str:
        return post_controls.reactions_html(
            language=self.language,
            labels=self.reaction_labels,
            post=post,
            mine=mine,
            action=action,
            csrf_input=self.csrf_input,
            enabled=post.status == PostStatus.VISIBLE,
        )

    def report_links(self, post, *, label: dict, url: str, what: str) -> str:
        """Report links for a signed-in reader on someone else's visible post. The
        member is only offered when the post shows who wrote it: an anonymous post
        never links to its author."""
        if (
            self.viewer_id is None
            or post.author_id == self.viewer_id
            or post.status != PostStatus.VISIBLE
        ):
            return ""
        words = self.words
        links = (
            f'<a href="{url}">{words["report"]}'
            f'<span class="visually-hidden"> {words[what]}</span></a>'
        )
        if post.author_id is not None and not post.anonymous:
            name = escape(label["name"])
            links += (
                f' <a href="{self.report_member_url(post.author_id)}">'
                f"{words['report_member']}"
                f'<span class="visually-hidden"> {name}</span></a>'
            )
            if post.author_id not in self.ignored and not self.is_moderator:
                links += (
                    f' <a href="{self.hide_member_url(post.author_id)}">'
                    f"{words['hide_member']}"
                    f'<span class="visually-hidden"> {name}</span></a>'
                )
        return post_controls.more_html(language=self.language, links=links)

    def cards(self, cards: list[dict]) -> str:
        out = []
        for card in cards:
            chooser = self.country_chooser
            # The first card shown asks which country (once); the rest don't.
            key = (card["category"], bool(chooser and chooser.ask))
            if key not in self._cards:
                self._cards[key] = signposting.contextual_card_html(card, chooser)
            out.append(self._cards[key])
        return "".join(out)

    def history(self, revisions) -> str:
        if not revisions:
            return ""
        items = []
        for revision in revisions:
            when = _("Until %(when)s") % {
                "when": date_format(revision.created, _("j M Y, H:i"))
            }
            by_moderator = (
                " · " + escape(_("changed by a moderator"))
                if revision.by_moderator
                else ""
            )
            title = (
                f"<p><strong>{escape(revision.title)}</strong></p>"
                if revision.title
                else ""
            )
            items.append(
                f'<li class="forum-revision"><p class="small muted">{escape(when)}'
                f"{by_moderator}</p>{title}"
                f'<pre class="forum-revision-text">{escape(revision.body_source)}'
                "</pre></li>"
            )
        count = len(revisions)
        summary = ngettext(
            "Edit history: %(count)s earlier version",
            "Edit history: %(count)s earlier versions",
            count,
        ) % {"count": count}
        return (
            f'<details class="forum-history"><summary>{escape(summary)} '
            f'<span class="small muted">({escape(_("moderators only"))})</span>'
            f'</summary><ol class="list-plain">{"".join(items)}</ol></details>'
        )

    # --- the opening post ------------------------------------------------------------

    def opening(self, *, revisions, cards: list[dict]) -> dict:
        """The parts of the thread's own post, for templates/forum/thread.html (its
        reactions come from opening_reactions(), which needs the CSRF token)."""
        thread = self.thread
        label = thread.author_label
        return {
            "author_html": mark_safe(self.author(label)),
            "body_html": mark_safe(self.body(thread)),
            "cards_html": mark_safe(self.cards(cards)),
            "report_html": mark_safe(
                self.report_links(
                    thread,
                    label=label,
                    url=_url_maker("moderation:report", "thread")(thread.pk),
                    what="report_thread",
                )
            ),
            "history_html": mark_safe(self.history(revisions))
            if self.is_moderator
            else "",
        }

    def opening_reactions(self, mine: set) -> SafeString:
        thread = self.thread
        return mark_safe(
            self.reactions(
                thread,
                action=_url_maker("forum:react", "thread")(thread.pk),
                mine=mine,
            )
        )

    # --- the replies ---------------------------------------------------------------

    def replies(self, nodes) -> SafeString:
        """The <li> items of a thread page's reply list."""
        words = self.words
        thread = self.thread
        can_answer = thread.status in {PostStatus.VISIBLE, PostStatus.HELD}
        answer_url = _url_maker("forum:reply_new")(thread.pk)
        react_url = _url_maker("forum:react", "reply")
        edit_url = _url_maker("forum:edit", "reply")
        delete_url = _url_maker("forum:delete", "reply")
        permalink = _url_maker("forum:reply")
        removed = (
            f'<article aria-label="{words["removed_reply"]}">'
            '<p class="forum-placeholder muted">'
        )
        out = []
        for node in nodes:
            reply = node.reply
            pk = reply.pk
            status = reply.status
            visible = status == PostStatus.VISIBLE
            out.append(
                f'<li class="forum-reply depth-{node.depth}'
                f'{"" if visible else f" is-{status}"}" id="reply-{pk}" '
                f'data-depth="{node.depth}">'
            )
            if node.placeholder:
                out.append(f"{removed}{words[node.placeholder]}</p></article></li>")
                continue
            label = node.label
            name = escape(label["name"])
            meta = self.author(label)
            if node.in_reply_to:
                target = node.in_reply_to["name"]
                target = (
                    words["in_reply_to"] % {"name": escape(target)}
                    if target
                    else words["in_reply_to_removed"]
                )
                meta += (
                    f' · <a href="#reply-{node.in_reply_to["id"]}" '
                    f'class="forum-in-reply-to">{target}</a>'
                )
            meta += (
                f' · <a href="{permalink(pk)}" class="forum-permalink">'
                f'<time datetime="{reply.created.isoformat()}">'
                f"{self.time_ago(reply.created)}</time></a>"
            )
            if reply.edited_at:
                meta += f" · {words['edited']}"
            if status == PostStatus.HELD:
                meta += f' <span class="badge forum-held">{words["held"]}</span>'
            elif not visible:
                meta += f' <span class="badge">{words[f"status:{status}"]}</span>'
            actions = []
            if can_answer:
                actions.append(
                    f'<a href="{answer_url}?to={pk}">{words["reply"]}'
                    '<span class="visually-hidden"> '
                    f"{words['reply_to'] % {'name': name}}</span></a>"
                )
            if node.can_edit:
                actions.append(
                    f'<a href="{edit_url(pk)}">{words["edit"]}</a> '
                    f'<a href="{delete_url(pk)}">{words["delete"]}</a>'
                )
            report = self.report_links(
                reply, label=label, url=self.report_url(pk), what="report_reply"
            )
            if report:
                actions.append(report)
            out.append(
                f'<article aria-label="{words["reply_by"] % {"name": name}}">'
                f'<p class="forum-meta small muted">{meta}</p>'
                f"{self.body(reply)}"
                f"{self.cards(node.cards) if node.cards else ''}"
                '<div class="forum-actions small">'
                f"{self.reactions(reply, action=react_url(pk), mine=node.mine)}"
                f"{' '.join(actions)}</div>"
                f"{self.history(node.revisions) if self.is_moderator else ''}"
                "</article></li>"
            )
        return mark_safe("".join(out))
