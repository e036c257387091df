from django import forms
from django.utils.translation import gettext_lazy as _


class AreaForm(forms.Form):
    area = forms.ChoiceField(label=_("Your area"), choices=())

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("Choose your area")), *choices]
