"""The four roles, as Django groups, and the permissions each carries."""

import sys
from pathlib import Path

ROLE_GROUPS: dict[str, list[str]] = {
    "member": [],
    "listener": ["listen"],
    "moderator": ["moderate"],
    "senior moderator": ["moderate", "senior_moderate"],
    "operator": ["listen", "moderate", "senior_moderate", "operate"],
}


def operator_app_labels() -> list[str]:
    """Labels of the apps operators administer in the admin: every app of this
    project, and none of Django's or third parties'.

    Derived from where the installed apps live rather than listed, so an app added
    (or one nested in another, such as support.signposting) is never forgotten.
    """
    from django.apps import apps
    from django.conf import settings

    root = Path(settings.BASE_DIR).resolve()
    return sorted(
        config.label
        for config in apps.get_app_configs()
        if _inside_project(Path(config.path).resolve(), root)
    )


def _inside_project(path: Path, root: Path) -> bool:
    if not path.is_relative_to(root):
        return False
    # The Python environment may sit inside the project (a .venv): what is
    # installed there, in site-packages or as an editable checkout, isn't ours.
    environment = Path(sys.prefix).resolve()
    if environment != root and environment.is_relative_to(root):
        if path.is_relative_to(environment):
            return False
    return not {"site-packages", "dist-packages"} & set(path.relative_to(root).parts)


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
        *Permission.objects.filter(content_type__app_label__in=operator_app_labels())
    )
