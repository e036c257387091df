"""Help pages, the resource directory and the private check-in. Thin: countries says
whose lines to show, selectors read, services write, presentation renders the panel."""

import csv
import io
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from support.signposting import countries, presentation, selectors, services
from support.signposting.forms import CheckInForm, CountryForm, QuestionnaireForm
from support.signposting.questionnaires import (
    CHECK_IN_QUESTIONS,
    MOOD_CHOICES,
    Definition,
    advice_for,
)


def _remember_country(request: HttpRequest) -> str | None:
    """Keep a country picked with ?country=: on the member, else for the cookie."""
    code = countries.valid_choice(request.GET.get("country"))
    if code and request.user.is_authenticated:
        services.member_country_set(member=request.user, country=code)
    return code


def _with_cookie(request: HttpRequest, response: HttpResponse, code: str | None):
    if code and not request.user.is_authenticated:
        response.set_cookie(
            countries.COUNTRY_COOKIE,
            code,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response


@require_POST
def country_set(request: HttpRequest) -> HttpResponse:
    """The in-place country control of a panel or card: save the country (a
    member's setting; a cookie when signed out), or confirm the one shown ("These
    are right", sent as confirm), then go back to next when it is a page of this
    site. Either way the reader is not asked again."""
    code = countries.valid_choice(
        request.POST.get("confirm") or request.POST.get("country")
    )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        next_url = reverse("support:crisis")
    if code is None:
        messages.error(request, _("Please choose a country from the list."))
        return redirect(next_url)
    services.country_choose(member=request.user, country=code, session=request.session)
    messages.success(
        request,
        _("Thank you. We'll show you the lines for %(country)s.")
        % {"country": selectors.country_name(code)},
    )
    return _with_cookie(request, redirect(next_url), code)


def _picker(country: str) -> CountryForm:
    return CountryForm(
        initial={"country": country}, countries=selectors.available_countries()
    )


def _help_page(request: HttpRequest, template: str) -> HttpResponse:
    """A page built around the crisis panel, with the country picker under it."""
    picked = _remember_country(request)
    country = countries.country_for_request(request)
    chooser = countries.chooser_for_request(request, country)
    context = {
        "crisis": presentation.crisis_panel(country, chooser=chooser),
        "picker": _picker(country),
    }
    return _with_cookie(request, render(request, template, context), picked)


def crisis(request: HttpRequest) -> HttpResponse:
    return _help_page(request, "signposting/help.html")


def resources(request: HttpRequest) -> HttpResponse:
    picked = _remember_country(request)
    country = countries.country_for_request(request)
    context = {
        "directory": selectors.directory_context(country),
        "picker": _picker(country),
    }
    return _with_cookie(
        request, render(request, "signposting/resources.html", context), picked
    )


def worried(request: HttpRequest) -> HttpResponse:
    return _help_page(request, "signposting/worried.html")


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest) -> HttpResponse:
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = services.check_in_create(
            member=request.user, mood=form.cleaned_data["mood"], answers=form.answers()
        )
        return redirect("support:check_in_result", check_in_id=entry.pk)
    return render(
        request,
        "signposting/check_in.html",
        {"form": form, "questionnaires": selectors.active_questionnaires()},
    )


@login_required
def check_in_result(request: HttpRequest, check_in_id: int) -> HttpResponse:
    entry = selectors.check_in_for(request.user, check_in_id)
    country = countries.country_for_request(request)
    chooser = countries.chooser_for_request(request, country)
    context = {
        "entry": entry,
        # A yes to the self-harm question always shows the panel.
        "crisis": presentation.crisis_panel(country, chooser=chooser)
        if entry.self_harm_thoughts
        else None,
        "perinatal": selectors.perinatal_lines(country),
    }
    # After the panel, which asks first when it is shown.
    context.update(presentation.country_control(chooser))
    if entry.questionnaire_id is None:
        context["advice"] = advice_for(entry.mood, entry.answers)
    else:
        context["band"] = _band_for(entry)
        context["questionnaire"] = entry.questionnaire
    return render(request, "signposting/check_in_result.html", context)


def _band_for(entry) -> dict | None:
    if entry.questionnaire is None:
        return None
    for band in entry.questionnaire.definition.get("thresholds", []):
        if band["label"] == entry.band:
            return band
    return None


@login_required
def check_in_history(request: HttpRequest) -> HttpResponse:
    entries = list(
        selectors.check_ins_for(request.user).select_related("questionnaire")[:200]
    )
    answer_labels = {key: dict(choices) for key, _q, choices in CHECK_IN_QUESTIONS}
    moods = dict(MOOD_CHOICES)
    rows = []
    for entry in entries:
        rows.append(
            {
                "entry": entry,
                "mood": moods.get(entry.mood, ""),
                "self_harm": answer_labels["self_harm"].get(
                    entry.answers.get("self_harm", ""), ""
                ),
            }
        )
    chart = selectors.mood_chart(entries[:90])
    return render(
        request,
        "signposting/check_in_history.html",
        {"rows": rows, "chart": chart},
    )


@login_required
@require_POST
def check_in_delete(request: HttpRequest, check_in_id: int) -> HttpResponse:
    if not services.check_in_delete(member=request.user, check_in_id=check_in_id):
        raise Http404
    messages.success(request, _("That check-in is deleted."))
    return redirect("support:check_in_history")


@login_required
@require_POST
def check_in_delete_all(request: HttpRequest) -> HttpResponse:
    if request.POST.get("confirm") != "yes":
        messages.error(
            request, _("Tick the box to confirm, then press the button again.")
        )
        return redirect("support:check_in_history")
    services.check_ins_delete_all(member=request.user)
    messages.success(request, _("All your check-ins are deleted."))
    return redirect("support:check_in_history")


@login_required
def check_in_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = selectors.check_in_export_rows(request.user)
    if fmt == "json":
        response = JsonResponse({"check_ins": rows}, json_dumps_params={"indent": 2})
        response["Content-Disposition"] = (
            'attachment; filename="kindred-check-ins.json"'
        )
        return response
    buffer = io.StringIO()
    fields = list(rows[0]) if rows else ["created", "questionnaire", "mood"]
    writer = csv.DictWriter(buffer, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {**row, "answers": json.dumps(row["answers"], ensure_ascii=False)}
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kindred-check-ins.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire(request: HttpRequest, slug: str) -> HttpResponse:
    instrument = get_object_or_404(selectors.active_questionnaires(), slug=slug)
    definition = Definition(instrument.definition)
    form = QuestionnaireForm(request.POST or None, definition=definition)
    if request.method == "POST" and form.is_valid():
        entry = services.questionnaire_response_create(
            member=request.user, questionnaire=instrument, answers=form.answers()
        )
        return redirect("support:check_in_result", check_in_id=entry.pk)
    return render(
        request,
        "signposting/questionnaire.html",
        {"form": form, "questionnaire": instrument, "definition": definition.data},
    )
