from django import forms
from django.utils.translation import gettext_lazy as _

from forum.circles.naming import month_label


class JoinForm(forms.Form):
    """Joining a kind; the month only for kinds by birth month. The time zone comes
    from the browser (static/js/time-zone.js), for the weekly prompt's morning."""

    birth_month = forms.TypedChoiceField(
        label=_("The month your baby was born or is due"),
        required=False,
        coerce=str,
        empty_value="",
        error_messages={"invalid_choice": _("Choose one of the months in the list.")},
    )
    time_zone = forms.CharField(
        required=False,
        widget=forms.HiddenInput(attrs={"data-browser-time-zone": True}),
    )

    def __init__(self, *args, kind, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.months = {month.isoformat(): month for month in months}
        if kind.by_birth_month:
            self.fields["birth_month"].required = True
            self.fields["birth_month"].error_messages["required"] = _(
                "Choose the month your baby was born or is due."
            )
            self.fields["birth_month"].choices = [("", _("Choose a month"))] + [
                (key, month_label(month)) for key, month in self.months.items()
            ]
        else:
            del self.fields["birth_month"]

    def clean_birth_month(self):
        value = self.cleaned_data.get("birth_month")
        return self.months.get(value) if value else None
