from django.db import migrations

from accounts.roles import ROLE_GROUPS

PERMISSION_NAMES = {
    "listen": "Can take live-support chats as a listener",
    "moderate": "Can work the moderation queue",
    "senior_moderate": "Can decide escalated moderation items",
    "operate": "Can configure the community",
}


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    member_type, _ = ContentType.objects.get_or_create(app_label="accounts", model="member")
    permissions = {}
    for codename, name in PERMISSION_NAMES.items():
        permissions[codename], _ = Permission.objects.get_or_create(
            content_type=member_type, codename=codename, defaults={"name": name}
        )
    for group_name, codenames in ROLE_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*(permissions[codename] for codename in codenames))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLE_GROUPS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
