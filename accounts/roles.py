"""The four roles, as Django groups, and the permissions each carries."""

ROLE_GROUPS: dict[str, list[str]] = {
    "member": [],
    "listener": ["listen"],
    "moderator": ["moderate"],
    "senior moderator": ["moderate", "senior_moderate"],
    "operator": ["listen", "moderate", "senior_moderate", "operate"],
}

# Operators administer every model of these apps in the admin.
OPERATOR_MODEL_APPS = ["accounts", "forum", "support", "moderation"]


def sync_role_groups(**kwargs) -> None:
    """Make sure each role group exists with its permissions (idempotent).

    Runs after every migrate (and every test-database flush), so operators also get
    the admin permissions of models added since the roles migration.
    """
    from django.contrib.auth.models import Group, Permission

    role_permissions = {
        permission.codename: permission
        for permission in Permission.objects.filter(
            content_type__app_label="accounts",
            codename__in=["listen", "moderate", "senior_moderate", "operate"],
        )
    }
    for group_name, codenames in ROLE_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *(role_permissions[name] for name in codenames if name in role_permissions)
        )
    operator = Group.objects.get(name="operator")
    operator.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=OPERATOR_MODEL_APPS)
    )
