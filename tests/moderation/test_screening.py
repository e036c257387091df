"""screen_submission combines the rules with the author's standing."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from moderation.models import MemberStanding, Sanction
from moderation.services import screen_submission
from tests.moderation.conftest import make_trusted

pytestmark = pytest.mark.django_db


def test_a_new_members_first_posts_are_held_for_review(member, rules_say, settings):
    """Pre-moderation: the first PREMODERATION_POSTS posts are held."""
    settings.PREMODERATION_POSTS = 2
    screening = screen_submission(author=member, text="Hello all", context="thread")
    assert screening.hold and screening.hold_reason == "premoderation"
    assert screening.needs_review


def test_posts_are_no_longer_held_once_enough_were_approved(
    member, rules_say, settings
):
    """After PREMODERATION_POSTS approved posts the member posts straight away."""
    settings.PREMODERATION_POSTS = 2
    MemberStanding.objects.create(member=member, approved_count=1)
    assert screen_submission(author=member, text="hi", context="reply").hold
    MemberStanding.objects.filter(member=member).update(approved_count=2)
    assert not screen_submission(author=member, text="hi", context="reply").hold


def test_operators_can_set_how_many_posts_are_pre_moderated(
    member, rules_say, settings
):
    """With PREMODERATION_POSTS = 0 nobody is pre-moderated."""
    settings.PREMODERATION_POSTS = 0
    assert not screen_submission(author=member, text="hi", context="thread").hold


def test_a_trusted_member_skips_pre_moderation(member, rules_say, settings):
    """Trust high enough (here set by a moderator) skips pre-moderation."""
    settings.PREMODERATION_POSTS = 5
    MemberStanding.objects.create(member=member, trust_override=2)
    assert not screen_submission(author=member, text="hi", context="thread").hold


def test_identifying_details_are_held_whatever_the_trust(member, rules_say):
    """A phone number is held even for a trusted member."""
    make_trusted(member)
    rules_say(level="none", categories=["identifying_details"], actions=["hold"])
    screening = screen_submission(
        author=member, text="ring 07700 900123", context="reply"
    )
    assert screening.hold and screening.hold_reason == "identifying_details"


def test_live_chat_messages_are_never_pre_moderated(member, rules_say):
    """A new member's chat message reaches the listener: no pre-moderation in chat."""
    assert not screen_submission(author=member, text="hi", context="chat").hold


def test_rules_saying_hold_hold_the_post(member, rules_say):
    make_trusted(member)
    rules_say(categories=["links_spam"], actions=["hold"], rules=["spam.links"])
    screening = screen_submission(author=member, text="buy", context="thread")
    assert screening.hold and screening.hold_reason == "rule"
    assert screening.rules == ("spam.links",)


def test_young_accounts_are_assessed_as_new_for_links(member, rules_say):
    """new_account is passed to the rules for young accounts."""
    seen = rules_say()
    screen_submission(author=member, text="x", context="thread")
    assert seen["new_account"] is True


def test_old_trusted_accounts_are_not_new(make_member, rules_say):
    old = make_member(date_joined=timezone.now() - timedelta(days=400))
    make_trusted(old)
    seen = rules_say()
    screen_submission(author=old, text="x", context="thread")
    assert seen["new_account"] is False


def test_risk_is_flagged_and_signposted_but_not_blocked(member, rules_say):
    """Saying you have suicidal thoughts is never blocked: it goes to review."""
    make_trusted(member)
    rules_say(
        level="high", categories=["suicidal_thoughts"], actions=["signpost", "flag"]
    )
    screening = screen_submission(author=member, text="...", context="reply")
    assert screening.signpost and screening.needs_review
    assert not screening.blocked and not screening.hold


@pytest.mark.parametrize("kind", ["mute", "suspension", "ban"])
def test_a_muted_suspended_or_banned_member_is_blocked(
    member, moderator, rules_say, kind
):
    Sanction.objects.create(
        member=member,
        kind=kind,
        guideline=1,
        message="m",
        issued_by=moderator,
        ends_at=None if kind == "ban" else timezone.now() + timedelta(days=1),
        includes_live_support=kind == "ban",
    )
    for context in ("thread", "reply", "chat"):
        assert screen_submission(author=member, text="hi", context=context).blocked


def test_a_warning_does_not_block(member, moderator, rules_say):
    Sanction.objects.create(member=member, kind="warning", guideline=1, message="m")
    assert not screen_submission(author=member, text="hi", context="thread").blocked


def test_a_mute_lapses_by_itself(member, moderator, rules_say):
    """No job runs: the end time alone lifts it."""
    Sanction.objects.create(
        member=member,
        kind="mute",
        guideline=1,
        message="m",
        ends_at=timezone.now() + timedelta(hours=2),
    )
    assert screen_submission(author=member, text="hi", context="chat").blocked
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert not screen_submission(author=member, text="hi", context="chat").blocked
