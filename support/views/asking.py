"""Asking for someone: the "I need someone now" page, waiting in the queue and
cancelling. Thin: they check access through selectors and call services."""

from __future__ import annotations

import math
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from moderation.selectors import live_support_pause_for
from support import events, presentation, selectors, services
from support.forms import RequestForm
from support.models import ChatLanguage, SupportRequest
from support.signposting import services as signposting_services
from support.signposting.countries import chooser_for_request, country_for_request

GROUNDING_STEPS = [
    gettext_lazy("Name five things you can see around you."),
    gettext_lazy(
        "Notice four things you can feel: your feet, the chair, your clothes, the air."
    ),
    gettext_lazy("Listen for three sounds, near or far."),
    gettext_lazy("Find two things you can smell, or two smells you like."),
    gettext_lazy(
        "Take one slow breath in through your nose, and let it out a little slower."
    ),
]


def _crisis_context(request: HttpRequest, *, visible: bool) -> dict:
    country = country_for_request(request)
    chooser = chooser_for_request(request, country)
    return {
        "crisis_panel_html": presentation.crisis_panel_html(
            country, visible=visible, chooser=chooser
        )
    }


def _panel_counted_once(request: HttpRequest, support_request: SupportRequest) -> bool:
    """The waiting page refreshes itself; its panel counts once per request."""
    key = f"support_panel_counted_{support_request.pk}"
    if request.session.get(key):
        return False
    request.session[key] = True
    return True


def _seconds_until_offer(support_request: SupportRequest) -> float:
    """How long until the waiting page offers other help; zero or less once it does."""
    waited = (timezone.now() - support_request.created).total_seconds()
    return settings.SUPPORT_OFFER_HELP_AFTER_SECONDS - waited


def request_start(request: HttpRequest) -> HttpResponse:
    """ "I need someone now". Signed out, it explains why an account is needed and
    offers the way in; while a sanction pauses her live support, it says so and
    shows the help lines instead of the request form (a POST is refused alike)."""
    if not request.user.is_authenticated:
        return _signed_out_page(request)
    pause = live_support_pause_for(request.user)
    if pause is not None:
        return _paused_page(
            request, pause, status=403 if request.method == "POST" else 200
        )
    existing = selectors.current_request_for(request.user)
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            try:
                support_request = services.request_create(
                    member=request.user,
                    chips=form.cleaned_data["chips"],
                    wants_lived_experience=form.cleaned_data["wants_lived_experience"],
                    might_act=form.cleaned_data["might_act"],
                    country=country_for_request(request),
                    language=form.cleaned_data["language"] or ChatLanguage.ENGLISH,
                )
            except services.SupportError as error:
                form.add_error(None, error.message)
            else:
                return redirect(support_request)
    else:
        form = RequestForm()
    return render(
        request,
        "support/request_start.html",
        {
            "form": form,
            "existing": existing,
            "active_rooms": selectors.active_private_rooms_for(request.user),
            "on_duty": selectors.listeners_on_duty_count(),
            **_crisis_context(request, visible=bool(form["might_act"].value())),
        },
    )


def _signed_out_page(request: HttpRequest) -> HttpResponse:
    """Why a live chat needs an account, the two ways in (each coming back here),
    and the help lines that need none."""
    back_here = urlencode({"next": reverse("support:request_start")})
    return render(
        request,
        "support/request_signed_out.html",
        {
            "join_url": f"{reverse('accounts:join')}?{back_here}",
            "sign_in_url": f"{reverse('accounts:sign_in')}?{back_here}",
            **_crisis_context(request, visible=True),
        },
    )


def _paused_page(request: HttpRequest, pause, *, status: int) -> HttpResponse:
    return render(
        request,
        "support/request_paused.html",
        {"pause": pause, **_crisis_context(request, visible=True)},
        status=status,
    )


@login_required
def request_wait(request: HttpRequest, request_id: int) -> HttpResponse:
    support_request = selectors.request_for_member(request.user, request_id)
    if support_request is None:
        raise Http404
    room = getattr(support_request, "room", None)
    if support_request.status != SupportRequest.Status.WAITING and room is not None:
        return redirect(room)
    status = events.status_frame(**selectors.waiting_place(support_request))
    until_offer = _seconds_until_offer(support_request)
    offer_now = until_offer <= 0
    panel_visible = support_request.urgent or offer_now
    return render(
        request,
        "support/request_wait.html",
        {
            "support_request": support_request,
            "status": status,
            "offer_now": offer_now,
            # A delay, not a time: the member's clock may be wrong.
            "offer_in_ms": max(0, math.ceil(until_offer * 1000)),
            "group_rooms": selectors.open_group_rooms(),
            "grounding_steps": GROUNDING_STEPS,
            **_crisis_context(
                request,
                visible=panel_visible and _panel_counted_once(request, support_request),
            ),
        },
    )


@login_required
@require_POST
def request_offer_shown(request: HttpRequest, request_id: int) -> HttpResponse:
    """The waiting page's script has just revealed the "while you wait" offer: count
    its crisis panel, once per request, as the server-rendered page would have."""
    support_request = selectors.request_for_member(request.user, request_id)
    if support_request is None:
        raise Http404
    if (
        support_request.status != SupportRequest.Status.WAITING
        or _seconds_until_offer(support_request) > 0
    ):
        return HttpResponse(status=409)
    # An urgent request's panel sits above the offer and counted when the page loaded.
    if not support_request.urgent and _panel_counted_once(request, support_request):
        signposting_services.record_crisis_panel_shown()
    return HttpResponse(status=204)


@login_required
@require_POST
def request_cancel(request: HttpRequest, request_id: int) -> HttpResponse:
    try:
        services.request_cancel(member=request.user, request_id=request_id)
    except services.SupportError:
        raise Http404 from None
    messages.info(
        request,
        _("Your request is cancelled. You can ask again whenever you need to."),
    )
    return redirect("support:request_start")
