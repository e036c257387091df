from django.apps import AppConfig


class ListenerTrainingConfig(AppConfig):
    """Becoming a listener: the application, the lessons, a senior moderator's
    approval and the supervised first chat; and a listener's wellbeing (hours,
    nights in a row, debriefs). Part of support: listening is support's."""

    name = "support.training"
    label = "listener_training"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.privacy import register_eraser, register_exporter
        from support.training import member_data

        register_exporter("becoming_a_listener", member_data.export)
        register_eraser(member_data.erase)
