"""The site shell, home, accounts, error and explanation pages in Spanish."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import translation

from accounts.models import Member
from tests.i18n_helpers import assert_no_english, english_words_in

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-US,es;q=0.9"}

PAGES = [
    ("/guidelines/", "Normas de amabilidad"),
    ("/peer-support/", "Qué es el apoyo entre pares"),
    ("/privacy/", "Tu privacidad"),
    ("/quick-exit/", "Acerca de la Salida rápida"),
    ("/accounts/join/", "Crear una cuenta en Kindred"),
    ("/accounts/sign-in/", "¿Olvidaste tu contraseña?"),
    ("/accounts/recover/", "Vuelve a entrar a tu cuenta"),
    ("/accounts/recover/email/", "Restablece tu contraseña por correo"),
    ("/accounts/recover/email/sent/", "Revisa tu correo"),
    ("/accounts/recover/email/done/", "Tu contraseña nueva está lista"),
    ("/no-such-page-here/", "No encontramos esa página"),
]


def shell(html: str) -> str:
    """The header and footer every page shares, without the menus the forum,
    support and moderation templates add to it (translated with those parts)."""
    head = html[html.index("<body") : html.index('<main id="main"')]
    forum_menu = r'<details class="nav-menu forum-nav-spaces">.*?</details>'
    head = re.sub(forum_menu, "", head, flags=re.S)
    foot = html[html.index('<footer class="site-footer">') :]
    return head + foot


@pytest.mark.parametrize(("path", "phrase"), PAGES)
def test_pages_read_in_spanish(client, db, path, phrase):
    html = client.get(path, **SPANISH).content.decode()
    assert '<html lang="es"' in html
    assert phrase in html
    assert_no_english(html, main_only=True)
    assert_no_english(shell(html))


def test_home_reads_in_spanish(client, db):
    html = client.get("/", **SPANISH).content.decode()
    assert "No eres la única persona despierta." in html
    main = html[html.index("<main") : html.index("</main>")]
    # The forum's blocks on the home page are translated with the forum.
    main = re.sub(
        r'<section class="card forum-home-.*?</section>', "", main, flags=re.S
    )
    assert_no_english(main)
    assert_no_english(shell(html))


def test_the_same_pages_stay_english_without_a_language(client, db):
    html = client.get("/privacy/").content.decode()
    assert '<html lang="en"' in html
    assert "Your privacy" in html
    assert "Tu privacidad" not in html


def test_signed_in_shell_settings_and_codes_in_spanish(client, make_member):
    member = make_member(language="es")
    client.force_login(member)
    html = client.get("/accounts/settings/").content.decode()
    assert "Configuración" in html and "Cerrar sesión" in html
    assert "Como mi navegador" in html
    # Field labels come from the forms; the forum's own menu entries are its own.
    main = html[html.index("<main") : html.index("</main>")]
    assert_no_english(main, allowed=(member.pseudonym,))
    codes = client.get("/accounts/recovery-codes/").content.decode()
    assert "Códigos de recuperación" in codes
    assert_no_english(codes, main_only=True)


def test_settings_remember_the_language_and_can_follow_the_browser(client, member):
    client.force_login(member)
    client.post("/language/", {"language": "es", "next": "/accounts/settings/"})
    assert Member.objects.get(pk=member.pk).language == "es"
    html = client.get("/accounts/settings/", HTTP_ACCEPT_LANGUAGE="en").content
    assert '<html lang="es"' in html.decode()
    assert "Configuración" in html.decode()
    client.post("/language/", {"language": ""})
    assert Member.objects.get(pk=member.pk).language == ""


def test_form_errors_and_messages_in_spanish(client, member):
    html = client.post(
        "/accounts/sign-in/",
        {"pseudonym": member.pseudonym, "password": "not the password"},
        **SPANISH,
    ).content.decode()
    assert "no coinciden con ninguna cuenta" in html
    client.force_login(member)
    page = client.post("/accounts/sign-out/", follow=True, **SPANISH)
    assert "Cerraste sesión. Cuídate mucho." in page.content.decode()


def test_the_date_in_settings_is_spanish(client, make_member):
    from django.utils import timezone

    member = make_member(language="es", pseudonym_changed_at=timezone.now())
    client.force_login(member)
    html = client.get("/accounts/settings/").content.decode()
    found = re.search(r"a partir del (\d+ de \w+ de \d{4})", html)
    assert found, "the next change date is missing"


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_the_password_reset_email_is_spanish(client, make_member):
    make_member("Calm Fern", email="fern@example.org")
    client.post("/accounts/recover/email/", {"email": "fern@example.org"}, **SPANISH)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Una contraseña nueva para Kindred"
    assert message.body.startswith("Hola, Calm Fern:")
    assert english_words_in(message.body.replace("Calm Fern", "")) == []


def test_python_strings_translate(db):
    from accounts.forms import JoinForm

    with translation.override("es"):
        form = JoinForm()
        assert str(form.fields["pseudonym"].label) == "Seudónimo"
        assert str(Member.Theme.DARK.label) == "Noche"


@pytest.mark.urls("tests.accounts.urls_raising")
@pytest.mark.parametrize(
    ("path", "status", "phrase"),
    [
        ("/test-forbidden/", 403, "Esa página no está disponible para ti"),
        ("/test-garbled/", 400, "No pudimos entender esa solicitud"),
        ("/test-broken/", 500, "Algo salió mal de nuestro lado"),
    ],
)
def test_error_pages_in_spanish(client, db, path, status, phrase):
    client.raise_request_exception = False
    response = client.get(path, **SPANISH)
    html = response.content.decode()
    assert response.status_code == status
    assert '<html lang="es"' in html
    assert phrase in html
    assert_no_english(html, main_only=True)


def test_the_csrf_page_in_spanish(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/sign-in/", {}, **SPANISH)
    html = response.content.decode()
    assert response.status_code == 403
    assert "Este formulario caducó" in html
    assert_no_english(html, main_only=True)
