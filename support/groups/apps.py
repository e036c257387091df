from django.apps import AppConfig


class LocalGroupsConfig(AppConfig):
    """Local in-person groups (data an operator loads) and each member's own
    private choice of area: part of support, beside the help resources."""

    name = "support.groups"
    label = "local_groups"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.privacy import register_eraser, register_exporter
        from support.groups import member_data

        register_exporter("group_area", member_data.export)
        register_eraser(member_data.erase)
