"""Joining, signing in, recovery and settings. Views check input and call services."""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import forms, selectors, services
from accounts.guidelines import GUIDELINES
from core.privacy import hashed_client_ip

FRESH_CODES_KEY = "accounts_fresh_recovery_codes"


def _apply_error(form, error: services.AccountError) -> None:
    form.add_error(
        error.field if error.field in form.fields else None, str(error.message)
    )


def _safe_next(request: HttpRequest, default: str) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return default


def _show_codes_next(
    request: HttpRequest, codes: list[str], next_url: str = ""
) -> HttpResponseRedirect:
    """Show the fresh codes once; next_url (checked by _safe_next) is where the
    codes page then leads, so that joining on the way somewhere gets her there."""
    # Kept in the session only until the next page shows them, then dropped.
    request.session[FRESH_CODES_KEY] = codes
    url = reverse("accounts:recovery_codes")
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return HttpResponseRedirect(url)


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, "")
    if request.user.is_authenticated:
        return HttpResponseRedirect(next_url or reverse("home"))
    form = forms.JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            joined = services.member_join(
                pseudonym=data["pseudonym"],
                password=data["password1"],
                email=data["email"],
                age_confirmed=data["age"],
                guidelines_accepted=data["guidelines"],
                ip_hash=hashed_client_ip(request),
            )
        except services.AccountError as error:
            _apply_error(form, error)
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            login(
                request,
                joined.member,
                backend="django.contrib.auth.backends.ModelBackend",
            )
            return _show_codes_next(request, joined.recovery_codes, next_url)
    return render(
        request,
        "accounts/join.html",
        {
            "form": form,
            "next": next_url,
            "suggestions": selectors.pseudonym_suggestions(4),
            "guidelines": GUIDELINES,
        },
    )


@login_required
@require_GET
def recovery_codes(request: HttpRequest) -> HttpResponse:
    codes = request.session.pop(FRESH_CODES_KEY, None)
    response = render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": codes,
            "codes_left": selectors.recovery_codes_left(request.user),
            "next": _safe_next(request, ""),
        },
    )
    add_never_cache_headers(response)
    return response


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, reverse("home"))
    if request.user.is_authenticated and request.method == "GET":
        return HttpResponseRedirect(next_url)
    form = forms.SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_sign_in_check(
                pseudonym=form.cleaned_data["pseudonym"],
                password=form.cleaned_data["password"],
                ip_hash=hashed_client_ip(request),
            )
        except services.AccountError as error:
            form.add_error(None, str(error.message))
        else:
            login(request, member, backend="django.contrib.auth.backends.ModelBackend")
            return HttpResponseRedirect(next_url)
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "next": next_url, "next_given": _safe_next(request, "")},
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You've signed out. Take care of yourself."))
    return redirect("home")


@sensitive_post_parameters("code", "new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def recover(request: HttpRequest) -> HttpResponse:
    form = forms.RecoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = services.recovery_code_redeem(
                pseudonym=data["pseudonym"],
                code=data["code"],
                new_password=data["new_password1"],
                ip_hash=hashed_client_ip(request),
            )
        except services.AccountError as error:
            form.add_error(None, str(error.message))
        except ValidationError as error:
            form.add_error("new_password1", error)
        else:
            login(request, member, backend="django.contrib.auth.backends.ModelBackend")
            left = selectors.recovery_codes_left(member)
            messages.success(
                request,
                ngettext(
                    "Your new password is set and that recovery code is now spent. "
                    "You have %(left)d code left; you can make a fresh set in "
                    "settings.",
                    "Your new password is set and that recovery code is now spent. "
                    "You have %(left)d codes left; you can make a fresh set in "
                    "settings.",
                    left,
                )
                % {"left": left},
            )
            return redirect("accounts:settings")
    return render(request, "accounts/recover.html", {"form": form})


class EmailResetView(auth_views.PasswordResetView):
    """Sends a reset link if the address belongs to a member, and says the same
    thing either way."""

    form_class = forms.EmailResetForm
    template_name = "accounts/recover_email.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:recover_email_sent")

    def form_valid(self, form):
        if not services.email_reset_allowed(ip_hash=hashed_client_ip(self.request)):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


recover_email = EmailResetView.as_view()
recover_email_sent = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/recover_email_sent.html"
)
recover_email_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/recover_email_confirm.html",
    form_class=forms.NewPasswordForm,
    success_url=reverse_lazy("accounts:recover_email_done"),
)
recover_email_done = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/recover_email_done.html"
)


# --- Settings ------------------------------------------------------------------------

SETTINGS_FORMS = {
    "pseudonym": forms.PseudonymChangeForm,
    "password": forms.PasswordChangeForm,
    "email": forms.EmailChangeForm,
    "preferences": forms.PreferencesForm,
    "codes": forms.ConfirmWithPasswordForm,
    "delete": forms.DeleteAccountForm,
}


def _settings_forms(member, bound_action: str | None = None, data=None) -> dict:
    built = {}
    for action, form_class in SETTINGS_FORMS.items():
        kwargs = {} if action == "preferences" else {"member": member}
        if action == "preferences":
            kwargs["initial"] = {
                "country": member.country,
                "theme": member.theme,
                "collapsed_content_notes": member.collapsed_content_notes,
            }
        if action == bound_action:
            built[action] = form_class(data, **kwargs)
        else:
            built[action] = form_class(**kwargs)
    return built


def _settings_action(request: HttpRequest, action: str, form) -> HttpResponse | None:
    """Carry out one settings form; return the response, or None to show errors."""
    member = request.user
    data = form.cleaned_data
    try:
        if action == "pseudonym":
            services.member_change_pseudonym(member=member, pseudonym=data["pseudonym"])
            messages.success(
                request,
                _("Your pseudonym is now %(name)s.") % {"name": member.pseudonym},
            )
        elif action == "password":
            services.member_change_password(
                member=member, new_password=data["new_password1"]
            )
            update_session_auth_hash(request, member)
            messages.success(request, _("Your password is changed."))
        elif action == "email":
            services.member_change_email(member=member, email=data["email"])
            if data["email"]:
                messages.success(request, _("Your email address is saved."))
            else:
                messages.success(request, _("Your email address is removed."))
        elif action == "preferences":
            services.member_update_preferences(
                member=member,
                country=data["country"],
                theme=data["theme"],
                collapsed_content_notes=data["collapsed_content_notes"],
            )
            messages.success(request, _("Your choices are saved."))
        elif action == "codes":
            codes = services.recovery_codes_issue(member=member)
            return _show_codes_next(request, codes)
        elif action == "delete":
            services.member_erase(member=member)
            logout(request)
            messages.success(
                request,
                _(
                    "Your account is deleted. Thank you for being here. "
                    "Look after yourself."
                ),
            )
            return redirect("home")
    except services.AccountError as error:
        _apply_error(form, error)
        return None
    except ValidationError as error:
        form.add_error(None, error)
        return None
    return redirect(reverse("accounts:settings") + "#" + action)


@sensitive_post_parameters(
    "password-current_password",
    "password-new_password1",
    "password-new_password2",
    "email-current_password",
    "codes-current_password",
    "delete-current_password",
)
@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    member = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in SETTINGS_FORMS:
        action = None
    settings_forms = _settings_forms(member, action, request.POST)
    if action is not None:
        form = settings_forms[action]
        if form.is_valid():
            response = _settings_action(request, action, form)
            if response is not None:
                return response
    return render(
        request,
        "accounts/settings.html",
        {
            "forms": settings_forms,
            "failed_action": action,
            "codes_left": selectors.recovery_codes_left(member),
            "pseudonym_change_available_at": services.pseudonym_change_available_at(
                member
            ),
        },
    )


@login_required
@require_GET
def export_data(request: HttpRequest) -> HttpResponse:
    data = services.member_export(member=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="kindred-my-data.json"'
    add_never_cache_headers(response)
    return response
