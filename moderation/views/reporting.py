"""Reporting: a member reports a post, a chat message or another member, and follows
what became of their reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from moderation import registry, selectors
from moderation.forms import ReportForm
from moderation.services import reports
from moderation.services.permissions import ModerationRefused
from moderation.services.queueing import snapshot_of


def _reportable(request: HttpRequest, kind: str, object_id: str):
    try:
        registration = registry.for_kind(kind)
    except KeyError:
        raise Http404 from None
    try:
        target = registration.model._default_manager.filter(pk=object_id).first()
    except (ValueError, TypeError):
        raise Http404 from None
    if target is None:
        raise Http404
    if registration.can_view is not None and not registration.can_view(
        target, request.user
    ):
        raise Http404
    if kind == "member" and target.pk == request.user.pk:
        raise Http404
    return target


@login_required
def report(request: HttpRequest, kind: str, object_id: str) -> HttpResponse:
    target = _reportable(request, kind, object_id)
    snapshot = snapshot_of(target)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            filed, created = reports.report_create(
                reporter=request.user,
                target=target,
                guideline=form.cleaned_data["guideline"],
                words=form.cleaned_data["words"],
            )
        except ModerationRefused as refusal:
            form.add_error(None, str(refusal))
            status = 429
        else:
            if created and filed.is_worry:
                messages.success(
                    request,
                    _(
                        "Thank you for looking out for her. The safety team will "
                        "look in on her first; she won't be told who asked."
                    ),
                )
            elif created:
                messages.success(
                    request,
                    _(
                        "Thank you. A moderator will look at it, and we'll let you "
                        "know what happened in Your reports."
                    ),
                )
            else:
                messages.info(
                    request,
                    _("You have already reported this. Thank you; it's in hand."),
                )
            return redirect(snapshot.get("url") or reverse("moderation:my_reports"))
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "moderation/report.html",
        {"form": form, "kind": kind, "snapshot": snapshot, "object_id": object_id},
        status=status,
    )


@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "moderation/my_reports.html",
        {"reports": selectors.reports_by(request.user)[:100]},
    )
