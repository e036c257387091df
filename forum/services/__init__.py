"""Forum writes. Every change to threads, replies, reactions, follows and
notifications goes through a function here, and so does every counter.

One module per workflow:

- checks: what posting checks before saving (lengths, rate limits, double submits,
  screening) and the refusals it raises
- posting: starting threads and writing replies
- editing: the author's edits and deletions, moderation's status changes and edits
- reactions: supportive reactions and their counts
- notifications: follows, notifications and live unread counts
- maintenance: recounting counters and queueing held threads nobody reviews

The names below are the API views, hooks and commands use. Rate limits live beside
the function they limit (posting.THREAD_RATE, reactions.REACTION_RATE).

Nothing here skips screening, limits or holds but posting.prompt_thread_create, for
the words operators write (circles' weekly prompts). The only other writer of posts is
forum.demo.factories, which writes the demo's and the benchmark's own words
straight to the tables for seed_demo and bench/.
"""

from forum.services.checks import NudgeNeeded, PostRefused
from forum.services.editing import (
    post_apply_moderator_edit,
    post_delete,
    post_edit,
    post_set_status,
)
from forum.services.maintenance import (
    queue_unreviewed_held_threads,
    recount_all,
    thread_recount,
)
from forum.services.notifications import (
    follow_set,
    group_for,
    notifications_mark_read,
)
from forum.services.posting import (
    Posted,
    prompt_thread_create,
    reply_create,
    thread_create,
)
from forum.services.reactions import reaction_toggle

__all__ = [
    "NudgeNeeded",
    "PostRefused",
    "Posted",
    "follow_set",
    "group_for",
    "notifications_mark_read",
    "post_apply_moderator_edit",
    "post_delete",
    "post_edit",
    "post_set_status",
    "prompt_thread_create",
    "queue_unreviewed_held_threads",
    "reaction_toggle",
    "recount_all",
    "reply_create",
    "thread_create",
    "thread_recount",
]
