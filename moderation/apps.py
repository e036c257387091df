from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.privacy import register_exporter
        from moderation import member_data

        register_exporter("moderation", member_data.export)

        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        from moderation import registry
        from moderation.services.screening import (
            PREMODERATION,
            PREMODERATION_EXPLANATION,
        )
        from moderation.signals import audit_role_change

        registry.register_members()
        registry.register_hold_reason(PREMODERATION, PREMODERATION_EXPLANATION)
        m2m_changed.connect(
            audit_role_change,
            sender=get_user_model().groups.through,
            dispatch_uid="moderation.audit_role_change",
        )
        import moderation.checks  # noqa: F401 (registers the system checks)
