"""A newcomer's first night, in a real browser: join, sign out and in, recover, night
mode; plus accessibility and small-screen checks of the account pages."""

import re

import pytest

from tests.conftest import DaphneServer
from tests.e2e.conftest import axe_violations, open_menu, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long kind password"


def join(page, pseudonym: str, password: str = PASSWORD) -> list[str]:
    """Join through the form; return the recovery codes shown."""
    page.goto("/accounts/join/")
    # With JavaScript, each suggested pseudonym is a button that fills the field.
    suggestion = page.locator(".suggestion-button").first
    suggested = suggestion.text_content()
    suggestion.click()
    assert page.get_by_label("Pseudonym").input_value() == suggested
    page.get_by_label("Pseudonym").fill(pseudonym)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password again").fill(password)
    page.get_by_label("I have read the kindness guidelines").check()
    page.get_by_label("I am 16 or over").check()
    page.get_by_role("button", name="Join anonymously").click()
    page.wait_for_url("**/accounts/recovery-codes/")
    return page.locator(".recovery-codes code").all_text_contents()


def sign_out(page) -> None:
    open_menu(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/$"))


def test_a_newcomer_joins_signs_out_signs_in_recovers_and_chooses_night_mode(new_page):
    """The whole first-night path works in Chromium."""
    page = new_page()
    codes = join(page, "Sleepy Wren")
    assert len(codes) == 8
    assert all(
        re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code) for code in codes
    )
    assert page.get_by_text("only time we'll show them").is_visible()
    screenshot(page, "accounts-recovery-codes")

    # The codes are shown once: reloading doesn't show them again.
    page.reload()
    assert page.locator(".recovery-codes code").count() == 0

    page.goto("/")
    sign_out(page)
    assert page.get_by_role("link", name="Sign in").first.is_visible()

    sign_in(page, "sleepy wren")
    open_menu(page)
    assert page.get_by_role("button", name="Sign out").is_visible()
    sign_out(page)

    # Forgotten password: a recovery code gets the member back in.
    page.goto("/accounts/recover/")
    page.get_by_label("Pseudonym").fill("Sleepy Wren")
    page.get_by_label("One of your recovery codes").fill(codes[3].lower())
    page.get_by_label("New password", exact=True).fill("a fresh kind password")
    page.get_by_label("New password again").fill("a fresh kind password")
    page.get_by_role("button", name="Set my new password").click()
    page.wait_for_url("**/accounts/settings/")
    assert page.get_by_text("that recovery code is now spent").is_visible()
    sign_out(page)
    sign_in(page, "Sleepy Wren", "a fresh kind password")
    open_menu(page)
    assert page.get_by_role("button", name="Sign out").is_visible()

    # Night mode from the header toggle, remembered in settings.
    open_menu(page)
    page.get_by_role("button", name="Night mode").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("data-theme") == "dark"
    page.goto("/accounts/settings/")
    assert page.locator("html").get_attribute("data-theme") == "dark"
    assert page.get_by_label("Night").is_checked()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(22, 24, 27)"
    open_menu(page)
    page.get_by_role("button", name="Light mode").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("data-theme") == "light"


def test_a_wrong_password_is_refused_without_saying_which_part(new_page, make_member):
    """The browser shows one gentle error and keeps the pseudonym typed."""
    make_member("Quiet Heron")
    page = new_page()
    sign_in(page, "Quiet Heron", "not my password at all")
    assert (
        page.get_by_role("alert").filter(has_text="don't match an account").is_visible()
    )
    assert page.get_by_label("Pseudonym").input_value() == "Quiet Heron"


def test_account_pages_have_no_serious_accessibility_violations(new_page, make_member):
    """axe finds nothing serious or critical on the account pages, in both themes."""
    make_member("Quiet Heron")
    page = new_page()
    for path in ("/", "/accounts/join/", "/accounts/sign-in/", "/accounts/recover/"):
        page.goto(path)
        assert axe_violations(page) == [], path
    sign_in(page, "Quiet Heron")
    page.goto("/accounts/settings/")
    assert axe_violations(page) == [], "settings"
    open_menu(page)
    page.get_by_role("button", name="Night mode").click()
    page.wait_for_load_state()
    for path in ("/", "/accounts/settings/"):
        page.goto(path)
        assert axe_violations(page) == [], f"{path} at night"


def test_account_pages_fit_a_320px_screen_without_sideways_scrolling(
    new_page, make_member
):
    """Nothing overflows at 320 px wide, light or night."""
    make_member("Quiet Heron")
    page = new_page(width=320, height=640)
    paths = [
        "/",
        "/accounts/join/",
        "/accounts/sign-in/",
        "/accounts/recover/",
        "/guidelines/",
        "/privacy/",
        "/peer-support/",
    ]
    for path in paths:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    page.goto("/accounts/join/")
    screenshot(page, "accounts-join-320")
    sign_in(page, "Quiet Heron")
    for theme_button in ("Night mode", "Light mode"):
        page.goto("/accounts/settings/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        screenshot(page, f"accounts-settings-320-{theme_button.split()[0].lower()}")
        open_menu(page)
        page.get_by_role("button", name=theme_button).click()
        page.wait_for_load_state()


def test_quick_exit_leaves_at_once_and_escape_twice_does_too(
    chromium, transactional_db
):
    """Quick exit replaces the page (no way Back), by click or by Escape twice."""
    server = DaphneServer(extra_env={"KINDRED_QUICK_EXIT_URL": "about:blank"}).start()
    try:
        context = chromium.new_context(
            base_url=server.url, viewport={"width": 390, "height": 800}
        )
        page = context.new_page()
        page.goto("/guidelines/")
        page.goto("/accounts/join/")
        page.get_by_role("link", name="Quick exit").click()
        page.wait_for_url("about:blank")
        page.go_back()
        page.wait_for_load_state()
        assert page.url.endswith("/guidelines/"), "the join page itself was replaced"

        page.goto("/privacy/")
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
        page.wait_for_url("about:blank")
        context.close()
    finally:
        server.stop()
