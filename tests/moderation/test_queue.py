"""One review item per target; claiming, deciding once, escalating, appealing."""

import threading

import pytest
from django.db import OperationalError, connection

from moderation.models import (
    Appeal,
    AuditEntry,
    Decision,
    Notice,
    Report,
    ReviewItem,
)
from moderation.services import (
    ModerationRefused,
    Screening,
    alert_raise,
    appeal_create,
    item_claim,
    item_decide,
    item_release,
    record_screening,
    report_create,
)

pytestmark = pytest.mark.django_db


def decide(item, moderator, action="hide", **extra):
    item.refresh_from_db()
    return item_decide(
        item_id=item.pk,
        moderator=moderator,
        action=action,
        guideline=extra.pop("guideline", 1),
        reason=extra.pop("reason", "Be kind"),
        version=extra.pop("version", item.version),
        **extra,
    )


def test_rule_matches_and_reports_add_to_one_item(member, other_member, make_member):
    """A second signal on the same target adds score and reasons, not a new item."""
    target = make_member("Target")
    record_screening(
        target=target,
        author=target,
        screening=Screening(
            level="low", categories=("harsh_language",), rules=("harsh.1",), flag=True
        ),
    )
    report_create(reporter=member, target=target, guideline=1, words="rude")
    report_create(reporter=other_member, target=target, guideline=2)
    assert ReviewItem.objects.count() == 1
    item = ReviewItem.objects.get()
    assert item.report_count == 2
    assert item.rules == ["harsh.1"] and item.categories == ["harsh_language"]
    assert [r["source"] for r in item.reasons] == ["rule", "report", "report"]
    assert item.score == 10 + 10 + 10


def test_urgent_items_go_to_the_safety_view(member):
    record_screening(
        target=member,
        author=member,
        screening=Screening(
            level="urgent", categories=("suicidal_thoughts",), signpost=True, flag=True
        ),
    )
    item = ReviewItem.objects.get()
    assert item.view == "safety" and item.level == "urgent"


def test_nothing_is_queued_when_the_screening_needs_no_review(member):
    record_screening(target=member, author=member, screening=Screening())
    assert not ReviewItem.objects.exists()


def test_an_alert_without_text_raises_a_safety_item(member):
    """Content apps raise alerts for things without text (an urgent chat request)."""
    item = alert_raise(
        target=member,
        author=member,
        level="urgent",
        categories=["suicidal_thoughts"],
        reason="urgent live-support request",
    )
    assert item.view == "safety"
    assert AuditEntry.objects.filter(kind="alert_raised").exists()


def test_a_claimed_item_shows_who_holds_it_and_refuses_others(
    open_item, moderator, second_moderator
):
    item_claim(item_id=open_item.pk, moderator=moderator)
    with pytest.raises(ModerationRefused, match="Careful Owl"):
        item_claim(item_id=open_item.pk, moderator=second_moderator)
    with pytest.raises(ModerationRefused, match="Careful Owl"):
        decide(open_item, second_moderator)


def test_an_item_can_be_handed_back_without_deciding(
    open_item, moderator, second_moderator
):
    item_claim(item_id=open_item.pk, moderator=moderator)
    item_release(item_id=open_item.pk, moderator=moderator)
    item_claim(item_id=open_item.pk, moderator=second_moderator)
    open_item.refresh_from_db()
    assert open_item.claimed_by == second_moderator
    assert not Decision.objects.exists()


def test_a_second_decision_on_the_same_item_is_refused(
    open_item, moderator, second_moderator
):
    """Two moderators looking at the same round: the second is told, nothing applied."""
    version = open_item.version
    decide(open_item, moderator, "hide", version=version)
    with pytest.raises(ModerationRefused, match="decided while you were looking"):
        decide(open_item, second_moderator, "approve", version=version)
    assert Decision.objects.count() == 1
    assert Notice.objects.filter(kind="report").count() == 1


def test_a_decision_for_an_earlier_round_is_refused(
    open_item, moderator, second_moderator, make_member
):
    """The item was decided and reopened by a new report: a stale form does nothing."""
    stale = open_item.version
    decide(open_item, moderator, "approve")
    report_create(
        reporter=make_member(),
        target=open_item.content_type.get_object_for_this_type(pk=open_item.object_id),
        guideline=1,
    )
    with pytest.raises(ModerationRefused, match="Something new arrived"):
        decide(open_item, second_moderator, "hide", version=stale)
    assert Decision.objects.count() == 1


def test_a_decision_needs_a_guideline_and_a_reason(open_item, moderator):
    with pytest.raises(ModerationRefused):
        decide(open_item, moderator, "hide", reason="   ")
    with pytest.raises(ModerationRefused):
        decide(open_item, moderator, "hide", guideline=99)
    assert not Decision.objects.exists()


def race(racers, action) -> dict:
    """Run action(moderator) for every racer at once, each on its own thread and
    database connection; returns {moderator pk: None if it went through, else the
    exception it raised}."""
    barrier = threading.Barrier(len(racers))
    results: dict = {}

    def run(moderator):
        barrier.wait(timeout=5)
        try:
            action(moderator)
            results[moderator.pk] = None
        except Exception as exc:
            results[moderator.pk] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(m,)) for m in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert set(results) == {m.pk for m in racers}, "a racer never finished"
    return results


def winner_and_loss(racers, results):
    """The one racer whose action went through, and what the other one raised."""
    winners = [m for m in racers if results[m.pk] is None]
    assert len(winners) == 1, results
    (winner,) = winners
    (loss,) = [results[m.pk] for m in racers if m is not winner]
    return winner, loss


def assert_lost_with(loss, words: str) -> None:
    """The loser of a race is refused with exactly words. SQLite has no row locks:
    there the loser's write may instead be refused as "database is locked" (its
    snapshot is older than the winner's commit). Any other error fails."""
    if isinstance(loss, ModerationRefused):
        assert str(loss) == words
        return
    assert connection.vendor == "sqlite", f"the loser died of {loss!r}"
    assert isinstance(loss, OperationalError), f"the loser died of {loss!r}"
    assert "database is locked" in str(loss), f"the loser died of {loss!r}"


@pytest.mark.django_db(transaction=True)
def test_two_moderators_claiming_at_once_only_one_wins(make_member, other_member):
    """select_for_update serialises claims: exactly one of two racing claims wins,
    and the other moderator is told who is working on the item."""
    target = make_member("Raced")
    report_create(reporter=other_member, target=target, guideline=1)
    item = ReviewItem.objects.get()
    racers = [make_member(f"Racer {n}", roles=["moderator"]) for n in range(2)]

    results = race(racers, lambda m: item_claim(item_id=item.pk, moderator=m))

    winner, loss = winner_and_loss(racers, results)
    assert_lost_with(loss, f"{winner.pseudonym} is working on this item.")
    item.refresh_from_db()
    assert item.claimed_by == winner
    assert AuditEntry.objects.filter(kind="item_claimed").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_moderators_deciding_at_once_only_one_decision_is_applied(
    make_member, other_member
):
    """Two decisions on the same round: one is applied, the other moderator is told
    it was decided meanwhile and nothing of theirs is applied."""
    target = make_member("Raced twice")
    report_create(reporter=other_member, target=target, guideline=1)
    item = ReviewItem.objects.get()
    racers = [make_member(f"Decider {n}", roles=["moderator"]) for n in range(2)]
    actions = {racers[0].pk: "hide", racers[1].pk: "approve"}

    results = race(
        racers,
        lambda m: item_decide(
            item_id=item.pk,
            moderator=m,
            action=actions[m.pk],
            guideline=1,
            reason="r",
            version=item.version,
        ),
    )

    winner, loss = winner_and_loss(racers, results)
    assert_lost_with(
        loss,
        "This item was decided while you were looking at it. Nothing was changed; "
        "the page now shows where it stands.",
    )
    decision = Decision.objects.get()
    assert decision.moderator == winner and decision.action == actions[winner.pk]
    expected_outcome = "acted" if actions[winner.pk] == "hide" else "kept"
    assert Report.objects.get().outcome == expected_outcome


def test_the_author_is_told_kindly_with_the_guideline_and_can_appeal(
    open_item, moderator, reported_member
):
    decide(open_item, moderator, "hide", guideline=1, reason="That was harsh.")
    notice = Notice.objects.get(member=reported_member)
    assert "guideline 1" in notice.body and "Be kind" in notice.body
    assert "That was harsh." in notice.body
    assert notice.appealable and notice.decision is not None


def test_the_reporter_is_told_the_outcome_without_names(
    open_item, moderator, other_member, reported_member
):
    decide(open_item, moderator, "hide")
    notice = Notice.objects.get(member=other_member)
    assert notice.kind == "report"
    assert reported_member.pseudonym not in notice.body
    assert moderator.pseudonym not in notice.body
    assert Report.objects.get().outcome == "acted"


def test_an_appeal_comes_back_for_a_different_moderator(
    open_item, moderator, second_moderator, reported_member
):
    decide(open_item, moderator, "hide")
    decision = Decision.objects.get()
    appeal_create(decision=decision, author=reported_member, words="I was quoting.")
    open_item.refresh_from_db()
    assert open_item.is_open and open_item.view == "appeals"
    with pytest.raises(ModerationRefused, match="another moderator"):
        item_claim(item_id=open_item.pk, moderator=moderator)
    with pytest.raises(ModerationRefused, match="another moderator"):
        decide(open_item, moderator, "approve")
    decide(open_item, second_moderator, "approve", reason="It was a quote.")
    appeal = Appeal.objects.get()
    assert appeal.outcome == "overturned"
    assert Notice.objects.filter(member=reported_member, kind="appeal").count() == 2
    assert AuditEntry.objects.filter(kind="appeal_decided").exists()


def test_the_reporter_is_told_when_an_appeal_reverses_the_decision(
    open_item, moderator, second_moderator, reported_member, other_member
):
    decide(open_item, moderator, "hide")
    appeal_create(
        decision=Decision.objects.get(), author=reported_member, words="A quote."
    )
    decide(open_item, second_moderator, "approve", reason="It was a quote.")
    told = Notice.objects.filter(member=other_member, kind="report").order_by("pk")
    assert told.count() == 2
    reversal = told.last().body
    assert "looked at again" in reversal and "It was a quote." in reversal
    assert reported_member.pseudonym not in reversal
    assert Report.objects.get().outcome == "kept"


def test_the_reporter_is_not_told_again_when_an_appeal_is_turned_down(
    open_item, moderator, second_moderator, reported_member, other_member
):
    decide(open_item, moderator, "hide")
    appeal_create(decision=Decision.objects.get(), author=reported_member, words="x")
    decide(open_item, second_moderator, "uphold", reason="It stays hidden.")
    assert Notice.objects.filter(member=other_member, kind="report").count() == 1
    assert Report.objects.get().outcome == "acted"


def test_an_appeal_can_be_turned_down(
    open_item, moderator, second_moderator, reported_member
):
    decide(open_item, moderator, "remove")
    appeal_create(
        decision=Decision.objects.get(), author=reported_member, words="Please"
    )
    decide(open_item, second_moderator, "uphold", reason="It stays removed.")
    assert Appeal.objects.get().outcome == "upheld"


def test_only_the_author_can_appeal_and_only_once(
    open_item, moderator, reported_member, other_member
):
    from django.core.exceptions import PermissionDenied

    decide(open_item, moderator, "hide")
    decision = Decision.objects.get()
    with pytest.raises(PermissionDenied):
        appeal_create(decision=decision, author=other_member, words="x")
    appeal_create(decision=decision, author=reported_member, words="x")
    with pytest.raises(ModerationRefused):
        appeal_create(decision=decision, author=reported_member, words="again")


def test_escalated_items_wait_for_a_senior_moderator(
    open_item, moderator, second_moderator, senior_moderator
):
    decide(open_item, moderator, "escalate", reason="Not sure; needs a senior view.")
    open_item.refresh_from_db()
    assert open_item.is_open and open_item.escalated
    with pytest.raises(ModerationRefused, match="senior"):
        item_claim(item_id=open_item.pk, moderator=second_moderator)
    decide(open_item, senior_moderator, "approve")
    open_item.refresh_from_db()
    assert not open_item.is_open


def test_risk_items_can_be_approved_with_support(member, moderator):
    record_screening(
        target=member,
        author=member,
        screening=Screening(level="high", categories=("suicidal_thoughts",), flag=True),
    )
    item = ReviewItem.objects.get()
    decide(item, moderator, "support", guideline=8, reason="Reaching out.")
    notice = Notice.objects.get(member=member)
    assert notice.kind == "support" and not notice.appealable
    assert "never" in notice.body or "Nothing you said breaks" in notice.body


def test_upheld_reports_lower_the_authors_trust(open_item, moderator, reported_member):
    from moderation.models import MemberStanding

    MemberStanding.objects.create(member=reported_member, approved_count=5)
    decide(open_item, moderator, "hide")
    standing = MemberStanding.objects.get(member=reported_member)
    assert standing.upheld_reports == 1
    assert standing.trust_level == 0


def test_an_alert_on_an_unregistered_kind_of_thing_is_still_queued(member):
    """Safety first: an alert is never lost because its model isn't registered."""
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="night owls")
    item = alert_raise(
        target=group,
        author=member,
        level="high",
        categories=["abuse"],
        reason="escalation",
    )
    assert item.kind == "group" and item.view == "safety"
