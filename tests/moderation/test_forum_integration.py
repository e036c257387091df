"""Moderation working on real forum posts: held and hidden posts reach no member."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import selectors as forum_selectors
from forum import services as forum_services
from forum.models import PostStatus, Space
from moderation.models import Decision, MemberStanding, Notice, ReviewItem
from moderation.services import (
    appeal_create,
    item_claim,
    item_decide,
    report_create,
    trust_compute,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(db):
    return Space.objects.create(name="Night feeds", slug="night-feeds", order=1)


def decide(item, moderator, action, **extra):
    item.refresh_from_db()
    item_claim(item_id=item.pk, moderator=moderator)
    return item_decide(
        item_id=item.pk,
        moderator=moderator,
        action=action,
        guideline=4,
        reason=extra.pop("reason", "Keeping everyone anonymous."),
        version=item.version,
        **extra,
    )


def test_a_new_members_held_thread_is_seen_by_no_member_until_approved_with_an_edit(
    client, settings, space, member, other_member, moderator, rules_say
):
    settings.PREMODERATION_POSTS = 2
    posted = forum_services.thread_create(
        author=member,
        space=space,
        title="Any other night owls",
        body="Text me on 07700 900123 if you are up",
    )
    thread = posted.thread
    assert thread.status == PostStatus.HELD
    item = ReviewItem.objects.get(kind="thread")
    assert item.view == "held" and item.held
    client.force_login(other_member)
    assert (
        client.get(reverse("forum:thread_short", args=[thread.pk])).status_code == 404
    )
    assert not forum_selectors.search(other_member, "night owls")
    decide(item, moderator, "edit", new_text="Anyone else up with the baby tonight?")
    thread.refresh_from_db()
    assert thread.status == PostStatus.VISIBLE
    assert "07700" not in thread.body_source
    page = client.get(reverse("forum:thread_short", args=[thread.pk]), follow=True)
    assert page.status_code == 200 and b"Anyone else up" in page.content
    decision = Decision.objects.get()
    assert "07700" in decision.text_before and decision.text_after.startswith("Anyone")
    assert Notice.objects.filter(member=member, kind="decision").exists()


def test_a_reported_reply_hidden_then_restored_on_appeal(
    client,
    settings,
    space,
    member,
    other_member,
    make_member,
    moderator,
    second_moderator,
    rules_say,
):
    settings.PREMODERATION_POSTS = 0
    writer = make_member("Sharp Robin")
    thread = forum_services.thread_create(
        author=member,
        space=space,
        title="Bottle or breast",
        body="What worked for you?",
    ).thread
    reply = forum_services.reply_create(
        author=writer, thread=thread, body="Honestly only lazy mums use bottles."
    ).reply
    assert reply.status == PostStatus.VISIBLE
    report_create(reporter=other_member, target=reply, guideline=2, words="judging")
    item = ReviewItem.objects.get(kind="reply")
    assert item.snapshot["text"].startswith("Honestly")
    decide(item, moderator, "hide", reason="That judges other parents.")
    reply.refresh_from_db()
    assert reply.status == PostStatus.HIDDEN
    client.force_login(member)
    page = client.get(reverse("forum:thread_short", args=[thread.pk]), follow=True)
    assert b"lazy mums" not in page.content
    assert not forum_selectors.search(member, "lazy mums")
    assert client.get(reverse("forum:reply", args=[reply.pk])).status_code == 404

    appeal_create(decision=Decision.objects.get(), author=writer, words="It was a joke")
    item.refresh_from_db()
    with pytest.raises(Exception, match="another moderator"):
        item_claim(item_id=item.pk, moderator=moderator)
    decide(item, second_moderator, "approve", reason="Read again, it was teasing.")
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE
    assert Notice.objects.filter(member=other_member, kind="report").exists()
    assert Notice.objects.filter(member=writer, kind="appeal").count() == 2


def test_reporting_a_held_post_someone_cannot_see_is_a_404(
    client, settings, space, member, other_member, rules_say
):
    settings.PREMODERATION_POSTS = 5
    thread = forum_services.thread_create(
        author=member, space=space, title="Held one", body="Waiting for approval"
    ).thread
    client.force_login(other_member)
    url = reverse("moderation:report", args=["thread", thread.pk])
    assert client.get(url).status_code == 404


def approved_posts(member) -> int:
    standing = MemberStanding.objects.filter(member=member).first()
    return standing.approved_count if standing else 0


def trust_now(member) -> int:
    standing = MemberStanding.objects.filter(member=member).first()
    return trust_compute(member=member, standing=standing, now=timezone.now())


@pytest.fixture
def trust_after_three_posts(settings):
    settings.PREMODERATION_POSTS = 0
    settings.TRUST_TRUSTED_AFTER_POSTS = 3
    settings.TRUST_TRUSTED_AFTER_DAYS = 14


@pytest.fixture
def month_old_member(make_member):
    return make_member(date_joined=timezone.now() - timedelta(days=30))


def test_publishing_enough_new_posts_raises_trust(
    trust_after_three_posts, space, month_old_member, rules_say
):
    """Each thread or reply that goes out unheld counts once towards trust."""
    author = month_old_member
    thread = forum_services.thread_create(
        author=author, space=space, title="Night feeds", body="Anyone else awake?"
    ).thread
    forum_services.reply_create(author=author, thread=thread, body="Still here.")
    assert approved_posts(author) == 2 and trust_now(author) < 2
    forum_services.reply_create(author=author, thread=thread, body="Morning now.")
    assert approved_posts(author) == 3 and trust_now(author) == 2


def test_editing_one_post_many_times_does_not_raise_trust(
    trust_after_three_posts, space, month_old_member, rules_say
):
    """Rewording a post that is already out is not a new post: only the first
    publication counts."""
    author = month_old_member
    thread = forum_services.thread_create(
        author=author, space=space, title="Night feeds", body="Anyone else awake?"
    ).thread
    reply = forum_services.reply_create(
        author=author, thread=thread, body="Still here."
    ).reply
    for number in range(3):
        forum_services.post_edit(author=author, post=thread, body=f"Awake {number}?")
        forum_services.post_edit(author=author, post=reply, body=f"Here {number}.")
    assert approved_posts(author) == 2 and trust_now(author) < 2


def test_editing_a_held_post_does_not_count_it_before_approval(
    settings, space, member, rules_say
):
    """A held post edited into words the rules pass stays held, and uncounted, until
    a moderator approves it."""
    settings.PREMODERATION_POSTS = 1
    thread = forum_services.thread_create(
        author=member, space=space, title="First time here", body="Hello all"
    ).thread
    assert thread.status == PostStatus.HELD
    settings.PREMODERATION_POSTS = 0
    forum_services.post_edit(author=member, post=thread, body="Hello, everyone")
    thread.refresh_from_db()
    assert thread.status == PostStatus.HELD
    assert approved_posts(member) == 0
