"""Members as moderators see them: a member's history, private notes, sanctions and
trust."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moderation import selectors
from moderation.forms import NoteForm, SanctionForm
from moderation.models import ReviewItem, Sanction
from moderation.services import notices, sanctions, trust
from moderation.services.permissions import ModerationRefused
from moderation.views import moderator_of


def _member_page(
    request: HttpRequest, member, sanction_form: SanctionForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "moderation/member.html",
        {
            "history": selectors.author_history(member),
            "note_form": NoteForm(),
            "sanction_form": sanction_form,
            "items": ReviewItem.objects.filter(author=member).order_by("-opened_at")[
                :20
            ],
        },
        status=status,
    )


def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    moderator_of(request)
    member = get_object_or_404(get_user_model(), pk=pk)
    return _member_page(request, member, SanctionForm())


@require_POST
def member_note(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = moderator_of(request)
    member = get_object_or_404(get_user_model(), pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        notices.note_add(
            member=member, moderator=moderator, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Note saved."))
    else:
        messages.error(request, _("The note is empty."))
    return redirect("moderation:member", pk=pk)


@require_POST
def member_sanction(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = moderator_of(request)
    member = get_object_or_404(get_user_model(), pk=pk)
    form = SanctionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        ends_at = (
            timezone.now() + timedelta(days=data["days"])
            if data.get("days") and data["kind"] != Sanction.Kind.WARNING
            else None
        )
        try:
            sanctions.sanction_issue(
                member=member,
                moderator=moderator,
                kind=data["kind"],
                guideline=data["guideline"],
                message=data["message"],
                private_note=data.get("private_note", ""),
                ends_at=ends_at,
                includes_live_support=data["includes_live_support"],
            )
            messages.success(
                request, _("Saved. The member will see it on their next visit.")
            )
            return redirect("moderation:member", pk=pk)
        except ModerationRefused as refusal:
            form.add_error(None, str(refusal))
    return _member_page(request, member, form, status=400)


@require_POST
def sanction_lift(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = moderator_of(request)
    sanction = get_object_or_404(Sanction, pk=pk)
    try:
        sanctions.sanction_lift(
            sanction_id=pk,
            moderator=moderator,
            reason=request.POST.get("reason", "").strip(),
        )
        messages.success(request, _("Lifted."))
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("moderation:member", pk=sanction.member_id)


@require_POST
def member_trust(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = moderator_of(request)
    member = get_object_or_404(get_user_model(), pk=pk)
    raw = request.POST.get("level", "")
    try:
        level = None if raw == "" else int(raw)
        trust.trust_set(
            member=member,
            moderator=moderator,
            level=level,
            reason=request.POST.get("reason", "").strip(),
        )
        messages.success(request, _("Trust updated."))
    except (ValueError, ModerationRefused):
        messages.error(request, _("Trust is 0, 1 or 2."))
    return redirect("moderation:member", pk=pk)


@require_POST
def sanction_appeal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = moderator_of(request)
    sanction = get_object_or_404(Sanction, pk=pk)
    try:
        sanctions.sanction_appeal_decide(
            sanction_id=pk,
            moderator=moderator,
            lift=request.POST.get("outcome") == "lift",
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, _("Decided. The member has been told."))
    except ModerationRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("moderation:member", pk=sanction.member_id)
