from django.apps import AppConfig


class CirclesConfig(AppConfig):
    """Small, steady groups of members, each with its own forum space: part of the
    forum, beside it the way local groups sit beside support."""

    name = "forum.circles"
    label = "circles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.privacy import register_eraser, register_exporter
        from forum.circles import member_data

        register_exporter("circles", member_data.export)
        register_eraser(member_data.erase)
