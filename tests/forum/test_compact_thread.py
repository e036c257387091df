"""The thread page kept short on a phone: folded reaction and report controls, a
"Load more replies" link that needs no script, the preview under its button, and
calm empty states on every list."""

import re

import pytest
from django.urls import reverse

from forum import services
from forum.models import Space
from forum.selectors.threads import TOP_LEVEL_REPLIES_PER_PAGE
from tests.forum.test_queries import THREAD_PAGE_QUERIES

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def _reply_html(page: str, reply_pk: int) -> str:
    start = page.index(f'id="reply-{reply_pk}"')
    return page[start : page.index("</li>", start)]


def test_a_replys_reactions_fold_into_one_control_that_says_the_counts(
    client, member, other_member, moderator, make_thread, make_reply
):
    thread = make_thread(member)
    reply = make_reply(member, thread)
    for reader, kind in (
        (other_member, "hug"),
        (moderator, "hug"),
        (moderator, "me_too"),
    ):
        services.reaction_toggle(member=reader, thread=thread, reply=reply, kind=kind)
    client.force_login(other_member)
    html = _reply_html(client.get(thread.get_absolute_url()).text, reply.pk)
    summary = re.search(
        r'<details class="forum-react is-on"><summary>(.*?)</summary>', html
    )
    assert summary, "one folded control, marked as the reader's"
    assert _text(summary.group(1)) == "3 reactions: Hug 2, Me too 1"
    assert html.count("<form") == 1, "the buttons are a plain form inside it"
    assert 'class="forum-reaction is-on" aria-pressed="true">Hug' in html


def test_a_reply_nobody_reacted_to_offers_react(
    client, member, make_thread, make_reply
):
    thread = make_thread(member)
    reply = make_reply(member, thread)
    html = _reply_html(client.get(thread.get_absolute_url()).text, reply.pk)
    summary = re.search(r'<details class="forum-react"><summary>(.*?)</summary>', html)
    assert _text(summary.group(1)) == "React"


def test_report_links_fold_behind_one_more_control_in_the_actions_row(
    client, member, other_member, make_thread, make_reply
):
    thread = make_thread(member)
    reply = make_reply(member, thread)
    client.force_login(other_member)
    html = _reply_html(client.get(thread.get_absolute_url()).text, reply.pk)
    actions = html[html.index('<div class="forum-actions small">') :]
    assert actions.index('<details class="forum-react') < actions.index(">Reply<")
    more = re.search(r'<details class="forum-report"><summary>(.*?)</summary>', actions)
    assert _text(more.group(1)) == "···More: report or other actions"
    assert ">Report<" in actions[more.end() :]


def test_load_more_replies_links_to_the_next_page_at_the_same_query_cost(
    client, member, other_member, make_thread, make_reply, django_assert_max_num_queries
):
    thread = make_thread(member)
    for _ in range(TOP_LEVEL_REPLIES_PER_PAGE + 1):
        make_reply(other_member, thread)
    client.force_login(member)
    with django_assert_max_num_queries(THREAD_PAGE_QUERIES):
        first = client.get(thread.get_absolute_url()).text
    more = re.search(
        r'<a class="button" href="([^"]+)" rel="next" data-forum-more>', first
    )
    assert more and more.group(1) == "?page=2#replies-title"
    assert "Load more replies" in first
    with django_assert_max_num_queries(THREAD_PAGE_QUERIES):
        second = client.get(thread.get_absolute_url() + "?page=2").text
    assert "data-forum-more" not in second
    assert second.count('class="forum-reply ') == 1


def test_a_short_thread_has_no_load_more_link(client, member, make_thread, make_reply):
    thread = make_thread(member)
    make_reply(member, thread)
    assert "data-forum-more" not in client.get(thread.get_absolute_url()).text


def test_the_preview_without_script_sits_under_its_button_which_takes_focus(
    client, member, make_thread
):
    thread = make_thread(member)
    client.force_login(member)
    blank = client.get(thread.get_absolute_url()).text
    assert re.search(r'<div class="forum-preview" id="forum-preview" hidden>', blank)
    assert "autofocus" not in blank
    response = client.post(
        reverse("forum:reply_new", args=[thread.pk]),
        {"body": "**Hold on**, it gets lighter.", "preview": "1"},
    )
    page = response.text
    button = page.index('class="button forum-preview-button"')
    box = page.index('<div class="forum-preview" id="forum-preview">')
    assert button < box < page.index(">Post reply<")
    assert re.search(r'class="button forum-preview-button"[^>]* autofocus>', page)
    assert "<strong>Hold on</strong>" in page[box:]


@pytest.mark.parametrize(
    ("url_name", "args", "query", "words"),
    [
        ("forum:space", ["good-days"], "", "It's quiet here for now."),
        ("forum:notifications", [], "", "Nothing new."),
        ("forum:search", [], "?q=zebra", "Nothing found."),
        ("forum:waiting", [], "", "Every thread has at least one reply right now."),
    ],
)
def test_empty_lists_say_so_calmly(client, member, url_name, args, query, words):
    Space.objects.create(name="Good days", slug="good-days", order=2)
    client.force_login(member)
    page = client.get(reverse(url_name, args=args) + query).text
    empty = page[page.index('<div class="empty-state">') :]
    assert words in _text(empty[: empty.index("</div></div>")])
