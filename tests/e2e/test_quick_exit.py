"""Quick exit in a real browser: it leaves for the neutral page with
location.replace (Back never returns to the page that was showing), wipes the drafts
the site keeps in the browser, answers Escape pressed twice, and is a plain link to
the same neutral page without JavaScript."""

import pytest
from django.conf import settings as django_settings

from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL_HTML = "<!doctype html><title>Weather</title><h1>Today's forecast</h1>"
DRAFT_KEYS = """() => {
  const keys = [];
  for (const store of [localStorage, sessionStorage]) {
    for (let i = 0; i < store.length; i++) keys.push(store.key(i));
  }
  return keys.filter((key) => key.startsWith("kindred-"));
}"""


@pytest.fixture
def space(transactional_db):
    from forum.models import Space

    return Space.objects.create(name="Sleep and feeding", slug="sleep")


def neutral_page(page) -> str:
    """Serve the configured neutral page from the test (there is no network here)."""
    url = django_settings.QUICK_EXIT_URL
    page.context.route(
        url,
        lambda route: route.fulfill(
            status=200, content_type="text/html", body=NEUTRAL_HTML
        ),
    )
    return url


def with_a_draft(page, space) -> str:
    """Visit two pages, the second a composer, and type a draft into it."""
    page.goto("/")
    page.goto(f"/spaces/{space.slug}/new/")
    page.get_by_label("Your words").fill("Something I haven't told anyone yet")
    page.evaluate(
        "() => sessionStorage.setItem('kindred-chat-pending-1', '[{\"body\": \"hi\"}]')"
    )
    assert page.evaluate(DRAFT_KEYS)  # the draft is kept while writing
    return page.url


def assert_left_for_good(page, neutral: str, composer: str) -> None:
    page.wait_for_url(neutral)
    assert page.title() == "Weather"
    page.evaluate("() => history.back()")
    page.wait_for_load_state()
    page.wait_for_timeout(300)
    assert page.url != composer
    assert page.url.endswith("/")  # the page before, which quick exit can't hide
    assert page.evaluate(DRAFT_KEYS) == []


def test_quick_exit_leaves_for_good_and_wipes_drafts(
    daphne_hashers, new_page, space, make_member
):
    make_member("Quiet Heron")
    page = new_page(width=390)
    neutral = neutral_page(page)
    sign_in(page, "Quiet Heron")
    composer = with_a_draft(page, space)

    page.get_by_role("link", name="Quick exit", exact=True).click()

    assert_left_for_good(page, neutral, composer)


def test_escape_twice_does_the_same(daphne_hashers, new_page, space, make_member):
    make_member("Gentle Otter")
    page = new_page(width=390)
    neutral = neutral_page(page)
    sign_in(page, "Gentle Otter")
    composer = with_a_draft(page, space)

    page.keyboard.press("Escape")
    page.keyboard.press("Escape")

    assert_left_for_good(page, neutral, composer)


def test_without_javascript_it_is_a_link_to_the_neutral_page(chromium, daphne_server):
    context = chromium.new_context(
        base_url=daphne_server.url, java_script_enabled=False
    )
    try:
        page = context.new_page()
        neutral = neutral_page(page)
        page.goto("/privacy/")
        link = page.get_by_role("link", name="Quick exit", exact=True)
        assert link.get_attribute("href") == neutral
        link.click()
        page.wait_for_url(neutral)
        assert page.title() == "Weather"
    finally:
        context.close()


def test_the_help_text_says_what_it_cannot_hide(new_page):
    page = new_page()
    page.goto("/")
    page.get_by_role("link", name="Leaving this site safely").click()
    text = page.locator("main").inner_text()
    assert "Other tabs and windows" in text
    assert "Earlier pages in the same tab" in text
    assert "private window" in text.lower() and "Clear your history" in text
