from django import forms
from django.utils.translation import gettext_lazy as _

from support.signposting.questionnaires import (
    CHECK_IN_QUESTIONS,
    MOOD_CHOICES,
    Definition,
)


class CountryForm(forms.Form):
    country = forms.ChoiceField(label=_("Show help for"), choices=())

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = countries


class CheckInForm(forms.Form):
    mood = forms.TypedChoiceField(
        label=_("Overall, how have you been feeling this past week?"),
        choices=MOOD_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the one closest to how you feel.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, question, choices in CHECK_IN_QUESTIONS:
            self.fields[key] = forms.ChoiceField(
                label=question,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose an answer, whichever fits best.")
                },
            )

    def answers(self) -> dict:
        return {key: self.cleaned_data[key] for key, _q, _c in CHECK_IN_QUESTIONS}


class QuestionnaireForm(forms.Form):
    def __init__(self, *args, definition: Definition, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        for item in definition.items:
            labels = [o["label"] for o in definition.options_for(item["id"])]
            self.fields[f"item_{item['id']}"] = forms.ChoiceField(
                label=item["text"],
                choices=[(label, label) for label in labels],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose an answer, whichever fits best.")
                },
            )

    def answers(self) -> dict:
        return {
            item["id"]: self.cleaned_data[f"item_{item['id']}"]
            for item in self.definition.items
        }
