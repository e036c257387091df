"""A fully anonymous post never carries its author's pseudonym to anyone but
moderators: not in HTML, JSON, notifications or WebSocket payloads."""

import pytest
from channels.testing import WebsocketCommunicator
from django.urls import reverse

from forum import selectors, services
from forum.consumers import NotificationConsumer

SECRET_NAME = "Hidden Kestrel"


@pytest.fixture
def secret_author(make_member):
    return make_member(SECRET_NAME)


@pytest.fixture
def anonymous_thread(secret_author, other_member, make_thread, make_reply):
    """An anonymous thread and anonymous reply by the secret author, with a reply and
    a reaction from someone else, so every path has something to show."""
    thread = make_thread(
        secret_author,
        title="I don't love my baby yet",
        body="Is something wrong with me?",
        anonymous=True,
    )
    answer = make_reply(other_member, thread, body="It often takes time.")
    mine = make_reply(
        secret_author, thread, parent=answer, body="Thank you so much", anonymous=True
    )
    make_reply(other_member, thread, parent=mine, body="Any time, really")
    services.reaction_toggle(member=other_member, thread=thread, reply=mine, kind="hug")
    return thread


def _pages(thread):
    return [
        thread.get_absolute_url(),
        thread.space.get_absolute_url(),
        reverse("forum:waiting"),
        reverse("forum:search") + "?q=baby",
        reverse("forum:search") + "?q=Thank",
        "/",
        reverse("forum:notifications"),
        reverse("forum:notifications_json"),
    ]


def test_no_page_or_json_shows_the_pseudonym_to_other_members(
    client, anonymous_thread, other_member, make_member
):
    for reader in [None, other_member, make_member("Bystander")]:
        client.logout()
        if reader:
            client.force_login(reader)
        for url in _pages(anonymous_thread):
            response = client.get(url)
            if reader is None and "notifications" in url:
                continue
            assert response.status_code == 200, url
            assert SECRET_NAME not in response.content.decode(), url


def test_reply_and_answer_notifications_name_nobody(anonymous_thread, other_member):
    texts = [n.text for n in selectors.notification_page(other_member, 1).object_list]
    assert texts and all(SECRET_NAME not in text for text in texts)
    assert any("Anonymous parent" in text for text in texts)


def test_the_author_sees_the_post_as_theirs(client, anonymous_thread, secret_author):
    client.force_login(secret_author)
    html = client.get(anonymous_thread.get_absolute_url()).text
    assert 'Anonymous parent <span class="forum-you">(you)</span>' in html
    assert reverse("forum:edit", args=["thread", anonymous_thread.pk]) in html


def test_moderators_see_the_real_author(client, anonymous_thread, moderator):
    client.force_login(moderator)
    html = client.get(anonymous_thread.get_absolute_url()).text
    assert f"posted by {SECRET_NAME}" in html


def test_the_preview_json_never_echoes_who_is_writing(client, secret_author):
    client.force_login(secret_author)
    response = client.post(reverse("forum:preview"), {"body": "hello"})
    assert SECRET_NAME not in response.content.decode()


@pytest.mark.django_db(transaction=True)
async def test_websocket_payloads_carry_only_counts(
    secret_author, other_member, anonymous_thread
):
    """The live channel of every member involved sends nothing but a number."""
    from asgiref.sync import sync_to_async

    from forum.models import Reply

    communicator = WebsocketCommunicator(
        NotificationConsumer.as_asgi(),
        "/ws/notifications/",
        headers=[(b"origin", b"http://127.0.0.1")],
    )
    communicator.scope["user"] = other_member
    connected, _ = await communicator.connect()
    assert connected
    first = await communicator.receive_json_from(timeout=5)
    parent = await sync_to_async(
        lambda: Reply.objects.filter(author=other_member, parent__isnull=True).first()
    )()
    await sync_to_async(services.reply_create)(
        author=secret_author,
        thread=anonymous_thread,
        parent=parent,
        body="Another anonymous word",
        anonymous=True,
    )
    second = await communicator.receive_json_from(timeout=5)
    await communicator.disconnect()
    for payload in (first, second):
        assert set(payload) == {"type", "unread"}
        assert SECRET_NAME not in str(payload)
    assert second["unread"] == first["unread"] + 1


# --- Replying in her own anonymous thread ----------------------------------------


def _anonymous_box(html: str) -> str:
    """The reply form's "fully anonymous" checkbox, as rendered."""
    start = html.index('name="anonymous"')
    return html[html.rindex("<input", 0, start) : html.index(">", start) + 1]


def test_the_author_of_an_anonymous_thread_replies_anonymously_by_default(
    client, anonymous_thread, secret_author
):
    client.force_login(secret_author)
    page = client.get(anonymous_thread.get_absolute_url()).text
    assert "checked" in _anonymous_box(page)

    answer = anonymous_thread.replies.exclude(author=secret_author).first()
    form = client.get(
        reverse("forum:reply_new", args=[anonymous_thread.pk]) + f"?to={answer.pk}"
    ).text
    assert "checked" in _anonymous_box(form)


def test_others_reply_under_their_pseudonym_by_default(
    client, anonymous_thread, other_member
):
    client.force_login(other_member)
    assert "checked" not in _anonymous_box(
        client.get(anonymous_thread.get_absolute_url()).text
    )
    assert "checked" not in _anonymous_box(
        client.get(reverse("forum:reply_new", args=[anonymous_thread.pk])).text
    )


def test_signed_out_readers_see_the_box_unticked(client, anonymous_thread):
    assert "checked" not in _anonymous_box(
        client.get(anonymous_thread.get_absolute_url()).text
    )


def test_the_author_of_a_thread_under_her_pseudonym_starts_unticked(
    client, secret_author, make_thread
):
    thread = make_thread(secret_author, title="Named and fine", anonymous=False)
    client.force_login(secret_author)
    assert "checked" not in _anonymous_box(client.get(thread.get_absolute_url()).text)


def test_the_author_can_untick_it_and_reply_under_her_pseudonym(
    client, anonymous_thread, secret_author
):
    client.force_login(secret_author)
    client.post(
        reverse("forum:reply_new", args=[anonymous_thread.pk]),
        {"body": "Signing this one with my name"},
    )
    reply = anonymous_thread.replies.get(body_source="Signing this one with my name")
    assert reply.author == secret_author and not reply.anonymous


def test_the_author_replying_with_the_box_left_ticked_stays_anonymous(
    client, anonymous_thread, secret_author, other_member
):
    client.force_login(secret_author)
    client.post(
        reverse("forum:reply_new", args=[anonymous_thread.pk]),
        {"body": "Still me, still anonymous", "anonymous": "on"},
    )
    reply = anonymous_thread.replies.get(body_source="Still me, still anonymous")
    assert reply.anonymous
    client.force_login(other_member)
    page = client.get(anonymous_thread.get_absolute_url()).text
    assert SECRET_NAME not in page
