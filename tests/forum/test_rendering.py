"""The thread page's posts are rendered once per page in Python: the same words and
markup as Django's own helpers would give, one CSRF token, stored HTML as stored."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import timezone
from django.utils.html import escape

from forum.rendering import ThreadRenderer


@pytest.mark.parametrize(
    "ago",
    [
        timedelta(0),
        timedelta(seconds=1),
        timedelta(seconds=59),
        timedelta(seconds=60),
        timedelta(minutes=59, seconds=59),
        timedelta(hours=1),
        timedelta(hours=23, minutes=59),
        timedelta(days=1),
        timedelta(days=1, hours=5, minutes=3),
        timedelta(days=6, hours=23),
        timedelta(days=7),
        timedelta(days=20, hours=4),
        timedelta(days=27, hours=23, minutes=59),
        timedelta(days=28),
        timedelta(days=45),
        timedelta(days=800),
        timedelta(minutes=-5),
    ],
)
def test_time_ago_says_what_naturaltime_says(ago, make_thread, member):
    with time_machine.travel(timezone.now(), tick=False):
        renderer = ThreadRenderer(
            thread=make_thread(member),
            viewer_id=None,
            is_moderator=False,
            keep_closed=(),
        )
        value = timezone.now() - ago
        first = renderer.time_ago(value)
        again = renderer.time_ago(value - timedelta(microseconds=1))
        assert first == escape(naturaltime(value))
        assert again == escape(naturaltime(value - timedelta(microseconds=1)))


def test_every_form_on_the_thread_page_carries_the_same_csrf_token(
    client, member, other_member, make_thread, make_reply
):
    thread = make_thread(other_member)
    for n in range(3):
        make_reply(other_member, thread, body=f"reply {n}")
    client.force_login(member)
    html = client.get(thread.get_absolute_url()).text
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert len(tokens) >= 5
    assert len(set(tokens)) == 1


def test_stored_html_goes_out_as_stored_and_names_are_escaped(
    client, make_member, make_thread, make_reply
):
    author = make_member("Ann <b>& Co")
    thread = make_thread(author)
    make_reply(author, thread, body='Fish & chips, "quoted" <i>raw</i>')
    html = client.get(thread.get_absolute_url()).text
    assert "<p>Fish &amp; chips, &quot;quoted&quot; &lt;i&gt;raw&lt;/i&gt;</p>" in html
    assert "&amp;amp;" not in html
    assert 'aria-label="Reply by Ann &lt;b&gt;&amp; Co"' in html
    assert "Ann <b>" not in html
