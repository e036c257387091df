"""The crisis panel in a live chat between two real browsers: her message brings up
the panel (her browser's country, asked once in place), her listener gets a quiet
note, and "Tell my listener I need more help" reaches the listener. Screenshots at
390 px, in day and night mode, of both sides and of the in-place country chooser."""

import pytest
from django.conf import settings
from django.core.management import call_command

from support import services
from tests.e2e.conftest import ARTIFACTS, RESOURCES, in_thread, screenshot
from tests.e2e.signing_in import session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def browser(chromium, server, person, *, theme: str, locale: str = "en-GB"):
    context = chromium.new_context(
        base_url=server.url,
        viewport={"width": 390, "height": 844},
        locale=locale,
        color_scheme="dark" if theme == "dark" else "light",
        extra_http_headers={"Accept-Language": f"{locale},en;q=0.8"},
    )
    context.set_default_timeout(10_000)
    cookies = [{"name": "kindred_theme", "value": theme, "url": server.url}]
    if person is not None:
        cookies.append(
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": in_thread(session_cookie, person),
                "url": server.url,
            }
        )
    context.add_cookies(cookies)
    return context


def element_shot(locator, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    locator.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.fixture
def chat(transactional_db, make_member):
    def create():
        call_command("load_resources", str(RESOURCES), stdout=None)
        member = make_member("Quiet Heron")
        listener = make_member("Steady Willow", roles=["listener"])
        services.listener_set_duty(listener=listener, on_duty=True)
        request = services.request_create(member=member, chips=["low"])
        room = services.request_accept(listener=listener, request_id=request.pk)
        return member, listener, room

    return in_thread(create)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_her_panel_and_the_listeners_note(chromium, daphne_server, chat, theme):
    member, listener, room = chat
    her_context = browser(chromium, daphne_server, member, theme=theme)
    their_context = browser(chromium, daphne_server, listener, theme=theme)
    try:
        her = her_context.new_page()
        them = their_context.new_page()
        her.goto(room.get_absolute_url())
        them.goto(room.get_absolute_url())
        for page in (her, them):
            page.get_by_text("Connected").wait_for()

        box = her.get_by_role("textbox", name="Message")
        box.fill("I am going to kill myself tonight")
        box.press("Enter")

        panel = her.locator('[data-chat="crisis"] .crisis-panel')
        panel.wait_for()
        assert panel.get_attribute("data-country") == "GB"
        assert her.get_by_text("Which country's lines should we show you?").count() == 1
        assert her.locator(".sp-country-ask select").input_value() == "GB"
        note = them.locator(".msg-listener-note")
        note.wait_for()
        assert "brought up the crisis lines" in note.inner_text()
        assert her.locator(".msg-listener-note").count() == 0
        assert them.locator(".crisis-panel").count() == 0
        # The form came over the socket: the page's script gave it a CSRF token.
        token = her.locator(".sp-country-ask input[name=csrfmiddlewaretoken]")
        assert token.input_value()

        her.get_by_role("button", name="Tell my listener I need more help").click()
        her.get_by_text("a moderator has been asked to join you").wait_for()
        them.locator(".msg-note-help_asked").wait_for()
        screenshot(her, f"chat-crisis-panel-member-390-{theme}")
        screenshot(them, f"chat-crisis-note-listener-390-{theme}")
        element_shot(panel, f"chat-crisis-panel-only-390-{theme}")
        element_shot(
            them.locator('[data-chat="log"]'), f"chat-listener-log-390-{theme}"
        )

        # Answering in place: back in the room, the panel in her new country's lines.
        her.locator(".sp-country-ask select").select_option("IE")
        her.get_by_role("button", name="Use this country").click()
        her.wait_for_url(f"**{room.get_absolute_url()}?help=1")
        assert her.locator(".crisis-panel").get_attribute("data-country") == "IE"
        assert (
            her.locator(".crisis-panel").get_by_text("Not in Ireland? Change").count()
            == 1
        )
    finally:
        her_context.close()
        their_context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_country_chooser_on_the_help_page(chromium, daphne_server, chat, theme):
    """Signed out, a US browser: asked once, in the panel, with the US chosen."""
    context = browser(chromium, daphne_server, None, theme=theme, locale="en-US")
    try:
        page = context.new_page()
        page.goto("/support/help/")
        ask = page.locator(".sp-country-ask")
        assert ask.locator("select").input_value() == "US"
        screenshot(page, f"country-chooser-390-{theme}")
        element_shot(
            page.locator(".crisis-panel"), f"country-chooser-panel-390-{theme}"
        )
        page.get_by_role("button", name="United States is right").click()
        page.wait_for_url("**/support/help/")
        assert page.locator(".sp-country-ask").count() == 0
        page.get_by_text("Not in United States? Change").click()
        screenshot(page, f"country-change-open-390-{theme}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
