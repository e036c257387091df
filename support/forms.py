from django import forms
from django.utils.translation import gettext_lazy as _

from support.models import ChatFeedback, ChatLanguage, Chip


class RequestForm(forms.Form):
    chips = forms.MultipleChoiceField(
        label=_("What's it like right now? (optional)"),
        choices=Chip.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wants_lived_experience = forms.BooleanField(
        label=_(
            "I'd like a listener who has been through something like this, "
            "if one is free"
        ),
        required=False,
        help_text=_("We'll look for one for a couple of minutes, never longer."),
    )
    language = forms.ChoiceField(
        label=_("I'd like to talk in"),
        choices=ChatLanguage.choices,
        initial=ChatLanguage.ENGLISH,
        required=False,
        help_text=_(
            "We look for a listener who speaks it first, for a couple of minutes."
        ),
    )
    might_act = forms.BooleanField(
        label=_("I might act on thoughts of harming myself or my baby"),
        required=False,
        help_text=_(
            "If you tick this we'll show you who to call right now, and your request "
            "still goes to the front of the queue."
        ),
    )


class FeedbackForm(forms.Form):
    helped = forms.ChoiceField(
        label=_("Did this chat help?"),
        choices=ChatFeedback.Helped.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything you'd like to tell us? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ListenerNoteForm(forms.Form):
    body = forms.CharField(
        label=_("Private note for moderators"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The member never sees this."),
    )


class HandoverForm(forms.Form):
    to_listener = forms.TypedChoiceField(label=_("Hand over to"), coerce=int)

    def __init__(self, *args, listeners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_listener"].choices = [(m.pk, m.pseudonym) for m in listeners]


class SlowModeForm(forms.Form):
    seconds = forms.IntegerField(
        label=_("Seconds between messages (0 turns slow mode off)"),
        min_value=0,
        max_value=600,
    )


class MuteForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Who"), coerce=int)
    minutes = forms.IntegerField(
        label=_("For how many minutes (0 lifts it)"),
        min_value=0,
        max_value=10080,
        initial=30,
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.pseudonym) for m in people]


class ListenerProfileForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages you can chat in"),
        choices=ChatLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    lived_experience = forms.MultipleChoiceField(
        label=_("Lived experience you're happy to be matched on"),
        choices=Chip.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    weekly_hours_cap = forms.IntegerField(
        label=_("Most hours on duty per week (optional)"),
        min_value=1,
        max_value=80,
        required=False,
    )
