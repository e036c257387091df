"""What a given member may see of the forum, and under which name. Decided here only.

Every path (space lists, thread pages, permalinks, search, the waiting list,
notifications, WebSocket events, moderation links) calls these functions. Each rule
exists twice, as a query condition and as a check on one object, side by side so they
cannot drift apart; tests exercise both for every status and role.

- visible: everyone.
- held (waiting for a moderator): its author and moderators.
- hidden, removed (moderator decisions): moderators only.
- deleted by its author: nobody reads it; a thread or reply that still has replies
  stays as a "removed by its author" placeholder so the tree stays whole.
A reply is only ever seen inside a thread the member may see.

And, whatever the status: a thread in a circle's space (forum.circles) only for the
circle's present members and moderators. To everyone else a circle's threads,
replies and members are not there at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forum.circles.models import CircleMembership
from forum.models import PostStatus, Space

if TYPE_CHECKING:
    from forum.models import Reply, Thread

ANONYMOUS_NAME = gettext_lazy("Anonymous parent")
FORMER_MEMBER_NAME = gettext_lazy("A former member")


def is_moderator(member) -> bool:
    return bool(member is not None and member.is_authenticated and member.is_moderator)


def _member_id(member) -> int | None:
    if member is None or not member.is_authenticated:
        return None
    return member.pk


def _circle_spaces_closed_to(member_id: int | None):
    """The ids of circle spaces member_id may not read, as a subquery."""
    closed = Space.objects.filter(is_circle=True)
    if member_id is not None:
        closed = closed.exclude(
            pk__in=CircleMembership.objects.filter(
                member_id=member_id, left_at__isnull=True
            ).values("circle__space_id")
        )
    return closed.values("pk")


def space_q(member, prefix: str = "") -> Q:
    """Rows whose space (reached by prefix) member may read: any space but the
    circles she is not in. Moderators read every circle."""
    if is_moderator(member):
        return Q()
    return ~Q(**{f"{prefix}space_id__in": _circle_spaces_closed_to(_member_id(member))})


def can_read_space(member, space: Space) -> bool:
    if not space.is_circle or is_moderator(member):
        return True
    member_id = _member_id(member)
    return (
        member_id is not None
        and CircleMembership.objects.filter(
            circle__space_id=space.pk, member_id=member_id, left_at__isnull=True
        ).exists()
    )


def thread_q(member, prefix: str = "") -> Q:
    """Threads member may open (prefix reaches a thread through a relation)."""
    if is_moderator(member):
        return Q()
    condition = Q(**{f"{prefix}status": PostStatus.VISIBLE})
    condition |= Q(
        **{f"{prefix}status": PostStatus.DELETED, f"{prefix}reply_count__gt": 0}
    )
    member_id = _member_id(member)
    if member_id is not None:
        condition |= Q(
            **{f"{prefix}status": PostStatus.HELD, f"{prefix}author_id": member_id}
        )
    return condition & space_q(member, prefix)


def can_view_thread(member, thread: Thread) -> bool:
    if is_moderator(member):
        return True
    return _status_lets_read(member, thread) and can_read_space(member, thread.space)


def _status_lets_read(member, thread: Thread) -> bool:
    if thread.status == PostStatus.VISIBLE:
        return True
    if thread.status == PostStatus.DELETED:
        return thread.reply_count > 0
    member_id = _member_id(member)
    return (
        thread.status == PostStatus.HELD
        and member_id is not None
        and thread.author_id == member_id
    )


def reply_q(member, prefix: str = "") -> Q:
    """Replies member may read, inside threads member may open."""
    within_thread = thread_q(member, prefix=f"{prefix}thread__")
    if is_moderator(member):
        return within_thread
    condition = Q(**{f"{prefix}status": PostStatus.VISIBLE})
    member_id = _member_id(member)
    if member_id is not None:
        condition |= Q(
            **{f"{prefix}status": PostStatus.HELD, f"{prefix}author_id": member_id}
        )
    return condition & within_thread


def can_view_reply(member, reply: Reply, *, thread_checked: bool = False) -> bool:
    """Whether member may read reply; thread_checked skips the thread check when the
    caller already made it for this very thread."""
    if not thread_checked and not can_view_thread(member, reply.thread):
        return False
    return reply_reader(member)(reply)


def reply_reader(member) -> Callable[[Reply], bool]:
    """can_view_reply for replies in a thread member may open, as a function of the
    reply: a page of replies asks once who the member is."""
    if is_moderator(member):
        return lambda reply: True
    member_id = _member_id(member)

    def can_read(reply) -> bool:
        if reply.status == PostStatus.VISIBLE:
            return True
        return (
            reply.status == PostStatus.HELD
            and member_id is not None
            and reply.author_id == member_id
        )

    return can_read


def public_thread_q(prefix: str = "") -> Q:
    """Threads anyone may read in full: what the waiting list shows (never a
    circle's, even to its members: that list is for everyone)."""
    return visible_thread_q(None, prefix)


def public_reply_q(prefix: str = "") -> Q:
    return visible_reply_q(None, prefix)


def visible_thread_q(member, prefix: str = "") -> Q:
    """Visible threads in the spaces member may read: what search finds for her,
    her circles' threads among them. Held and deleted threads never."""
    return Q(**{f"{prefix}status": PostStatus.VISIBLE}) & space_q(member, prefix)


def visible_reply_q(member, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": PostStatus.VISIBLE}) & visible_thread_q(
        member, f"{prefix}thread__"
    )


def author_labeller(viewer) -> Callable[[Thread | Reply], dict]:
    """The name to show for a post's author to viewer, as a function of the post.

    A fully anonymous post is "Anonymous parent" to everyone but moderators; its
    author is told it is theirs. Only moderators receive real_name for such a post.
    Pages that label many posts ask once who the viewer is, then label each post.
    """
    viewer_id = _member_id(viewer)
    moderator = is_moderator(viewer)

    def label(post) -> dict:
        if post.author_id is None:
            name = str(FORMER_MEMBER_NAME)
        elif post.anonymous:
            name = str(ANONYMOUS_NAME)
        else:
            name = post.author.pseudonym
        return {
            "name": name,
            "is_you": viewer_id is not None and post.author_id == viewer_id,
            "anonymous": post.anonymous,
            "real_name": post.author.pseudonym
            if post.anonymous and post.author_id is not None and moderator
            else "",
        }

    return label


def replies_anonymously_by_default(thread: Thread, viewer) -> bool:
    """Whether viewer's reply form starts with "fully anonymous" ticked: in her
    own thread posted fully anonymously, where a reply under her pseudonym would
    give her away. She can untick it; everyone else starts unticked."""
    viewer_id = _member_id(viewer)
    return thread.anonymous and viewer_id is not None and thread.author_id == viewer_id


def author_label(post, viewer) -> dict:
    """author_labeller for one post."""
    return author_labeller(viewer)(post)


def display_name(post, viewer) -> str:
    """A one-string form of author_label, for notifications and payloads."""
    label = author_label(post, viewer)
    if label["is_you"]:
        return _("you")
    return label["name"]
