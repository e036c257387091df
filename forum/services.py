"""Forum writes. Every change to threads, replies, reactions, follows and
notifications goes through a function here, and so does every counter.

Posting functions screen the text first (moderation.services.screen_submission),
refuse or nudge before anything is saved, save held or visible, record the
screening in the same transaction, and announce only after commit.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core import ratelimit
from core.broadcast import broadcast_on_commit
from core.text import normalise_text, render_user_text
from forum import visibility
from forum.models import (
    BODY_MAX_LENGTH,
    REACTION_COUNT_FIELDS,
    TITLE_MAX_LENGTH,
    Follow,
    Notification,
    PostStatus,
    Reaction,
    ReactionKind,
    Reply,
    Revision,
    Space,
    Thread,
)
from moderation.models import ReviewItem
from moderation.services import Screening, record_screening, screen_submission

logger = logging.getLogger(__name__)

# (limit, period in seconds) per member.
THREAD_RATE = (5, 3600)
REPLY_RATE = (20, 600)
REACTION_RATE = (60, 600)
DUPLICATE_WINDOW = timedelta(minutes=5)


class PostRefused(Exception):
    """The post can't be saved now; message says why, kindly."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


class NudgeNeeded(Exception):
    """The wording reads as harsh: ask the writer to look again before posting."""

    def __init__(self, screening: Screening):
        super().__init__("nudge")
        self.screening = screening


@dataclass(frozen=True)
class Posted:
    thread: Thread
    reply: Reply | None
    screening: Screening

    @property
    def held(self) -> bool:
        post = self.reply or self.thread
        return post.status == PostStatus.HELD

    @property
    def post(self) -> Thread | Reply:
        return self.reply or self.thread


def group_for(member_id: int) -> str:
    return f"notify.{member_id}"


# --- checks shared by the posting functions -----------------------------------


def _check_lengths(*, title: str | None, body: str) -> None:
    if title is not None and len(title) > TITLE_MAX_LENGTH:
        raise PostRefused(
            _("Titles can be up to %(limit)s characters long.")
            % {"limit": TITLE_MAX_LENGTH},
            code="too_long",
        )
    if len(body) > BODY_MAX_LENGTH:
        raise PostRefused(
            _(
                "That is longer than one post can hold (%(length)s characters, the "
                "limit is %(limit)s). Could you split it into a post and a reply?"
            )
            % {"length": len(body), "limit": BODY_MAX_LENGTH},
            code="too_long",
        )


def _check_rate(scope: str, member, rate: tuple[int, int], message: str) -> None:
    limit, period = rate
    if ratelimit.is_limited(scope, str(member.pk), limit=limit, period=period):
        raise PostRefused(message, code="rate_limited")


def _count_rate(scope: str, member, rate: tuple[int, int]) -> None:
    limit, period = rate
    ratelimit.hit(scope, str(member.pk), limit=limit, period=period)


def _check_duplicate(member, body: str) -> None:
    """Refuse the same text as the member's last post within a few minutes (a double
    submit, or the same words pasted everywhere)."""
    since = timezone.now() - DUPLICATE_WINDOW
    recent = [
        *Thread.objects.filter(author=member, created__gte=since)
        .order_by("-created")
        .values_list("created", "body_source")[:1],
        *Reply.objects.filter(author=member, created__gte=since)
        .order_by("-created")
        .values_list("created", "body_source")[:1],
    ]
    if not recent:
        return
    _created, last_body = max(recent)
    if last_body.strip() == body.strip():
        raise PostRefused(
            _(
                "You posted exactly these words a moment ago, so we didn't post "
                "them twice."
            ),
            code="duplicate",
        )


def _screen(
    *, author, title: str, body: str, context: str, post_anyway: bool
) -> Screening:
    text = f"{title}\n\n{body}" if title else body
    screening = screen_submission(author=author, text=text, context=context)
    if screening.blocked:
        raise PostRefused(screening.blocked, code="blocked")
    if screening.nudge and not post_anyway:
        raise NudgeNeeded(screening)
    return screening


def _hold_for_space(screening: Screening, space: Space) -> Screening:
    """A space that approves new threads holds them, and the review queue is told
    so: held without a review item, a thread would wait unseen."""
    if not space.requires_approval or screening.hold:
        return screening
    return dataclasses.replace(screening, hold=True, hold_reason="space_approval")


def _clean_notes(content_notes) -> list[str]:
    from accounts.content_notes import ContentNote

    return [note for note in ContentNote.values if note in set(content_notes or ())]


# --- threads and replies ---------------------------------------------------------


def thread_create(
    *,
    author,
    space: Space,
    title: str,
    body: str,
    content_notes=(),
    anonymous: bool = False,
    post_anyway: bool = False,
    seeding: bool = False,
) -> Posted:
    """Start a thread. Raises PostRefused or NudgeNeeded before saving anything.

    seeding (demo content only) skips rate limits, screening and holds.
    """
    title = normalise_text(title).strip()
    body = normalise_text(body).strip()
    _check_lengths(title=title, body=body)
    screening = Screening()
    if not seeding:
        _check_rate(
            "forum-thread",
            author,
            THREAD_RATE,
            _(
                "You've started several threads in a short time. Please give it a "
                "little while before starting another; replies are still open to you."
            ),
        )
        _check_duplicate(author, body)
        screening = _screen(
            author=author,
            title=title,
            body=body,
            context="thread",
            post_anyway=post_anyway,
        )
        screening = _hold_for_space(screening, space)
    held = screening.hold
    now = timezone.now()
    with transaction.atomic():
        thread = Thread.objects.create(
            space=space,
            author=author,
            title=title,
            body_source=body,
            body_html=render_user_text(body),
            status=PostStatus.HELD if held else PostStatus.VISIBLE,
            anonymous=anonymous,
            content_notes=_clean_notes(content_notes),
            risk_categories=list(screening.categories),
            last_activity=now,
        )
        Follow.objects.get_or_create(member=author, thread=thread)
        if not seeding:
            record_screening(target=thread, author=author, screening=screening)
    if not seeding:
        _count_rate("forum-thread", author, THREAD_RATE)
    return Posted(thread=thread, reply=None, screening=screening)


def reply_create(
    *,
    author,
    thread: Thread,
    body: str,
    parent: Reply | None = None,
    content_notes=(),
    anonymous: bool = False,
    post_anyway: bool = False,
    seeding: bool = False,
) -> Posted:
    """Answer thread, or parent inside it. The caller has checked that author may see
    thread and parent. Raises PostRefused or NudgeNeeded before saving anything."""
    if parent is not None and parent.thread_id != thread.pk:
        raise ValueError("parent belongs to another thread")
    body = normalise_text(body).strip()
    _check_lengths(title=None, body=body)
    screening = Screening()
    if not seeding:
        _check_rate(
            "forum-reply",
            author,
            REPLY_RATE,
            _(
                "You've written a lot of replies in a few minutes. Take a breath; you "
                "can reply again shortly, and your words are still in the box."
            ),
        )
        _check_duplicate(author, body)
        screening = _screen(
            author=author, title="", body=body, context="reply", post_anyway=post_anyway
        )
    held = not seeding and screening.hold
    with transaction.atomic():
        # Serialises counters and last_activity for this thread.
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        reply = Reply.objects.create(
            thread=locked,
            parent=parent,
            root=(parent.root or parent) if parent is not None else None,
            depth=parent.depth + 1 if parent is not None else 1,
            author=author,
            body_source=body,
            body_html=render_user_text(body),
            status=PostStatus.HELD if held else PostStatus.VISIBLE,
            anonymous=anonymous,
            content_notes=_clean_notes(content_notes),
            risk_categories=list(screening.categories),
        )
        Follow.objects.get_or_create(member=author, thread=locked)
        if reply.status == PostStatus.VISIBLE:
            _reply_became_visible(reply, locked)
        if not seeding:
            record_screening(target=reply, author=author, screening=screening)
    if not seeding:
        _count_rate("forum-reply", author, REPLY_RATE)
    thread.refresh_from_db()
    return Posted(thread=thread, reply=reply, screening=screening)


def _reply_became_visible(reply: Reply, locked_thread: Thread) -> None:
    """Counters, activity and notifications for a reply that others can now read.
    The caller holds the thread row lock."""
    thread_recount(thread=locked_thread)
    if reply.created > locked_thread.last_activity:
        Thread.objects.filter(pk=locked_thread.pk).update(last_activity=reply.created)
        locked_thread.last_activity = reply.created
    _notify_reply(reply)


def thread_recount(*, thread: Thread) -> None:
    """Set thread.reply_count to its number of visible replies. Caller holds the lock
    (or runs the recount command)."""
    count = Reply.objects.filter(thread_id=thread.pk, status=PostStatus.VISIBLE).count()
    Thread.objects.filter(pk=thread.pk).update(reply_count=count)
    thread.reply_count = count


def _record_revision(post: Thread | Reply, *, editor, by_moderator: bool) -> None:
    thread_id = post.pk if isinstance(post, Thread) else post.thread_id
    Revision.objects.create(
        thread_id=thread_id,
        reply=post if isinstance(post, Reply) else None,
        title=post.title if isinstance(post, Thread) else "",
        body_source=post.body_source,
        editor=editor,
        by_moderator=by_moderator,
    )


def post_edit(
    *,
    author,
    post: Thread | Reply,
    body: str,
    title: str | None = None,
    content_notes=(),
    post_anyway: bool = False,
) -> Screening:
    """Change the author's own post, keeping the previous text as a revision.
    Raises PermissionError if author didn't write it, PostRefused or NudgeNeeded."""
    if post.author_id != author.pk or post.status in {
        PostStatus.DELETED,
        PostStatus.REMOVED,
        PostStatus.HIDDEN,
    }:
        raise PermissionError("not editable by this member")
    body = normalise_text(body).strip()
    if title is not None:
        title = normalise_text(title).strip()
    _check_lengths(title=title, body=body)
    context = "thread" if isinstance(post, Thread) else "reply"
    screening = _screen(
        author=author,
        title=title or "",
        body=body,
        context=context,
        post_anyway=post_anyway,
    )
    with transaction.atomic():
        locked = type(post).objects.select_for_update().get(pk=post.pk)
        _record_revision(locked, editor=author, by_moderator=False)
        if title is not None and isinstance(locked, Thread):
            locked.title = title
        locked.body_source = body
        locked.body_html = render_user_text(body)
        locked.content_notes = _clean_notes(content_notes)
        locked.risk_categories = sorted(
            set(locked.risk_categories) | set(screening.categories)
        )
        locked.edited_at = timezone.now()
        was_visible = locked.status == PostStatus.VISIBLE
        if screening.hold and was_visible:
            locked.status = PostStatus.HELD
            locked.status_changed_at = locked.edited_at
        locked.save()
        if (
            was_visible
            and locked.status == PostStatus.HELD
            and isinstance(locked, Reply)
        ):
            thread_recount(
                thread=Thread.objects.select_for_update().get(pk=locked.thread_id)
            )
        record_screening(target=locked, author=author, screening=screening, edited=True)
    post.refresh_from_db()
    return screening


def post_delete(*, author, post: Thread | Reply) -> None:
    """The author takes their post down. The words are gone for good; a post that has
    replies stays as a placeholder so the conversation still reads."""
    if post.author_id != author.pk:
        raise PermissionError("not deletable by this member")
    with transaction.atomic():
        thread_id = post.pk if isinstance(post, Thread) else post.thread_id
        locked_thread = Thread.objects.select_for_update().get(pk=thread_id)
        locked = type(post).objects.select_for_update().get(pk=post.pk)
        locked.status = PostStatus.DELETED
        locked.status_changed_at = timezone.now()
        locked.body_source = ""
        locked.body_html = ""
        locked.content_notes = []
        if isinstance(locked, Thread):
            locked.title = ""
        locked.save()
        Revision.objects.filter(
            thread_id=thread_id, reply=locked if isinstance(locked, Reply) else None
        ).delete()
        Notification.objects.filter(
            thread_id=thread_id,
            **(
                {"reply": locked}
                if isinstance(locked, Reply)
                else {"reply__isnull": True}
            ),
        ).delete()
        thread_recount(thread=locked_thread)
    post.refresh_from_db()


def post_set_status(*, post: Thread | Reply, status: str) -> None:
    """Moderation's hook: make post visible, held, hidden or removed."""
    if status not in {
        PostStatus.VISIBLE,
        PostStatus.HELD,
        PostStatus.HIDDEN,
        PostStatus.REMOVED,
    }:
        raise ValueError(f"unknown status {status}")
    thread_id = post.pk if isinstance(post, Thread) else post.thread_id
    with transaction.atomic():
        locked_thread = Thread.objects.select_for_update().get(pk=thread_id)
        locked = (
            locked_thread
            if isinstance(post, Thread)
            else Reply.objects.select_for_update().get(pk=post.pk)
        )
        previous = locked.status
        if previous == status:
            return
        locked.status = status
        locked.status_changed_at = timezone.now()
        locked.save(update_fields=["status", "status_changed_at", "updated"])
        if isinstance(locked, Reply):
            thread_recount(thread=locked_thread)
            if status == PostStatus.VISIBLE and previous == PostStatus.HELD:
                # Approval is when others first see it: it counts as new activity.
                Thread.objects.filter(pk=thread_id).update(last_activity=timezone.now())
                _notify_reply(locked)
        elif status == PostStatus.VISIBLE and previous == PostStatus.HELD:
            Thread.objects.filter(pk=thread_id).update(last_activity=timezone.now())
    post.refresh_from_db()


def post_apply_moderator_edit(*, post: Thread | Reply, body: str, editor=None) -> None:
    """Moderation's hook: replace the text (keeping a revision) and re-render it."""
    body = normalise_text(body).strip()
    with transaction.atomic():
        locked = type(post).objects.select_for_update().get(pk=post.pk)
        _record_revision(locked, editor=editor, by_moderator=True)
        locked.body_source = body
        locked.body_html = render_user_text(body)
        locked.edited_at = timezone.now()
        locked.save()
    post.refresh_from_db()


# --- reactions -------------------------------------------------------------------


def reaction_toggle(
    *, member, thread: Thread, reply: Reply | None, kind: str, seeding: bool = False
) -> bool:
    """Add member's reaction of kind to the post, or take it back. Returns whether it
    is now on. The caller checked that member may see the post."""
    if kind not in ReactionKind.values:
        raise ValueError(f"unknown reaction {kind}")
    if not seeding:
        _check_rate(
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
            _notify_reaction(
                member=member, thread=thread, reply=reply, post=post, kind=kind
            )
    if not seeding:
        _count_rate("forum-reaction", member, REACTION_RATE)
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


# --- follows and notifications ---------------------------------------------------


def follow_set(*, member, thread: Thread, active: bool) -> None:
    Follow.objects.update_or_create(
        member=member, thread=thread, defaults={"active": active}
    )


def _notify_reply(reply: Reply) -> None:
    """Tell followers (and the person answered) about a reply they may read."""
    from accounts.models import Member

    thread = reply.thread
    recipient_ids = set(
        Follow.objects.filter(thread_id=thread.pk, active=True).values_list(
            "member_id", flat=True
        )
    )
    if reply.parent_id is not None:
        parent_author = (
            Reply.objects.filter(pk=reply.parent_id)
            .values_list("author_id", flat=True)
            .first()
        )
        if parent_author:
            recipient_ids.add(parent_author)
    recipient_ids.discard(reply.author_id)
    recipient_ids.discard(None)
    # A reply held and approved again must not notify twice.
    recipient_ids -= set(
        Notification.objects.filter(
            reply=reply, kind=Notification.Kind.REPLY
        ).values_list("recipient_id", flat=True)
    )
    if not recipient_ids:
        return
    recipients = [
        member
        for member in Member.objects.filter(pk__in=recipient_ids, is_active=True)
        if visibility.can_view_reply(member, reply)
    ]
    Notification.objects.bulk_create(
        Notification(
            recipient=member,
            kind=Notification.Kind.REPLY,
            thread_id=thread.pk,
            reply=reply,
            actor_id=reply.author_id,
        )
        for member in recipients
    )
    _announce_counts([member.pk for member in recipients])


def _notify_reaction(
    *, member, thread: Thread, reply: Reply | None, post, kind: str
) -> None:
    recipient_id = post.author_id
    if recipient_id is None or recipient_id == member.pk:
        return
    from accounts.models import Member

    recipient = Member.objects.filter(pk=recipient_id, is_active=True).first()
    if recipient is None:
        return
    allowed = (
        visibility.can_view_reply(recipient, reply)
        if reply is not None
        else visibility.can_view_thread(recipient, thread)
    )
    if not allowed:
        return
    # Taking a reaction back and giving it again doesn't notify twice.
    _, created = Notification.objects.get_or_create(
        recipient=recipient,
        kind=Notification.Kind.REACTION,
        thread_id=thread.pk,
        reply=reply,
        actor=member,
        reaction_kind=kind,
    )
    if created:
        _announce_counts([recipient.pk])


def unread_count(member) -> int:
    from forum import selectors

    return selectors.notifications_for(member).filter(read_at__isnull=True).count()


def _announce_counts(member_ids: list[int]) -> None:
    """Send each member their new unread count. Carries only the count: never a
    name, title or text, so a payload can't reveal anything the page wouldn't."""
    from accounts.models import Member

    for member in Member.objects.filter(pk__in=member_ids):
        broadcast_on_commit(
            group_for(member.pk),
            {"type": "notify.count", "unread": unread_count(member)},
        )


def notifications_mark_read(*, member, ids: list[int] | None = None) -> int:
    """Mark member's notifications (all, or those ids) read; announce the new count."""
    query = Notification.objects.filter(recipient=member, read_at__isnull=True)
    if ids is not None:
        query = query.filter(pk__in=ids)
    changed = query.update(read_at=timezone.now())
    if changed:
        _announce_counts([member.pk])
    return changed


# --- counters --------------------------------------------------------------------


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
