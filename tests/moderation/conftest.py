"""Fixtures for moderation tests: a controllable rules result, moderators, items."""

import pytest

from moderation.rules import Assessment


@pytest.fixture
def rules_say(monkeypatch):
    """rules_say(level=..., categories=..., actions=...) fixes what assess() returns,
    so these tests don't depend on the wording of today's rules file."""
    seen: dict = {}

    def configure(level="none", categories=(), rules=(), actions=()):
        result = Assessment(
            level=level,
            categories=tuple(categories),
            rules=tuple(rules),
            actions=frozenset(actions),
        )

        def fake_assess(text, *, new_account=False):
            seen["new_account"] = new_account
            seen["text"] = text
            return result

        monkeypatch.setattr("moderation.services.screening.assess", fake_assess)
        return seen

    configure()
    return configure


@pytest.fixture
def second_moderator(make_member):
    return make_member("Wise Wren", roles=["moderator"])


@pytest.fixture
def senior_moderator(make_member):
    return make_member("Old Oak", roles=["senior moderator"])


@pytest.fixture
def reported_member(make_member, other_member):
    """A member reported by other_member: an open item in the reports view."""
    from moderation.services import report_create

    target = make_member("Loud Jay")
    report_create(reporter=other_member, target=target, guideline=1, words="unkind")
    return target


@pytest.fixture
def open_item(reported_member):
    from moderation.models import ReviewItem

    return ReviewItem.objects.get(object_id=str(reported_member.pk), kind="member")


def make_trusted(member):
    from moderation.models import MemberStanding

    MemberStanding.objects.update_or_create(
        member=member, defaults={"trust_override": 2, "approved_count": 20}
    )
    return member
