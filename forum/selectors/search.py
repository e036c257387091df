"""Search over the threads and replies a reader may see: PostgreSQL full-text
search, or a simple match elsewhere."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, FloatField, Q
from django.db.models.expressions import RawSQL

from core.text import normalise_text
from forum import visibility
from forum.models import (
    Reply,
    Thread,
)

SEARCH_LIMIT = 30

# --- search ----------------------------------------------------------------------


@dataclass
class SearchHit:
    thread: Thread
    reply: Reply | None
    label: dict
    rank: float
    url: str
    text: str


def search(member, query: str) -> list[SearchHit]:
    """Visible threads and replies matching query, in the spaces member may read
    (her circles' among them; held, hidden, removed and deleted posts are never
    found, whoever searches), best match first."""
    query = normalise_text(query or "").strip()[:200]
    if len(query) < 2:
        return []
    threads = Thread.objects.filter(visibility.visible_thread_q(member)).select_related(
        "author", "space"
    )
    replies = Reply.objects.filter(visibility.visible_reply_q(member)).select_related(
        "author", "thread", "thread__space"
    )
    if connection.vendor == "postgresql":
        tsquery = "websearch_to_tsquery('english', %s)"
        threads = threads.filter(
            RawSQL(f'"forum_thread"."search" @@ {tsquery}', (query,), BooleanField())
        ).annotate(
            rank=RawSQL(
                f'ts_rank("forum_thread"."search", {tsquery})', (query,), FloatField()
            )
        )
        replies = replies.filter(
            RawSQL(f'"forum_reply"."search" @@ {tsquery}', (query,), BooleanField())
        ).annotate(
            rank=RawSQL(
                f'ts_rank("forum_reply"."search", {tsquery})', (query,), FloatField()
            )
        )
        threads = threads.order_by("-rank", "-last_activity")
        replies = replies.order_by("-rank", "-created")
    else:
        words = query.split()[:8]
        thread_match = Q()
        reply_match = Q()
        for word in words:
            thread_match &= Q(title__icontains=word) | Q(body_source__icontains=word)
            reply_match &= Q(body_source__icontains=word)
        threads = threads.filter(thread_match).order_by("-last_activity")
        replies = replies.filter(reply_match).order_by("-created")
    hits = []
    for thread in threads[:SEARCH_LIMIT]:
        title_bonus = 1.0 if query.lower() in thread.title.lower() else 0.0
        hits.append(
            SearchHit(
                thread=thread,
                reply=None,
                label=visibility.author_label(thread, member),
                rank=getattr(thread, "rank", 0.5) + title_bonus,
                url=thread.get_absolute_url(),
                text=thread.body_source,
            )
        )
    for reply in replies[:SEARCH_LIMIT]:
        hits.append(
            SearchHit(
                thread=reply.thread,
                reply=reply,
                label=visibility.author_label(reply, member),
                rank=getattr(reply, "rank", 0.4),
                url=reply.get_absolute_url(),
                text=reply.body_source,
            )
        )
    hits.sort(key=lambda hit: hit.rank, reverse=True)
    return hits[:SEARCH_LIMIT]
