"""Forum reads of spaces, threads and replies, each filtered through forum.visibility.

Pages issue a fixed number of queries whatever the number of replies, reactions or
authors: a thread page is the thread, the ids of its top-level replies, one page of
them with every reply under them, and the viewer's own reactions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404

from forum import visibility
from forum.models import (
    MAX_DISPLAY_DEPTH,
    Follow,
    PostStatus,
    Reaction,
    Reply,
    Revision,
    Space,
    Thread,
)
from forum.selectors.hiding import hidden_space_ids, unread_languages

THREADS_PER_PAGE = 25
TOP_LEVEL_REPLIES_PER_PAGE = 20
SPACES_CACHE_KEY = "forum:spaces:v3"


# --- spaces ----------------------------------------------------------------------


def spaces() -> list[dict]:
    """Every space but the circles', for menus and the home page (cached: it changes
    rarely)."""
    cached = cache.get(SPACES_CACHE_KEY)
    if cached is None:
        cached = [
            {
                "id": space.pk,
                "language": space.language,
                "name": space.name,
                "slug": space.slug,
                "description": space.description,
                "requires_approval": space.requires_approval,
                "url": space.get_absolute_url(),
            }
            for space in Space.objects.filter(is_circle=False)
        ]
        cache.set(SPACES_CACHE_KEY, cached, 300)
    return cached


def spaces_for(member) -> list[dict]:
    """The spaces member lists and browses: all of them but those she hid and those
    for a language she doesn't read."""
    hidden = hidden_space_ids(member)
    unread = unread_languages(member)
    if not hidden and not unread:
        return spaces()
    return [
        space
        for space in spaces()
        if space["id"] not in hidden and space["language"] not in unread
    ]


def forget_spaces() -> None:
    cache.delete(SPACES_CACHE_KEY)


def space_by_slug(member, slug: str) -> Space:
    """The space, if member may read it (a circle's only for its members); else 404."""
    try:
        space = Space.objects.get(slug=slug)
    except Space.DoesNotExist:
        space = None
    if space is None or not visibility.can_read_space(member, space):
        raise Http404("No such space")
    return space


def _with_labels(threads, member) -> list[Thread]:
    label_for = visibility.author_labeller(member)
    threads = list(threads)
    for thread in threads:
        thread.author_label = label_for(thread)
    return threads


# What a list of threads shows of each (thread_list.thread_items()).
_THREAD_LIST_FIELDS = [
    "title",
    "status",
    "anonymous",
    "author__pseudonym",
    "last_activity",
    "reply_count",
    "content_notes",
    "space",
]


def space_threads(member, space: Space, page_number) -> Page:
    """Threads member may open in space, latest activity first."""
    threads = (
        Thread.objects.filter(space=space)
        .filter(visibility.thread_q(member))
        .exclude(language__in=unread_languages(member))
        .select_related("author")
        .only(*_THREAD_LIST_FIELDS)
        .order_by("-last_activity", "-id")
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(page_number)
    page.object_list = _with_labels(page.object_list, member)
    return page


# --- threads and replies ---------------------------------------------------------


def thread_for(member, thread_id: int) -> Thread:
    """The thread, if member may open it; 404 otherwise (never "forbidden")."""
    try:
        thread = Thread.objects.select_related("space", "author").get(pk=thread_id)
    except Thread.DoesNotExist:
        thread = None
    if thread is None or not visibility.can_view_thread(member, thread):
        raise Http404("No such thread")
    return thread


def reply_for(member, reply_id: int) -> Reply:
    """The reply, if member may read it (in a thread they may open); else 404."""
    reply = (
        Reply.objects.select_related("thread", "thread__space", "author")
        .filter(pk=reply_id)
        .first()
    )
    if reply is None or not visibility.can_view_reply(member, reply):
        raise Http404("No such reply")
    return reply


class ReplyAuthor(NamedTuple):
    pseudonym: str


@dataclass(slots=True)
class PageReply:
    """What a thread page shows of a reply, built from a plain row: a page holds up
    to a few hundred replies, and a Reply instance costs several times more."""

    id: int
    parent_id: int | None
    depth: int
    author_id: int | None
    author: ReplyAuthor | None
    anonymous: bool
    status: str
    body_html: str
    content_notes: list
    risk_categories: list
    created: datetime
    edited_at: datetime | None
    hug_count: int
    me_too_count: int
    thank_you_count: int
    strength_count: int

    @property
    def pk(self) -> int:
        return self.id


_PAGE_REPLY_COLUMNS = [
    "id",
    "parent_id",
    "depth",
    "author_id",
    "author__pseudonym",
    "anonymous",
    "status",
    "body_html",
    "content_notes",
    "risk_categories",
    "created",
    "edited_at",
    "hug_count",
    "me_too_count",
    "thank_you_count",
    "strength_count",
]


def _page_reply(row: tuple) -> PageReply:
    values = list(row)
    values[4] = ReplyAuthor(values[4]) if values[3] is not None else None
    return PageReply(*values)


@dataclass(slots=True)
class ReplyNode:
    reply: PageReply
    label: dict
    depth: int  # as displayed, capped
    placeholder: str = ""  # "", "deleted" or "moderated"
    in_reply_to: dict | None = None
    mine: set = field(default_factory=set)
    revisions: list = field(default_factory=list)
    can_edit: bool = False
    cards: list = field(default_factory=list)


def _top_level(thread: Thread) -> QuerySet:
    return Reply.objects.filter(thread=thread, parent__isnull=True).order_by(
        "created", "id"
    )


def thread_page(member, thread: Thread, page_number) -> dict:
    """Everything the thread page shows, in a fixed number of queries."""
    moderator = visibility.is_moderator(member)
    member_id = member.pk if member is not None and member.is_authenticated else None
    # Every top-level id (plain integers, cheaper than counting them and fetching a
    # slice in two queries), then the page's branches in one query.
    page = Paginator(
        list(_top_level(thread).values_list("id", flat=True)),
        TOP_LEVEL_REPLIES_PER_PAGE,
    ).get_page(page_number)
    roots = page.object_list
    replies = (
        [
            _page_reply(row)
            for row in Reply.objects.filter(thread=thread)
            .filter(Q(pk__in=roots) | Q(root_id__in=roots))
            .order_by("created", "id")
            .values_list(*_PAGE_REPLY_COLUMNS)
        ]
        if roots
        else []
    )

    mine: dict[int | None, set] = {}
    following = False
    if member_id is not None:
        for reply_id, kind in Reaction.objects.filter(
            member_id=member_id, thread=thread
        ).values_list("reply_id", "kind"):
            mine.setdefault(reply_id, set()).add(kind)
        following = Follow.objects.filter(
            member_id=member_id, thread=thread, active=True
        ).exists()

    revisions: dict[int | None, list] = {}
    if moderator:
        for revision in Revision.objects.filter(thread=thread).select_related("editor"):
            revisions.setdefault(revision.reply_id, []).append(revision)

    children: dict[int | None, list[PageReply]] = {}
    for reply in replies:
        children.setdefault(reply.parent_id, []).append(reply)

    can_read = visibility.reply_reader(member)

    def placeholder_for(reply: PageReply) -> str:
        if reply.status == PostStatus.DELETED:
            return "deleted"
        if not can_read(reply):
            return "moderated"
        return ""

    # A reply is shown when it, or anything under it, is readable; an unreadable
    # one with readable replies under it stays as a placeholder. Children are always
    # newer than their parent, so one pass from the newest settles every branch.
    placeholders = {reply.id: placeholder_for(reply) for reply in replies}
    shown: dict[int, bool] = {}
    for reply in reversed(replies):
        shown[reply.id] = not placeholders[reply.id] or any(
            shown.get(child.id, False) for child in children.get(reply.id, ())
        )

    label_for = visibility.author_labeller(member)
    labels = {
        reply.id: label_for(reply)
        for reply in replies
        if shown[reply.id] and not placeholders[reply.id]
    }
    editable = {PostStatus.VISIBLE, PostStatus.HELD}
    no_reactions = frozenset()
    nodes: list[ReplyNode] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        reply = stack.pop()
        if not shown[reply.id]:
            continue
        placeholder = placeholders[reply.id]
        node = ReplyNode(
            reply=reply,
            label=labels.get(reply.id, {}),
            depth=min(reply.depth, MAX_DISPLAY_DEPTH),
            placeholder=placeholder,
            mine=mine.get(reply.id, no_reactions),
            revisions=revisions.get(reply.id, []),
            can_edit=member_id is not None
            and reply.author_id == member_id
            and reply.status in editable,
        )
        if reply.parent_id in placeholders:
            parent_label = labels.get(reply.parent_id)
            node.in_reply_to = {
                "id": reply.parent_id,
                "name": parent_label["name"] if parent_label else "",
                "flattened": reply.depth > MAX_DISPLAY_DEPTH,
            }
        nodes.append(node)
        # Siblings oldest first, each followed by its own branch.
        stack.extend(reversed(children.get(reply.id, ())))

    thread.author_label = label_for(thread)
    categories = set(thread.risk_categories or [])
    for node in nodes:
        if not node.placeholder:
            categories.update(node.reply.risk_categories or [])
    return {
        "thread": thread,
        "thread_mine": mine.get(None, set()),
        "thread_revisions": revisions.get(None, []),
        "thread_can_edit": bool(
            member_id
            and thread.author_id == member_id
            and thread.status in {PostStatus.VISIBLE, PostStatus.HELD}
        ),
        "nodes": nodes,
        "page": page,
        "following": following,
        "is_moderator": moderator,
        "risk_categories": sorted(categories),
        "has_notes": any(
            node.reply.content_notes for node in nodes if not node.placeholder
        ),
    }


def reply_page_number(reply: Reply) -> int:
    """The page of its thread on which reply appears (pages are cut by top-level
    reply, oldest first, so the answer never changes as the thread grows)."""
    root = reply.root if reply.root_id else reply
    before = (
        _top_level(reply.thread)
        .filter(Q(created__lt=root.created) | Q(created=root.created, id__lt=root.pk))
        .count()
    )
    return before // TOP_LEVEL_REPLIES_PER_PAGE + 1


def waiting_threads(
    limit: int | None = None,
    *,
    hidden_spaces: frozenset[int] = frozenset(),
    unread: frozenset[str] = frozenset(),
) -> QuerySet:
    """Threads anyone can read that nobody has answered yet, oldest first, but for
    those in spaces the reader hid."""
    threads = (
        Thread.objects.filter(visibility.public_thread_q(), reply_count=0)
        .exclude(space_id__in=hidden_spaces)
        .exclude(language__in=unread)
        .select_related("space", "author")
        .only(*_THREAD_LIST_FIELDS, "space__name", "space__slug")
        .order_by("created", "id")
    )
    return threads[:limit] if limit else threads


def waiting_page(member, page_number) -> Page:
    threads = waiting_threads(
        hidden_spaces=hidden_space_ids(member), unread=unread_languages(member)
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(page_number)
    page.object_list = _with_labels(page.object_list, member)
    return page


def home_context(member) -> dict:
    hidden = hidden_space_ids(member)
    waiting = _with_labels(
        waiting_threads(limit=5, hidden_spaces=hidden, unread=unread_languages(member)),
        member,
    )
    return {"spaces": spaces_for(member), "waiting_threads": waiting}
