"""Local in-person groups: the groups file loads all or nothing, a member's area is
hers alone, a signed-out reader's area lives only in the address, and example
groups never pass for real ones."""

import copy
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import member_erase
from support.groups.models import GroupArea, LocalGroup
from support.groups.services import GroupFileError, groups_load, groups_load_file
from tests.i18n_helpers import assert_no_english
from tests.signposting.conftest import seed_entries
from tests.signposting.spanish import spanish

pytestmark = pytest.mark.django_db

EXAMPLES = (
    Path(__file__).resolve().parents[2] / "support/signposting/data/groups.example.json"
)
# A made-up town, so that finding it on a page can only mean the member's choice.
TOWN = "Wrenfield Magna"


def example_entries() -> list:
    return json.loads(EXAMPLES.read_text(encoding="utf-8"))


def group(**changes) -> dict:
    entry = {
        "name": f"Example: Thursday parents' walk, {TOWN}",
        "kind": "meetup",
        "country": "GB",
        "areas": [TOWN, "WM4"],
        "meets": "Thursdays at ten (example)",
        "contact_url": "https://example.org/groups/gb/thursday-walk",
        "languages": ["en", "pl"],
        "last_checked": "2026-11-30",
        "example": True,
    }
    entry.update(changes)
    return entry


def load(*entries) -> None:
    groups_load(entries=list(entries))


def errors_for(entries) -> list[str]:
    with pytest.raises(GroupFileError) as caught:
        groups_load(entries=entries)
    return caught.value.errors


def groups_page(client, **params):
    return client.get(reverse("support:groups"), params)


# --- Loading ---------------------------------------------------------------------


def test_the_example_file_loads_two_or_three_example_groups_per_demo_country():
    """Each country the help resources cover (INT aside) gets 2 or 3 groups, all
    marked as examples, named as examples, with example.org contacts only."""
    out = StringIO()
    call_command("load_groups", str(EXAMPLES), stdout=out)
    assert f"{len(example_entries())} loaded" in out.getvalue()
    countries = {e["country"] for e in seed_entries()} - {"INT"}
    for country in countries:
        assert 2 <= LocalGroup.objects.filter(country=country).count() <= 3, country
    assert set(LocalGroup.objects.values_list("country", flat=True)) == countries
    for saved in LocalGroup.objects.all():
        assert saved.example and saved.name.startswith("Example")
        assert saved.contact_url.startswith("https://example.org/")
        assert not saved.contact_phone and not saved.contact_email


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"kind": "circle"}, "kind: 'circle' is not one of"),
        ({"country": "INT"}, "country: 'INT' is not a two-letter code"),
        ({"country": "gb"}, "country: 'gb' is not a two-letter code"),
        ({"areas": []}, "areas: must be a list of one or more"),
        ({"areas": "Leeds"}, "areas: must be a list of one or more"),
        ({"areas": ["Leeds", " "]}, "areas: every area must be a name"),
        ({"areas": ["Leeds", "leeds"]}, "areas: an area is repeated"),
        ({"areas": ["LS6 2AB"]}, "areas: 'LS6 2AB' looks like an address"),
        ({"areas": ["12 High Street"]}, "areas: '12 High Street' looks like an"),
        ({"meets": "  "}, "meets: is empty"),
        ({"name": "x" * 201}, "name: is longer than 200 characters"),
        ({"contact_url": ""}, "contact: needs at least one of"),
        ({"contact_url": "example.org/x"}, "contact_url: 'example.org/x' is not"),
        ({"contact_phone": "call us"}, "contact_phone: 'call us' is not a phone"),
        ({"contact_email": "organiser@"}, "contact_email: 'organiser@' is not an"),
        ({"languages": ["english"]}, "languages: unknown code 'english'"),
        ({"languages": "en"}, "languages must be a list of language codes"),
        ({"last_checked": "last week"}, "last_checked: must be a date"),
        ({"example": "yes"}, "example: must be true or false"),
        ({"website": "https://example.org"}, "website: not a field of a group"),
        ({"meets": 10}, "meets: must be text"),
    ],
)
def test_each_wrong_field_is_named_with_its_entry(changes, expected):
    """An error names the entry's index, its name and the field, and says why."""
    entries = [group(name="Example: fine"), group(**changes)]
    errors = errors_for(entries)
    assert len(errors) == 1, errors
    assert errors[0].startswith("entry 1 ")
    assert expected in errors[0]


def test_a_missing_field_and_a_repeated_name_are_named():
    entry = group()
    del entry["last_checked"]
    errors = errors_for([group(), group(), entry, "a group"])
    assert errors == [
        f"entry 1 (Example: Thursday parents' walk, {TOWN}): name: repeats entry 0 "
        "(same country)",
        f"entry 2 (Example: Thursday parents' walk, {TOWN}): last_checked: missing",
        "entry 3: must be an object",
    ]


def test_a_file_that_is_not_a_list_or_not_json_or_absent_is_refused(tmp_path):
    assert errors_for({"groups": []}) == ["the file must hold a JSON list of groups"]
    broken = tmp_path / "groups.json"
    broken.write_text("[{", encoding="utf-8")
    with pytest.raises(GroupFileError, match="not valid JSON"):
        groups_load_file(path=broken)
    with pytest.raises(GroupFileError, match="no file at"):
        groups_load_file(path=tmp_path / "missing.json")


def test_one_wrong_entry_loads_nothing_and_keeps_the_groups_there_were(tmp_path):
    """All or nothing: the command lists every problem and changes nothing."""
    load(group(name="Example: already here"))
    path = tmp_path / "groups.json"
    entries = [group(name="Example: new one"), group(name="Example: b", kind="x")]
    entries.append(group(name="Example: c", last_checked="soon"))
    path.write_text(json.dumps(entries), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("load_groups", str(path), stdout=StringIO(), stderr=err)
    assert "entry 1 (Example: b): kind:" in err.getvalue()
    assert "entry 2 (Example: c): last_checked:" in err.getvalue()
    assert list(LocalGroup.objects.values_list("name", flat=True)) == [
        "Example: already here"
    ]


def test_a_good_file_replaces_every_group():
    load(group(name="Example: old one"), group(name="Example: kept"))
    load(group(name="Example: kept", meets="Fridays now"), group(name="Example: new"))
    assert {g.name: g.meets for g in LocalGroup.objects.all()} == {
        "Example: kept": "Fridays now",
        "Example: new": "Thursdays at ten (example)",
    }


# --- A member's own area ------------------------------------------------------------


def choose(client, value):
    return client.post(reverse("support:group_area"), {"area": value}, follow=True)


def test_a_member_chooses_her_area_and_sees_its_groups(client, member):
    load(group(), group(name="Example: elsewhere", areas=["Otherton"]))
    client.force_login(member)
    page = choose(client, f"GB:{TOWN.upper()}").content.decode()
    assert GroupArea.objects.get(member=member).area == TOWN
    assert f"Groups for {TOWN}, United Kingdom" in page
    assert "Thursday parents&#x27; walk" in page
    assert "Thursdays at ten (example)" in page
    assert "English, Polish" in page
    assert 'href="https://example.org/groups/gb/thursday-walk"' in page
    assert "Example: elsewhere" not in page
    # Kept for her next visit.
    again = groups_page(client)
    assert f"Groups for {TOWN}" in again.content.decode()
    assert "no-store" in again["Cache-Control"]


def test_an_area_not_in_the_list_is_refused(client, member):
    load(group())
    client.force_login(member)
    page = choose(client, "GB:Atlantis").content.decode()
    assert "Please choose an area from the list." in page
    assert not GroupArea.objects.exists()


def test_a_member_can_forget_her_area(client, member):
    load(group())
    client.force_login(member)
    choose(client, f"GB:{TOWN}")
    client.post(reverse("support:group_area"), {"forget": "1"})
    assert not GroupArea.objects.exists()
    assert f"Groups for {TOWN}" not in groups_page(client).content.decode()


def test_her_area_is_never_on_anyone_elses_page_or_a_public_one(
    client, member, other_member
):
    """Another member's groups page doesn't show her choice, nor do public pages."""
    load(group(), group(name="Example: elsewhere", areas=["Otherton"]))
    client.force_login(member)
    choose(client, f"GB:{TOWN}")
    client.logout()
    public = ("home", "forum:spaces", "support:crisis", "support:resources", "privacy")
    for name in public:
        assert TOWN not in client.get(reverse(name)).content.decode(), name
    client.force_login(other_member)
    theirs = groups_page(client).content.decode()
    assert f"Groups for {TOWN}" not in theirs
    assert "selected" not in theirs.split(f'value="GB:{TOWN}"')[1].split(">")[0]
    for url in (reverse("home"), reverse("forum:spaces")):
        assert TOWN not in client.get(url).content.decode(), url


def test_her_area_is_in_her_data_download_and_goes_with_her_account(client, member):
    load(group())
    client.force_login(member)
    choose(client, f"GB:{TOWN}")
    data = json.loads(client.get(reverse("accounts:export")).content)
    assert data["group_area"]["area"] == TOWN
    assert data["group_area"]["country"] == "GB"
    member_erase(member=member)
    assert not GroupArea.objects.exists()


# --- Signed out -----------------------------------------------------------------


def test_signed_out_the_area_in_the_address_shows_groups_and_nothing_is_kept(client):
    load(group())
    response = groups_page(client, area=f"GB:{TOWN}")
    page = response.content.decode()
    assert f"Groups for {TOWN}" in page
    assert "for this visit only" in page
    assert not GroupArea.objects.exists()
    assert "sessionid" not in response.cookies
    assert all(TOWN not in morsel.value for morsel in response.cookies.values())
    # The next visit without the address knows nothing.
    assert f"Groups for {TOWN}" not in groups_page(client).content.decode()


def test_signed_out_an_unknown_area_is_said_plainly(client):
    load(group())
    page = groups_page(client, area="GB:Atlantis").content.decode()
    assert "We couldn't find that area." in page


def test_signed_out_a_reader_cannot_store_an_area(client):
    load(group())
    response = choose(client, f"GB:{TOWN}")
    assert reverse("accounts:sign_in") in response.redirect_chain[-1][0]
    assert not GroupArea.objects.exists()
    get = client.get(reverse("support:group_area"))
    assert get.status_code in {302, 405}


def test_the_page_says_why_there_are_no_private_messages(client):
    page = groups_page(client).content.decode()
    assert "Why Kindred has no private messages" in page
    assert "on purpose" in page


# --- Example groups ---------------------------------------------------------------


def test_every_example_group_shown_is_marked_example_and_a_real_one_is_not(client):
    load(
        group(name="Example: one"),
        group(name="Example: two"),
        group(name="Parents together", example=False),
    )
    page = groups_page(client, area=f"GB:{TOWN}").content.decode()
    items = page.split('<li class="lg-group')[1:]
    assert len(items) == 3
    marked = [item for item in items if "lg-example-badge" in item]
    assert len(marked) == 2
    assert all(">Example</span>" in item for item in marked)
    assert all("It is not a real group." in item for item in marked)
    real = [item for item in items if "Parents together" in item][0]
    assert ">Example</span>" not in real


def test_the_seeded_examples_are_marked_on_the_page(client):
    groups_load_file(path=EXAMPLES)
    page = groups_page(client, area="GB:Leeds").content.decode()
    assert page.count(">Example</span>") == 2


# --- Links, Spanish and queries ------------------------------------------------------


def test_help_pages_and_the_footer_link_the_groups(client):
    url = reverse("support:groups")
    for page in ("support:resources", "support:crisis", "home"):
        assert f'href="{url}"' in client.get(reverse(page)).content.decode(), page


def test_the_page_reads_in_spanish(client, member):
    groups_load_file(path=EXAMPLES)
    client.force_login(member)
    choose(client, "GB:Leeds")
    with spanish():
        page = client.get(reverse("support:groups"), HTTP_ACCEPT_LANGUAGE="es")
    html = page.content.decode()
    assert "Grupos cerca de ti" in html
    assert "Ejemplo" in html
    # The groups' own names and times are facts, written as the file gives them.
    data = tuple(e[key] for e in example_entries() for key in ("name", "meets"))
    assert_no_english(html, allowed=data, main_only=True)


def test_the_page_costs_the_same_queries_for_three_groups_or_thirty(
    client, member, django_assert_max_num_queries
):
    client.force_login(member)
    load(*[group(name=f"Example: {n}") for n in range(3)])
    choose(client, f"GB:{TOWN}")
    with CaptureQueriesContext(connection) as few:
        groups_page(client)
    load(*[group(name=f"Example: {n}") for n in range(30)])
    with django_assert_max_num_queries(len(few)):
        page = groups_page(client)
    assert page.content.decode().count('<li class="lg-group') == 30
    assert len(few) <= 12


def test_a_changed_copy_of_an_entry_does_not_change_the_original():
    """The loader reads entries without changing them (callers may reuse them)."""
    entries = [group()]
    before = copy.deepcopy(entries)
    load(*entries)
    assert entries == before
