from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.guidelines import GUIDELINES
from moderation.models import AuditEntry, Decision, Report, Sanction


def _guidelines() -> list[tuple[int, str]]:
    """The guidelines as choices, titled in the language of the moment."""
    return [(item.number, f"{item.number}. {item.title}") for item in GUIDELINES]


def _report_choices() -> list:
    return [WORRY_CHOICE, *_guidelines()]


def _guideline_choices() -> list:
    return [("", _("Choose one")), *_guidelines()]


WORRY_CHOICE = (
    Report.WORRIED,
    _(
        "I'm worried about this person. Not a complaint: the safety team will "
        "look in on her, kindly, and she is not told who asked."
    ),
)


class ReportForm(forms.Form):
    guideline = forms.TypedChoiceField(
        label=_("What is it about?"),
        choices=_report_choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    words = forms.CharField(
        label=_("Anything the moderators should know? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("What happens to it"), widget=forms.RadioSelect)
    guideline = forms.TypedChoiceField(
        label=_("Guideline"),
        choices=_guideline_choices,
        coerce=int,
    )
    reason = forms.CharField(
        label=_("Why (the author reads this, kindly worded)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    new_text = forms.CharField(
        label=_("Edited text (for edit and approve)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, actions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Decision.Action.choices)
        self.fields["action"].choices = [(value, labels[value]) for value in actions]

    def clean(self):
        data = super().clean()
        if (
            data.get("action") == Decision.Action.EDIT
            and not (data.get("new_text") or "").strip()
        ):
            self.add_error("new_text", _("Write the edited text."))
        return data


class AppealForm(forms.Form):
    words = forms.CharField(
        label=_("Why should another moderator look again?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Sanction.Kind.choices)
    guideline = forms.TypedChoiceField(
        label=_("Guideline"),
        choices=_guideline_choices,
        coerce=int,
    )
    days = forms.IntegerField(
        label=_("For how many days (mute and suspension)"),
        required=False,
        min_value=1,
        max_value=365,
    )
    includes_live_support = forms.BooleanField(
        label=_("Pause live support too"),
        required=False,
        help_text=_(
            "Left unticked, a muted or suspended member can still ask for a listener "
            "and write in her own chat with them; group rooms are paused either way. "
            "Tick it only when the live chats themselves are the problem. A ban "
            "always pauses live support."
        ),
    )
    message = forms.CharField(
        label=_("Message to the member"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    private_note = forms.CharField(
        label=_("Private note for moderators (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") in {Sanction.Kind.MUTE, Sanction.Kind.SUSPENSION} and not (
            data.get("days")
        ):
            self.add_error("days", _("Say for how many days."))
        return data


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Private note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AuditFilterForm(forms.Form):
    actor = forms.CharField(
        label=_("Moderator (pseudonym)"), required=False, max_length=30
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All")), *AuditEntry.Kind.choices],
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
