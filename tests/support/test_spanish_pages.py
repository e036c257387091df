"""Live support and signposting in Spanish: the pages a member and a listener see,
socket errors in the language of the person connected, and notes Kindred writes
into a chat in the language its member asked to talk in."""

import pytest
from channels.testing import WebsocketCommunicator
from django.urls import reverse
from django.utils import translation

from support import services
from support.models import ChatMessage
from support.signposting.models import Resource
from support.signposting.services import resources_load
from tests.signposting.conftest import seed_entries
from tests.signposting.spanish import english_words_in, spanish
from tests.support.conftest import ORIGIN, receive_until


@pytest.fixture
def seeded(db):
    return resources_load(entries=seed_entries())


def spanish_page(client, url: str) -> str:
    with spanish():
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_help_page_and_its_crisis_panel_read_in_spanish(
    client, seeded, make_member
):
    client.force_login(make_member(country="US"))
    page = spanish_page(client, reverse("support:crisis"))
    assert "Ayuda ahora mismo en Estados Unidos" in page
    assert "Llama al 911" in page
    assert "Envía HOME al 741741" in page
    assert english_words_in(page) == []


def test_the_check_in_and_its_result_read_in_spanish(client, seeded, member):
    member.country = "US"
    member.save(update_fields=["country"])
    client.force_login(member)
    page = spanish_page(client, reverse("support:check_in"))
    assert "¿Has podido disfrutar de las cosas" in page
    assert english_words_in(page) == []
    with spanish():
        answers = {
            "mood": "2",
            "sleep": "no",
            "enjoy": "less",
            "worry": "often",
            "overwhelmed": "often",
            "support": "no",
            "low_for": "two_weeks_or_more",
            "self_harm": "sometimes",
        }
        response = client.post(reverse("support:check_in"), answers, follow=True)
    page = response.content.decode()
    assert "Gracias por contárnoslo. Por favor, pide ayuda ahora." in page
    assert "Líneas para mamás y papás en Estados Unidos" in page
    assert english_words_in(page) == []


def test_the_worried_page_reads_in_spanish(client, seeded):
    page = spanish_page(client, reverse("support:worried"))
    assert "Me preocupa alguien después de un parto" in page
    assert english_words_in(page) == []


def test_asking_for_a_listener_reads_in_spanish(client, seeded, member):
    client.force_login(member)
    page = spanish_page(client, reverse("support:request_start"))
    assert "Necesito a alguien ahora" in page
    assert english_words_in(page) == []
    request = services.request_create(member=member, chips=["lonely"])
    page = spanish_page(client, request.get_absolute_url())
    assert "Estás en la fila para hablar con un oyente" in page
    assert english_words_in(page) == []


def test_signed_out_visitors_read_why_they_join_in_spanish(client, seeded):
    page = spanish_page(client, reverse("support:request_start"))
    assert "Por qué te pedimos crear una cuenta primero" in page
    assert english_words_in(page) == []


def test_the_chat_page_reads_in_spanish_on_both_sides(
    client, seeded, private_room, member, listener
):
    # The chat began in English: its first note was stored in that language.
    began_in_english = (f"{listener.pseudonym}, a listener, has joined you.",)
    client.force_login(member)
    page = spanish_page(client, private_room.get_absolute_url())
    assert "Tu chat con un oyente" in page
    assert english_words_in(page, allowed=began_in_english) == []
    client.force_login(listener)
    page = spanish_page(client, private_room.get_absolute_url())
    assert "Frases para empezar que puedes editar antes de enviar" in page
    assert english_words_in(page, allowed=began_in_english) == []


def test_the_listener_page_and_group_rooms_read_in_spanish(client, seeded, listener):
    client.force_login(listener)
    page = spanish_page(client, reverse("support:listen"))
    assert "No estás de turno" in page
    assert english_words_in(page) == []
    page = spanish_page(client, reverse("support:rooms"))
    assert "Salas de grupo" in page
    assert english_words_in(page) == []


def test_english_pages_are_unchanged_without_a_language(client, seeded, member):
    client.force_login(member)
    with translation.override("en"):
        page = client.get(reverse("support:request_start")).content.decode()
    assert "I need someone now" in page
    assert "Necesito" not in page


def test_a_chat_held_in_spanish_gets_its_notes_in_spanish(member, listener, on_duty):
    """Whoever accepts, the note in the chat is in the language asked for."""
    on_duty(listener)
    request = services.request_create(member=member, chips=["low"], language="es")
    with translation.override("en"):
        room = services.request_accept(listener=listener, request_id=request.pk)
    note = ChatMessage.objects.get(room=room, kind=ChatMessage.Kind.SYSTEM)
    assert note.body == f"{listener.pseudonym}, oyente, se unió a ti."


def test_a_resource_card_in_a_spanish_chat_is_worded_in_spanish(
    seeded, member, listener, on_duty
):
    """The card's words follow the chat's language; its facts stay as written."""
    on_duty(listener)
    request = services.request_create(member=member, chips=["low"], language="es")
    with translation.override("en"):
        room = services.request_accept(listener=listener, request_id=request.pk)
        line = Resource.objects.get(name="988 Suicide & Crisis Lifeline")
        card = services.resource_card_send(
            room=room, author=listener, resource_id=line.pk, client_id="c1"
        )
    assert "Llama:" in card.body_html
    assert "988 Suicide &amp; Crisis Lifeline" in card.body_html


@pytest.mark.django_db(transaction=True)
async def test_socket_errors_come_in_the_language_of_the_person_connected(
    private_room, member
):
    """The code stays as the protocol names it; the words follow Accept-Language."""
    from kindred.asgi import application

    async def error_for(language: str | None) -> dict:
        headers = list(ORIGIN)
        if language:
            headers.append((b"accept-language", language.encode()))
        path = f"/ws/support/rooms/{private_room.pk}/"
        socket = WebsocketCommunicator(application, path, headers=headers)
        socket.scope["user"] = member
        connected, _ = await socket.connect()
        assert connected
        await receive_until(socket, "ready")
        await socket.send_json_to({"type": "message", "body": "  ", "client_id": "a"})
        frame = await receive_until(socket, "error")
        await socket.disconnect()
        return frame

    with translation.override("en"):
        spanish_error = await error_for("es-MX,es;q=0.9")
        english_error = await error_for(None)
    assert spanish_error["code"] == english_error["code"] == "empty"
    assert spanish_error["message"] == "Escribe algo primero."
    assert english_error["message"] == "Write something first."


def test_a_listeners_cards_put_lines_in_the_chats_language_first(db):
    """Within a kind; with no chat language the order is by name as before."""
    from support.presentation import resources_for_cards

    resources_load(
        entries=[
            {
                "country": "US",
                "name": "Alpha line",
                "kind": "crisis",
                "phone": "1",
                "languages": ["en"],
            },
            {
                "country": "US",
                "name": "Beta line",
                "kind": "crisis",
                "phone": "2",
                "languages": ["en", "es"],
            },
        ]
    )
    spanish_order = [card["name"] for card in resources_for_cards("US", language="es")]
    plain_order = [card["name"] for card in resources_for_cards("US")]
    assert spanish_order == ["Beta line", "Alpha line"]
    assert plain_order == ["Alpha line", "Beta line"]


@pytest.mark.django_db(transaction=True)
async def test_a_chat_handed_over_is_announced_in_the_new_listeners_language(
    private_room, listener, make_member, on_duty
):
    """The listener who hands over writes in English; the one who takes it reads
    Spanish, as her browser asks."""
    from channels.db import database_sync_to_async

    from kindred.asgi import application

    taker = await database_sync_to_async(make_member)("Warm Lark", roles=["listener"])
    await database_sync_to_async(on_duty)(taker)
    headers = [*ORIGIN, (b"accept-language", b"es")]
    socket = WebsocketCommunicator(application, "/ws/support/queue/", headers=headers)
    socket.scope["user"] = taker
    connected, _ = await socket.connect()
    assert connected
    with translation.override("en"):
        await database_sync_to_async(services.room_handover)(
            room=private_room, from_listener=listener, to_listener=taker
        )
        frame = await receive_until(socket, "assigned")
    await socket.disconnect()
    assert frame["message"] == f"{listener.pseudonym} te pasó un chat."
    assert frame["room_url"] == private_room.get_absolute_url()
