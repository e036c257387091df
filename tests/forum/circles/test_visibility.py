"""A circle's threads, replies and members are there for its present members and
moderators only: every path a non-member could take shows nothing of them."""

import pytest
from django.urls import reverse

from forum import selectors, services, visibility
from forum.circles import services as circle_services
from forum.models import Notification, Thread
from moderation import services as moderation_services
from moderation.models import ReviewItem

SECRET_TITLE = "Marigold circle secret title"
SECRET_REPLY = "Periwinkle circle secret reply"


@pytest.fixture(autouse=True)
def _roomy(_roomy_posting_limits):
    pass


@pytest.fixture
def insider(make_member, circle):
    person = make_member("Steady Wren")
    circle_services.circle_wait(member=person, circle=circle)  # room: she joins
    return person


@pytest.fixture
def outsider(make_member):
    return make_member("Curious Stranger")


@pytest.fixture
def posted(member, insider, circle):
    thread = services.thread_create(
        author=member,
        space=circle.space,
        title=SECRET_TITLE,
        body="Something only my circle should read.",
    ).thread
    reply = services.reply_create(
        author=insider, thread=thread, body=SECRET_REPLY
    ).reply
    return thread, reply


def _pages(circle, thread, reply) -> list[str]:
    return [
        reverse("circles:circle", args=[circle.pk]),
        reverse("circles:leave", args=[circle.pk]),
        circle.space.get_absolute_url(),
        reverse("forum:thread_new", args=[circle.space.slug]),
        thread.get_absolute_url(),
        reverse("forum:thread_short", args=[thread.pk]),
        reverse("forum:reply", args=[reply.pk]),
        reverse("forum:reply_new", args=[thread.pk]),
        reverse("moderation:report", args=["thread", thread.pk]),
        reverse("moderation:report", args=["reply", reply.pk]),
    ]


def test_every_circle_page_answers_404_to_a_member_outside_it(
    client, outsider, circle, posted
):
    client.force_login(outsider)
    for url in _pages(circle, *posted):
        assert client.get(url).status_code == 404, url


def test_a_signed_out_reader_is_sent_to_sign_in_or_finds_nothing(
    client, circle, posted
):
    for url in _pages(circle, *posted):
        assert client.get(url).status_code in {302, 404}, url
    thread, _reply = posted
    assert client.get(thread.get_absolute_url()).status_code == 404


def test_writing_to_a_circle_from_outside_is_refused_and_saves_nothing(
    client, outsider, circle, posted
):
    thread, reply = posted
    client.force_login(outsider)
    before = Thread.objects.count()
    for url, data in [
        (
            reverse("forum:thread_new", args=[circle.space.slug]),
            {"title": "Let me in", "body": "Hello there"},
        ),
        (reverse("forum:reply_new", args=[thread.pk]), {"body": "Hello there"}),
        (reverse("forum:react", args=["thread", thread.pk]), {"kind": "hug"}),
        (reverse("forum:follow", args=[thread.pk]), {"follow": "1"}),
        (reverse("circles:leave", args=[circle.pk]), {}),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert Thread.objects.count() == before
    with pytest.raises(services.PostRefused) as refused:
        services.thread_create(
            author=outsider, space=circle.space, title="Sneaking in", body="Hi all"
        )
    assert refused.value.code == "circle_members_only"
    with pytest.raises(services.PostRefused):
        services.reply_create(author=outsider, thread=thread, body="Hi all")


def test_the_circle_is_in_no_list_or_menu_and_outside_it_in_no_search(
    client, outsider, member, circle, posted
):
    thread, reply = posted
    # An unanswered one too, for the waiting list.
    services.thread_create(
        author=member, space=circle.space, title="Marigold unanswered", body="Anyone?"
    )
    searches = [
        reverse("forum:search") + "?q=secret",
        reverse("forum:search") + "?q=unanswered",
    ]
    for reader in (None, outsider, member):
        client.logout()
        if reader:
            client.force_login(reader)
        lists = ["/", reverse("forum:spaces"), reverse("forum:waiting")]
        for url in lists + (searches if reader is not member else []):
            html = client.get(url).text
            assert SECRET_TITLE not in html, (reader, url)
            assert SECRET_REPLY not in html, (reader, url)
            assert "Marigold unanswered" not in html, (reader, url)
            assert circle.space.name not in html, (reader, url)
    assert circle.space.pk not in {s["id"] for s in selectors.spaces_for(member)}


def test_her_search_finds_her_circles_threads_and_replies_until_she_leaves(
    client, insider, outsider, circle, posted
):
    thread, reply = posted
    search = reverse("forum:search")

    def found(query: str, post) -> bool:
        # The page repeats the query, so look for the result's link.
        return post.get_absolute_url() in client.get(search, {"q": query}).text

    client.force_login(insider)
    assert found(SECRET_TITLE, thread) and found(SECRET_REPLY, reply)
    client.force_login(outsider)
    assert not found(SECRET_TITLE, thread) and not found(SECRET_REPLY, reply)
    circle_services.circle_leave(member=insider, circle=circle)
    client.force_login(insider)
    assert not found(SECRET_TITLE, thread) and not found(SECRET_REPLY, reply)


def test_the_queries_every_list_uses_leave_circle_posts_out_for_outsiders(
    outsider, member, moderator, circle, posted
):
    thread, reply = posted
    threads = Thread.objects.filter(pk=thread.pk)
    assert not threads.filter(visibility.thread_q(outsider)).exists()
    assert not threads.filter(visibility.thread_q(None)).exists()
    assert not threads.filter(visibility.public_thread_q()).exists()
    assert not threads.filter(visibility.visible_thread_q(outsider)).exists()
    assert threads.filter(visibility.visible_thread_q(member)).exists()
    assert threads.filter(visibility.thread_q(member)).exists()
    assert threads.filter(visibility.thread_q(moderator)).exists()
    replies = type(reply).objects.filter(pk=reply.pk)
    assert not replies.filter(visibility.reply_q(outsider)).exists()
    assert replies.filter(visibility.reply_q(member)).exists()
    assert not visibility.can_view_thread(outsider, thread)
    assert not visibility.can_view_reply(outsider, reply)
    assert visibility.can_view_reply(member, reply)
    assert visibility.can_view_reply(moderator, reply)


def test_members_read_the_circle_see_who_is_in_it_and_post_under_their_names(
    client, member, insider, circle, posted
):
    thread, reply = posted
    client.force_login(insider)
    html = client.get(circle.get_absolute_url()).text
    assert SECRET_TITLE in html
    assert "Quiet Heron" in html and "Steady Wren" in html
    thread_html = client.get(thread.get_absolute_url()).text
    assert SECRET_REPLY in thread_html
    assert 'name="anonymous"' not in thread_html
    form_html = client.get(reverse("forum:thread_new", args=[circle.space.slug])).text
    assert 'name="anonymous"' not in form_html
    space_page = client.get(circle.space.get_absolute_url())
    assert space_page.status_code == 302
    assert space_page.url == circle.get_absolute_url()


def test_anonymous_posting_is_refused_inside_a_circle_even_when_asked_for(
    client, member, circle, posted
):
    thread, _reply = posted
    with pytest.raises(services.PostRefused) as refused:
        services.thread_create(
            author=member,
            space=circle.space,
            title="Hidden name",
            body="Not in a circle",
            anonymous=True,
        )
    assert refused.value.code == "circle_named_only"
    with pytest.raises(services.PostRefused):
        services.reply_create(
            author=member, thread=thread, body="Nor here", anonymous=True
        )
    client.force_login(member)
    client.post(
        reverse("forum:reply_new", args=[thread.pk]),
        {"body": "Ticked by hand", "anonymous": "on"},
    )
    assert not type(_reply).objects.filter(anonymous=True).exists()
    assert type(_reply).objects.filter(body_source="Ticked by hand").exists()


def test_someone_who_left_no_longer_reads_or_hears_about_the_circle(
    client, member, insider, circle, posted
):
    thread, _reply = posted
    Notification.objects.all().delete()
    circle_services.circle_leave(member=insider, circle=circle)
    services.reply_create(
        author=member, thread=thread, body="Anyone still here after all?"
    )
    assert not Notification.objects.filter(recipient=insider).exists()
    assert selectors.unread_count(insider) == 0
    client.force_login(insider)
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert client.get(circle.get_absolute_url()).status_code == 404


def test_notifications_already_written_vanish_for_someone_who_left(
    member, insider, circle, posted
):
    thread, _reply = posted
    services.reply_create(author=member, thread=thread, body="Thanks, Wren")
    assert selectors.unread_count(insider) == 1
    circle_services.circle_leave(member=insider, circle=circle)
    assert selectors.unread_count(insider) == 0
    assert not selectors.notifications_for(insider).exists()


def test_moderators_read_the_circle_and_act_on_reports_from_it(
    client, member, insider, moderator, circle, posted
):
    thread, reply = posted
    moderation_services.report_create(
        reporter=member, target=reply, guideline=2, words="This felt unkind."
    )
    item = ReviewItem.objects.get()
    client.force_login(moderator)
    assert client.get(circle.get_absolute_url()).status_code == 200
    assert SECRET_REPLY in client.get(thread.get_absolute_url()).text
    assert client.get(reverse("moderation:item", args=[item.pk])).status_code == 200
    services.post_set_status(post=reply, status="hidden")
    client.force_login(insider)
    assert SECRET_REPLY not in client.get(thread.get_absolute_url()).text


def test_the_circle_page_costs_the_same_queries_whatever_its_size(
    client, make_member, member, circle, django_assert_max_num_queries
):
    services.thread_create(
        author=member, space=circle.space, title="Hello all", body="Hi everyone"
    )
    client.force_login(member)
    url = circle.get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    baseline = len(few.captured_queries)
    for n in range(8):
        person = make_member()
        circle_services.circle_wait(member=person, circle=circle)
        services.thread_create(
            author=person, space=circle.space, title=f"Hello {n}", body=f"Hi {n}"
        )
    with django_assert_max_num_queries(baseline):
        client.get(url)
