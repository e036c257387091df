"""Help lines in the reader's language: the languages each line answers in, checked
on loading; lines that answer in the reader's language first; an "English only"
note for readers of another language; opening times worded in Spanish."""

import time_machine
from django.urls import reverse
from django.utils import translation

from support.signposting import selectors
from support.signposting.models import Resource
from support.signposting.selectors.resources import kind_rank
from support.signposting.services import validate_resource_entries
from tests.signposting.conftest import seed_entries
from tests.signposting.spanish import spanish

GOOD = {
    "country": "US",
    "name": "A line invented for tests",
    "kind": "crisis",
    "phone": "555 0100",
}


def errors_for(**changes) -> list[str]:
    return validate_resource_entries([{**GOOD, **changes}])


# --- Loading ------------------------------------------------------------------------


def test_languages_are_optional_and_take_iso_codes():
    """No languages at all, or a list of two-letter codes, load."""
    assert errors_for() == []
    assert errors_for(languages=["en", "es"]) == []
    assert errors_for(languages=[]) == []
    assert errors_for(languages=["en", "fr", "iu"], interpreters=True) == []


def test_languages_that_are_not_a_list_of_codes_are_refused_with_a_reason():
    """Each bad value names its entry and says what a good one looks like."""
    (text,) = errors_for(languages="en")
    assert text.startswith("entry 0 (A line invented for tests): languages must be")
    assert '["en", "es"]' in text
    (mixed,) = errors_for(languages=["en", 7])
    assert "languages must be a list of language codes" in mixed


def test_unknown_language_codes_are_named():
    """Codes that aren't ISO 639-1 (a country, a typo, upper case) are refused."""
    (text,) = errors_for(languages=["en", "sp", "MX"])
    assert "unknown code 'sp', 'MX'" in text
    assert "ISO 639-1" in text
    assert errors_for(languages=["es", "es"]) == [
        "entry 0 (A line invented for tests): languages: a code is repeated"
    ]


def test_interpreters_must_be_true_or_false():
    (text,) = errors_for(interpreters="yes")
    assert "interpreters must be true or false" in text


def test_the_shipped_lines_say_what_their_own_descriptions_say(seeded):
    """Every shipped entry states its languages; Spanish only where its data says
    so, French in Canada where it says so, none for the international entries."""
    assert all("languages" in entry for entry in seed_entries())
    spanish_lines = {r.name for r in Resource.objects.all() if "es" in r.languages}
    assert spanish_lines == {
        "988 Suicide & Crisis Lifeline",
        "National Maternal Mental Health Hotline (HRSA)",
        "Postpartum Support International (PSI) HelpLine",
        "SAMHSA National Helpline",
    }
    assert Resource.objects.get(name="9-8-8 Suicide Crisis Helpline").languages == [
        "en",
        "fr",
    ]
    assert Resource.objects.get(name="Crisis Text Line").languages == ["en"]
    assert Resource.objects.get(name="National Domestic Violence Hotline").interpreters
    assert all(r.languages == [] for r in Resource.objects.filter(country="INT"))


# --- Order ----------------------------------------------------------------------


def names(lines) -> list[str]:
    return [line.resource.name for line in lines]


def test_a_spanish_reader_in_the_us_sees_spanish_answering_lines_first(seeded):
    """In every kind of the directory and in the crisis panel's lists."""
    with spanish():
        directory = selectors.directory_context("US")
        panel = selectors.crisis_panel_context("US")
        perinatal = selectors.perinatal_lines("US")
    for group in directory["groups"]:
        answers = ["es" in line.resource.languages for line in group["lines"]]
        assert answers == sorted(answers, reverse=True), group["kind"]
    perinatal_names = names(perinatal)
    assert perinatal_names[0] in {
        "National Maternal Mental Health Hotline (HRSA)",
        "Postpartum Support International (PSI) HelpLine",
    }
    assert "es" in panel["crisis"].resource.languages
    more = [("es" in line.resource.languages) for line in panel["more"]]
    assert more == sorted(more, reverse=True)
    assert more[0] is True


def test_an_english_readers_order_is_unchanged(seeded):
    """Every line answers in English: each kind keeps its own order."""
    with translation.override("en"):
        directory = selectors.directory_context("US")
    for group in directory["groups"]:
        resources = [line.resource for line in group["lines"]]
        assert resources == sorted(resources, key=kind_rank)
        assert all(line.language_note == "" for line in group["lines"])


def test_spanish_lines_keep_the_crisis_panel_shape(seeded):
    """The emergency number still comes first and one crisis option is offered."""
    with spanish():
        panel = selectors.crisis_panel_context("US")
    assert panel["emergency"].resource.phone_number == "911"
    assert panel["crisis"].resource.name == "988 Suicide & Crisis Lifeline"


# --- Notes --------------------------------------------------------------------------


def note_for(name: str, country: str = "US") -> str:
    lines = [
        line
        for group in selectors.directory_context(country)["groups"]
        for line in group["lines"]
    ]
    return next(line.language_note for line in lines if line.resource.name == name)


def test_a_spanish_reader_is_told_which_lines_answer_in_english_only(seeded):
    with spanish():
        assert note_for("Crisis Text Line") == "Solo en inglés"
        assert note_for("Samaritans", "GB") == "Solo en inglés"
        assert note_for("988 Suicide & Crisis Lifeline") == ""
        # It says it answers in 200+ languages, without naming them.
        assert note_for("National Domestic Violence Hotline") == (
            "Atiende en muchos idiomas"
        )
        # An emergency number is never labelled: call it anyway.
        assert note_for("Emergency services") == ""


def test_an_english_reader_sees_no_language_notes(seeded):
    with translation.override("en"):
        assert note_for("Crisis Text Line") == ""
        assert note_for("9-8-8 Suicide Crisis Helpline", "CA") == ""


def test_the_note_is_on_the_help_page(client, seeded, make_member):
    client.force_login(make_member(country="US"))
    with spanish():
        page = client.get(reverse("support:crisis")).content.decode()
    assert "Solo en inglés" in page
    with translation.override("en"):
        page = client.get(reverse("support:crisis")).content.decode()
    assert "Solo en inglés" not in page and "English only" not in page


# --- Opening times ------------------------------------------------------------------

PANDA = "PANDA National Perinatal Mental Health Helpline"


def panda_status() -> str:
    panel = selectors.crisis_panel_context("AU")
    lines = panel["perinatal_now"] + panel["more"]
    return next(line.status_text for line in lines if line.resource.name == PANDA)


def test_opening_times_today_tomorrow_and_a_weekday_in_spanish(seeded):
    """PANDA opens 9am Sydney time on weekdays and Saturdays."""
    with spanish():
        # Wednesday 07:00 in Sydney.
        with time_machine.travel("2025-01-14T20:00:00+00:00", tick=False):
            assert panda_status() == "Cerrado ahora. Abre hoy a las 09:00 (AEDT)"
        # Tuesday 21:00 in Sydney.
        with time_machine.travel("2025-01-14T10:00:00+00:00", tick=False):
            assert panda_status() == "Cerrado ahora. Abre mañana a las 09:00 (AEDT)"
        # Saturday 17:00 in Sydney: next open on Monday.
        with time_machine.travel("2025-01-18T06:00:00+00:00", tick=False):
            assert panda_status() == "Cerrado ahora. Abre el lunes a las 09:00 (AEDT)"
        # Tuesday 10:00 in Sydney: open until 7:30pm.
        with time_machine.travel("2025-01-13T23:00:00+00:00", tick=False):
            assert panda_status() == "Abierto ahora, hasta las 19:30 AEDT"


def test_opening_times_in_english_are_as_before(seeded):
    with translation.override("en"):
        with time_machine.travel("2025-01-14T20:00:00+00:00", tick=False):
            assert panda_status() == "Closed now. Opens 9am today (AEDT)"
        with time_machine.travel("2025-01-18T06:00:00+00:00", tick=False):
            assert panda_status() == "Closed now. Opens 9am Monday (AEDT)"
        with time_machine.travel("2025-01-13T23:00:00+00:00", tick=False):
            assert panda_status() == "Open now, until 7:30pm AEDT"
