"""Operators edit resources and questionnaires here. Check-ins are private to each
member and are deliberately not in the admin."""

from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from support.signposting import hours, services
from support.signposting.models import Questionnaire, Resource


class NeedsCheckFilter(admin.SimpleListFilter):
    title = _("needs check")
    parameter_name = "needs_check"

    def lookups(self, request, model_admin):
        return [
            ("yes", _("Needs check (UNCONFIRMED or a year old)")),
            ("no", _("Checked")),
        ]

    def queryset(self, request, queryset):
        flagged = Resource.objects.needing_check().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=flagged)
        if self.value() == "no":
            return queryset.exclude(pk__in=flagged)
        return queryset


class ResourceForm(forms.ModelForm):
    url = forms.URLField(required=False, assume_scheme="https", max_length=300)

    class Meta:
        model = Resource
        fields = [
            "country",
            "kind",
            "name",
            "phone",
            "sms",
            "url",
            "hours_text",
            "hours",
            "time_zone",
            "languages",
            "interpreters",
            "description",
            "not_for_crisis",
            "source",
            "last_checked",
        ]

    def clean_languages(self):
        value = self.cleaned_data.get("languages") or []
        errors = services.language_errors(value)
        if errors:
            raise forms.ValidationError(errors)
        return value

    def clean_hours(self):
        value = self.cleaned_data.get("hours")
        try:
            hours.validate(value)
        except hours.HoursError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return value or None

    def clean_time_zone(self):
        value = self.cleaned_data["time_zone"]
        if not hours.valid_zone(value):
            raise forms.ValidationError(
                _("Use an IANA time zone such as Europe/London.")
            )
        return value


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    form = ResourceForm
    list_display = ("name", "country", "kind", "hours_known", "last_checked", "checked")
    list_filter = (NeedsCheckFilter, "country", "kind")
    search_fields = ("name", "phone", "sms", "description")
    actions = ["mark_checked_today"]

    @admin.display(boolean=True, description=_("hours known"))
    def hours_known(self, obj):
        return bool(obj.hours)

    @admin.display(boolean=True, description=_("checked"))
    def checked(self, obj):
        return not obj.needs_check

    @admin.action(description=_("Mark as checked today"))
    def mark_checked_today(self, request, queryset):
        with transaction.atomic():
            count = services.resources_mark_checked(resources=queryset)
        self.message_user(request, _("%(count)d marked as checked.") % {"count": count})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(services.resources_changed)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(services.resources_changed)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        transaction.on_commit(services.resources_changed)


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "version", "is_active", "responses_count")
    readonly_fields = ("slug", "title", "version", "citation", "definition")
    fields = ("slug", "title", "version", "citation", "is_active", "definition")

    @admin.display(description=_("responses"))
    def responses_count(self, obj):
        return obj.responses.count()

    def has_add_permission(self, request):
        return False  # added with manage.py load_questionnaire, which validates
