"""The reply list of a thread page, rendered in Python.

This is the hottest markup on the site: a page holds up to hundreds of replies, each
with its author line, folded content notes, a reaction form and actions. Through
template includes it cost most of the page's time; built here with format_html it
costs a few milliseconds. The markup matches templates/forum/_author.html,
_post_body.html, _reactions.html and _history.html; change them together.
"""

from __future__ import annotations

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forum.models import REACTION_COUNT_FIELDS, PostStatus, ReactionKind
from forum.templatetags.forum_tags import note_labels


def author_html(label: dict) -> str:
    classes = "forum-author is-anonymous" if label["anonymous"] else "forum-author"
    parts = [format_html('<span class="{}">{}', classes, label["name"])]
    if label["is_you"]:
        parts.append(format_html(' <span class="forum-you">({})</span>', _("you")))
    if label["real_name"]:
        parts.append(
            format_html(
                ' <span class="forum-real-author">({})</span>',
                _("posted by %(name)s, visible to moderators only")
                % {"name": label["real_name"]},
            )
        )
    parts.append("</span>")
    return "".join(parts)


def body_html(post, keep_closed: set) -> str:
    body = format_html('<div class="user-text">{}</div>', mark_safe(post.body_html))
    if not post.content_notes:
        return body
    kept = bool(set(post.content_notes) & keep_closed)
    hint = (
        _("You chose to keep this folded. Open to read.") if kept else _("Open to read")
    )
    return format_html(
        '<details class="forum-note"{}><summary><span class="forum-note-label">{} {}'
        '</span> <span class="forum-note-hint small">{}</span></summary>{}</details>',
        mark_safe(" data-keep-closed") if kept else "",
        _("Content note:"),
        note_labels(post.content_notes),
        hint,
        body,
    )


def _url_maker(name: str, *args) -> callable:
    """reverse() once per page; each post's URL is then a string substitution."""
    template = reverse(name, args=[*args, 999999999])
    head, tail = template.rsplit("999999999", 1)
    return lambda pk: f"{head}{pk}{tail}"


def reactions_html(
    post, *, kind: str, mine: set, csrf_input: str, labels=None, action=None
) -> str:
    labels = labels or [(k, escape(str(label))) for k, label in ReactionKind.choices]
    disabled = "" if post.status == PostStatus.VISIBLE else " disabled"
    buttons = []
    for reaction, label in labels:
        count = getattr(post, REACTION_COUNT_FIELDS[reaction])
        on = reaction in mine
        count_html = (
            f' <span class="forum-reaction-count">{count}</span>' if count else ""
        )
        buttons.append(
            f'<button type="submit" name="reaction" value="{reaction}"'
            f' class="forum-reaction{" is-on" if on else ""}"'
            f' aria-pressed="{"true" if on else "false"}"{disabled}>'
            f"{label}{count_html}</button>"
        )
    url = action(post.pk) if action else reverse("forum:react", args=[kind, post.pk])
    return (
        f'<form method="post" action="{url}" class="forum-reactions"'
        f' aria-label="{escape(_("Reactions"))}">{csrf_input}{"".join(buttons)}</form>'
    )


def history_html(revisions) -> str:
    if not revisions:
        return ""
    items = []
    for revision in revisions:
        items.append(
            format_html(
                '<li class="forum-revision"><p class="small muted">{}{}</p>{}'
                '<pre class="forum-revision-text">{}</pre></li>',
                _("Until %(when)s")
                % {"when": date_format(revision.created, "j M Y, H:i")},
                (" · " + _("changed by a moderator")) if revision.by_moderator else "",
                format_html("<p><strong>{}</strong></p>", revision.title)
                if revision.title
                else "",
                revision.body_source,
            )
        )
    count = len(revisions)
    return format_html(
        '<details class="forum-history"><summary>{} '
        '<span class="small muted">({})</span>'
        '</summary><ol class="list-plain">{}</ol></details>',
        ngettext(
            "Edit history: %(count)s earlier version",
            "Edit history: %(count)s earlier versions",
            count,
        )
        % {"count": count},
        _("moderators only"),
        mark_safe("".join(items)),
    )


def reply_list_html(
    nodes, *, thread, is_moderator: bool, keep_closed: set, csrf_input: str
) -> SafeString:
    """The <li> items of a thread page's reply list."""
    out = []
    can_answer = thread.status in {PostStatus.VISIBLE, PostStatus.HELD}
    answer_url = reverse("forum:reply_new", args=[thread.pk])
    labels = [(kind, escape(str(label))) for kind, label in ReactionKind.choices]
    react_url = _url_maker("forum:react", "reply")
    edit_url = _url_maker("forum:edit", "reply")
    delete_url = _url_maker("forum:delete", "reply")
    permalink = _url_maker("forum:reply")
    for node in nodes:
        reply = node.reply
        status_class = (
            "" if reply.status == PostStatus.VISIBLE else f" is-{reply.status}"
        )
        out.append(
            format_html(
                '<li class="forum-reply depth-{}{}" id="reply-{}" data-depth="{}">',
                node.depth,
                status_class,
                reply.pk,
                node.depth,
            )
        )
        if node.placeholder:
            text = (
                _("Removed by its author.")
                if node.placeholder == "deleted"
                else _("This reply is no longer shown.")
            )
            out.append(
                format_html(
                    '<article aria-label="{}"><p class="forum-placeholder muted">{}</p>'
                    "</article></li>",
                    _("Removed reply"),
                    text,
                )
            )
            continue
        name = node.label["name"]
        meta = [author_html(node.label)]
        if node.in_reply_to:
            target = (
                _("in reply to %(name)s") % {"name": node.in_reply_to["name"]}
                if node.in_reply_to["name"]
                else _("in reply to a removed reply")
            )
            meta.append(
                format_html(
                    ' · <a href="#reply-{}" class="forum-in-reply-to">{}</a>',
                    node.in_reply_to["id"],
                    target,
                )
            )
        meta.append(
            format_html(
                ' · <a href="{}" class="forum-permalink">'
                '<time datetime="{}">{}</time></a>',
                permalink(reply.pk),
                reply.created.isoformat(),
                naturaltime(reply.created),
            )
        )
        if reply.edited_at:
            meta.append(" · " + escape(_("edited")))
        if reply.status == PostStatus.HELD:
            meta.append(
                format_html(
                    ' <span class="badge forum-held">{}</span>',
                    _("waiting for a moderator"),
                )
            )
        elif reply.status != PostStatus.VISIBLE:
            meta.append(
                format_html(
                    ' <span class="badge">{}</span>', reply.get_status_display()
                )
            )
        actions = []
        if can_answer:
            actions.append(
                format_html(
                    '<a href="{}?to={}">{}<span class="visually-hidden"> {}</span></a>',
                    answer_url,
                    reply.pk,
                    _("Reply"),
                    _("to %(name)s") % {"name": name},
                )
            )
        if node.can_edit:
            actions.append(
                format_html(
                    '<a href="{}">{}</a> <a href="{}">{}</a>',
                    edit_url(reply.pk),
                    _("Edit"),
                    delete_url(reply.pk),
                    _("Delete"),
                )
            )
        cards = "".join(
            render_to_string("signposting/_contextual_card.html", {"card": card})
            for card in getattr(node, "cards", [])
        )
        out.append(
            format_html(
                '<article aria-label="{}">'
                '<p class="forum-meta small muted">{}</p>{}{}{}'
                '<div class="forum-actions small">{}</div>{}</article></li>',
                _("Reply by %(name)s") % {"name": name},
                mark_safe("".join(meta)),
                mark_safe(body_html(reply, keep_closed)),
                mark_safe(cards),
                mark_safe(
                    reactions_html(
                        reply,
                        kind="reply",
                        mine=node.mine,
                        csrf_input=csrf_input,
                        labels=labels,
                        action=react_url,
                    )
                ),
                mark_safe(" ".join(actions)),
                mark_safe(history_html(node.revisions)) if is_moderator else "",
            )
        )
    return mark_safe("".join(out))
