"""Every page the every-page sweep opens, in a browser whose language is Spanish
(Accept-Language: es-US): in Spanish, axe-core clean, and the switcher in the footer
goes to English and back in one tap each.

Each page is its own test, named role-page, so a part of the site can be run alone:
`pytest tests/e2e/test_spanish.py -k "anonymous-privacy or member-settings"`.
"""

import re

import pytest
from django.conf import settings

from tests.e2e.conftest import axe_violations, in_thread
from tests.e2e.test_every_page import seed_the_site
from tests.i18n_helpers import assert_no_english

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The sweep's pages in its order (tests/e2e/test_every_page.py, seed_the_site).
SWEEP = {
    "anonymous": [
        "home",
        "spaces",
        "space",
        "thread",
        "search",
        "waiting",
        "help",
        "resources",
        "worried",
        "guidelines",
        "peer-support",
        "privacy",
        "sign-in",
        "join",
        "transparency",
        "circles",
    ],
    "member": [
        "settings",
        "notifications",
        "new-thread",
        "thread",
        "support-now",
        "check-in",
        "check-in-history",
        "check-in-result",
        "room",
        "rooms",
        "my-reports",
        "messages",
        "hidden",
        "languages",
        "member-hide",
        "listener-apply",
        "circles",
        "circle-join",
        "circle",
        "circle-leave",
    ],
    "listener": ["listen", "room", "listen-hours"],
    "moderator": [
        "queue",
        "item",
        "member",
        "dashboard",
        "thread",
        "circle",
        "listener-lessons",
        "listener-lesson",
        "debriefs",
    ],
    "operator": ["audit", "listener-applications", "listener-application"],
}
PAGES = [
    pytest.param(role, index, id=f"{role}-{name}")
    for role, names in SWEEP.items()
    for index, name in enumerate(names)
]


def strip_user_text(html: str) -> str:
    """Posts, replies and chat messages are what members wrote, in their language."""
    return re.sub(
        r'<(div|p|li|span|q)[^>]*class="[^"]*user-text[^"]*".*?</\1>',
        " ",
        html,
        flags=re.S,
    )


def written_words() -> tuple[str, ...]:
    """What people wrote, in their own language (the demo's is English): space
    names and descriptions, circle kinds, thread titles, pseudonyms. Longest
    first."""
    from accounts.models import Member
    from forum.circles.models import CircleKind
    from forum.models import Space, Thread

    words = list(Member.objects.values_list("pseudonym", flat=True))
    words += Thread.objects.values_list("title", flat=True)
    for name, description in Space.objects.values_list("name", "description"):
        words += [name, description]
    for name, description in CircleKind.objects.values_list("name", "description"):
        words += [name, description]
    return tuple(sorted({word for word in words if word}, key=len, reverse=True))


def spanish_context(chromium, daphne_server, cookie: str | None = None):
    context = chromium.new_context(
        base_url=daphne_server.url,
        viewport={"width": 320, "height": 640},
        locale="es-US",
    )
    context.set_default_timeout(10_000)
    if cookie:
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": cookie,
                    "url": daphne_server.url,
                }
            ]
        )
    return context


@pytest.mark.parametrize(("role", "index"), PAGES)
def test_every_page_in_spanish(chromium, daphne_server, settings, role, index):
    site = in_thread(seed_the_site, settings)
    allowed = in_thread(written_words)
    assert len(site[role]) == len(SWEEP[role]), "the sweep changed: update SWEEP"
    cookie = site["cookies"].get(role) if role != "anonymous" else None
    context = spanish_context(chromium, daphne_server, cookie)
    page = context.new_page()
    try:
        response = page.goto(site[role][index])
        page.wait_for_load_state("load")
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == "es"
        assert page.get_by_role("link", name="Ayuda ahora").count() > 0
        assert page.locator("#quick-exit").inner_text() == "Salida rápida"
        violations = [f"{v['id']}: {v['help']}" for v in axe_violations(page)]
        assert violations == []
        assert_no_english(strip_user_text(page.content()), allowed=allowed)
    finally:
        context.close()


def test_the_switcher_goes_to_english_and_back_in_one_tap(chromium, daphne_server):
    context = spanish_context(chromium, daphne_server)
    page = context.new_page()
    try:
        page.goto("/privacy/")
        assert page.locator("html").get_attribute("lang") == "es"
        assert page.get_by_role("heading", level=1).inner_text() == "Tu privacidad"
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/privacy/")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.get_by_role("heading", level=1).inner_text() == "Your privacy"
        page.get_by_role("button", name="Español").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/privacy/")
        assert page.locator("html").get_attribute("lang") == "es"
        assert page.get_by_role("heading", level=1).inner_text() == "Tu privacidad"
    finally:
        context.close()
