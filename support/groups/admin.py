"""Operators see and correct local groups here; the groups file stays the source
(load_groups replaces them all). Members' chosen areas are private and deliberately
not in the admin."""

from django.contrib import admin

from support.groups.models import LocalGroup


@admin.register(LocalGroup)
class LocalGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "kind", "example", "last_checked"]
    list_filter = ["country", "kind", "example"]
    search_fields = ["name", "meets"]
