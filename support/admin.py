from django.contrib import admin

from support.models import (
    ChatFeedback,
    ChatMessage,
    ListenerNote,
    ListenerStatus,
    Room,
    RoomMembership,
    SupportRequest,
)


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    """Operators create group rooms here; private rooms are opened by accepting."""

    list_display = (
        "__str__",
        "kind",
        "opens_at",
        "closes_at",
        "slow_mode_seconds",
        "ended_at",
    )
    list_filter = ("kind",)
    fields = (
        "kind",
        "name",
        "description",
        "opens_at",
        "closes_at",
        "is_listed",
        "slow_mode_seconds",
        "ended_at",
    )

    def get_changeform_initial_data(self, request):
        return {"kind": Room.Kind.GROUP}


@admin.register(ListenerStatus)
class ListenerStatusAdmin(admin.ModelAdmin):
    list_display = ("listener", "on_duty", "max_chats", "weekly_hours_cap")
    list_filter = ("on_duty",)
    raw_id_fields = ("listener",)


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    list_display = ("pk", "status", "urgent", "created", "accepted_at")
    list_filter = ("status", "urgent")
    raw_id_fields = ("member", "listener")
    readonly_fields = ("created", "updated")


@admin.register(RoomMembership)
class RoomMembershipAdmin(admin.ModelAdmin):
    list_display = ("room", "member", "role", "muted_until", "left_at")
    raw_id_fields = ("room", "member")


@admin.register(ChatFeedback)
class ChatFeedbackAdmin(admin.ModelAdmin):
    list_display = ("room", "helped", "created")
    list_filter = ("helped",)
    raw_id_fields = ("room", "member")


@admin.register(ListenerNote)
class ListenerNoteAdmin(admin.ModelAdmin):
    list_display = ("room", "author", "created")
    raw_id_fields = ("room", "author")


@admin.register(ChatMessage)
class ChatMessageAdmin(admin.ModelAdmin):
    list_display = ("pk", "room", "kind", "status", "created")
    list_filter = ("status", "kind")
    raw_id_fields = ("room", "author")
