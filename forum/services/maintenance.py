"""Counters and repairs: the denormalised counts recomputed from the rows, and
held threads queued for review that no review item covers (the recount_forum and
queue_held_threads commands)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Max

from forum.models import REACTION_COUNT_FIELDS, PostStatus, Reaction, Reply, Thread
from moderation.models import ReviewItem
from moderation.services import Screening, record_screening


def thread_recount(*, thread: Thread) -> None:
    """Set thread.reply_count to its number of visible replies. Caller holds the lock
    (or runs the recount command)."""
    count = Reply.objects.filter(thread_id=thread.pk, status=PostStatus.VISIBLE).count()
    Thread.objects.filter(pk=thread.pk).update(reply_count=count)
    thread.reply_count = count


def recount_all() -> dict[str, int]:
    """Recompute every denormalised forum counter from the rows. Returns how many
    threads and replies were corrected."""
    fixed = {"threads": 0, "replies": 0}
    visible_replies = dict(
        Reply.objects.filter(status=PostStatus.VISIBLE)
        .values("thread_id")
        .annotate(n=Count("id"))
        .values_list("thread_id", "n")
    )
    latest_reply = dict(
        Reply.objects.filter(status=PostStatus.VISIBLE)
        .values("thread_id")
        .annotate(latest=Max("created"))
        .values_list("thread_id", "latest")
    )
    reaction_totals: dict[tuple[str, int], dict[str, int]] = {}
    for thread_id, reply_id, kind, n in (
        Reaction.objects.values("thread_id", "reply_id", "kind")
        .annotate(n=Count("id"))
        .values_list("thread_id", "reply_id", "kind", "n")
    ):
        key = ("reply", reply_id) if reply_id else ("thread", thread_id)
        reaction_totals.setdefault(key, {})[kind] = n

    def expected_counts(key) -> dict[str, int]:
        totals = reaction_totals.get(key, {})
        return {
            field: totals.get(kind, 0) for kind, field in REACTION_COUNT_FIELDS.items()
        }

    with transaction.atomic():
        for thread in Thread.objects.select_for_update().iterator():
            wanted = {
                "reply_count": visible_replies.get(thread.pk, 0),
                **expected_counts(("thread", thread.pk)),
            }
            latest = latest_reply.get(thread.pk)
            # Approval may have moved activity later than any reply's creation.
            if latest and latest > thread.last_activity:
                wanted["last_activity"] = latest
            if any(getattr(thread, name) != value for name, value in wanted.items()):
                Thread.objects.filter(pk=thread.pk).update(**wanted)
                fixed["threads"] += 1
        for reply in Reply.objects.select_for_update().iterator():
            wanted = expected_counts(("reply", reply.pk))
            if any(getattr(reply, name) != value for name, value in wanted.items()):
                Reply.objects.filter(pk=reply.pk).update(**wanted)
                fixed["replies"] += 1
    return fixed


def queue_unreviewed_held_threads() -> int:
    """Queue for review every held thread that no review item covers, and return how
    many. Threads held by their space used to be saved without one and would wait
    unseen. They were counted towards trust when saved, so they are queued the way
    an edit is: their approval doesn't count them again."""
    reviewed = set(
        ReviewItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Thread)
        ).values_list("object_id", flat=True)
    )
    unreviewed = [
        thread
        for thread in Thread.objects.filter(status=PostStatus.HELD).select_related(
            "author"
        )
        if str(thread.pk) not in reviewed
    ]
    screening = Screening(hold=True, hold_reason="space_approval")
    for thread in unreviewed:
        with transaction.atomic():
            record_screening(
                target=thread, author=thread.author, screening=screening, edited=True
            )
    return len(unreviewed)
