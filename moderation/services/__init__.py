"""Moderation writes, one module per workflow:

- screening: what happens to a member's text before it is saved
- trust: how far the community trusts a member
- queueing: review items, and telling moderators live (counts, alerts)
- reports: members reporting something
- decisions: claiming, handing back and deciding review items
- appeals: asking another moderator to look again
- sanctions: warnings, mutes, suspensions and bans
- notices: message templates, notices to members, moderators' notes
- wellbeing: stretches of queue work and breaks
- audit: the append-only audit log
- permissions: who may act, and the refusal they hear

Every change a moderator makes goes through one of these, and each appends to the
audit log in the same transaction. Functions that read a review item and then change
it lock it with select_for_update first.

Other apps import what they use from here, not from the modules.
"""

from moderation.services.appeals import appeal_create
from moderation.services.audit import audit_append
from moderation.services.decisions import item_claim, item_decide, item_release
from moderation.services.permissions import ModerationRefused
from moderation.services.queueing import alert_moderators, alert_raise, record_screening
from moderation.services.reports import report_create
from moderation.services.sanctions import sanction_issue, sanction_lift
from moderation.services.screening import (
    AuthorState,
    Screening,
    active_sanction_message,
    author_state,
    live_support_paused_message,
    screen_submission,
)
from moderation.services.trust import trust_compute

__all__ = [
    "AuthorState",
    "ModerationRefused",
    "Screening",
    "active_sanction_message",
    "alert_moderators",
    "alert_raise",
    "appeal_create",
    "audit_append",
    "author_state",
    "item_claim",
    "item_decide",
    "item_release",
    "live_support_paused_message",
    "record_screening",
    "report_create",
    "sanction_issue",
    "sanction_lift",
    "screen_submission",
    "trust_compute",
]
