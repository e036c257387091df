from django.apps import AppConfig


class SignpostingConfig(AppConfig):
    """Resources, the crisis panel and the private check-in: part of support."""

    name = "support.signposting"
    label = "signposting"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.privacy import register_eraser, register_exporter
        from support.signposting import member_data

        register_exporter("check_ins", member_data.export)
        register_eraser(member_data.erase)

        from moderation.registry import register_open_urls

        # Help stays reachable whatever the state of a member's account.
        register_open_urls("support:crisis", "support:worried")
