"""Reactions: supportive only, one of each per member per post, counts kept right."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from forum import services
from forum.models import Reaction, Reply, Thread
from forum.services import reactions


def test_a_reaction_toggles_on_and_off_through_a_plain_form(
    client, member, other_member, make_thread
):
    thread = make_thread(member)
    client.force_login(other_member)
    url = reverse("forum:react", args=["thread", thread.pk])
    response = client.post(url, {"reaction": "hug"})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.hug_count == 1
    html = client.get(thread.get_absolute_url()).text
    assert 'class="forum-reaction is-on" aria-pressed="true"' in html
    client.post(url, {"reaction": "hug"})
    thread.refresh_from_db()
    assert thread.hug_count == 0


def test_each_kind_counts_separately_on_replies(
    member, other_member, make_thread, make_reply
):
    thread = make_thread(member)
    reply = make_reply(member, thread)
    for kind in ["hug", "me_too", "thank_you", "strength"]:
        services.reaction_toggle(
            member=other_member, thread=thread, reply=reply, kind=kind
        )
    services.reaction_toggle(member=member, thread=thread, reply=reply, kind="hug")
    reply.refresh_from_db()
    assert reply.reaction_counts() == {
        "hug": 2,
        "me_too": 1,
        "thank_you": 1,
        "strength": 1,
    }
    thread.refresh_from_db()
    assert thread.hug_count == 0


def test_there_are_no_downvotes_or_other_kinds(
    client, member, other_member, make_thread
):
    thread = make_thread(member)
    client.force_login(other_member)
    url = reverse("forum:react", args=["thread", thread.pk])
    assert client.post(url, {"reaction": "downvote"}).status_code == 404
    assert not Reaction.objects.exists()


def test_the_database_refuses_a_second_identical_reaction(
    member, make_thread, make_reply
):
    thread = make_thread(member)
    reply = make_reply(member, thread)
    Reaction.objects.create(member=member, thread=thread, reply=None, kind="hug")
    Reaction.objects.create(member=member, thread=thread, reply=reply, kind="hug")
    for target in [None, reply]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Reaction.objects.create(
                member=member, thread=thread, reply=target, kind="hug"
            )


def test_signed_out_reactions_go_to_sign_in(client, member, make_thread):
    thread = make_thread(member)
    response = client.post(
        reverse("forum:react", args=["thread", thread.pk]), {"reaction": "hug"}
    )
    assert response.status_code == 302 and "sign-in" in response.url


def test_too_many_reactions_get_a_kind_message(
    client, member, other_member, make_thread, monkeypatch
):
    monkeypatch.setattr(reactions, "REACTION_RATE", (4, 600))
    thread = make_thread(member)
    client.force_login(other_member)
    url = reverse("forum:react", args=["thread", thread.pk])
    limit, _ = reactions.REACTION_RATE
    for _ in range(limit):
        client.post(url, {"reaction": "hug"})
    response = client.post(url, {"reaction": "hug"}, follow=True)
    assert "Give it a minute" in response.text


def test_recount_forum_repairs_drifted_counters(
    member, other_member, make_thread, make_reply
):
    thread = make_thread(member)
    reply = make_reply(other_member, thread)
    services.reaction_toggle(
        member=other_member, thread=thread, reply=None, kind="strength"
    )
    services.reaction_toggle(
        member=member, thread=thread, reply=reply, kind="thank_you"
    )
    Thread.objects.update(reply_count=7, strength_count=0)
    Reply.objects.update(thank_you_count=9)
    out = StringIO()
    call_command("recount_forum", stdout=out)
    thread.refresh_from_db()
    reply.refresh_from_db()
    assert (thread.reply_count, thread.strength_count, reply.thank_you_count) == (
        1,
        1,
        1,
    )
    assert "1 thread" in out.getvalue()
    out = StringIO()
    call_command("recount_forum", stdout=out)
    assert "0 threads" in out.getvalue()
