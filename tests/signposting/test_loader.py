"""load_resources: validates everything first, loads all or nothing, idempotently."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from support.signposting.models import Resource
from support.signposting.services import (
    ResourceFileError,
    resources_load,
    resources_load_file,
)
from tests.signposting.conftest import SEED, seed_entries

pytestmark = pytest.mark.django_db


def run(path) -> str:
    out = StringIO()
    call_command("load_resources", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


def write(tmp_path, data) -> str:
    path = tmp_path / "resources.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


def test_the_shipped_data_loads_with_no_errors():
    """Every entry of the shipped data file loads, and the report says so."""
    output = run(SEED)
    total = len(seed_entries())
    assert Resource.objects.count() == total
    assert f"{total} added, 0 changed, 0 unchanged" in output
    assert "Hours kept as text" in output
    assert "Postpartum Support International (PSI) HelpLine" in output


def test_loading_again_changes_nothing():
    """A second load of the same file reports every entry unchanged."""
    run(SEED)
    output = run(SEED)
    assert f"0 added, 0 changed, {len(seed_entries())} unchanged" in output


def test_an_edited_entry_is_reported_changed_and_updated_in_place():
    """Entries match on country and name: a new phone updates, it doesn't duplicate."""
    entries = seed_entries()
    resources_load(entries=entries)
    entries[7]["phone"] = "116 123 (free)"
    report = resources_load(entries=entries)
    assert report.changed == ["GB: Samaritans"]
    assert Resource.objects.filter(name="Samaritans", country="GB").count() == 1
    assert (
        Resource.objects.get(name="Samaritans", country="GB").phone == "116 123 (free)"
    )


def test_unconfirmed_entries_load_flagged_for_operators():
    """UNCONFIRMED anywhere loads the entry, flagged as needing a check."""
    report = resources_load(entries=seed_entries())
    pandas = Resource.objects.get(name="PANDAS Foundation")
    samaritans = Resource.objects.get(name="Samaritans", country="GB")
    assert pandas.needs_check and "GB: PANDAS Foundation" in report.flagged
    assert not samaritans.needs_check
    assert pandas in Resource.objects.needing_check()
    assert samaritans not in Resource.objects.needing_check()


def test_entries_not_checked_for_a_year_are_flagged():
    """A last_checked date over a year old marks the entry stale."""
    entries = seed_entries()
    entries[7]["last_checked"] = "2020-01-01"
    resources_load(entries=entries)
    samaritans = Resource.objects.get(name="Samaritans", country="GB")
    assert samaritans.stale and samaritans in Resource.objects.needing_check()


def test_time_zones_come_from_the_text_then_the_region_then_the_country():
    """ET/AEST in the text wins; British Columbia gets Vancouver; else the default."""
    resources_load(entries=seed_entries())
    zone = dict(Resource.objects.values_list("name", "time_zone"))
    assert zone["PANDA National Perinatal Mental Health Helpline"] == "Australia/Sydney"
    assert zone["Postpartum Support International (PSI) HelpLine"] == "America/New_York"
    assert zone["Pacific Post Partum Support Society (British Columbia)"] == (
        "America/Vancouver"
    )
    assert zone["Samaritans Ireland"] == "Europe/Dublin"
    assert zone["Shine Helpline"] == "Pacific/Auckland"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"not": "a list"}, "must hold a JSON list"),
        ([{"country": "GB", "kind": "crisis"}], "entry 0: missing name"),
        (
            [{"country": "GB", "name": "X", "kind": "hotline", "phone": "1"}],
            "entry 0 (X): kind 'hotline' is not one of",
        ),
        (
            [{"country": "Britain", "name": "X", "kind": "crisis", "phone": "1"}],
            "country 'Britain' is not a two-letter code or INT",
        ),
        (
            [{"country": "GB", "name": "X", "kind": "crisis"}],
            "needs at least one of phone, sms or url",
        ),
        (
            [
                {
                    "country": "GB",
                    "name": "X",
                    "kind": "crisis",
                    "url": "javascript:alert(1)",
                }
            ],
            "is not an http(s) address",
        ),
        (
            [{"country": "GB", "name": "X", "kind": "crisis", "phone": 999}],
            "phone must be text or null",
        ),
        (
            [
                {
                    "country": "GB",
                    "name": "X",
                    "kind": "crisis",
                    "phone": "1",
                    "colour": "red",
                }
            ],
            "unknown keys colour",
        ),
        (
            [
                {
                    "country": "GB",
                    "name": "X",
                    "kind": "crisis",
                    "phone": "1",
                    "time_zone": "Mars/Base",
                }
            ],
            "not an IANA time zone",
        ),
        (
            [
                {"country": "GB", "name": "X", "kind": "crisis", "phone": "1"},
                {"country": "GB", "name": "X", "kind": "text", "sms": "2"},
            ],
            "entry 1 (X): repeats entry 0",
        ),
        (["just text"], "entry 0: must be an object"),
    ],
)
def test_malformed_files_are_refused_with_the_entry_and_reason(
    tmp_path, data, expected
):
    """Each bad entry is named by index and reason; nothing is loaded."""
    with pytest.raises(ResourceFileError) as refused:
        resources_load_file(path=write(tmp_path, data))
    assert any(expected in error for error in refused.value.errors), (
        refused.value.errors
    )
    assert Resource.objects.count() == 0


def test_one_bad_entry_among_good_ones_loads_nothing(tmp_path):
    """All or nothing: a single bad entry keeps every good one out too."""
    entries = seed_entries()
    entries[30]["kind"] = "unknown"
    with pytest.raises(ResourceFileError) as refused:
        resources_load_file(path=write(tmp_path, entries))
    assert refused.value.errors == [
        "entry 30 (1800RESPECT): kind 'unknown' is not one of emergency, crisis, "
        "perinatal, text, abuse, professional"
    ]
    assert Resource.objects.count() == 0


def test_a_bad_reload_leaves_the_previous_data_untouched(tmp_path):
    """A refused file changes nothing that was loaded before."""
    resources_load(entries=seed_entries())
    entries = seed_entries()
    entries[7]["phone"] = "000"
    entries.append({"country": "GB", "name": "", "kind": "crisis", "phone": "1"})
    with pytest.raises(ResourceFileError):
        resources_load_file(path=write(tmp_path, entries))
    assert Resource.objects.get(name="Samaritans", country="GB").phone == "116 123"


def test_the_command_reports_errors_and_fails(tmp_path):
    """The command prints each problem and exits with an error."""
    err = StringIO()
    with pytest.raises(CommandError, match="was not loaded: 1 problem"):
        call_command(
            "load_resources",
            str(write(tmp_path, "[{oops")),
            stdout=StringIO(),
            stderr=err,
        )
    assert "not valid JSON" in err.getvalue()
    with pytest.raises(CommandError):
        call_command(
            "load_resources",
            str(tmp_path / "missing.json"),
            stdout=StringIO(),
            stderr=StringIO(),
        )


def test_dialable_links_keep_the_display_text():
    """tel: and sms: links hold digits only; the page shows the number as written."""
    resources_load(entries=seed_entries())
    hotline = Resource.objects.get(
        name="National Maternal Mental Health Hotline (HRSA)"
    )
    assert hotline.tel_href == "tel:18338526262"
    assert hotline.phone_number == "1-833-852-6262"
    assert hotline.phone_note == "(1-833-TLC-MAMA)"
    assert hotline.not_for_crisis
    text_line = Resource.objects.get(name="Crisis Text Line")
    assert text_line.sms_href == "sms:741741?body=HOME" and text_line.tel_href == ""
    pandas = Resource.objects.get(name="PANDAS Foundation")
    assert "UNCONFIRMED" not in pandas.phone_note
    assert "UNCONFIRMED" not in pandas.hours_display


def test_operators_can_filter_resources_needing_a_check_in_the_admin(admin_client):
    """The admin's "needs check" filter lists UNCONFIRMED or stale entries only."""
    resources_load(entries=seed_entries())
    response = admin_client.get(
        "/admin/signposting/resource/", {"needs_check": "yes", "country": "GB"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "PANDAS Foundation" in html
    assert ">Samaritans<" not in html


def test_the_admin_refuses_malformed_structured_hours(admin_client):
    """Editing hours in the admin is validated like the loader's."""
    resources_load(entries=seed_entries())
    resource = Resource.objects.get(name="Samaritans", country="GB")
    response = admin_client.post(
        f"/admin/signposting/resource/{resource.pk}/change/",
        {
            "country": "GB",
            "kind": "crisis",
            "name": "Samaritans",
            "phone": "116 123",
            "hours": '{"weekly": [{"days": [9], "open": "09:00", "close": "17:00"}]}',
            "time_zone": "Europe/London",
            "position": 7,
            "languages": "[]",
        },
    )
    assert response.status_code == 200
    assert "weekday numbers 0-6" in response.content.decode()
    resource.refresh_from_db()
    assert resource.hours == {"always": True}
