"""Supportive reactions: one of each kind per member per post, counted on the post."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from forum.models import REACTION_COUNT_FIELDS, Reaction, ReactionKind, Reply, Thread
from forum.services.checks import check_rate, count_rate
from forum.services.notifications import notify_reaction

# (limit, period in seconds) per member.
REACTION_RATE = (60, 600)


def reaction_toggle(*, member, thread: Thread, reply: Reply | None, kind: str) -> bool:
    """Add member's reaction of kind to the post, or take it back. Returns whether it
    is now on. The caller checked that member may see the post."""
    if kind not in ReactionKind.values:
        raise ValueError(f"unknown reaction {kind}")
    check_rate(
        "forum-reaction",
        member,
        REACTION_RATE,
        _("That's a lot of reactions at once. Give it a minute and try again."),
    )
    model = Reply if reply is not None else Thread
    post_id = reply.pk if reply is not None else thread.pk
    with transaction.atomic():
        post = model.objects.select_for_update().get(pk=post_id)
        existing = Reaction.objects.filter(
            member=member,
            thread_id=thread.pk,
            reply_id=reply.pk if reply else None,
            kind=kind,
        )
        if existing.exists():
            existing.delete()
            now_on = False
        else:
            try:
                with transaction.atomic():
                    Reaction.objects.create(
                        member=member, thread_id=thread.pk, reply=reply, kind=kind
                    )
            except IntegrityError:
                return True
            now_on = True
        _recount_reaction(model, post, kind)
        if now_on:
            notify_reaction(
                member=member, thread=thread, reply=reply, post=post, kind=kind
            )
    count_rate("forum-reaction", member, REACTION_RATE)
    return now_on


def _recount_reaction(model, post, kind: str) -> None:
    field = REACTION_COUNT_FIELDS[kind]
    filters = (
        {"reply_id": post.pk}
        if model is Reply
        else {"thread_id": post.pk, "reply__isnull": True}
    )
    count = Reaction.objects.filter(kind=kind, **filters).count()
    model.objects.filter(pk=post.pk).update(**{field: count})
