"""The forum's pages read in Spanish when Spanish is the language, with no English
words left in what the reader sees (names and titles members wrote are Spanish
here, so anything English is the site's own)."""

import pytest
from django.urls import reverse

from forum.models import Space, Thread
from tests import spanish_pages
from tests.spanish_pages import english_words

pytestmark = pytest.mark.django_db
in_spanish = spanish_pages.in_spanish


@pytest.fixture
def espacio(db):
    return Space.objects.create(
        name="Posparto",
        slug="posparto",
        description="Los primeros meses, como de verdad se sienten.",
        order=1,
    )


def _page(client, url, headers, **kw):
    response = client.get(url, **headers, **kw)
    assert response.status_code == 200
    return response.content.decode()


def _spanish(html: str, phrase: str, **kw) -> None:
    assert phrase in html
    assert english_words(html, **kw) == []


def test_the_space_list_and_a_space_read_in_spanish(
    client, member, other_member, espacio, make_thread, in_spanish
):
    make_thread(
        other_member, space=espacio, title="Noches largas", body="¿Alguien más?"
    )
    client.force_login(member)
    html = _page(client, reverse("forum:spaces"), in_spanish)
    _spanish(html, "Elige el que te quede mejor.")
    assert "Idiomas que lees" in html and "Lo que ocultaste" in html
    html = _page(client, espacio.get_absolute_url(), in_spanish)
    _spanish(html, "Ocultar este espacio de mis listas")
    assert "todavía sin respuestas" in html


def test_a_thread_with_an_anonymous_reply_and_your_own_reads_in_spanish(
    client, member, other_member, espacio, make_thread, make_reply, in_spanish
):
    thread = make_thread(
        other_member, space=espacio, title="Noches largas", body="¿Alguien más?"
    )
    make_reply(other_member, thread, body="Yo también, cada noche.", anonymous=True)
    make_reply(member, thread, body="Aquí estoy contigo.")
    client.force_login(member)
    html = _page(client, thread.get_absolute_url(), in_spanish)
    _spanish(html, "2 respuestas")
    assert "Mamá o papá anónimo" in html
    assert "(tú)" in html
    assert "Escribe una respuesta" in html and "Dejar de seguir" in html


def test_the_reply_form_shows_its_error_in_spanish(
    client, member, other_member, espacio, make_thread, in_spanish
):
    thread = make_thread(other_member, space=espacio, title="Noches largas")
    client.force_login(member)
    response = client.post(
        reverse("forum:reply_new", args=[thread.pk]), {"body": ""}, **in_spanish
    )
    html = response.content.decode()
    _spanish(html, "Escribe algo primero; unas pocas palabras bastan.")
    assert "Hay algo que revisar" in html
    assert "Trauma del parto" in html  # the content notes to tick


def test_notifications_read_in_spanish(
    client, member, other_member, espacio, make_thread, make_reply, in_spanish
):
    thread = make_thread(member, space=espacio, title="Noches largas")
    make_reply(other_member, thread, body="Te leo, y me alegra que escribas.")
    client.force_login(member)
    html = _page(client, reverse("forum:notifications"), in_spanish)
    _spanish(html, f"{other_member.pseudonym} respondió en “Noches largas”")
    assert ">ahora</time>" in html  # naturaltime, in Spanish


def test_the_hidden_page_and_reading_languages_read_in_spanish(
    client, member, in_spanish
):
    client.force_login(member)
    html = _page(client, reverse("forum:hidden"), in_spanish)
    _spanish(html, "No ocultaste a nadie.")
    html = _page(client, reverse("forum:reading_languages"), in_spanish)
    _spanish(html, "Kindred detecta en qué idioma", allowed=("English",))


def test_a_held_thread_tells_its_author_why_in_spanish(
    client, member, espacio, settings, in_spanish
):
    settings.PREMODERATION_POSTS = 2
    client.force_login(member)
    response = client.post(
        reverse("forum:thread_new", args=[espacio.slug]),
        {"title": "Noches largas", "body": "¿Alguien más despierta a esta hora?"},
        follow=True,
        **in_spanish,
    )
    html = response.content.decode()
    assert Thread.objects.get().status == "held"
    _spanish(html, "Tus palabras están en revisión")
    assert "Las primeras publicaciones de cada integrante nueva" in html
    assert "en revisión" in html
