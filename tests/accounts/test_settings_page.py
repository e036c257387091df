"""The settings page: separate forms, each keeping what was typed on error."""

import json

import pytest
import time_machine
from django.urls import reverse

from accounts import privacy, services
from accounts.content_notes import ContentNote
from accounts.models import Member, RecoveryCode

URL = "/accounts/settings/"
PASSWORD = "a long kind password"


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


def test_settings_need_sign_in(client, db):
    """Signed-out visitors are sent to sign in, and come back after."""
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/sign-in/?next=/accounts/settings/")


def test_the_settings_page_renders_every_form_in_few_queries(
    signed_in, django_assert_max_num_queries
):
    """One page, six separate forms, a handful of queries."""
    # The account part is one query; the rest is the shared header (session, member,
    # permissions and the other areas' navigation).
    with django_assert_max_num_queries(12):
        response = signed_in.get(URL)
    html = response.content.decode()
    for action in ("preferences", "pseudonym", "password", "email", "codes", "delete"):
        assert f'name="action" value="{action}"' in html
    assert 'value="INT"' in html and 'value="GB"' in html
    assert "Download my data" in html


def test_changing_the_pseudonym_records_when_and_waits_30_days(signed_in, member):
    """A second change inside 30 days is refused; after that it's allowed."""
    with time_machine.travel("2026-05-01 12:00", tick=False):
        response = signed_in.post(
            URL, {"action": "pseudonym", "name-pseudonym": "Calm  Tide"}
        )
        assert response.status_code == 302
        member.refresh_from_db()
        assert member.pseudonym == "Calm Tide"
        assert member.pseudonym_changed_at is not None
        assert (
            "You can change it again from 31 May 2026"
            in signed_in.get(URL).content.decode()
        )
        response = signed_in.post(
            URL, {"action": "pseudonym", "name-pseudonym": "Calm Moss"}
        )
        assert "changed your pseudonym recently" in response.content.decode()
    with time_machine.travel("2026-06-01 12:00", tick=False):
        response = signed_in.post(
            URL, {"action": "pseudonym", "name-pseudonym": "Calm Moss"}
        )
        assert response.status_code == 302
    member.refresh_from_db()
    assert member.pseudonym == "Calm Moss"


def test_a_refused_pseudonym_keeps_what_was_typed(signed_in, member, other_member):
    """Taken and reserved names are refused next to the field, with the value kept."""
    response = signed_in.post(
        URL, {"action": "pseudonym", "name-pseudonym": "gentle otter"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="gentle otter"' in html
    assert "already uses that pseudonym" in html
    response = signed_in.post(
        URL, {"action": "pseudonym", "name-pseudonym": "Head Moderator"}
    )
    assert "mistaken for the Kindred team" in response.content.decode()
    member.refresh_from_db()
    assert member.pseudonym == "Quiet Heron"
    assert member.pseudonym_changed_at is None


def test_changing_the_password_needs_the_current_one_and_keeps_me_signed_in(
    signed_in, member
):
    """Wrong current password is refused; a right one changes it without signing out."""
    data = {
        "action": "password",
        "password-current_password": "wrong password here",
        "password-new_password1": "another kind password",
        "password-new_password2": "another kind password",
    }
    response = signed_in.post(URL, data)
    assert "isn&#x27;t your current password" in response.content.decode()
    data["password-current_password"] = PASSWORD
    assert signed_in.post(URL, data).status_code == 302
    member.refresh_from_db()
    assert member.check_password("another kind password")
    assert signed_in.get(URL).status_code == 200


def test_email_can_be_added_and_removed_but_is_never_shown(signed_in, member):
    """The address is saved for resets only: the page never prints it."""
    response = signed_in.post(
        URL,
        {
            "action": "email",
            "email-email": "me@example.org",
            "email-current_password": PASSWORD,
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "me@example.org"
    assert "me@example.org" not in signed_in.get(URL).content.decode()
    signed_in.post(
        URL, {"action": "email", "email-email": "", "email-current_password": PASSWORD}
    )
    member.refresh_from_db()
    assert member.email == ""


def test_a_bad_email_keeps_what_was_typed(signed_in, member):
    """Errors show next to the field with the typed value."""
    response = signed_in.post(
        URL,
        {
            "action": "email",
            "email-email": "not-an-email",
            "email-current_password": PASSWORD,
        },
    )
    html = response.content.decode()
    assert 'value="not-an-email"' in html
    assert 'id="id_email-email_error"' in html


def test_preferences_save_country_theme_and_content_notes(signed_in, member):
    """Country (for helplines), night mode and collapsed content notes are saved."""
    response = signed_in.post(
        URL,
        {
            "action": "preferences",
            "prefs-country": "IE",
            "prefs-theme": "dark",
            "prefs-collapsed_content_notes": [
                ContentNote.BABY_LOSS,
                ContentNote.SELF_HARM,
            ],
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.country == "IE"
    assert member.theme == Member.Theme.DARK
    assert member.collapsed_content_notes == [
        ContentNote.BABY_LOSS,
        ContentNote.SELF_HARM,
    ]
    assert 'data-theme="dark"' in signed_in.get(URL).content.decode()


def test_an_unknown_country_is_refused(signed_in, member):
    """Only countries from the list are accepted."""
    response = signed_in.post(
        URL, {"action": "preferences", "prefs-country": "XX", "prefs-theme": "light"}
    )
    assert "prefs-country" in response.content.decode()
    assert "country" in response.context["forms"]["preferences"].errors
    member.refresh_from_db()
    assert member.country == ""


def test_regenerating_codes_needs_the_password_and_shows_the_new_set_once(
    signed_in, member
):
    """A fresh set replaces the old; the codes page shows it once."""
    old = services.recovery_codes_issue(member=member)
    refused = signed_in.post(
        URL, {"action": "codes", "codes-current_password": "nope nope"}
    )
    assert refused.status_code == 200
    assert RecoveryCode.objects.filter(member=member).count() == 8
    response = signed_in.post(
        URL, {"action": "codes", "codes-current_password": PASSWORD}
    )
    assert response.url == reverse("accounts:recovery_codes")
    html = signed_in.get(response.url).content.decode()
    assert not any(code in html for code in old)
    assert html.count("<code>") == 8
    hashes = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert hashes.isdisjoint({services.recovery_code_hash(code) for code in old})


def test_download_my_data_includes_every_registered_section(signed_in, member):
    """The export is JSON with the account and whatever other apps registered."""
    privacy.register_exporter("garden", lambda who: {"pseudonym_seen": who.pseudonym})
    try:
        response = signed_in.get(reverse("accounts:export"))
    finally:
        privacy.unregister_exporter("garden")
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["pseudonym"] == "Quiet Heron"
    assert data["garden"] == {"pseudonym_seen": "Quiet Heron"}


def test_the_export_needs_sign_in(client, db):
    assert client.get(reverse("accounts:export")).status_code == 302


def test_deleting_the_account_needs_the_password_and_the_checkbox(signed_in, member):
    """Without both, nothing is erased."""
    response = signed_in.post(
        URL, {"action": "delete", "delete-current_password": PASSWORD}
    )
    assert "delete-confirm" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active


def test_deleting_the_account_erases_identity_and_runs_every_eraser(
    signed_in, make_member
):
    """Email and pseudonym go, the account is deactivated, other apps erase theirs."""
    member = make_member("Hazel Finch", email="hazel@example.org", country="GB")
    services.recovery_codes_issue(member=member)
    signed_in.force_login(member)
    erased = []
    eraser = erased.append
    privacy.register_eraser(eraser)
    try:
        response = signed_in.post(
            URL,
            {
                "action": "delete",
                "delete-current_password": PASSWORD,
                "delete-confirm": "on",
            },
        )
    finally:
        privacy.unregister_eraser(eraser)
    assert response.status_code == 302
    member.refresh_from_db()
    assert [who.pk for who in erased] == [member.pk]
    assert member.email == "" and member.country == ""
    assert member.pseudonym.startswith("Former member ")
    assert not member.is_active
    assert not member.has_usable_password()
    assert not RecoveryCode.objects.filter(member=member).exists()
    assert "_auth_user_id" not in signed_in.session
    assert not Member.objects.filter(pseudonym="Hazel Finch").exists()


def test_an_eraser_that_fails_leaves_the_account_untouched(signed_in, member):
    """Erasure is all or nothing."""

    def broken(who):
        raise RuntimeError("storage offline")

    privacy.register_eraser(broken)
    try:
        with pytest.raises(RuntimeError):
            services.member_erase(member=member)
    finally:
        privacy.unregister_eraser(broken)
    member.refresh_from_db()
    assert member.pseudonym == "Quiet Heron"
    assert member.is_active


def test_an_unknown_action_just_shows_the_page(signed_in):
    """A forged action name changes nothing."""
    assert signed_in.post(URL, {"action": "nonsense"}).status_code == 200


def test_the_header_theme_toggle_remembers_night_mode_for_members(signed_in, member):
    """The toggle saves the choice in settings for a member."""
    response = signed_in.post(
        "/theme/", {"current": "system", "next": "/accounts/settings/"}
    )
    assert response.url == "/accounts/settings/"
    member.refresh_from_db()
    assert member.theme == "dark"
    signed_in.post("/theme/", {"current": "dark", "next": "/"})
    member.refresh_from_db()
    assert member.theme == "light"


def test_the_theme_toggle_uses_a_cookie_when_signed_out_and_refuses_other_sites(
    client, db
):
    """Signed-out visitors get a cookie; next= can't leave the site."""
    response = client.post(
        "/theme/", {"current": "light", "next": "https://evil.example/"}
    )
    assert response.url == "/"
    assert response.cookies["kindred_theme"].value == "dark"
    assert 'data-theme="dark"' in client.get("/guidelines/").content.decode()
    assert client.get("/theme/").status_code == 405


def test_settings_lead_to_the_members_own_check_ins_reports_and_notices(
    signed_in, member
):
    html = signed_in.get(URL).content.decode()
    for name in (
        "support:check_in_history",
        "moderation:my_reports",
        "moderation:notices",
    ):
        assert f'href="{reverse(name)}"' in html
