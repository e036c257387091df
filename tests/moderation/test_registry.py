"""What other apps register with moderation decides what moderation does with their
things: pre-moderation, trust, how routine holds read in the queue, and which pages
stay open under a suspension."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation import registry
from moderation.models import MemberStanding, ReviewItem
from moderation.services import (
    Screening,
    record_screening,
    sanction_issue,
    screen_submission,
)
from moderation.services.queueing import SCORE_ROUTINE_HOLD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("context", "held"),
    [
        ("thread", True),
        ("reply", True),
        ("chat", False),
        ("chat_message", False),
        ("member", False),
        ("no_such_kind", False),
    ],
)
def test_pre_moderation_applies_to_kinds_registered_as_premoderated(
    context, held, member, rules_say, settings
):
    """A new member's first posts wait only where the kind's registration says so;
    live chat and kinds nobody registered are never held for who wrote them."""
    settings.PREMODERATION_POSTS = 2
    screening = screen_submission(author=member, text="hello", context=context)
    assert screening.hold is held
    assert screening.hold_reason == ("premoderation" if held else "")


def test_forum_posts_count_towards_trust_and_chat_messages_do_not():
    assert registry.for_kind("thread").counts_toward_trust
    assert registry.for_kind("reply").counts_toward_trust
    assert not registry.for_kind("chat_message").counts_toward_trust
    assert not registry.for_kind("member").counts_toward_trust


def test_something_of_a_kind_that_does_not_count_leaves_trust_alone(member):
    """Only registered kinds that count towards trust add to approved posts."""
    record_screening(target=member, author=member, screening=Screening())
    standing = MemberStanding.objects.filter(member=member).first()
    assert standing is None or standing.approved_count == 0


def test_a_premoderation_hold_is_explained_in_words_and_scored_lowest(
    client, member, moderator
):
    record_screening(
        target=member,
        author=member,
        screening=Screening(hold=True, hold_reason="premoderation"),
    )
    item = ReviewItem.objects.get()
    assert item.score == SCORE_ROUTINE_HOLD and item.view == "held"
    words = "A new member's first posts wait for a moderator's approval."
    assert [(r["source"], r["text"]) for r in item.reasons] == [
        ("premoderation", words)
    ]
    client.force_login(moderator)
    page = client.get(reverse("moderation:item", args=[item.pk])).content.decode()
    assert "A new member&#x27;s first posts wait for a moderator&#x27;s approval." in (
        page
    )


def test_a_registered_hold_reason_is_routine_and_an_unknown_one_is_a_rule(
    member, other_member
):
    """forum registers its space approval; a hold reason nobody registered is
    queued as a rule's, with its own name and a rule's score."""
    assert registry.hold_reason("space_approval") is not None
    record_screening(
        target=other_member,
        author=other_member,
        screening=Screening(hold=True, hold_reason="space_approval"),
    )
    record_screening(
        target=member,
        author=member,
        screening=Screening(hold=True, hold_reason="mystery"),
    )
    routine = ReviewItem.objects.get(object_id=str(other_member.pk))
    assert routine.reasons[0]["source"] == "space_approval"
    assert routine.score == SCORE_ROUTINE_HOLD
    unknown = ReviewItem.objects.get(object_id=str(member.pk))
    assert (unknown.reasons[0]["source"], unknown.reasons[0]["text"]) == (
        "rule",
        "mystery",
    )
    assert unknown.score > SCORE_ROUTINE_HOLD


def test_help_registered_by_support_is_open_to_suspended_members(
    client, member, moderator
):
    """support registers its help pages; kindred's settings name the site's own
    pages; everything else shows the suspension page."""
    assert {"support:crisis", "support:worried"} <= set(registry.open_urls())
    sanction_issue(
        member=member,
        moderator=moderator,
        kind="suspension",
        guideline=1,
        message="Please be gentler.",
        ends_at=timezone.now() + timedelta(days=3),
    )
    client.force_login(member)
    suspended = reverse("moderation:suspended")
    for name in (
        "support:crisis",
        "support:worried",
        "guidelines",
        "privacy",
        "peer_support",
        "moderation:notices",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
    theme = client.post(reverse("toggle_theme"))
    assert theme.get("Location") != suspended
    for name in ("home", "support:resources", "moderation:my_reports"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == suspended
    signed_out = client.post(reverse("accounts:sign_out"))
    assert signed_out.get("Location") != suspended
    assert client.get(reverse("moderation:my_reports")).status_code == 302
    assert "_auth_user_id" not in client.session
