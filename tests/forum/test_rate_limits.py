"""Posting limits per member, with kind words, and no accidental double posts."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from forum.models import Reply, Thread
from forum.services import posting


def test_starting_too_many_threads_is_refused_kindly(client, member, space):
    client.force_login(member)
    limit, _ = posting.THREAD_RATE
    url = reverse("forum:thread_new", args=[space.slug])
    for n in range(limit):
        response = client.post(
            url, {"title": f"Thread {n}", "body": f"Words number {n}"}
        )
        assert response.status_code == 302
    response = client.post(url, {"title": "One more", "body": "Yet more words"})
    assert response.status_code == 400
    assert "give it a" in response.text
    assert "Yet more words" in response.text
    assert Thread.objects.count() == limit


def test_replying_too_fast_is_refused_and_the_text_is_kept(
    client, member, make_thread, monkeypatch
):
    monkeypatch.setattr(posting, "REPLY_RATE", (4, 600))
    thread = make_thread(member)
    client.force_login(member)
    limit, _ = posting.REPLY_RATE
    url = reverse("forum:reply_new", args=[thread.pk])
    for n in range(limit):
        client.post(url, {"body": f"reply {n}"})
    response = client.post(url, {"body": "one too many"})
    assert response.status_code == 400
    assert "Take a breath" in response.text and "one too many" in response.text
    assert Reply.objects.count() == limit


def test_the_same_words_twice_within_minutes_are_refused(
    client, member, make_thread, other_member
):
    thread = make_thread(other_member)
    client.force_login(member)
    url = reverse("forum:reply_new", args=[thread.pk])
    assert client.post(url, {"body": "Sending you love"}).status_code == 302
    response = client.post(url, {"body": "Sending you love"})
    assert response.status_code == 400
    assert "a moment ago" in response.text
    assert Reply.objects.count() == 1


def test_the_same_words_are_fine_after_a_while(
    client, member, make_thread, other_member, time_machine
):
    thread = make_thread(other_member)
    client.force_login(member)
    url = reverse("forum:reply_new", args=[thread.pk])
    client.post(url, {"body": "Sending you love"})
    time_machine.move_to(timezone.now() + timedelta(minutes=6))
    assert client.post(url, {"body": "Sending you love"}).status_code == 302


def test_one_members_limit_does_not_touch_another(client, member, other_member, space):
    limit, _ = posting.THREAD_RATE
    client.force_login(member)
    url = reverse("forum:thread_new", args=[space.slug])
    for n in range(limit + 1):
        client.post(url, {"title": f"Thread {n}", "body": f"words {n}"})
    client.force_login(other_member)
    assert client.post(url, {"title": "Mine", "body": "my words"}).status_code == 302
