"""Writing: new threads and replies through the pages, screening, holds, nudges,
content notes, edits with history, previews and the sign-in round trip."""

import pytest
from django.urls import reverse

from forum import services
from forum.models import BODY_MAX_LENGTH, PostStatus, Reply, Revision, Thread
from forum.services import checks, editing, posting
from moderation.services import Screening


@pytest.fixture
def screening(monkeypatch):
    """Make screen_submission return a chosen Screening; records what it was asked."""
    calls = []

    def use(result: Screening):
        def fake(*, author, text, context):
            calls.append({"author": author, "text": text, "context": context})
            return result

        monkeypatch.setattr(checks, "screen_submission", fake)
        return calls

    return use


@pytest.fixture
def recorded(monkeypatch):
    calls = []
    for module in (posting, editing):
        monkeypatch.setattr(module, "record_screening", lambda **kw: calls.append(kw))
    return calls


def _new_thread(client, space, **data):
    data = {
        "title": "Can't stop crying",
        "body": "Since the birth I cry every day.",
        **data,
    }
    return client.post(reverse("forum:thread_new", args=[space.slug]), data)


def test_a_member_starts_a_thread_and_lands_on_it(
    client, member, space, screening, recorded
):
    calls = screening(Screening())
    client.force_login(member)
    response = _new_thread(client, space)
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response.url == thread.get_absolute_url()
    assert thread.status == PostStatus.VISIBLE
    assert thread.body_html == "<p>Since the birth I cry every day.</p>"
    assert calls[0]["context"] == "thread"
    assert (
        "Can't stop crying" in calls[0]["text"] and "cry every day" in calls[0]["text"]
    )
    assert recorded[0]["target"] == thread and recorded[0]["author"] == member
    page = client.get(thread.get_absolute_url()).text
    assert "Since the birth I cry every day." in page
    assert 'data-forum-posted-draft="new-thread:postpartum"' in page


def test_posting_when_signed_out_sends_to_sign_in_and_comes_back(
    client, space, make_thread, member
):
    response = _new_thread(client, space)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign_in"))
    assert "next=/spaces/postpartum/new/" in response.url
    thread = make_thread(member)
    response = client.post(reverse("forum:reply_new", args=[thread.pk]), {"body": "hi"})
    assert response.status_code == 302 and "next=" in response.url
    assert Thread.objects.count() == 1 and Reply.objects.count() == 0


def test_signed_out_readers_still_see_the_forms_so_drafts_can_start(
    client, space, member, make_thread
):
    html = client.get(reverse("forum:thread_new", args=[space.slug])).text
    assert 'data-draft-key="new-thread:postpartum"' in html
    assert "kept in this browser" in html
    thread = make_thread(member)
    assert (
        f'data-draft-key="reply:{thread.pk}:0"'
        in client.get(thread.get_absolute_url()).text
    )


def test_a_thread_in_a_space_that_needs_approval_is_held(
    client, member, other_member, approval_space, screening, recorded
):
    screening(Screening())
    client.force_login(member)
    _new_thread(client, approval_space)
    thread = Thread.objects.get()
    assert thread.status == PostStatus.HELD
    own = client.get(thread.get_absolute_url())
    assert own.status_code == 200 and "waiting for a moderator" in own.text
    client.force_login(other_member)
    assert client.get(thread.get_absolute_url()).status_code == 404


def test_a_thread_held_by_its_space_is_recorded_as_held_for_moderators(
    client, member, approval_space, screening, recorded
):
    """Moderation hears why it is held, so it queues the thread (and doesn't count
    it towards trust before a moderator approves it)."""
    screening(Screening())
    client.force_login(member)
    _new_thread(client, approval_space)
    recorded_screening = recorded[-1]["screening"]
    assert recorded[-1]["target"] == Thread.objects.get()
    assert recorded_screening.hold
    assert recorded_screening.hold_reason == "space_approval"


def test_a_thread_held_by_screening_keeps_that_reason_in_an_approval_space(
    client, member, approval_space, screening, recorded
):
    screening(Screening(hold=True, hold_reason="premoderation"))
    client.force_login(member)
    _new_thread(client, approval_space)
    assert recorded[-1]["screening"].hold_reason == "premoderation"


def test_replies_in_a_space_that_needs_approval_are_not_held_by_the_space(
    client, member, approval_space, make_thread, screening, recorded
):
    """The space setting is about new threads; replies are screened as anywhere."""
    thread = make_thread(member, space=approval_space)
    # The space held the thread; a moderator has approved it.
    services.post_set_status(post=thread, status=PostStatus.VISIBLE)
    screening(Screening())
    client.force_login(member)
    client.post(reverse("forum:reply_new", args=[thread.pk]), {"body": "Thank you."})
    assert Reply.objects.get().status == PostStatus.VISIBLE
    assert not recorded[-1]["screening"].hold


def test_screening_that_asks_for_a_hold_saves_the_post_held(
    client, member, space, make_thread, screening, recorded
):
    thread = make_thread(member)
    screening(
        Screening(
            hold=True,
            hold_reason="identifying_details",
            categories=("identifying_details",),
        )
    )
    client.force_login(member)
    client.post(
        reverse("forum:reply_new", args=[thread.pk]),
        {"body": "My number is on my profile"},
    )
    reply = Reply.objects.get()
    assert reply.status == PostStatus.HELD
    assert reply.risk_categories == ["identifying_details"]
    thread.refresh_from_db()
    assert thread.reply_count == 0
    assert recorded[-1]["target"] == reply


def test_a_blocked_member_is_refused_with_the_reason_and_nothing_is_saved(
    client, member, space, screening, recorded
):
    screening(Screening(blocked="You can't post until Friday."))
    client.force_login(member)
    response = _new_thread(client, space)
    assert response.status_code == 400
    assert "You can&#x27;t post until Friday." in response.text
    assert "cry every day" in response.text
    assert Thread.objects.count() == 0 and recorded == []


def test_harsh_words_get_a_kind_nudge_and_post_anyway_goes_through(
    client, member, space, screening, recorded
):
    screening(Screening(nudge=True))
    client.force_login(member)
    response = _new_thread(client, space)
    assert response.status_code == 200
    assert "Before you post" in response.text
    assert "cry every day" in response.text
    assert Thread.objects.count() == 0
    response = _new_thread(client, space, post_anyway="1")
    assert response.status_code == 302
    assert Thread.objects.count() == 1


def test_words_that_call_for_help_show_the_crisis_panel_after_posting(
    client, member, space, screening, recorded
):
    screening(Screening(signpost=True, level="high", categories=("suicidal_thoughts",)))
    client.force_login(member)
    response = _new_thread(client, space)
    page = client.get(response.url)
    assert "crisis-panel" in page.text
    again = client.get(response.url)
    assert "crisis-panel" not in again.text


def test_contextual_cards_appear_under_posts_whose_rules_matched(
    client, member, space, make_thread, screening, recorded
):
    screening(Screening(level="low", categories=("intrusive_thoughts",)))
    client.force_login(member)
    response = _new_thread(
        client, space, body="I keep picturing dropping her down the stairs"
    )
    thread = Thread.objects.get()
    assert thread.risk_categories == ["intrusive_thoughts"]
    html = client.get(response.url).text
    assert 'data-category="intrusive_thoughts"' in html


def test_content_notes_fold_the_post_without_javascript(
    client, member, other_member, make_thread
):
    thread = make_thread(
        member, body="The birth went badly wrong.", content_notes=["birth-trauma"]
    )
    html = client.get(thread.get_absolute_url()).text
    assert '<details class="forum-note">' in html
    assert "Content note: Birth trauma" in html
    other_member.collapsed_content_notes = ["birth-trauma"]
    other_member.save()
    client.force_login(other_member)
    html = client.get(thread.get_absolute_url()).text
    assert '<details class="forum-note" data-keep-closed>' in html
    assert '<details class="forum-note" open' not in html


def test_unknown_content_notes_are_dropped(member, make_thread):
    thread = make_thread(member, content_notes=["birth-trauma", "made-up", "<script>"])
    assert thread.content_notes == ["birth-trauma"]


def test_a_post_over_the_length_limit_is_refused_clearly_and_nothing_is_saved(
    client, member, space
):
    client.force_login(member)
    response = _new_thread(client, space, body="a" * (BODY_MAX_LENGTH + 1))
    assert response.status_code == 400
    assert (
        "the limit is 10000" in response.text or "the limit is 10,000" in response.text
    )
    assert Thread.objects.count() == 0


def test_editing_keeps_the_old_text_for_moderators_only(
    client, member, other_member, moderator, make_thread
):
    thread = make_thread(member, title="Before", body="The first words")
    client.force_login(member)
    response = client.post(
        reverse("forum:edit", args=["thread", thread.pk]),
        {"title": "After", "body": "Better words"},
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.title == "After" and thread.edited_at is not None
    assert Revision.objects.get().body_source == "The first words"
    client.force_login(other_member)
    html = client.get(thread.get_absolute_url()).text
    assert "Better words" in html and "The first words" not in html
    client.force_login(moderator)
    html = client.get(thread.get_absolute_url()).text
    assert "The first words" in html and "Edit history" in html


def test_preview_renders_without_saving(client, member, space):
    response = client.post(reverse("forum:preview"), {"body": "*soft* words"})
    assert response.json() == {"html": "<p><em>soft</em> words</p>"}
    client.force_login(member)
    response = _new_thread(client, space, body="**bold** move", preview="1")
    assert response.status_code == 200
    assert "<strong>bold</strong>" in response.text
    assert Thread.objects.count() == 0


def test_a_reply_to_a_reply_notes_where_it_belongs(
    client, member, other_member, make_thread, make_reply, screening, recorded
):
    screening(Screening())
    thread = make_thread(member)
    first = make_reply(other_member, thread)
    client.force_login(member)
    form = client.get(reverse("forum:reply_new", args=[thread.pk]) + f"?to={first.pk}")
    assert "Reply to Gentle Otter" in form.text
    response = client.post(
        reverse("forum:reply_new", args=[thread.pk]),
        {"body": "Thank you", "parent": first.pk},
    )
    reply = Reply.objects.get(parent=first)
    assert response.url.endswith(f"#reply-{reply.pk}")
    assert reply.depth == 2 and reply.root_id == first.pk


def test_following_can_be_turned_off(client, member, make_thread):
    from forum.models import Follow

    thread = make_thread(member)
    assert Follow.objects.get(member=member, thread=thread).active
    client.force_login(member)
    client.post(reverse("forum:follow", args=[thread.pk]), {"follow": "0"})
    assert not Follow.objects.get(member=member, thread=thread).active
