from django.apps import AppConfig


class SignpostingConfig(AppConfig):
    """Resources, the crisis panel and the private check-in: part of support."""

    name = "support.signposting"
    label = "signposting"
    default_auto_field = "django.db.models.BigAutoField"
