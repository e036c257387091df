"""'Download my data' gathers every app's part; deleting the account erases what
only served the member: check-ins, follows, notifications, waiting requests and
their own private transcripts."""

import json

import pytest
from django.urls import reverse

from accounts import services as accounts_services
from forum import services as forum_services
from forum.models import Follow, Notification, Space
from moderation import services as moderation_services
from support import services as support_services
from support.models import ChatMessage, SupportRequest
from support.signposting.models import CheckIn
from support.signposting.questionnaires import CHECK_IN_QUESTIONS
from support.signposting.services import check_in_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_premoderation(settings):
    """These members are new; their posts go up at once (premoderation is tested
    with moderation)."""
    settings.PREMODERATION_POSTS = 0


@pytest.fixture
def space(db):
    return Space.objects.create(name="Night feeds", slug="night-feeds", order=1)


def check_in(member):
    answers = {key: choices[0][0] for key, _question, choices in CHECK_IN_QUESTIONS}
    return check_in_create(member=member, mood=2, answers=answers)


def export_of(client, member) -> dict:
    client.force_login(member)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_download_holds_posts_chats_check_ins_and_reports(
    client, make_member, listener, space
):
    member = make_member("Quiet Heron")
    other = make_member("Soft Wren")
    thread = forum_services.thread_create(
        author=member,
        space=space,
        title="Awake again at three",
        body="The nights are so long and I feel far away from everyone.",
        anonymous=True,
    ).post
    forum_services.reply_create(
        author=member, thread=thread, body="Thank you all for reading."
    )
    check_in(member)
    support_services.listener_set_duty(listener=listener, on_duty=True)
    request = support_services.request_create(member=member, chips=["lonely"])
    room = support_services.request_accept(listener=listener, request_id=request.pk)
    support_services.message_create(
        room=room, author=member, body="Hi, thank you for coming.", client_id="c-1"
    )
    others_thread = forum_services.thread_create(
        author=other, space=space, title="Hello", body="A post to report."
    ).post
    moderation_services.report_create(
        reporter=member, target=others_thread, guideline=1, words="unkind"
    )

    data = export_of(client, member)

    assert data["account"]["pseudonym"] == "Quiet Heron"
    assert [t["title"] for t in data["forum"]["threads"]] == ["Awake again at three"]
    assert data["forum"]["threads"][0]["fully_anonymous"] is True
    assert data["forum"]["replies"][0]["text"] == "Thank you all for reading."
    assert data["forum"]["following_thread_ids"] == [thread.pk]
    assert data["live_support"]["requests"][0]["context"] == ["lonely"]
    assert [m["text"] for m in data["live_support"]["chat_messages"]] == [
        "Hi, thank you for coming."
    ]
    assert len(data["check_ins"]) == 1 and data["check_ins"][0]["mood"] == 2
    assert data["moderation"]["reports_made"][0]["words"] == "unkind"


def test_the_download_holds_nothing_of_anyone_else(client, make_member, space):
    member = make_member("Quiet Heron")
    other = make_member("Soft Wren")
    forum_services.thread_create(
        author=other, space=space, title="Mine", body="Not yours."
    )
    check_in(other)

    data = export_of(client, member)

    assert data["forum"]["threads"] == []
    assert data["check_ins"] == []
    assert "Soft Wren" not in json.dumps(data)


def test_deleting_the_account_erases_check_ins_follows_and_own_transcripts(
    make_member, listener, space
):
    member = make_member("Quiet Heron")
    other = make_member("Soft Wren")
    kept_check_in = check_in(other)
    check_in(member)
    thread = forum_services.thread_create(
        author=member, space=space, title="Still here", body="Words."
    ).post
    forum_services.reply_create(
        author=other, thread=thread, body="Sending you strength."
    )
    assert Notification.objects.filter(recipient=member).exists()
    support_services.listener_set_duty(listener=listener, on_duty=True)
    first = support_services.request_create(member=member, chips=[])
    room = support_services.request_accept(listener=listener, request_id=first.pk)
    support_services.message_create(
        room=room, author=member, body="Thank you.", client_id="c-1"
    )
    support_services.room_end(room=room, by=listener)
    waiting = support_services.request_create(member=member, chips=["low"])

    accounts_services.member_erase(member=member)

    assert not CheckIn.objects.filter(member=member).exists()
    assert CheckIn.objects.filter(pk=kept_check_in.pk).exists()
    assert not Follow.objects.filter(member=member).exists()
    assert not Notification.objects.filter(recipient=member).exists()
    assert not ChatMessage.objects.filter(room=room).exists()
    waiting.refresh_from_db()
    assert waiting.status == SupportRequest.Status.CANCELLED
    thread.refresh_from_db()
    assert thread.body_source == "Words."  # replies to it still make sense
