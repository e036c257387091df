from django.contrib import admin

from forum import selectors
from forum.models import Reply, Space, Thread


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "requires_approval"]
    list_editable = ["order", "requires_approval"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        # A circle's space comes and goes with its circle (forum.circles).
        return super().get_queryset(request).filter(is_circle=False)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        selectors.forget_spaces()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        selectors.forget_spaces()


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    """Read-only: statuses change through the moderation queue, which keeps the log."""

    list_display = ["title", "space", "status", "reply_count", "last_activity"]
    list_filter = ["status", "space"]
    readonly_fields = [field.name for field in Thread._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin):
    list_display = ["id", "thread", "status", "depth", "created"]
    list_filter = ["status"]
    readonly_fields = [field.name for field in Reply._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
