"""Roles are groups with exactly their permissions; operators assign them."""

from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.roles import ROLE_GROUPS, operator_app_labels, sync_role_groups

PROJECT_ROOT = Path(__file__).resolve().parents[2]

ROLE_CODENAMES = {"listen", "moderate", "senior_moderate", "operate"}
EXPECTED_ROLE_PERMISSIONS = {
    "member": set(),
    "listener": {"listen"},
    "moderator": {"moderate"},
    "senior moderator": {"moderate", "senior_moderate"},
    "operator": {"listen", "moderate", "senior_moderate", "operate"},
}
EXPECTED_CAN = {
    "member": {},
    "listener": {"listen"},
    "moderator": {"moderate"},
    "senior moderator": {"moderate", "senior_moderate"},
    "operator": {"listen", "moderate", "senior_moderate", "operate"},
}


def role_codenames(group: Group) -> set[str]:
    return set(
        group.permissions.filter(
            content_type__app_label="accounts", codename__in=ROLE_CODENAMES
        ).values_list("codename", flat=True)
    )


@pytest.mark.django_db
def test_every_role_group_exists_with_exactly_its_role_permissions():
    """The migration and post-migrate sync create the five groups, no more rights."""
    assert set(ROLE_GROUPS) == set(EXPECTED_ROLE_PERMISSIONS)
    for name, expected in EXPECTED_ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        assert role_codenames(group) == expected, name


@pytest.mark.django_db
def test_only_operators_hold_model_permissions_and_all_of_them():
    """Non-operator roles carry nothing else; operators administer every app model."""
    for name in ("member", "listener", "moderator", "senior moderator"):
        group = Group.objects.get(name=name)
        assert (
            set(group.permissions.values_list("codename", flat=True))
            == (EXPECTED_ROLE_PERMISSIONS[name])
        ), name
    operator = Group.objects.get(name="operator")
    app_permissions = set(
        Permission.objects.filter(content_type__app_label__in=operator_app_labels())
    )
    assert app_permissions <= set(operator.permissions.all())
    assert not operator.permissions.filter(content_type__app_label="auth").exists()


def project_app_configs():
    """This repository's apps: those whose top-level package is one of its folders."""
    return [
        config
        for config in apps.get_app_configs()
        if (PROJECT_ROOT / config.name.split(".")[0] / "__init__.py").is_file()
    ]


def test_operators_administer_exactly_the_projects_own_apps():
    """Every app of the project, nested ones included, and no app of Django's or
    of a third party's."""
    expected = sorted(config.label for config in project_app_configs())
    assert "signposting" in expected and "auth" not in expected
    assert operator_app_labels() == expected


@pytest.mark.django_db
def test_operators_hold_every_admin_permission_of_every_project_model():
    """After migrate, the operator group can add, change, delete and view every model
    of every project app, help resources and questionnaires included."""
    operator = Group.objects.get(name="operator")
    held = {
        (app_label, codename)
        for app_label, codename in operator.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    missing = [
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for config in project_app_configs()
        for model in config.get_models()
        for action in model._meta.default_permissions
        if (model._meta.app_label, f"{action}_{model._meta.model_name}") not in held
    ]
    assert missing == []
    assert operator.permissions.filter(
        content_type__app_label="signposting", codename="change_resource"
    ).exists()


@pytest.mark.django_db
def test_syncing_roles_twice_changes_nothing():
    """sync_role_groups is idempotent."""
    before = {g.name: set(g.permissions.all()) for g in Group.objects.all()}
    sync_role_groups()
    sync_role_groups()
    after = {g.name: set(g.permissions.all()) for g in Group.objects.all()}
    assert before == after


@pytest.mark.parametrize("role", list(EXPECTED_CAN))
def test_member_can_answers_for_each_role(make_member, role):
    """member.can(action) is True exactly for the role's actions."""
    person = make_member(roles=[role])
    for action in ROLE_CODENAMES:
        assert person.can(action) is (action in EXPECTED_CAN[role]), (role, action)


def test_role_properties_follow_can(listener, moderator, operator, member):
    """is_listener / is_moderator / is_operator mirror can()."""
    assert listener.is_listener and not listener.is_moderator
    assert moderator.is_moderator and not moderator.is_listener
    assert operator.is_operator and operator.is_listener and operator.is_moderator
    assert not (member.is_listener or member.is_moderator or member.is_operator)


def test_deactivated_members_can_do_nothing(make_member):
    """An inactive operator holds no role."""
    person = make_member(roles=["operator"], is_active=False)
    assert not person.can("operate")


def test_unknown_actions_raise(member):
    """A typo in an action name fails loudly instead of quietly denying."""
    with pytest.raises(ValueError):
        member.can("delete_everything")


def test_superusers_can_everything(make_member):
    """createsuperuser makes an operator with every right."""
    from accounts.models import Member

    root = Member.objects.create_superuser("First Keeper", "a long kind password")
    assert root.is_staff and root.is_superuser
    assert all(root.can(action) for action in ROLE_CODENAMES)


# --- Admin ---------------------------------------------------------------------------


def test_operators_search_members_by_pseudonym_and_never_see_email(
    client, operator, make_member
):
    """The member list searches by pseudonym; email appears nowhere in the admin."""
    make_member("Early Lark", email="lark-secret@example.org")
    client.force_login(operator)
    listing = client.get("/admin/accounts/member/?q=lark")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "Early Lark" in html
    assert "Quiet Heron" not in html
    assert "lark-secret@example.org" not in html
    lark = make_member("Late Lark", email="late-secret@example.org")
    change = client.get(f"/admin/accounts/member/{lark.pk}/change/")
    assert change.status_code == 200
    assert "late-secret@example.org" not in change.content.decode()
    assert 'name="email"' not in change.content.decode()


def test_operators_assign_roles_in_the_admin(client, operator, make_member):
    """Adding a member to the moderator group gives them the moderate permission;
    making someone an operator also lets them into the admin."""
    person = make_member("Early Lark")
    client.force_login(operator)
    moderator_group = Group.objects.get(name="moderator")
    operator_group = Group.objects.get(name="operator")
    response = client.post(
        f"/admin/accounts/member/{person.pk}/change/",
        {"is_active": "on", "groups": [moderator_group.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person = type(person).objects.get(pk=person.pk)
    assert person.can("moderate") and not person.can("operate")
    assert not person.is_staff
    client.post(
        f"/admin/accounts/member/{person.pk}/change/",
        {"is_active": "on", "groups": [operator_group.pk]},
    )
    person = type(person).objects.get(pk=person.pk)
    assert person.is_staff and person.can("operate")


def test_members_and_moderators_cannot_reach_the_member_admin(client, moderator):
    """The admin is for operators only."""
    client.force_login(moderator)
    response = client.get("/admin/accounts/member/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_the_admin_neither_adds_nor_deletes_members(client, operator):
    """Members join themselves and leave by erasure, never by row deletion."""
    client.force_login(operator)
    assert client.get("/admin/accounts/member/add/").status_code == 403
    assert (
        client.get(f"/admin/accounts/member/{operator.pk}/delete/").status_code == 403
    )


def set_role(*args: str) -> str:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("set_role", *args, stdout=out)
    return out.getvalue()


def test_set_role_command_adds_and_removes_roles(make_member, operator):
    """Operators without the admin can assign roles from the command line."""
    from django.core.management import CommandError

    person = make_member("Early Lark")
    by = ["--by", operator.pseudonym]
    assert "Early Lark: listener" in set_role("early lark", "listener", *by)
    person = type(person).objects.get(pk=person.pk)
    assert person.can("listen") and not person.is_staff
    set_role("Early Lark", "operator", *by)
    assert type(person).objects.get(pk=person.pk).is_staff
    set_role("Early Lark", "operator", "--remove", *by)
    person = type(person).objects.get(pk=person.pk)
    assert not person.is_staff and person.can("listen")
    with pytest.raises(CommandError):
        set_role("Nobody Here", "listener", *by)


def test_set_role_names_the_operator_and_the_command_line_in_the_audit_log(
    client, make_member, operator, monkeypatch
):
    """The audit log says which operator changed the role, and that it was done on
    the server's command line by which system user; the audit page shows both."""
    from moderation.models import AuditEntry

    monkeypatch.setattr("getpass.getuser", lambda: "night-shift")
    person = make_member("Early Lark")
    set_role("Early Lark", "moderator", "--by", operator.pseudonym.upper())
    entry = AuditEntry.objects.get(kind="role_changed", target_id=str(person.pk))
    assert entry.actor == operator and entry.actor_label == operator.pseudonym
    assert entry.after == {"added": ["moderator"]}
    assert "command line" in entry.reason and "night-shift" in entry.reason
    client.force_login(operator)
    page = client.get(reverse("moderation:audit")).content.decode()
    assert operator.pseudonym in page and "night-shift" in page


def test_a_superuser_may_change_roles_from_the_command_line(make_member):
    """The first operator, made with createsuperuser, can hand out roles."""
    from accounts.models import Member

    Member.objects.create_superuser("Head Gardener", "a long kind password")
    person = make_member("Early Lark")
    set_role("Early Lark", "listener", "--by", "Head Gardener")
    assert type(person).objects.get(pk=person.pk).can("listen")


@pytest.mark.parametrize(
    "by, complaint",
    [
        ("Nobody Here", "No active member"),
        ("Steady Mod", "not an operator"),
        ("Quiet Member", "not an operator"),
        ("Gone Operator", "No active member"),
    ],
)
def test_set_role_refuses_anyone_but_an_active_operator_as_by(
    make_member, by, complaint
):
    """--by must name an active operator; nothing changes and nothing is logged
    otherwise."""
    from django.core.management import CommandError

    from moderation.models import AuditEntry

    make_member("Steady Mod", roles=["moderator"])
    make_member("Quiet Member")
    make_member("Gone Operator", roles=["operator"], is_active=False)
    person = make_member("Early Lark")
    logged = AuditEntry.objects.count()
    with pytest.raises(CommandError, match=complaint):
        set_role("Early Lark", "listener", "--by", by)
    assert not type(person).objects.get(pk=person.pk).can("listen")
    assert AuditEntry.objects.count() == logged


def test_set_role_needs_by(make_member):
    """Without --by the command refuses: every role change has someone behind it."""
    from django.core.management import CommandError

    make_member("Early Lark")
    with pytest.raises(CommandError, match="--by"):
        set_role("Early Lark", "listener")
