"""One visibility rule, every path: each status against each kind of reader."""

import pytest
from django.urls import reverse

from forum import selectors, services, visibility
from forum.models import PostStatus

STATUSES = [PostStatus.HELD, PostStatus.HIDDEN, PostStatus.REMOVED]


@pytest.fixture
def readers(member, other_member, moderator):
    return {"author": member, "other": other_member, "moderator": moderator}


def _get(client, reader, url):
    if reader is not None:
        client.force_login(reader)
    return client.get(url)


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize(
    "reader_name, expected",
    [("author", None), ("other", 404), ("anonymous", 404), ("moderator", 200)],
)
def test_a_thread_that_is_not_visible_answers_404_to_everyone_who_may_not_see_it(
    client, readers, make_thread, status, reader_name, expected
):
    """Held threads show to their author; hidden and removed ones to moderators only."""
    thread = make_thread(readers["author"])
    services.post_set_status(post=thread, status=status)
    if expected is None:
        expected = 200 if status == PostStatus.HELD else 404
    response = _get(client, readers.get(reader_name), thread.get_absolute_url())
    assert response.status_code == expected
    assert visibility.can_view_thread(readers.get(reader_name), thread) is (
        expected == 200
    )


@pytest.mark.parametrize("status", STATUSES)
def test_space_list_shows_only_threads_the_reader_may_open(
    client, readers, make_thread, space, status
):
    """The space page filters with the same rule as the thread page."""
    thread = make_thread(readers["author"], title="A title nobody else should see")
    services.post_set_status(post=thread, status=status)
    url = space.get_absolute_url()
    assert (
        "A title nobody else should see" not in _get(client, readers["other"], url).text
    )
    client.logout()
    assert (
        "A title nobody else should see" in _get(client, readers["moderator"], url).text
    )
    client.logout()
    own = _get(client, readers["author"], url).text
    assert ("A title nobody else should see" in own) is (status == PostStatus.HELD)


@pytest.mark.parametrize("status", STATUSES)
def test_a_reply_that_is_not_visible_is_left_out_of_the_thread_and_its_permalink_is_404(
    client, readers, make_thread, make_reply, status
):
    thread = make_thread(readers["other"])
    reply = make_reply(readers["author"], thread, body="Words only some may read")
    services.post_set_status(post=reply, status=status)
    page = _get(client, readers["other"], thread.get_absolute_url()).text
    assert "Words only some may read" not in page
    assert _get(client, readers["other"], reply.get_absolute_url()).status_code == 404
    client.logout()
    own = _get(client, readers["author"], thread.get_absolute_url()).text
    assert ("Words only some may read" in own) is (status == PostStatus.HELD)
    if status == PostStatus.HELD:
        assert "waiting for a moderator" in own
    client.logout()
    assert (
        "Words only some may read"
        in _get(client, readers["moderator"], thread.get_absolute_url()).text
    )


def test_replies_inside_a_thread_nobody_may_see_are_hidden_with_it(
    readers, make_thread, make_reply
):
    """A visible reply in a hidden thread is not readable on its own."""
    thread = make_thread(readers["author"])
    reply = make_reply(readers["other"], thread)
    services.post_set_status(post=thread, status=PostStatus.HIDDEN)
    reply.refresh_from_db()
    assert not visibility.can_view_reply(readers["other"], reply)
    assert visibility.can_view_reply(readers["moderator"], reply)
    assert not selectors.waiting_threads().filter(pk=thread.pk).exists()


def test_a_hidden_reply_with_visible_answers_stays_as_a_placeholder(
    client, readers, make_thread, make_reply
):
    """The tree stays whole: the answers remain, the hidden words don't."""
    thread = make_thread(readers["author"])
    hidden = make_reply(readers["author"], thread, body="Hidden words")
    make_reply(readers["other"], thread, parent=hidden, body="An answer that stays")
    services.post_set_status(post=hidden, status=PostStatus.HIDDEN)
    page = _get(client, readers["other"], thread.get_absolute_url()).text
    assert "Hidden words" not in page
    assert "An answer that stays" in page
    assert "This reply is no longer shown." in page


@pytest.mark.parametrize("status", STATUSES)
def test_posting_to_a_thread_or_reply_one_may_not_see_answers_404(
    client, readers, make_thread, make_reply, status
):
    thread = make_thread(readers["author"])
    reply = make_reply(readers["author"], thread)
    services.post_set_status(post=reply, status=status)
    client.force_login(readers["other"])
    url = reverse("forum:reply_new", args=[thread.pk])
    response = client.post(url, {"body": "Hello", "parent": reply.pk})
    assert response.status_code == 404
    services.post_set_status(post=thread, status=status)
    assert client.post(url, {"body": "Hello"}).status_code == 404
    assert (
        client.post(
            reverse("forum:react", args=["thread", thread.pk]), {"reaction": "hug"}
        ).status_code
        == 404
    )


def test_posting_to_a_missing_space_thread_or_reply_answers_404(
    client, member, make_thread
):
    thread = make_thread(member)
    client.force_login(member)
    assert (
        client.post(reverse("forum:thread_new", args=["nowhere"]), {}).status_code
        == 404
    )
    assert client.post(reverse("forum:reply_new", args=[999999]), {}).status_code == 404
    response = client.post(
        reverse("forum:reply_new", args=[thread.pk]), {"body": "Hi", "parent": 999999}
    )
    assert response.status_code == 404
    assert client.get(reverse("forum:reply", args=[999999])).status_code == 404


def test_a_reply_from_another_thread_cannot_be_answered_here(
    client, member, make_thread, make_reply
):
    first = make_thread(member, title="First thread")
    second = make_thread(member, title="Second thread", body="Other words")
    elsewhere = make_reply(member, second)
    client.force_login(member)
    response = client.post(
        reverse("forum:reply_new", args=[first.pk]),
        {"body": "Hi", "parent": elsewhere.pk},
    )
    assert response.status_code == 404


def test_visibility_queries_and_object_checks_agree_for_every_status_and_role(
    readers, make_thread, make_reply
):
    """thread_q/reply_q (lists) and can_view_* (pages) never disagree."""
    from forum.models import Reply, Thread

    threads, replies = [], []
    for status in [PostStatus.VISIBLE, *STATUSES, PostStatus.DELETED]:
        thread = make_thread(readers["author"], title=f"t {status}", body=f"b {status}")
        reply = make_reply(readers["author"], thread, body=f"r {status}")
        if status == PostStatus.DELETED:
            services.post_delete(author=readers["author"], post=reply)
        elif status != PostStatus.VISIBLE:
            services.post_set_status(post=reply, status=status)
            services.post_set_status(post=thread, status=status)
        threads.append(thread)
        replies.append(reply)
    for reader in [None, *readers.values()]:
        listed = set(
            Thread.objects.filter(visibility.thread_q(reader)).values_list(
                "pk", flat=True
            )
        )
        for thread in threads:
            thread.refresh_from_db()
            assert (thread.pk in listed) is visibility.can_view_thread(reader, thread)
        listed = set(
            Reply.objects.filter(visibility.reply_q(reader)).values_list(
                "pk", flat=True
            )
        )
        for reply in replies:
            reply.refresh_from_db()
            assert (reply.pk in listed) is visibility.can_view_reply(reader, reply)
