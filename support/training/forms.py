from django import forms
from django.utils.translation import gettext_lazy as _

from support.models import ChatLanguage, Chip


class ListenerApplicationForm(forms.Form):
    why = forms.CharField(
        label=_("Why would you like to listen?"),
        help_text=_("A few sentences are plenty. Only senior moderators read this."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    availability = forms.CharField(
        label=_("When could you usually be on duty?"),
        help_text=_("For example: two evenings a week, or early mornings."),
        max_length=200,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you can chat in"),
        choices=ChatLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one language.")},
    )
    lived_experience = forms.MultipleChoiceField(
        label=_("Lived experience you'd be happy to be matched on (optional)"),
        choices=Chip.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agreed_to_boundaries = forms.BooleanField(
        label=_("I have read the listener boundaries and I agree to them."),
        error_messages={
            "required": _("Please read the listener boundaries and agree to them.")
        },
    )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("A note to her (needed when you decline)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
