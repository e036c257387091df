"""Forms check what was typed and say what to change; services do the writing."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.content_notes import ContentNote
from accounts.countries import COUNTRY_CHOICES
from accounts.models import Member
from accounts.pseudonyms import PSEUDONYM_MAX_LENGTH, validate_pseudonym_shape
from accounts.selectors import pseudonym_taken


class KindForm(forms.Form):
    """Labels read plainly, without a trailing colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class PseudonymField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Pseudonym"))
        kwargs.setdefault("max_length", PSEUDONYM_MAX_LENGTH + 20)
        kwargs.setdefault("strip", True)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {
                "autocomplete": "username",
                "autocapitalize": "words",
                "spellcheck": "false",
            }
        )


def _password_input(autocomplete: str) -> forms.PasswordInput:
    return forms.PasswordInput(attrs={"autocomplete": autocomplete})


class CurrentPasswordMixin:
    """Asks for the member's current password before a change that matters."""

    def __init__(self, *args, member: Member, **kwargs):
        self.member = member
        super().__init__(*args, **kwargs)

    def clean_current_password(self):
        password = self.cleaned_data.get("current_password", "")
        if not self.member.check_password(password):
            raise ValidationError(
                _("That isn't your current password."), code="password_incorrect"
            )
        return password


class JoinForm(KindForm):
    pseudonym = PseudonymField(
        help_text=_(
            "The only name anyone here will see. Not your real name, please. "
            "3 to 30 letters, numbers, spaces or hyphens."
        ),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=_password_input("new-password"),
        help_text=_("At least 10 characters. A few words you'll remember works well."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=_password_input("new-password"),
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "Only for resetting your password. Nobody else ever sees it. You can "
            "leave it empty: your recovery codes do the same job."
        ),
    )
    age = forms.BooleanField(label=_("I am 16 or over"))
    guidelines = forms.BooleanField(
        label=_("I have read the kindness guidelines and will follow them")
    )

    def clean_pseudonym(self):
        name = validate_pseudonym_shape(self.cleaned_data["pseudonym"])
        if pseudonym_taken(name):
            raise ValidationError(
                _("Someone already uses that pseudonym. Please choose another."),
                code="taken",
            )
        return name

    def clean(self):
        cleaned = super().clean()
        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords don't match."))
        elif password1:
            candidate = Member(
                pseudonym=cleaned.get("pseudonym", ""), email=cleaned.get("email", "")
            )
            try:
                password_validation.validate_password(password1, user=candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SignInForm(KindForm):
    pseudonym = PseudonymField(max_length=100)
    password = forms.CharField(
        label=_("Password"), strip=False, widget=_password_input("current-password")
    )


class RecoverForm(KindForm):
    pseudonym = PseudonymField(max_length=100)
    code = forms.CharField(
        label=_("One of your recovery codes"),
        max_length=40,
        help_text=_("Like ABCD-EFGH-JKMN. Capitals and hyphens don't matter."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
    )
    new_password1 = forms.CharField(
        label=_("New password"), strip=False, widget=_password_input("new-password")
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=_password_input("new-password"),
    )

    def clean(self):
        cleaned = super().clean()
        first = cleaned.get("new_password1")
        second = cleaned.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", _("The two passwords don't match."))
        elif first:
            try:
                password_validation.validate_password(
                    first, user=Member(pseudonym=cleaned.get("pseudonym", ""))
                )
            except ValidationError as error:
                self.add_error("new_password1", error)
        return cleaned


class EmailResetForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    email = forms.EmailField(
        label=_("The email address on your account"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class NewPasswordForm(SetPasswordForm):
    """The last step of an email reset."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


# --- Settings ------------------------------------------------------------------------


class PseudonymChangeForm(KindForm):
    prefix = "name"
    pseudonym = PseudonymField(label=_("New pseudonym"))

    def __init__(self, *args, member: Member, **kwargs):
        self.member = member
        super().__init__(*args, **kwargs)

    def clean_pseudonym(self):
        name = validate_pseudonym_shape(self.cleaned_data["pseudonym"])
        if pseudonym_taken(name, exclude=self.member):
            raise ValidationError(
                _("Someone already uses that pseudonym. Please choose another."),
                code="taken",
            )
        return name


class PasswordChangeForm(CurrentPasswordMixin, KindForm):
    prefix = "password"
    current_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=_password_input("current-password"),
    )
    new_password1 = forms.CharField(
        label=_("New password"), strip=False, widget=_password_input("new-password")
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=_password_input("new-password"),
    )

    def clean(self):
        cleaned = super().clean()
        first = cleaned.get("new_password1")
        second = cleaned.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", _("The two passwords don't match."))
        elif first:
            try:
                password_validation.validate_password(first, user=self.member)
            except ValidationError as error:
                self.add_error("new_password1", error)
        return cleaned


class EmailChangeForm(CurrentPasswordMixin, KindForm):
    prefix = "email"
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Leave empty to remove it. Only used for resetting your password."),
    )
    current_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=_password_input("current-password"),
    )


class PreferencesForm(KindForm):
    prefix = "prefs"
    country = forms.ChoiceField(
        label=_("Where you live"),
        choices=[("", _("Not chosen yet"))] + COUNTRY_CHOICES,
        required=False,
        help_text=_("So that Get help now shows the lines for your country first."),
    )
    theme = forms.ChoiceField(
        label=_("Colours"), choices=Member.Theme.choices, widget=forms.RadioSelect
    )
    collapsed_content_notes = forms.MultipleChoiceField(
        label=_("Keep posts with these content notes folded until I open them"),
        choices=ContentNote.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ConfirmWithPasswordForm(CurrentPasswordMixin, KindForm):
    """A password check before regenerating recovery codes."""

    prefix = "codes"
    current_password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=_password_input("current-password"),
    )


class DeleteAccountForm(CurrentPasswordMixin, KindForm):
    prefix = "delete"
    current_password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=_password_input("current-password"),
    )
    confirm = forms.BooleanField(
        label=_("I understand this can't be undone"),
    )
