from django.contrib import admin

from moderation.models import (
    Appeal,
    AuditEntry,
    Decision,
    MemberStanding,
    MessageTemplate,
    ModeratorNote,
    Notice,
    Report,
    ReviewItem,
    Sanction,
)


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["key", "description", "updated"]
    search_fields = ["key", "description", "body"]
    readonly_fields = ["key", "updated"]
    fields = ["key", "description", "body", "updated"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = ["created", "actor_label", "kind", "target_type", "target_id"]
    list_filter = ["kind", "created"]
    search_fields = ["actor_label", "target_id", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}


class ReadOnlyAdmin(admin.ModelAdmin):
    """Moderation records change through the queue, so every change is audited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewItem)
class ReviewItemAdmin(ReadOnlyAdmin):
    list_display = [
        "pk",
        "kind",
        "object_id",
        "status",
        "view",
        "level",
        "score",
        "opened_at",
    ]
    list_filter = ["status", "view", "level", "kind"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["created", "item", "action", "guideline", "moderator"]
    list_filter = ["action", "guideline"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["created", "item", "guideline", "outcome"]
    list_filter = ["outcome", "guideline"]


@admin.register(Sanction)
class SanctionAdmin(ReadOnlyAdmin):
    list_display = ["created", "member", "kind", "ends_at", "lifted_at"]
    list_filter = ["kind"]


admin.site.register(Appeal, ReadOnlyAdmin)
admin.site.register(ModeratorNote, ReadOnlyAdmin)
admin.site.register(Notice, ReadOnlyAdmin)
admin.site.register(MemberStanding, ReadOnlyAdmin)
