from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "support"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.privacy import register_eraser, register_exporter
        from support import member_data

        register_exporter("live_support", member_data.export)
        register_eraser(member_data.erase)

        from moderation.registry import (
            Moderatable,
            register,
            register_live_support_urls,
            register_open_urls,
        )
        from support import moderation_hooks as hooks
        from support.models import ChatMessage, Room, SupportRequest

        register(
            Moderatable(
                kind="chat_message",
                model=ChatMessage,
                snapshot=hooks.message_snapshot,
                set_status=hooks.set_status,
                apply_edit=hooks.apply_edit,
                can_view=hooks.can_view_message,
            )
        )
        register(
            Moderatable(
                kind="support_request",
                model=SupportRequest,
                snapshot=hooks.request_snapshot,
                can_view=hooks.can_view_request,
            )
        )
        register(
            Moderatable(
                kind="chat_room",
                model=Room,
                snapshot=hooks.room_snapshot,
                can_view=hooks.can_view_room,
            )
        )
        # A suspended or banned member asking for someone is told plainly whether
        # live chat is open to her (and shown the help lines when it is not) ...
        register_open_urls("support:request_start")
        # ... and, while her sanction leaves live support open, can ask, wait and
        # talk with her listener.
        register_live_support_urls(
            "support:request_start",
            "support:request_wait",
            "support:request_cancel",
            "support:request_offer_shown",
            "support:room",
            "support:room_end",
            "support:room_feedback",
            "support:room_delete",
        )
