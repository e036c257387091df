from django.contrib import admin

from forum.circles.models import Circle, CircleKind


@admin.register(CircleKind)
class CircleKindAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "by_birth_month", "capacity", "order", "active"]
    list_editable = ["order", "active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Circle)
class CircleAdmin(admin.ModelAdmin):
    """Read-only: members join and leave through the circles pages."""

    list_display = ["id", "kind", "birth_month", "number", "time_zone", "closed_at"]
    list_filter = ["kind"]
    readonly_fields = [field.name for field in Circle._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
