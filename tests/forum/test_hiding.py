"""A member can stop seeing someone's posts, or a whole space. Nobody is told;
moderators can't be hidden; anonymous posts never fold."""

import pytest
from django.urls import reverse

from forum.models import IgnoredMember, Notification, ReaderPreferences, Space
from forum.services import follow_set
from forum.services.hiding import HidingRefused, member_ignore

pytestmark = pytest.mark.django_db

FOLDED = "You chose not to see this member."


@pytest.fixture
def upsetting(make_member):
    return make_member("Sharp Heron")


def hide(client, member, other):
    client.force_login(member)
    return client.post(reverse("forum:member_hide", args=[other.pk]))


def test_hiding_a_member_folds_their_posts_and_tells_nobody(
    client, member, upsetting, make_thread, make_reply, other_member
):
    thread = make_thread(other_member)
    make_reply(upsetting, thread, body="You are doing it all wrong.")
    page = client.get(reverse("forum:member_hide", args=[upsetting.pk]))
    assert page.status_code == 302  # signed out: asked to sign in first
    client.force_login(member)
    confirm = client.get(reverse("forum:member_hide", args=[upsetting.pk]))
    assert b"never told" in confirm.content
    hide(client, member, upsetting)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert FOLDED in html and "You are doing it all wrong." in html  # folded, openable
    assert IgnoredMember.objects.filter(member=member, ignored=upsetting).exists()
    assert not Notification.objects.filter(recipient=upsetting).exists()
    client.force_login(other_member)
    assert FOLDED not in client.get(thread.get_absolute_url()).content.decode()


def test_anonymous_posts_never_fold(
    client, member, upsetting, make_thread, make_reply, other_member
):
    thread = make_thread(other_member)
    make_reply(upsetting, thread, body="Quietly saying this.", anonymous=True)
    hide(client, member, upsetting)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert FOLDED not in html and "Quietly saying this." in html


def test_moderators_cannot_be_hidden_and_see_everything(
    client, member, moderator, upsetting, make_thread, make_reply
):
    with pytest.raises(HidingRefused):
        member_ignore(member=member, ignored=moderator)
    response = hide(client, member, moderator)
    assert response.status_code == 400 and b"keep everyone safe" in response.content
    with pytest.raises(HidingRefused):
        member_ignore(member=member, ignored=member)
    IgnoredMember.objects.create(member=moderator, ignored=upsetting)
    thread = make_thread(upsetting)
    client.force_login(moderator)
    assert FOLDED not in client.get(thread.get_absolute_url()).content.decode()


def test_replies_from_a_hidden_member_do_not_notify(
    member, upsetting, make_thread, make_reply
):
    thread = make_thread(member)
    follow_set(member=member, thread=thread, active=True)
    member_ignore(member=member, ignored=upsetting)
    make_reply(upsetting, thread)
    assert not Notification.objects.filter(recipient=member).exists()
    make_reply(upsetting, thread, anonymous=True)
    assert Notification.objects.filter(recipient=member).count() == 1


def test_showing_a_member_again(client, member, upsetting):
    hide(client, member, upsetting)
    page = client.get(reverse("forum:hidden"))
    assert upsetting.pseudonym.encode() in page.content
    client.post(reverse("forum:member_show", args=[upsetting.pk]))
    assert not IgnoredMember.objects.exists()


def test_a_hidden_space_leaves_lists_and_waiting_threads(
    client, member, other_member, make_thread
):
    pregnancy = Space.objects.create(name="Pregnancy", slug="pregnancy", order=2)
    make_thread(other_member, space=pregnancy, title="Twelve weeks today")
    client.force_login(member)
    client.post(reverse("forum:space_hide", args=["pregnancy"]))
    assert ReaderPreferences.objects.get(member=member).hidden_spaces == [pregnancy.pk]
    client.get(reverse("forum:spaces"))  # shows, and so clears, the "hidden" message
    spaces = client.get(reverse("forum:spaces")).content.decode()
    assert 'href="/spaces/pregnancy/"' not in spaces
    assert (
        "Twelve weeks today"
        not in client.get(reverse("forum:waiting")).content.decode()
    )
    own_page = client.get(reverse("forum:space", args=["pregnancy"])).content.decode()
    assert "Show this space in my lists again" in own_page
    client.post(reverse("forum:space_show", args=["pregnancy"]))
    assert "Twelve weeks today" in client.get(reverse("forum:waiting")).content.decode()


def test_hiding_needs_signing_in_and_a_post(client, upsetting, space):
    assert (
        client.post(reverse("forum:member_show", args=[upsetting.pk])).status_code
        == 302
    )
    assert (
        client.post(reverse("forum:space_hide", args=[space.slug])).status_code == 302
    )
    assert not IgnoredMember.objects.exists()
    assert not ReaderPreferences.objects.exists()


def test_the_thread_page_stays_at_a_fixed_query_count_with_hidden_members(
    client, member, make_member, make_thread, make_reply, django_assert_max_num_queries
):
    from tests.forum.test_queries import THREAD_PAGE_QUERIES

    thread = make_thread(member)
    authors = [make_member() for _ in range(6)]
    for author in authors:
        make_reply(author, thread)
        member_ignore(member=member, ignored=author)
    client.force_login(member)
    with django_assert_max_num_queries(THREAD_PAGE_QUERIES + 1):
        html = client.get(thread.get_absolute_url()).content.decode()
    assert html.count(FOLDED) == 6


# --- Languages ------------------------------------------------------------------------


def test_each_post_carries_the_language_it_is_written_in(
    member, make_thread, make_reply
):
    english = make_thread(member, title="So tired tonight", body="the baby won't sleep")
    spanish = make_thread(
        member, title="No puedo dormir", body="la bebé no se duerme y estoy cansada"
    )
    mixed = make_reply(member, english, body="estoy so tired, y el baby no duerme")
    assert (english.language, spanish.language, mixed.language) == ("en", "es", "")


def test_a_reader_chooses_the_languages_of_her_lists(
    client, member, other_member, make_thread
):
    make_thread(other_member, title="Cuatro semanas", body="alguien más está despierta")
    make_thread(other_member, title="Four weeks", body="anyone else awake right now")
    client.force_login(member)
    page = client.get(reverse("forum:reading_languages"))
    assert b'value="es"' in page.content
    refused = client.post(reverse("forum:reading_languages"), {})
    assert refused.status_code == 400
    client.post(reverse("forum:reading_languages"), {"language": ["en"]})
    waiting = client.get(reverse("forum:waiting")).content.decode()
    assert "Four weeks" in waiting and "Cuatro semanas" not in waiting
    client.post(reverse("forum:reading_languages"), {"language": ["en", "es"]})
    waiting = client.get(reverse("forum:waiting")).content.decode()
    assert "Four weeks" in waiting and "Cuatro semanas" in waiting


def test_a_space_for_one_language_shows_to_its_readers(client, member):
    Space.objects.create(name="En español", slug="espanol", order=3, language="es")
    client.force_login(member)
    assert "En español" in client.get(reverse("forum:spaces")).content.decode()
    client.post(reverse("forum:reading_languages"), {"language": ["en"]})
    client.get(reverse("forum:spaces"))
    spaces = client.get(reverse("forum:spaces")).content.decode()
    assert 'href="/spaces/espanol/"' not in spaces
