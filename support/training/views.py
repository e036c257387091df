"""Becoming a listener: applying, the lessons, senior moderators' decisions and
sign-off, a listener's hours, and debrief requests."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from support.training import selectors, services
from support.training.forms import DecisionForm, ListenerApplicationForm
from support.training.models import DebriefRequest


def _require(request: HttpRequest, action: str) -> None:
    if not request.user.can(action):
        raise PermissionDenied


@login_required
def apply(request: HttpRequest) -> HttpResponse:
    """The application form, or why not yet; once applied, her progress."""
    way = selectors.way_in(request.user)
    if way.reason == "open":
        return redirect("support:listener_lessons")
    form = ListenerApplicationForm(request.POST or None)
    if request.method == "POST" and way.can_apply and form.is_valid():
        try:
            services.application_create(member=request.user, **form.cleaned_data)
        except services.TrainingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Thank you for offering to listen. The lessons come next."),
            )
            return redirect("support:listener_lessons")
    status = 200 if way.can_apply or request.method == "GET" else 403
    return render(
        request,
        "support/training/apply.html",
        {"way": way, "form": form},
        status=status,
    )


@login_required
@require_POST
def withdraw(request: HttpRequest) -> HttpResponse:
    if services.application_withdraw(member=request.user) is not None:
        messages.success(
            request, _("Your application is withdrawn. You can apply again any time.")
        )
    return redirect("support:listener_apply")


@login_required
def lessons(request: HttpRequest) -> HttpResponse:
    application = selectors.open_application_for(request.user)
    if application is None:
        return redirect("support:listener_apply")
    passed = selectors.passed_slugs(request.user)
    return render(
        request,
        "support/training/lessons.html",
        {
            "application": application,
            "lessons": [
                {"lesson": lesson, "passed": lesson.slug in passed}
                for lesson in selectors.lessons()
            ],
        },
    )


def _answers(data) -> dict[int, int | None]:
    answers: dict[int, int | None] = {}
    for key, value in data.items():
        if key.startswith("q") and key[1:].isdigit() and str(value).isdigit():
            answers[int(key[1:])] = int(value)
    return answers


@login_required
def lesson(request: HttpRequest, slug: str) -> HttpResponse:
    application = selectors.open_application_for(request.user)
    if application is None:
        return redirect("support:listener_apply")
    found = selectors.lesson_by_slug(slug)
    if found is None:
        raise Http404
    wrong: list[int] = []
    chosen: dict[int, int | None] = {}
    if request.method == "POST":
        chosen = _answers(request.POST)
        wrong = services.lesson_answer(member=request.user, slug=slug, answers=chosen)
        if not wrong:
            messages.success(request, _("Lesson passed. Well done."))
            return redirect("support:listener_lessons")
    questions = found.question_list()
    for question in questions:
        question["chosen"] = chosen.get(question["number"])
        question["wrong"] = question["number"] in wrong
    return render(
        request,
        "support/training/lesson.html",
        {
            "lesson": found,
            "questions": questions,
            "answered": request.method == "POST",
            "passed": found.slug in selectors.passed_slugs(request.user),
        },
    )


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    _require(request, "senior_moderate")
    return render(
        request,
        "support/training/applications.html",
        {
            "waiting": selectors.applications_to_decide(),
            "training": selectors.listeners_in_training(),
        },
    )


@login_required
def application(request: HttpRequest, application_id: int) -> HttpResponse:
    _require(request, "senior_moderate")
    found = selectors.application_for_senior(application_id)
    if found is None:
        raise Http404
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = request.POST.get("decision") == "approve"
        try:
            services.application_decide(
                senior=request.user,
                application_id=found.pk,
                approve=approve,
                note=form.cleaned_data["note"],
            )
        except services.TrainingError as error:
            form.add_error("note" if error.code == "note" else None, error.message)
        else:
            messages.success(
                request,
                _("Approved. She's told, and can go on duty in training.")
                if approve
                else _("Declined. She's told, with your note."),
            )
            return redirect("support:listener_applications")
    return render(
        request,
        "support/training/application.html",
        {"application": found, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def sign_off(request: HttpRequest, application_id: int) -> HttpResponse:
    _require(request, "senior_moderate")
    try:
        services.listener_sign_off(senior=request.user, application_id=application_id)
    except services.TrainingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Signed off: she listens on her own now."))
    return redirect("support:listener_applications")


@login_required
def hours(request: HttpRequest) -> HttpResponse:
    _require(request, "listen")
    weeks = selectors.hours_by_week(request.user)
    return render(
        request,
        "support/training/hours.html",
        {
            "this_week": weeks[0],
            "earlier_weeks": weeks[1:],
            "nights_in_a_row": selectors.nights_in_a_row(request.user),
            "hard_chats": selectors.hard_chats(request.user),
            "debriefs": selectors.debriefs_for(request.user)[:10],
        },
    )


@login_required
@require_POST
def debrief_ask(request: HttpRequest) -> HttpResponse:
    _require(request, "listen")
    room_id = request.POST.get("room", "")
    try:
        services.debrief_ask(
            listener=request.user, room_id=int(room_id) if room_id.isdigit() else None
        )
    except services.TrainingError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("A moderator will be in touch to talk it through. Thank you for asking."),
        )
    return redirect("support:listen_hours")


@login_required
def debriefs(request: HttpRequest) -> HttpResponse:
    _require(request, "moderate")
    if request.method == "POST":
        debrief_id = request.POST.get("debrief", "")
        try:
            services.debrief_update(
                moderator=request.user,
                debrief_id=int(debrief_id) if debrief_id.isdigit() else 0,
                status=request.POST.get("status", ""),
            )
        except services.TrainingError as error:
            messages.error(request, error.message)
        return redirect("support:debriefs")
    return render(
        request,
        "support/training/debriefs.html",
        {"debriefs": selectors.debriefs_open(), "statuses": DebriefRequest.Status},
    )
