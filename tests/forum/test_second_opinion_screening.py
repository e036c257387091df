"""A post the rules miss but whose words the second opinion is sure sound urgent:
it is published as written, its author is shown the crisis lines, and moderators get
it first in the queue as urgent. The second opinion never holds or hides it."""

import pytest
from django.urls import reverse

from forum.models import PostStatus, Reply
from moderation.models import ReviewItem
from moderation.rules import assess
from moderation.rules.semantic import RULE_ID
from moderation.rules.word_model import Leaning

UNHEARD = "The lilac by the gate has finally opened."


class SureItSoundsUrgent:
    """A word model that hears suicidal words, sure they sound urgent."""

    threshold = urgent_threshold = 0.5

    def leaning(self, text):
        return Leaning("suicidal_thoughts", risk=0.9, urgency=0.9)

    def far_enough(self, leaning):
        return True

    def sounds_urgent(self, leaning):
        return True

    def opinion(self, text):
        return self.leaning(text)


@pytest.fixture
def urgent_sounding(monkeypatch):
    monkeypatch.setattr(
        "moderation.rules.semantic.word_model", lambda: SureItSoundsUrgent()
    )


def test_the_rules_leave_the_words_quiet():
    assert assess(UNHEARD).level == "none"


def test_it_is_published_flagged_urgent_and_its_author_is_shown_help(
    client, member, make_thread, urgent_sounding
):
    thread = make_thread(member)
    client.force_login(member)
    response = client.post(
        reverse("forum:reply_new", args=[thread.pk]), {"body": UNHEARD}
    )
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert reply.status == PostStatus.VISIBLE
    item = ReviewItem.objects.get(object_id=str(reply.pk), kind="reply")
    assert item.level == "urgent"
    assert item.categories[0] == "suicidal_thoughts"
    assert RULE_ID in item.rules
    assert not item.held
    assert "crisis-panel" in client.get(response.url).text


def test_with_the_second_opinion_off_the_rules_alone_decide(
    client, member, make_thread, urgent_sounding, settings
):
    settings.SECOND_OPINION = False
    thread = make_thread(member)
    client.force_login(member)
    client.post(reverse("forum:reply_new", args=[thread.pk]), {"body": UNHEARD})
    reply = Reply.objects.get()
    assert reply.status == PostStatus.VISIBLE
    assert not ReviewItem.objects.filter(object_id=str(reply.pk)).exists()
