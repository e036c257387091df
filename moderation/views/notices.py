"""A member's own dealings with the moderators: their messages, appealing a decision,
the page a suspended member sees and acknowledging a warning."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moderation import registry, selectors
from moderation.forms import AppealForm
from moderation.models import Decision
from moderation.services import appeals, sanctions
from moderation.services import notices as notice_services
from moderation.services.permissions import ModerationRefused


@login_required
def notices(request: HttpRequest) -> HttpResponse:
    items = list(selectors.notices_for(request.user)[:50])
    notice_services.notices_mark_read(member=request.user)
    appealed = set(
        Decision.objects.filter(
            appeal__isnull=False, item__author=request.user
        ).values_list("pk", flat=True)
    )
    return render(
        request, "moderation/notices.html", {"notices": items, "appealed": appealed}
    )


@login_required
def sanction_appeal(request: HttpRequest) -> HttpResponse:
    """The member asks another moderator to look again at the sanction she is
    under (the newest one shown to her). Open to a suspended member too."""
    sanction = next(iter(selectors.sanctions_to_show(request.user)), None)
    if sanction is None:
        raise Http404

    def send(words: str) -> None:
        sanctions.sanction_appeal(
            member=request.user, sanction_id=sanction.pk, words=words
        )

    return _appeal_page(
        request, send, "moderation/sanction_appeal.html", {"sanction": sanction}
    )


@login_required
def appeal(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = get_object_or_404(
        Decision.objects.select_related("item"),
        pk=decision_id,
        item__author=request.user,
    )

    def send(words: str) -> None:
        try:
            appeals.appeal_create(decision=decision, author=request.user, words=words)
        except PermissionDenied:
            raise Http404 from None

    return _appeal_page(request, send, "moderation/appeal.html", {"decision": decision})


def _appeal_page(request, send, template: str, context: dict) -> HttpResponse:
    """The appeal form: shown, or sent with send(words) and the member thanked; a
    refusal or a bad form is shown again with what she wrote."""
    form = AppealForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            send(form.cleaned_data["words"])
        except ModerationRefused as refusal:
            form.add_error(None, str(refusal))
            status = 400
        else:
            messages.success(
                request, _("Thank you. Another moderator will look at it again.")
            )
            return redirect("moderation:notices")
    elif request.method == "POST":
        status = 400
    return render(request, template, {"form": form, **context}, status=status)


@login_required
def suspended(request: HttpRequest) -> HttpResponse:
    sanction = next(
        (
            s
            for s in selectors.sanctions_to_show(request.user)
            if s.locks_out and s.is_active()
        ),
        None,
    )
    if sanction is None:
        return redirect("home")
    return render(
        request,
        "moderation/suspended.html",
        {"sanction": sanction, "live_support_url": _live_support_url(request.user)},
    )


def _live_support_url(member) -> str:
    """Where a locked-out member asks for a listener, or "" while a sanction
    pauses her live support too."""
    names = registry.live_support_urls()
    if not names or selectors.live_support_pause_for(member) is not None:
        return ""
    return reverse(names[0])


@login_required
@require_POST
def sanction_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    sanctions.sanction_acknowledge(member=request.user, sanction_id=pk)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("home")
    return redirect(next_url)
