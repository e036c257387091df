"""Signposting in a real browser: the right emergency number first for each country,
the check-in with a self-harm yes, and an accessibility scan of the help page."""

import pytest

from support.signposting.services import resources_load
from tests.e2e.conftest import axe_violations, in_thread, sign_in
from tests.signposting.conftest import SIX_COUNTRIES, seed_entries

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def browser_member(make_member, pseudonym: str, **fields):
    """A member the Daphne process can sign in (it doesn't know the tests' fast
    hasher), created off Playwright's thread."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    def create():
        member = make_member(pseudonym, **fields)
        hasher = PBKDF2PasswordHasher()
        member.password = hasher.encode(
            "a long kind password", hasher.salt(), iterations=1000
        )
        member.save(update_fields=["password"])
        return member

    return in_thread(create)


@pytest.fixture
def resources(transactional_db):
    """The shipped resources (requested first, so the test database exists before
    the browser's event loop starts)."""
    in_thread(resources_load, entries=seed_entries())


def first_number(page):
    link = page.locator(".crisis-panel a[href^='tel:']").first
    return link.get_attribute("href"), link.inner_text()


def test_each_country_sees_its_emergency_number_first(resources, new_page, make_member):
    """Members set to US, GB, CA see their number first; AU, IE, NZ pick it."""
    for country, number in SIX_COUNTRIES.items():
        page = new_page(width=390)
        if country in {"US", "GB", "CA"}:
            browser_member(make_member, f"Parent in {country}", country=country)
            sign_in(page, f"Parent in {country}")
            page.goto("/support/help/")
        else:
            page.goto("/support/help/")
            page.get_by_label("Show help for").select_option(country)
            page.get_by_role("button", name="Show").click()
            page.wait_for_load_state()
        assert page.locator(".crisis-panel").get_attribute("data-country") == country
        href, text = first_number(page)
        assert href == f"tel:{number}", country
        assert text.strip() == f"Call {number}"
        page.context.close()


def test_picked_country_is_remembered_on_the_next_visit(resources, new_page):
    """Signed out, the picked country comes back from a cookie."""
    page = new_page()
    page.goto("/support/help/?country=NZ")
    page.goto("/support/resources/")
    assert page.locator("#kind-emergency").count() == 1
    assert page.locator("a[href='tel:111']").count() >= 1
    assert page.get_by_label("Show help for").input_value() == "NZ"


def test_check_in_with_a_self_harm_yes_shows_the_crisis_panel(
    resources, new_page, make_member
):
    """Answering yes to the self-harm question shows the panel, with tel: links."""
    browser_member(make_member, "Tired Sparrow", country="IE")
    page = new_page(width=320)
    sign_in(page, "Tired Sparrow")
    page.goto("/support/check-in/")
    page.get_by_label("Low", exact=True).check()
    page.get_by_label("Some of the time").check()
    page.get_by_label("A bit less than usual").check()
    worry = page.locator("fieldset", has_text="worried, anxious")
    worry.get_by_label("Often").check()
    overwhelmed = page.locator("fieldset", has_text="too much to cope")
    overwhelmed.get_by_label("Now and then").check()
    page.get_by_label("Sort of").check()
    page.get_by_label("Less than two weeks").check()
    page.get_by_label("Yes, sometimes").check()
    page.get_by_role("button", name="Finish check-in").click()
    page.wait_for_load_state()
    assert page.locator(".crisis-panel").is_visible()
    href, _ = first_number(page)
    assert href == "tel:112"
    page.goto("/support/check-in/history/")
    assert page.locator("svg.sp-chart-svg").is_visible()
    assert page.locator("table.sp-history tbody tr").count() == 1


def test_help_page_passes_an_accessibility_scan(resources, new_page):
    """No serious or critical axe violations on the help page."""
    page = new_page()
    page.goto("/support/help/?country=GB")
    assert axe_violations(page) == []


def test_the_waiting_pages_offer_appears_after_the_wait_and_its_panel_counts_once(
    new_page, daphne_server, resources, make_member
):
    """The script reveals the "while you wait" offer when it is due and tells the
    server, which counts its crisis panel once."""
    import time
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from core.models import DailyCount
    from support import services
    from support.models import SupportRequest
    from tests.e2e.signing_in import signed_in_page

    def ask_nearly_due(member):
        waiting = services.request_create(member=member, chips=["lonely"])
        due_in = settings.SUPPORT_OFFER_HELP_AFTER_SECONDS - 2
        SupportRequest.objects.filter(pk=waiting.pk).update(
            created=timezone.now() - timedelta(seconds=due_in)
        )
        return waiting

    def panels_shown() -> int:
        row = DailyCount.objects.filter(name="crisis_panel_shown").first()
        return row.count if row else 0

    member = in_thread(make_member, "Waiting Wren", country="GB")
    waiting = in_thread(ask_nearly_due, member)
    page = signed_in_page(new_page, daphne_server, member)
    page.goto(waiting.get_absolute_url())
    offer = page.locator("#support-offer")
    assert offer.is_hidden()
    assert in_thread(panels_shown) == 0
    offer.wait_for(state="visible", timeout=10_000)
    deadline = time.monotonic() + 10
    while in_thread(panels_shown) == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert in_thread(panels_shown) == 1
    page.reload()
    offer.wait_for(state="visible")
    assert in_thread(panels_shown) == 1
