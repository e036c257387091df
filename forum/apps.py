from django.apps import AppConfig
from django.utils.translation import gettext_lazy, pgettext_lazy


class ForumConfig(AppConfig):
    name = "forum"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.privacy import register_eraser, register_exporter
        from forum import member_data

        register_exporter("forum", member_data.export)
        register_eraser(member_data.erase)

        from forum import moderation_hooks as hooks
        from forum.models import Reply, Thread
        from moderation.registry import Moderatable, register, register_hold_reason

        register(
            Moderatable(
                kind="thread",
                model=Thread,
                snapshot=hooks.thread_snapshot,
                set_status=hooks.set_status,
                apply_edit=hooks.apply_edit,
                can_view=hooks.can_view_thread,
                counts_toward_trust=True,
                premoderated=True,
                label=gettext_lazy("thread"),
            )
        )
        register(
            Moderatable(
                kind="reply",
                model=Reply,
                snapshot=hooks.reply_snapshot,
                set_status=hooks.set_status,
                apply_edit=hooks.apply_edit,
                can_view=hooks.can_view_reply,
                counts_toward_trust=True,
                premoderated=True,
                label=pgettext_lazy("a forum post", "reply"),
            )
        )
        # forum.services holds new threads in spaces that approve them.
        register_hold_reason(
            "space_approval",
            gettext_lazy("New threads in this space need a moderator's approval."),
            label=gettext_lazy("Space approval"),
        )
