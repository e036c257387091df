"""The crisis panel, the help, resources and worried pages, the country choice and
contextual cards."""

import pytest
import time_machine
from django.urls import reverse

from core.models import DailyCount
from support.signposting import countries, presentation, selectors
from support.signposting.models import Resource
from support.signposting.services import resources_load
from tests.signposting.conftest import SIX_COUNTRIES, seed_entries

pytestmark = pytest.mark.django_db


def panel_html(response) -> str:
    html = response.content.decode()
    start = html.index('class="crisis-panel')
    return html[start:]


@pytest.mark.parametrize(("country", "number"), SIX_COUNTRIES.items())
def test_help_page_shows_the_country_emergency_number_first(
    client, seeded, country, number
):
    """The first number in the panel is the emergency number, with a tel: link."""
    response = client.get(reverse("support:crisis"), {"country": country})
    html = panel_html(response)
    first_tel = html.index('href="tel:')
    assert html[first_tel:].startswith(f'href="tel:{number}"')
    assert "data-first-number" in html[: html.index("</a>", first_tel)]


@pytest.mark.parametrize("country", SIX_COUNTRIES)
def test_panel_offers_one_round_the_clock_crisis_option_that_is_for_crises(
    seeded, country
):
    """After the emergency number comes one 24/7 line that is for crises."""
    panel = selectors.crisis_panel_context(country)
    crisis = panel["crisis"]
    assert crisis is not None and crisis.status.state == "always"
    assert not crisis.resource.not_for_crisis
    assert crisis.resource.tel_href or crisis.resource.sms_href
    assert panel["emergency"].resource.kind == Resource.Kind.EMERGENCY


def test_us_panel_puts_988_before_the_maternal_hotline(seeded):
    """The maternal hotline says it isn't a crisis line, so 988 comes first."""
    panel = selectors.crisis_panel_context("US")
    assert panel["crisis"].resource.name == "988 Suicide & Crisis Lifeline"
    names = [line.resource.name for line in panel["perinatal_now"]]
    assert names[0] == "National Maternal Mental Health Hotline (HRSA)"


def test_gb_panel_follows_the_data_file_order_within_a_kind(seeded):
    """Samaritans is listed first among GB crisis lines, so it is the crisis option."""
    assert selectors.crisis_panel_context("GB")["crisis"].resource.name == "Samaritans"


def test_each_appearance_is_counted_without_content(client, seeded):
    """Showing the panel adds one to today's count; nothing else is stored."""
    client.get(reverse("support:crisis"))
    client.get(reverse("support:crisis"))
    presentation.crisis_panel_html("GB")
    count = DailyCount.objects.get(name="crisis_panel_shown")
    assert count.count == 3


def test_perinatal_lines_open_now_flip_with_the_clock_in_their_own_zone(seeded):
    """PANDA (Mon-Fri 9am-7:30pm Sydney time) is open now only inside those hours."""
    panda = "PANDA National Perinatal Mental Health Helpline"
    # Tuesday 10:00 in Sydney (AEDT, UTC+11) is Monday 23:00 UTC.
    with time_machine.travel("2025-01-13T23:00:00+00:00", tick=False):
        open_names = [
            line.resource.name
            for line in selectors.crisis_panel_context("AU")["perinatal_now"]
        ]
    assert panda in open_names
    # Tuesday 21:00 in Sydney is 10:00 UTC: closed, shown later with its opening time.
    with time_machine.travel("2025-01-14T10:00:00+00:00", tick=False):
        panel = selectors.crisis_panel_context("AU")
    assert panda not in [line.resource.name for line in panel["perinatal_now"]]
    later = next(line for line in panel["more"] if line.resource.name == panda)
    assert later.status_text == "Closed now. Opens 9am tomorrow (AEDT)"


def test_hours_that_could_not_be_read_are_shown_as_text_never_open(seeded):
    """A line with unknown hours shows its hours in words, not "open now"."""
    panel = selectors.crisis_panel_context("AU")
    gidget = next(
        line for line in panel["more"] if line.resource.name.startswith("Gidget")
    )
    assert not gidget.is_open
    assert "Open" not in gidget.status_text


def test_signed_in_members_see_their_own_country(client, seeded, make_member):
    """A member's country setting decides the panel."""
    client.force_login(make_member(country="NZ"))
    response = client.get(reverse("support:crisis"))
    assert response.context["crisis"]["country"] == "NZ"


def test_picking_a_country_is_remembered_for_members(client, seeded, member):
    """The picker updates the member's country setting."""
    client.force_login(member)
    client.get(reverse("support:crisis"), {"country": "IE"})
    member.refresh_from_db()
    assert member.country == "IE"
    assert client.get(reverse("support:crisis")).context["crisis"]["country"] == "IE"


def test_picking_a_country_is_remembered_in_a_cookie_when_signed_out(client, seeded):
    """Signed out, the choice lives in a cookie."""
    response = client.get(reverse("support:crisis"), {"country": "CA"})
    assert response.cookies[countries.COUNTRY_COOKIE].value == "CA"
    assert client.get(reverse("support:crisis")).context["crisis"]["country"] == "CA"


def test_the_browser_language_region_is_the_first_guess(client, seeded):
    """en-AU in Accept-Language shows Australia; an unknown region falls back."""
    response = client.get(
        reverse("support:crisis"), HTTP_ACCEPT_LANGUAGE="en-AU,en;q=0.8"
    )
    assert response.context["crisis"]["country"] == "AU"
    response = client.get(reverse("support:crisis"), HTTP_ACCEPT_LANGUAGE="fr-FR")
    assert response.context["crisis"]["country"] == "INT"


def test_default_country_setting_is_used_when_nothing_else_says(
    client, seeded, settings
):
    """With no member, cookie or browser region, DEFAULT_COUNTRY decides."""
    settings.DEFAULT_COUNTRY = "GB"
    assert client.get(reverse("support:crisis")).context["crisis"]["country"] == "GB"


def test_a_made_up_country_is_ignored(client, seeded):
    """?country= only accepts countries we list."""
    response = client.get(reverse("support:crisis"), {"country": "<script>"})
    assert response.context["crisis"]["country"] == "INT"
    assert countries.COUNTRY_COOKIE not in response.cookies


def test_a_country_without_lines_gets_the_international_ones(seeded):
    """A member in a country we don't list still gets 112 and international help."""
    panel = selectors.crisis_panel_context("FR")
    assert not panel["has_local"]
    assert panel["emergency"].resource.phone_number == "112"
    assert panel["crisis"].resource.country == "INT"


def test_the_panel_links_to_live_support_and_the_worried_page(client, seeded):
    """ "I need someone now" and the worried page are one tap from the panel."""
    html = panel_html(client.get(reverse("support:crisis"), {"country": "GB"}))
    assert f'href="{reverse("support:request_start")}"' in html
    assert f'href="{reverse("support:worried")}"' in html
    assert "Reaching out is the right thing to do" in html


def test_help_page_works_without_javascript_and_is_small(client, seeded):
    """The help page loads no script of its own and stays small."""
    response = client.get(reverse("support:crisis"), {"country": "US"})
    html = response.content.decode()
    assert "signposting-" not in html
    assert len(response.content) < 40_000


def test_help_page_query_count_stays_small(
    client, seeded, django_assert_max_num_queries
):
    """Resources are read once, then cached: the panel adds only its count."""
    client.get(reverse("support:crisis"), {"country": "GB"})
    with django_assert_max_num_queries(12):
        client.get(reverse("support:crisis"), {"country": "GB"})


def test_resources_page_groups_by_kind_with_international_fallback(client, seeded):
    """Every kind has a heading, and the international list is always there."""
    response = client.get(reverse("support:resources"), {"country": "IE"})
    html = response.content.decode()
    for label in ("Emergency services", "Crisis lines", "Abuse and safety at home"):
        assert label in html
    assert "International, wherever you are" in html
    assert "Befrienders Worldwide" in html
    assert 'href="tel:1800247247"' in html
    assert 'href="sms:51444?body=HELP"' in html


def test_worried_page_lists_psychosis_and_body_warning_signs(client, seeded):
    """The worried page names postpartum psychosis and the body warning signs."""
    html = client.get(reverse("support:worried"), {"country": "GB"}).content.decode()
    assert "postpartum psychosis" in html
    for sign in (
        "severe headache",
        "vision",
        "fainting",
        "fever",
        "trouble breathing",
        "chest pain",
        "heavy bleeding",
    ):
        assert sign in html
    assert 'href="tel:999"' in html


def test_contextual_cards_match_categories_to_kinds_in_one_query(
    seeded, django_assert_num_queries
):
    """Cards choose the right kind of help for the reader's country, cached."""
    with django_assert_num_queries(1):
        cards = selectors.contextual_cards_for(
            ["intrusive_thoughts", "abuse", "made_up", "abuse"], "GB"
        )
    assert [card["category"] for card in cards] == ["intrusive_thoughts", "abuse"]
    assert cards[0]["lines"][0].resource.kind == "perinatal"
    assert cards[1]["lines"][0].resource.kind == "abuse"
    with django_assert_num_queries(0):
        selectors.contextual_cards_for(["suicidal_thoughts"], "GB")


def test_abuse_cards_offer_a_text_option(seeded):
    """Where talking isn't safe, the abuse card includes a way to text."""
    card = selectors.contextual_cards_for(["abuse"], "US")[0]
    assert any(line.resource.sms_href for line in card["lines"])


def test_worry_for_someone_else_gets_its_own_card_with_crisis_lines(seeded):
    """A writer worried about a friend is offered lines that advise the people
    around someone at risk, and the emergency number, not lines about herself."""
    card = selectors.contextual_cards_for(["worried_about_someone"], "GB")[0]
    assert card["category"] == "worried_about_someone"
    assert "Worried about someone" in str(card["title"])
    kinds = {line.resource.kind for line in card["lines"]}
    assert kinds and kinds <= {"crisis", "emergency"}


def test_contextual_card_template_is_calm_and_dismissible(seeded):
    """The card is a <details> (folds away without JS) with a gentle title."""
    card = selectors.contextual_cards_for(["intrusive_thoughts"], "AU")[0]
    html = presentation.contextual_card_html(card)
    assert html.startswith("<details") and " open " in html
    assert "Scary, unwanted thoughts are common" in html
    assert "js/signposting-cards.js" in html


def test_loading_new_data_refreshes_cached_lists(
    seeded, django_capture_on_commit_callbacks
):
    """Cached resource lists are dropped when resources are loaded again."""
    selectors.crisis_panel_context("GB")
    entries = seed_entries()
    entries[15]["phone"] = "999"
    with django_capture_on_commit_callbacks(execute=True):
        resources_load(entries=entries)
    panel = selectors.crisis_panel_context("GB")
    assert panel["emergency"].resource.phone == "999"
