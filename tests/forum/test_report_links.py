"""Signed-in members can report someone else's thread, reply or (where the post shows
who wrote it) member from the thread page; nothing there ties an anonymous post to
its author."""

import re

import pytest
from django.urls import reverse

from forum import services


def _report_url(kind: str, pk: int) -> str:
    return reverse("moderation:report", args=[kind, pk])


@pytest.fixture
def conversation(member, other_member, make_thread, make_reply):
    """A thread by other_member with a reply from each of them."""
    thread = make_thread(other_member)
    theirs = make_reply(other_member, thread, body="Their words")
    mine = make_reply(member, thread, parent=theirs, body="My words")
    return thread, theirs, mine


def test_others_posts_carry_report_links_that_say_what_they_report(
    client, member, other_member, conversation
):
    thread, theirs, _mine = conversation
    client.force_login(member)
    html = client.get(thread.get_absolute_url()).text
    assert (
        f'<a href="{_report_url("reply", theirs.pk)}">Report'
        '<span class="visually-hidden"> this reply</span></a>'
    ) in html
    assert (
        f'<a href="{_report_url("thread", thread.pk)}">Report'
        '<span class="visually-hidden"> this thread</span></a>'
    ) in html
    assert (
        f'<a href="{_report_url("member", other_member.pk)}">Report member'
        '<span class="visually-hidden"> Gentle Otter</span></a>'
    ) in html


def test_the_report_links_open_the_report_form(client, member, conversation):
    thread, theirs, _mine = conversation
    client.force_login(member)
    html = client.get(thread.get_absolute_url()).text
    links = set(re.findall(r'href="(/[^"]*/report/[^"]+)"', html))
    assert len(links) == 3
    for link in links:
        assert client.get(link).status_code == 200, link


def test_own_posts_have_no_report_link(client, member, other_member, conversation):
    thread, theirs, mine = conversation
    client.force_login(member)
    html = client.get(thread.get_absolute_url()).text
    assert _report_url("reply", mine.pk) not in html
    assert _report_url("member", member.pk) not in html
    client.force_login(other_member)
    html = client.get(thread.get_absolute_url()).text
    assert _report_url("thread", thread.pk) not in html
    assert _report_url("reply", theirs.pk) not in html
    assert _report_url("reply", mine.pk) in html


def test_signed_out_readers_see_no_report_links(client, conversation):
    thread, _theirs, _mine = conversation
    html = client.get(thread.get_absolute_url()).text
    assert "/report/" not in html
    assert 'class="forum-report"' not in html


def test_an_anonymous_post_can_be_reported_but_never_names_its_author(
    client, member, make_member, make_thread, make_reply
):
    secret = make_member("Hidden Kestrel")
    thread = make_thread(secret, anonymous=True)
    reply = make_reply(secret, thread, body="Only me", anonymous=True)
    client.force_login(member)
    html = client.get(thread.get_absolute_url()).text
    assert _report_url("thread", thread.pk) in html
    assert _report_url("reply", reply.pk) in html
    assert _report_url("member", secret.pk) not in html
    assert "Report member" not in html
    assert "Hidden Kestrel" not in html


def test_removed_and_placeholder_posts_have_no_report_link(
    client, member, other_member, make_thread, make_reply
):
    thread = make_thread(member)
    gone = make_reply(other_member, thread, body="Words taken back")
    make_reply(member, thread, parent=gone, body="An answer that stays")
    services.post_delete(author=other_member, post=gone)
    client.force_login(member)
    html = client.get(thread.get_absolute_url()).text
    assert "Removed by its author." in html
    assert _report_url("reply", gone.pk) not in html
