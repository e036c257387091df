"""Operators edit the listener lessons here (or reload the file with load_lessons).
Applications and debriefs are handled on the moderators' own pages."""

from django.contrib import admin

from support.training.models import Lesson


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("order", "slug")
    list_display_links = ("slug",)
    ordering = ("order", "slug")
