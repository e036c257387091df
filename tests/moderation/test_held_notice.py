"""A held post tells its author why it waits and about how long, from the queue's
recent decisions."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from forum.models import PostStatus, Space, Thread
from moderation import holds, selectors
from moderation.models import Decision, ReviewItem
from moderation.services.screening import PREMODERATION
from tests.moderation.conftest import make_trusted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_typical_wait(settings):
    """The figure is cached for every process sharing the cache; these tests keep
    one of their own, so nothing else running against the same Redis moves it."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "held-notice-tests",
        }
    }
    cache.delete(selectors.TYPICAL_WAIT_CACHE_KEY)


@pytest.fixture
def space(db):
    return Space.objects.create(name="Night feeds", slug="night-feeds", order=1)


def _post_thread(client, space, body="Is anyone else up with a newborn tonight?"):
    return client.post(
        reverse("forum:thread_new", args=[space.slug]),
        {"title": "Up again at three", "body": body},
        follow=True,
    )


def _decisions(
    item, moderator, minutes: list[float], action="approve", hours_ago=0
) -> None:
    """One decision per entry, each taking that many minutes from its round's
    opening, the first of them the most recent (hours_ago hours ago)."""
    now = timezone.now() - timedelta(hours=hours_ago)
    for age, wait in enumerate(minutes):
        decided = now - timedelta(minutes=age)
        decision = Decision.objects.create(
            item=item,
            moderator=moderator,
            action=action,
            guideline=1,
            reason="Fine.",
            round_opened_at=decided - timedelta(minutes=wait),
        )
        Decision.objects.filter(pk=decision.pk).update(created=decided)


@pytest.fixture
def item(open_item):
    return open_item


def test_typical_wait_is_the_median_of_the_last_fifty_decisions(item, moderator):
    """Older decisions beyond the last fifty and escalations don't count."""
    _decisions(item, moderator, [900] * 30, action=Decision.Action.ESCALATE)
    _decisions(item, moderator, [10] * 30 + [30] * 20 + [600] * 40, hours_ago=1)
    assert selectors.typical_wait() == timedelta(minutes=10)


def test_typical_wait_is_none_before_any_decision_and_is_cached(
    item, moderator, django_assert_num_queries
):
    """Asked twice, the queue is read once; a new decision shows after the cache."""
    assert selectors.typical_wait() is None
    _decisions(item, moderator, [25])
    with django_assert_num_queries(0):
        assert selectors.typical_wait() is None
    cache.delete(selectors.TYPICAL_WAIT_CACHE_KEY)
    assert selectors.typical_wait() == timedelta(minutes=25)


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (None, "as soon as they can"),
        (3, "within about 5 minutes"),
        (17, "within about 20 minutes"),
        (41, "within about 45 minutes"),
        (75, "within about an hour"),
        (200, "within about 3 hours"),
        (60 * 30, "within a day or two"),
    ],
)
def test_the_wait_is_said_in_round_human_words(minutes, words):
    wait = None if minutes is None else timedelta(minutes=minutes)
    assert words in holds.when_seen(wait)


def test_each_hold_reason_has_its_own_words():
    assert "first few posts" in holds.why_held(PREMODERATION)
    assert "contact details" in holds.why_held(holds.IDENTIFYING_DETAILS)
    assert "right support" in holds.why_held(holds.RISK_REVIEW)
    assert "approval" in holds.why_held("space_approval")
    assert holds.why_held("no-such-reason") == (
        "A moderator reads it before others see it."
    )


def test_a_new_members_first_thread_says_it_waits_for_premoderation_and_how_long(
    client, member, space, settings, item, moderator
):
    settings.PREMODERATION_POSTS = 2
    _decisions(item, moderator, [18, 22, 16])
    client.force_login(member)
    page = _post_thread(client, space).content.decode()
    assert Thread.objects.get().status == PostStatus.HELD
    assert "first few posts are read by a moderator" in page
    assert "usually seen within about 20 minutes" in page


def test_a_post_with_a_phone_number_says_it_is_held_for_contact_details(
    client, member, space, settings
):
    settings.PREMODERATION_POSTS = 0
    make_trusted(member)
    client.force_login(member)
    page = _post_thread(client, space, body="Text me on 07700 900123 tonight").text
    assert Thread.objects.get().status == PostStatus.HELD
    assert "contact details" in page
    assert "as soon as they can" in page


def test_the_thread_page_keeps_telling_its_author_why_it_waits(
    client, member, other_member, space, settings
):
    """Coming back later, the author reads the reason stored on the queue item;
    other readers (who can't see it anyway) and moderators get no such notice."""
    settings.PREMODERATION_POSTS = 2
    client.force_login(member)
    _post_thread(client, space)
    thread = Thread.objects.get()
    assert ReviewItem.objects.filter(object_id=str(thread.pk), held=True).exists()
    page = client.get(thread.get_absolute_url()).text
    assert 'class="notice forum-held-notice"' in page
    assert "first few posts are read by a moderator" in page
    client.force_login(other_member)
    assert client.get(thread.get_absolute_url()).status_code == 404


def test_a_visible_thread_shows_no_held_notice(client, member, space, settings):
    settings.PREMODERATION_POSTS = 0
    make_trusted(member)
    client.force_login(member)
    _post_thread(client, space)
    thread = Thread.objects.get()
    assert thread.status == PostStatus.VISIBLE
    assert "forum-held-notice" not in client.get(thread.get_absolute_url()).text
