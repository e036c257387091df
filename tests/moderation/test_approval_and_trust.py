"""Held forum posts reach the queue, and every post counts towards its author's trust
once: when it goes out unheld, or when a moderator first approves it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from forum import services as forum_services
from forum.models import PostStatus, Space
from moderation.models import Decision, MemberStanding, Notice, ReviewItem
from moderation.services import appeal_create, item_claim, item_decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(db):
    return Space.objects.create(name="Night feeds", slug="night-feeds", order=1)


@pytest.fixture
def no_premoderation(settings):
    settings.PREMODERATION_POSTS = 0


@pytest.fixture
def premoderation(settings):
    settings.PREMODERATION_POSTS = 2


def approved_posts(member) -> int:
    standing = MemberStanding.objects.filter(member=member).first()
    return standing.approved_count if standing else 0


def item_for(post) -> ReviewItem:
    return ReviewItem.objects.get(
        object_id=str(post.pk), kind=type(post).__name__.lower()
    )


def decide(post, moderator, action: str, **extra) -> None:
    item = item_for(post)
    item_claim(item_id=item.pk, moderator=moderator)
    item_decide(
        item_id=item.pk,
        moderator=moderator,
        action=action,
        guideline=4,
        reason=extra.pop("reason", "Read with care."),
        version=item.version,
        **extra,
    )
    post.refresh_from_db()


def start_thread(author, space, body="We lost her at twenty weeks."):
    return forum_services.thread_create(
        author=author, space=space, title="Twenty weeks", body=body
    ).thread


# --- a space that needs approval -------------------------------------------------


def test_a_thread_held_by_its_space_reaches_the_held_queue_with_its_reason(
    client, no_premoderation, approval_space, member, moderator, rules_say
):
    thread = start_thread(member, approval_space)
    assert thread.status == PostStatus.HELD
    item = item_for(thread)
    assert item.is_open and item.held and item.view == "held"
    assert [reason["source"] for reason in item.reasons] == ["space_approval"]
    client.force_login(moderator)
    queue = client.get(reverse("moderation:queue_view", args=["held"]))
    assert "Twenty weeks" in queue.text
    page = client.get(reverse("moderation:item", args=[item.pk]))
    assert "Space approval" in page.text
    assert "need a moderator&#x27;s approval" in page.text


def test_the_author_of_a_thread_held_by_its_space_is_told_it_is_waiting(
    client, no_premoderation, approval_space, member, rules_say
):
    client.force_login(member)
    response = client.post(
        reverse("forum:thread_new", args=[approval_space.slug]),
        {"title": "Twenty weeks", "body": "We lost her at twenty weeks."},
        follow=True,
    )
    assert "Your words are waiting for a moderator" in response.text
    assert ReviewItem.objects.filter(kind="thread", held=True).count() == 1


def test_a_thread_held_by_its_space_counts_towards_trust_only_when_approved(
    no_premoderation, approval_space, member, moderator, rules_say
):
    thread = start_thread(member, approval_space)
    assert approved_posts(member) == 0
    decide(thread, moderator, "approve")
    assert thread.status == PostStatus.VISIBLE
    assert approved_posts(member) == 1
    assert Notice.objects.filter(member=member, kind="decision").exists()


@pytest.mark.parametrize("action", ["hide", "remove"])
def test_a_thread_held_by_its_space_and_turned_down_never_counts(
    action, no_premoderation, approval_space, member, moderator, rules_say
):
    thread = start_thread(member, approval_space)
    decide(thread, moderator, action)
    assert thread.status != PostStatus.VISIBLE
    assert approved_posts(member) == 0


def test_a_new_members_thread_in_a_space_that_needs_approval_is_queued_once(
    premoderation, approval_space, member, moderator, rules_say
):
    """Pre-moderation already holds it; the queue shows that reason, and approving
    it counts once."""
    thread = start_thread(member, approval_space)
    item = item_for(thread)
    assert item.held and [r["source"] for r in item.reasons] == ["premoderation"]
    decide(thread, moderator, "approve")
    assert approved_posts(member) == 1


def test_replies_in_a_space_that_needs_approval_go_out_at_once_and_count_once(
    no_premoderation, approval_space, member, other_member, moderator, rules_say
):
    """Spaces hold new threads only: a reply is published straight away."""
    thread = start_thread(member, approval_space)
    decide(thread, moderator, "approve")
    reply = forum_services.reply_create(
        author=other_member, thread=thread, body="I am so sorry. I'm here."
    ).reply
    assert reply.status == PostStatus.VISIBLE
    assert not ReviewItem.objects.filter(kind="reply").exists()
    assert approved_posts(other_member) == 1


# --- new-member pre-moderation ---------------------------------------------------


def test_a_premoderated_reply_counts_once_when_approved(
    premoderation, space, member, other_member, moderator, rules_say
):
    thread = start_thread(member, space)
    decide(thread, moderator, "approve")
    reply = forum_services.reply_create(
        author=other_member, thread=thread, body="Same here, every night."
    ).reply
    assert reply.status == PostStatus.HELD and approved_posts(other_member) == 0
    decide(reply, moderator, "approve")
    assert reply.status == PostStatus.VISIBLE
    assert approved_posts(other_member) == 1


def test_a_premoderated_thread_edited_after_approval_does_not_count_again(
    premoderation, space, member, moderator, rules_say
):
    """Its author is still new, so the edit is held for another look; approving
    that edit is not a second post."""
    thread = start_thread(member, space)
    decide(thread, moderator, "approve")
    assert approved_posts(member) == 1
    forum_services.post_edit(author=member, post=thread, body="We lost him, too.")
    assert thread.status == PostStatus.HELD
    decide(thread, moderator, "approve")
    assert thread.status == PostStatus.VISIBLE
    assert approved_posts(member) == 1


def test_a_premoderated_thread_removed_then_restored_on_appeal_counts_once(
    premoderation,
    space,
    member,
    moderator,
    second_moderator,
    rules_say,
):
    thread = start_thread(member, space)
    decide(thread, moderator, "remove")
    assert approved_posts(member) == 0
    appeal_create(
        decision=Decision.objects.get(), author=member, words="Please read it again"
    )
    decide(thread, second_moderator, "approve")
    assert thread.status == PostStatus.VISIBLE
    assert approved_posts(member) == 1


def test_a_published_post_held_after_an_edit_does_not_count_again_when_approved(
    no_premoderation, space, member, moderator, rules_say
):
    thread = start_thread(member, space)
    assert approved_posts(member) == 1
    rules_say(categories=["identifying_details"], actions=["hold"])
    forum_services.post_edit(author=member, post=thread, body="Call me on 07700 900123")
    assert thread.status == PostStatus.HELD
    decide(thread, moderator, "edit", new_text="Message me here instead.")
    assert thread.status == PostStatus.VISIBLE
    assert approved_posts(member) == 1


# --- threads held by their space before this was fixed ---------------------------


def test_held_threads_the_queue_never_heard_of_are_queued_once_by_a_command(
    no_premoderation, approval_space, member, moderator, rules_say
):
    """Such threads were counted when saved: queued now, their approval doesn't
    count them again."""
    waiting = start_thread(member, approval_space)
    ReviewItem.objects.all().delete()
    MemberStanding.objects.create(member=member, approved_count=1)
    out = StringIO()
    call_command("queue_held_threads", stdout=out)
    call_command("queue_held_threads", stdout=out)
    assert "Queued 1 held threads" in out.getvalue()
    assert "Queued 0 held threads" in out.getvalue()
    item = item_for(waiting)
    assert item.held and item.view == "held"
    decide(waiting, moderator, "approve")
    assert waiting.status == PostStatus.VISIBLE
    assert approved_posts(member) == 1
