"""What the moderation queue can do with forum posts, through its registry."""

from forum.models import PostStatus, Reply, Revision, Thread
from moderation import registry


def test_threads_and_replies_are_registered_with_snapshots_for_moderators(
    member, other_member, make_thread, make_reply
):
    thread = make_thread(member, title="A title", body="The body", anonymous=True)
    parent = make_reply(other_member, thread, body="Parent words")
    reply = make_reply(
        member, thread, parent=parent, body="Reply words", anonymous=True
    )
    assert registry.for_object(thread).kind == "thread"
    assert registry.for_kind("reply").model is Reply
    snap = registry.for_object(reply).snapshot(reply)
    assert snap["text"] == "Reply words" and snap["title"] == "A title"
    assert snap["author_id"] == member.pk
    assert snap["url"] == reply.get_absolute_url()
    assert snap["context"] == [
        {"author": "Quiet Heron", "text": "A title"},
        {"author": "Gentle Otter", "text": "Parent words"},
    ]
    assert registry.for_object(thread).snapshot(thread)["text"] == "The body"


def test_set_status_and_apply_edit_keep_counts_and_history(
    member, other_member, moderator, make_thread, make_reply
):
    thread = make_thread(member)
    reply = make_reply(other_member, thread, body="Rude words")
    hooks = registry.for_object(reply)
    hooks.set_status(reply, "hidden")
    thread.refresh_from_db()
    assert thread.reply_count == 0
    assert not hooks.can_view(reply, member) and hooks.can_view(reply, moderator)
    hooks.apply_edit(reply, "Kinder words")
    hooks.set_status(reply, "visible")
    reply.refresh_from_db()
    thread.refresh_from_db()
    assert (
        reply.body_html == "<p>Kinder words</p>" and reply.status == PostStatus.VISIBLE
    )
    assert thread.reply_count == 1
    assert Revision.objects.get().by_moderator
    registry.for_object(thread).set_status(thread, "removed")
    assert Thread.objects.get().status == PostStatus.REMOVED
