"""Threads render as a tree: nesting, the depth cap, pages and permalinks."""

import re

from django.urls import reverse

from forum import selectors, services
from forum.models import MAX_DISPLAY_DEPTH


def _order(html: str) -> list[str]:
    return re.findall(r'id="reply-(\d+)"', html)


def test_replies_render_as_a_tree_with_each_branch_under_its_parent(
    client, member, other_member, make_thread, make_reply
):
    thread = make_thread(member)
    first = make_reply(other_member, thread, body="First answer")
    second = make_reply(member, thread, body="Second answer")
    under_first = make_reply(member, thread, parent=first, body="Answer to the first")
    html = client.get(thread.get_absolute_url()).text
    assert _order(html) == [str(first.pk), str(under_first.pk), str(second.pk)]
    assert f'id="reply-{under_first.pk}" data-depth="2"' in html
    assert "in reply to Gentle Otter" in html


def test_replies_deeper_than_the_cap_are_shown_flat_under_their_parent(
    member, other_member, make_thread, make_reply
):
    thread = make_thread(member)
    parent = None
    chain = []
    for level in range(MAX_DISPLAY_DEPTH + 3):
        parent = make_reply(
            member if level % 2 else other_member, thread, parent=parent
        )
        chain.append(parent)
    nodes = selectors.thread_page(member, thread, 1)["nodes"]
    assert [node.reply.pk for node in nodes] == [reply.pk for reply in chain]
    assert [node.depth for node in nodes] == [1, 2, 3, 3, 3, 3]
    assert nodes[4].in_reply_to["flattened"] is True
    assert nodes[4].in_reply_to["id"] == chain[3].pk
    assert chain[-1].depth == MAX_DISPLAY_DEPTH + 3
    assert chain[-1].root_id == chain[0].pk


def test_pages_are_cut_by_top_level_reply_and_keep_whole_branches(
    client, member, make_thread, make_reply
):
    per_page = selectors.TOP_LEVEL_REPLIES_PER_PAGE
    thread = make_thread(member)
    tops = [make_reply(member, thread, body=f"top {n}") for n in range(per_page + 2)]
    late_answer = make_reply(
        member, thread, parent=tops[0], body="late answer to the first"
    )
    first_page = client.get(thread.get_absolute_url()).text
    assert str(late_answer.pk) in _order(first_page)
    assert len([r for r in _order(first_page)]) == per_page + 1
    second_page = client.get(thread.get_absolute_url() + "?page=2").text
    assert _order(second_page) == [str(tops[-2].pk), str(tops[-1].pk)]


def test_a_permalink_opens_the_page_that_holds_the_reply(
    client, member, make_thread, make_reply
):
    per_page = selectors.TOP_LEVEL_REPLIES_PER_PAGE
    thread = make_thread(member)
    tops = [make_reply(member, thread, body=f"top {n}") for n in range(per_page + 1)]
    nested = make_reply(member, thread, parent=tops[-1], body="nested on page two")
    response = client.get(reverse("forum:reply", args=[nested.pk]))
    assert response.status_code == 302
    assert response.url == f"{thread.get_absolute_url()}?page=2#reply-{nested.pk}"
    response = client.get(reverse("forum:reply", args=[tops[0].pk]))
    assert response.url == f"{thread.get_absolute_url()}#reply-{tops[0].pk}"


def test_a_deleted_reply_with_answers_leaves_a_placeholder_and_the_answers(
    client, member, other_member, make_thread, make_reply
):
    thread = make_thread(other_member)
    mine = make_reply(member, thread, body="Words I regret")
    answer = make_reply(other_member, thread, parent=mine, body="A kind answer")
    client.force_login(member)
    response = client.post(reverse("forum:delete", args=["reply", mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.body_source == "" and mine.body_html == ""
    html = client.get(thread.get_absolute_url()).text
    assert "Words I regret" not in html
    assert "Removed by its author." in html
    assert "A kind answer" in html
    assert _order(html) == [str(mine.pk), str(answer.pk)]
    thread.refresh_from_db()
    assert thread.reply_count == 1


def test_a_deleted_reply_without_answers_disappears(
    client, member, make_thread, make_reply
):
    thread = make_thread(member)
    mine = make_reply(member, thread, body="Gone for good")
    services.post_delete(author=member, post=mine)
    html = client.get(thread.get_absolute_url()).text
    assert _order(html) == []
    assert "Gone for good" not in html


def test_a_deleted_thread_with_replies_stays_as_a_placeholder_and_without_is_404(
    client, member, other_member, make_thread, make_reply
):
    kept = make_thread(member, title="Started and regretted", body="first words")
    make_reply(other_member, kept, body="Still here for you")
    gone = make_thread(member, title="Nobody answered", body="other words")
    services.post_delete(author=member, post=kept)
    services.post_delete(author=member, post=gone)
    html = client.get(kept.get_absolute_url()).text
    assert "Started and regretted" not in html and "first words" not in html
    assert "Still here for you" in html
    assert client.get(gone.get_absolute_url()).status_code == 404


def test_only_the_author_can_edit_or_delete_a_post(
    client, member, other_member, make_thread, make_reply
):
    thread = make_thread(member)
    reply = make_reply(member, thread)
    client.force_login(other_member)
    for kind, pk in [("thread", thread.pk), ("reply", reply.pk)]:
        assert client.get(reverse("forum:edit", args=[kind, pk])).status_code == 404
        assert client.post(reverse("forum:delete", args=[kind, pk])).status_code == 404
    thread.refresh_from_db()
    assert thread.status == "visible"
