"""Operators manage members' roles here. Email addresses are never listed or shown."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.models import Member


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("pseudonym", "roles", "is_active", "date_joined", "last_login")
    list_filter = ("groups", "is_active", "is_staff")
    search_fields = ("pseudonym",)
    ordering = ("pseudonym",)
    filter_horizontal = ("groups",)
    readonly_fields = (
        "pseudonym",
        "date_joined",
        "last_login",
        "guidelines_version",
        "guidelines_accepted_at",
        "age_confirmed_at",
        "pseudonym_changed_at",
    )
    fieldsets = (
        (None, {"fields": ("pseudonym", "is_active")}),
        (
            _("Roles"),
            {
                "fields": ("groups",),
                "description": _(
                    "Listener, moderator, senior moderator or operator. Operators "
                    "also get access to this admin."
                ),
            },
        ),
        (
            _("History"),
            {
                "fields": (
                    "date_joined",
                    "last_login",
                    "guidelines_version",
                    "guidelines_accepted_at",
                    "age_confirmed_at",
                    "pseudonym_changed_at",
                )
            },
        ),
    )

    @admin.display(description=_("roles"))
    def roles(self, member: Member) -> str:
        return ", ".join(group.name for group in member.groups.all()) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def has_add_permission(self, request) -> bool:
        # Members join themselves; the first operator comes from createsuperuser.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Removing a member is an erasure (settings), never a row deletion.
        return False

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        services.member_sync_staff(member=form.instance)
