"""Real-browser tests: Playwright driving Debian's Chromium against a Daphne process."""

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM_PATH

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ARTIFACTS = Path(os.environ.get("KINDRED_TEST_ARTIFACTS", "/tmp/kindred-e2e"))
RESOURCES = (
    Path(__file__).resolve().parents[2] / "support/signposting/data/resources.json"
)


def in_thread(function, *args, **kwargs):
    """Run database work off the thread where Playwright's event loop lives."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


@pytest.fixture
def daphne_hashers(settings):
    """Passwords the Daphne process can check (it doesn't know the fast test hasher)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


@pytest.fixture(scope="package")
def chromium():
    if not Path(CHROMIUM_PATH).exists():
        pytest.skip("Chromium is not installed")  # the browser marker decides skip/fail
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running on this thread, so Django
    # would refuse the test database's setup and flush here. Allowed only while the
    # browser lives (the e2e package), so other suites keep the async-safety check.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(chromium, daphne_server):
    """new_page(width=390) opens a page in a fresh context (its own cookies)."""
    contexts = []

    def open_page(width: int = 390, height: int = 844):
        context = chromium.new_context(
            base_url=daphne_server.url, viewport={"width": width, "height": height}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page, pseudonym: str, password: str = "a long kind password") -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Pseudonym").fill(pseudonym)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def open_menu(page) -> None:
    """Open the header's menu (spaces, account, night mode), if it is closed."""
    closed = page.locator(".site-menu:not([open]) > summary")
    if closed.count():
        closed.click()


def axe_violations(page) -> list:
    """Serious and critical axe-core violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        violation
        for violation in results.response["violations"]
        if violation.get("impact") in {"serious", "critical"}
    ]


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
