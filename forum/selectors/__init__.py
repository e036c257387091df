"""Forum reads, one module per subject. Every query filters through forum.visibility.

Pages issue a fixed number of queries whatever the number of replies, reactions or
authors: a thread page is the thread, the ids of its top-level replies, one page of
them with every reply under them, and the viewer's own reactions.
"""

from forum.selectors.hiding import hidden_for, hidden_space_ids, ignored_member_ids
from forum.selectors.notifications import (
    NOTIFICATIONS_PER_PAGE,
    notification_page,
    notification_text,
    notifications_for,
    unread_count,
)
from forum.selectors.search import SEARCH_LIMIT, SearchHit, search
from forum.selectors.threads import (
    SPACES_CACHE_KEY,
    THREADS_PER_PAGE,
    TOP_LEVEL_REPLIES_PER_PAGE,
    PageReply,
    ReplyAuthor,
    ReplyNode,
    forget_spaces,
    home_context,
    reply_for,
    reply_page_number,
    space_by_slug,
    space_threads,
    spaces,
    spaces_for,
    thread_for,
    thread_page,
    waiting_page,
    waiting_threads,
)

__all__ = [
    "hidden_for",
    "hidden_space_ids",
    "ignored_member_ids",
    "spaces_for",
    "NOTIFICATIONS_PER_PAGE",
    "SEARCH_LIMIT",
    "SPACES_CACHE_KEY",
    "THREADS_PER_PAGE",
    "TOP_LEVEL_REPLIES_PER_PAGE",
    "PageReply",
    "ReplyAuthor",
    "ReplyNode",
    "SearchHit",
    "forget_spaces",
    "home_context",
    "notification_page",
    "notification_text",
    "notifications_for",
    "reply_for",
    "reply_page_number",
    "search",
    "space_by_slug",
    "space_threads",
    "spaces",
    "thread_for",
    "thread_page",
    "unread_count",
    "waiting_page",
    "waiting_threads",
]
