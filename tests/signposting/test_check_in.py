"""The private check-in: recording, advice, the crisis panel on a self-harm yes,
privacy, deleting, export, the history chart, and loaded questionnaires."""

import csv
import io
import json

import pytest
from django.contrib import admin
from django.urls import reverse

from support.signposting.models import CheckIn, Questionnaire
from support.signposting.questionnaires import QuestionnaireError, validate_definition
from support.signposting.services import check_in_create, questionnaire_load

pytestmark = pytest.mark.django_db

CALM = {
    "mood": "4",
    "sleep": "yes",
    "enjoy": "usual",
    "worry": "sometimes",
    "overwhelmed": "never",
    "support": "yes",
    "low_for": "not_low",
    "self_harm": "no",
}


def answers(**changes) -> dict:
    return {**CALM, **changes}


def test_a_check_in_is_recorded_and_shows_plain_advice(client, seeded, member):
    """A finished check-in is saved and the result gives next steps, not a score."""
    client.force_login(member)
    response = client.post(
        reverse("support:check_in"),
        answers(mood="2", low_for="two_weeks_or_more", enjoy="none"),
        follow=True,
    )
    entry = CheckIn.objects.get(member=member)
    assert entry.mood == 2 and entry.answers["low_for"] == "two_weeks_or_more"
    html = response.content.decode()
    assert "two weeks or more" in html and "health visitor" in html
    assert "isn't a diagnosis" in html
    assert "score" not in html.lower()
    assert 'class="crisis-panel' not in html


@pytest.mark.parametrize("answer", ["sometimes", "often"])
def test_a_self_harm_yes_shows_the_crisis_panel_every_time(
    client, seeded, make_member, answer
):
    """Whatever else is answered, yes to self-harm thoughts shows the panel at once."""
    member = make_member(country="GB")
    client.force_login(member)
    for mood in ("5", "3", "1"):
        response = client.post(
            reverse("support:check_in"),
            answers(mood=mood, self_harm=answer),
            follow=True,
        )
        html = response.content.decode()
        assert 'class="crisis-panel' in html
        assert html.index('class="crisis-panel') < html.index(
            "Some things that might help"
        )
        assert 'href="tel:999"' in html
    assert CheckIn.objects.filter(member=member, self_harm_thoughts=True).count() == 3


def test_a_self_harm_no_shows_perinatal_lines_not_the_panel(
    client, seeded, make_member
):
    """Without a self-harm yes the result lists the parents' lines for the country."""
    client.force_login(make_member(country="US"))
    html = client.post(
        reverse("support:check_in"), answers(), follow=True
    ).content.decode()
    assert 'class="crisis-panel' not in html
    assert "National Maternal Mental Health Hotline" in html


def test_missing_answers_keep_what_was_typed_and_mark_the_gaps(client, member):
    """An incomplete check-in saves nothing and keeps the answers given."""
    client.force_login(member)
    data = answers()
    del data["worry"]
    response = client.post(reverse("support:check_in"), data)
    assert response.status_code == 200
    assert CheckIn.objects.count() == 0
    html = response.content.decode()
    assert "Choose an answer" in html
    assert 'value="often" name="self_harm"' not in html
    assert 'name="sleep" value="yes"' in html or 'value="yes"' in html


def test_check_in_needs_signing_in(client):
    """Signed-out visitors are sent to sign in."""
    response = client.get(reverse("support:check_in"))
    assert response.status_code == 302 and "sign-in" in response.url


def test_check_ins_are_invisible_to_other_members_and_moderators(
    client, seeded, member, other_member, moderator, operator
):
    """Another member, a moderator or an operator gets 404 for someone's check-in."""
    entry = _make(member)
    for viewer in (other_member, moderator, operator):
        client.force_login(viewer)
        assert (
            client.get(reverse("support:check_in_result", args=[entry.pk])).status_code
            == 404
        )
        assert (
            client.post(reverse("support:check_in_delete", args=[entry.pk])).status_code
            == 404
        )
        history = client.get(reverse("support:check_in_history")).content.decode()
        assert reverse("support:check_in_result", args=[entry.pk]) not in history
        export = client.get(reverse("support:check_in_export_json")).json()
        assert export == {"check_ins": []}
    assert CheckIn.objects.filter(pk=entry.pk).exists()


def test_check_ins_are_not_in_the_admin():
    """No admin page lists members' check-ins."""
    assert CheckIn not in admin.site._registry


def _make(member, mood=3, **changes):
    base = {k: v for k, v in CALM.items() if k != "mood"}
    return check_in_create(member=member, mood=mood, answers={**base, **changes})


def test_members_can_delete_one_check_in(client, member):
    """Delete removes just that check-in."""
    first, second = _make(member, 2), _make(member, 4)
    client.force_login(member)
    client.post(reverse("support:check_in_delete", args=[first.pk]))
    assert list(CheckIn.objects.filter(member=member)) == [second]


def test_delete_all_needs_confirming(client, member, other_member):
    """Delete all asks for a tick first, and only touches the member's own."""
    _make(member), _make(member), _make(other_member)
    client.force_login(member)
    client.post(reverse("support:check_in_delete_all"))
    assert CheckIn.objects.filter(member=member).count() == 2
    client.post(reverse("support:check_in_delete_all"), {"confirm": "yes"})
    assert CheckIn.objects.filter(member=member).count() == 0
    assert CheckIn.objects.filter(member=other_member).count() == 1


def test_export_as_json_and_csv(client, member):
    """A member can take every check-in with them, as JSON or CSV."""
    _make(member, 2, self_harm="often")
    _make(member, 5)
    client.force_login(member)
    data = client.get(reverse("support:check_in_export_json")).json()["check_ins"]
    assert [row["mood"] for row in data] == [2, 5]
    assert data[0]["thoughts_of_self_harm"] is True
    response = client.get(reverse("support:check_in_export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["mood"] for row in rows] == ["2", "5"]
    assert json.loads(rows[0]["answers"])["self_harm"] == "often"


def test_history_chart_is_an_svg_with_a_table_behind_it(client, member):
    """The chart is server-rendered SVG styled by classes, with a data table, and
    the page's query count doesn't grow with the number of check-ins."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _make(member, 2)
    client.force_login(member)
    url = reverse("support:check_in_history")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for mood in (1, 3, 5):
        _make(member, mood)
    with CaptureQueriesContext(connection) as four:
        response = client.get(url)
    assert len(four) == len(one)
    html = response.content.decode()
    assert '<svg class="sp-chart-svg"' in html and 'role="img"' in html
    assert "<polyline" in html and html.count("<circle") == 4
    assert "style=" not in html[html.index("<svg") : html.index("</svg>")]
    assert "<table" in html and html.count("<tr>") == 5
    assert "Very low" in html and "Good" in html


def test_history_is_empty_for_a_new_member(client, member):
    """No check-ins: no chart, a kind line instead."""
    client.force_login(member)
    html = client.get(reverse("support:check_in_history")).content.decode()
    assert "<svg class" not in html and "No check-ins yet." in html


# --- Loaded questionnaires ---------------------------------------------------------


def test_an_invented_questionnaire_loads_and_scores_with_reverse_items(
    client, seeded, member, invented_questionnaire
):
    """A loaded questionnaire scores reversed items and shows its band and citation."""
    questionnaire, created = questionnaire_load(data=invented_questionnaire)
    assert created
    client.force_login(member)
    url = reverse("support:questionnaire", args=[questionnaire.slug])
    page = client.get(url).content.decode()
    assert "I felt calm." in page and "Invented for Kindred" in page
    response = client.post(
        url,
        {"item_calm": "Never", "item_tired": "Often", "item_dark": "Never"},
        follow=True,
    )
    entry = CheckIn.objects.get(member=member)
    assert entry.total == 4  # calm reversed: Never scores 2; tired Often 2; dark 0
    html = response.content.decode()
    assert "A heavy week" in html and "not a diagnosis" in html
    assert "Invented for Kindred" in html
    assert 'class="crisis-panel' not in html


def test_a_positive_crisis_item_shows_the_panel_whatever_the_total(
    client, seeded, make_member, invented_questionnaire
):
    """Even with the lowest band, a positive self-harm item shows the crisis panel."""
    questionnaire, _ = questionnaire_load(data=invented_questionnaire)
    client.force_login(make_member(country="AU"))
    response = client.post(
        reverse("support:questionnaire", args=[questionnaire.slug]),
        {"item_calm": "Often", "item_tired": "Never", "item_dark": "Sometimes"},
        follow=True,
    )
    html = response.content.decode()
    assert "A fairly gentle week" in html
    assert 'class="crisis-panel' in html and 'href="tel:000"' in html


def test_the_questionnaire_command_loads_a_file(tmp_path, invented_questionnaire):
    """load_questionnaire validates and saves; loading again updates."""
    from django.core.management import call_command

    path = tmp_path / "q.json"
    path.write_text(json.dumps(invented_questionnaire))
    out = io.StringIO()
    call_command("load_questionnaire", str(path), stdout=out)
    assert "Added questionnaire" in out.getvalue()
    call_command("load_questionnaire", str(path), stdout=out)
    assert "Updated questionnaire" in out.getvalue()
    assert Questionnaire.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda q: q.pop("citation"), "citation is missing"),
        (lambda q: q.update(slug="Has Spaces"), "slug may hold only"),
        (
            lambda q: q["items"].append({"id": "calm", "text": "again"}),
            "id 'calm' repeats",
        ),
        (
            lambda q: q.update(
                crisis_item={"id": "nope", "positive_options": ["Often"]}
            ),
            "which is not an item",
        ),
        (
            lambda q: q["crisis_item"].update(positive_options=["Always"]),
            "'Always' is not one of that item's options",
        ),
        (lambda q: q["thresholds"][1].update(min=4), "gap at total 3"),
        (lambda q: q["thresholds"][1].update(max=5), "must cover totals 0 to 6"),
        (
            lambda q: q["options"][0].update(weight="zero"),
            "weight must be a whole number",
        ),
        (
            lambda q: q["items"][0].update(reverse="yes"),
            "reverse must be true or false",
        ),
        (lambda q: q.pop("options"), "has no options and there are no default options"),
    ],
)
def test_the_questionnaire_loader_refuses_bad_files(
    invented_questionnaire, change, expected
):
    """Each problem is named; nothing is saved."""
    change(invented_questionnaire)
    errors = validate_definition(invented_questionnaire)
    assert any(expected in error for error in errors), errors
    with pytest.raises(QuestionnaireError):
        questionnaire_load(data=invented_questionnaire)
    assert Questionnaire.objects.count() == 0
