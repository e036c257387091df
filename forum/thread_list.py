"""Lists of threads (a space, the waiting list, the home page) rendered in one
pass, with the same fixed words and relative times as the thread page."""

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext

from forum.models import PostStatus
from forum.rendering import RelativeTimes, _thread_url_maker, _words, author_html


def thread_items(threads, *, show_space: bool = False) -> SafeString:
    """The <li> items of a list of threads (a space, the waiting list, the home
    page), each thread with its author_label set by forum.selectors."""
    words = _words(get_language())
    time_ago = RelativeTimes()
    thread_url = _thread_url_maker()
    replies_said: dict[int, str] = {}
    out = []
    for thread in threads:
        status = thread.status
        last_activity = thread.last_activity
        title = (
            words["removed_thread"]
            if status == PostStatus.DELETED
            else escape(thread.title)
        )
        count = thread.reply_count
        if count:
            replies = replies_said.get(count)
            if replies is None:
                replies = replies_said[count] = escape(
                    ngettext("%(counter)s reply", "%(counter)s replies", count)
                    % {"counter": count}
                )
        else:
            replies = f'<span class="badge forum-no-reply">{words["no_replies"]}</span>'
        parts = [
            f'<li class="forum-thread-item'
            f'{"" if status == PostStatus.VISIBLE else f" is-{status}"}">'
            f'<a class="forum-thread-title" href="{thread_url(thread)}">'
            f'{title}</a> <span class="forum-thread-meta small muted">'
            f"{author_html(thread.author_label, words)}",
            f" · {escape(thread.space.name)}" if show_space else "",
            f' · <time datetime="{timezone.localtime(last_activity).isoformat()}">'
            f"{time_ago(last_activity)}</time> · {replies}",
        ]
        if status == PostStatus.HELD:
            parts.append(f' <span class="badge forum-held">{words["held"]}</span>')
        elif status in (PostStatus.HIDDEN, PostStatus.REMOVED):
            parts.append(f' <span class="badge">{words[f"status:{status}"]}</span>')
        if thread.content_notes:
            parts.append(
                f' <span class="badge forum-note-badge">{words["content_note"]}</span>'
            )
        parts.append("</span></li>")
        out.append("".join(parts))
    return mark_safe("".join(out))
