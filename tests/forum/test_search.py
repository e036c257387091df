"""Search finds visible threads and replies, and nothing else, for anyone."""

import pytest
from django.db import connection
from django.urls import reverse

from forum import selectors, services
from forum.models import PostStatus


@pytest.fixture
def corpus(member, other_member, make_thread, make_reply):
    sleep = make_thread(
        member, title="Sleep regression at four months", body="She wakes hourly."
    )
    feeding = make_thread(
        member, title="Bottle refusal", body="Nothing about sleep here? ok"
    )
    reply = make_reply(
        other_member, feeding, body="Try a slower teat, it helped our sleep"
    )
    held = make_thread(member, title="Held sleep thread", body="sleep held")
    services.post_set_status(post=held, status=PostStatus.HELD)
    hidden = make_reply(other_member, sleep, body="hidden sleep reply")
    services.post_set_status(post=hidden, status=PostStatus.HIDDEN)
    removed = make_thread(
        other_member, title="Removed sleep thread", body="sleep removed"
    )
    services.post_set_status(post=removed, status=PostStatus.REMOVED)
    gone = make_reply(member, sleep, body="deleted sleep words")
    services.post_delete(author=member, post=gone)
    inside_hidden = make_thread(other_member, title="Quiet", body="nothing")
    make_reply(member, inside_hidden, body="sleep inside a hidden thread")
    services.post_set_status(post=inside_hidden, status=PostStatus.HIDDEN)
    return {"sleep": sleep, "feeding": feeding, "reply": reply}


def _found(hits):
    return {
        (hit.thread.title, hit.reply.body_source if hit.reply else None) for hit in hits
    }


@pytest.mark.parametrize("reader", ["anonymous", "author", "moderator"])
def test_search_returns_only_visible_posts_whoever_searches(
    corpus, member, moderator, reader
):
    who = {"anonymous": None, "author": member, "moderator": moderator}[reader]
    found = _found(selectors.search(who, "sleep"))
    assert ("Sleep regression at four months", None) in found
    assert ("Bottle refusal", "Try a slower teat, it helped our sleep") in found
    assert all("held" not in t.lower() and "removed" not in t.lower() for t, _ in found)
    bodies = {body for _, body in found if body}
    assert not bodies & {
        "hidden sleep reply",
        "deleted sleep words",
        "sleep inside a hidden thread",
    }


def test_the_search_page_shows_results_and_handles_empty_queries(client, corpus):
    html = client.get(reverse("forum:search") + "?q=regression").text
    assert "Sleep regression at four months" in html
    assert client.get(reverse("forum:search") + "?q=").status_code == 200
    assert "Nothing found" in client.get(reverse("forum:search") + "?q=zebra").text


def test_search_input_is_bounded_and_harmless(client, corpus):
    response = client.get(
        reverse("forum:search"), {"q": "'; DROP TABLE forum_thread; --" * 50}
    )
    assert response.status_code == 200
    assert selectors.search(None, "sleep")


@pytest.mark.postgres
def test_postgresql_ranks_title_matches_above_body_matches_with_stemming(corpus):
    assert connection.vendor == "postgresql"
    hits = selectors.search(None, "regressions")
    assert hits and hits[0].thread.title == "Sleep regression at four months"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname IN "
            "('forum_thread_search', 'forum_reply_search')"
        )
        definitions = [row[0] for row in cursor.fetchall()]
    assert len(definitions) == 2 and all("gin" in d.lower() for d in definitions)
