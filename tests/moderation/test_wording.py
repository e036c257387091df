"""Moderators read durations, reasons and audit changes in words, not raw values."""

import pytest
from django.urls import reverse

from moderation.models import AuditEntry
from moderation.services import audit_append
from moderation.templatetags.moderation_tags import audit_change, minutes, reason_words


@pytest.mark.parametrize(
    "value, said",
    [
        (5.8999999999999995, "6 min"),
        (0.2, "0 min"),
        (59.6, "1 h"),
        (95, "1 h 35 min"),
        (3000, "2 days"),
        (None, "–"),
    ],
)
def test_durations_are_said_as_people_say_them(value, said):
    assert minutes(value) == said


def test_hold_reasons_are_named_not_coded():
    assert reason_words("premoderation") == "New member's first posts"
    assert reason_words("identifying_details") == "Contact or identifying details"
    assert reason_words("space_approval") == "Space approval"


@pytest.mark.django_db
def test_audit_changes_read_as_words(moderator):
    trust = audit_append(
        actor=moderator,
        kind=AuditEntry.Kind.TRUST_CHANGED,
        target_type="member",
        target_id=3,
        before={"trust": 1},
        after={"trust": 2},
    )
    queued = audit_append(
        actor=None,
        kind=AuditEntry.Kind.ITEM_QUEUED,
        target_type="review_item",
        target_id=9,
        after={"level": "high", "categories": ["suicidal_thoughts", "self_harm"]},
    )
    assert audit_change(trust) == "trust: 1 → 2"
    assert audit_change(queued) == (
        "level: high; categories: suicidal thoughts, self harm"
    )


@pytest.mark.django_db
def test_the_audit_page_shows_no_raw_dicts(client, operator, moderator):
    audit_append(
        actor=moderator,
        kind=AuditEntry.Kind.SANCTION_LIFTED,
        target_type="member",
        target_id=4,
        before={"sanction": 12},
        after={"lifted": True},
    )
    client.force_login(operator)
    html = client.get(reverse("moderation:audit")).content.decode()
    assert "sanction: 12; lifted: yes" not in html  # both sides are separate keys
    assert "sanction was 12; lifted: yes" in html
    assert "{&#x27;" not in html and "{'" not in html
