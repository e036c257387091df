"""Listening: a listener's duty page, their profile and accepting a request."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from support import selectors, services
from support.forms import ListenerProfileForm
from support.training import selectors as training_selectors


def _require_listener(request: HttpRequest) -> None:
    if not request.user.can("listen"):
        raise PermissionDenied


@login_required
def listen(request: HttpRequest) -> HttpResponse:
    _require_listener(request)
    status = selectors.listener_status_for(request.user)
    snapshot = selectors.queue_snapshot()
    return render(
        request,
        "support/listen.html",
        {
            "status": status,
            "on_duty": bool(status and status.on_duty),
            "queue": selectors.queue_for_listener(snapshot, request.user.pk),
            "listeners_on_duty": snapshot["on_duty"],
            "my_rooms": selectors.active_private_rooms_for(request.user),
            "chat_count": selectors.listener_chat_count(request.user),
            "hours_this_week": selectors.duty_hours_this_week(request.user),
            "training": training_selectors.in_training(request.user),
            "hard_chats": training_selectors.hard_chats(request.user),
            "profile_form": ListenerProfileForm(
                initial={
                    "languages": status.languages if status else ["en"],
                    "lived_experience": status.lived_experience if status else [],
                    "weekly_hours_cap": status.weekly_hours_cap if status else None,
                }
            ),
        },
    )


@login_required
@require_POST
def listen_duty(request: HttpRequest) -> HttpResponse:
    _require_listener(request)
    on_duty = request.POST.get("on_duty") == "1"
    browser_zone = request.POST.get("time_zone", "")
    zone = training_selectors.listener_zone(request.user, browser_zone)
    nights = (
        training_selectors.nights_needing_a_pause(request.user, zone=zone)
        if on_duty and request.POST.get("rested") != "1"
        else 0
    )
    if nights:
        # A kind pause, not a block: she can say she has rested and go on.
        return render(
            request,
            "support/training/night_pause.html",
            {"nights": nights, "time_zone": browser_zone},
        )
    try:
        services.listener_set_duty(
            listener=request.user, on_duty=on_duty, time_zone=browser_zone
        )
    except services.SupportError as error:
        messages.error(request, error.message)
    return redirect("support:listen")


@login_required
@require_POST
def listen_profile(request: HttpRequest) -> HttpResponse:
    _require_listener(request)
    form = ListenerProfileForm(request.POST)
    if form.is_valid():
        services.listener_update_profile(
            listener=request.user,
            lived_experience=form.cleaned_data["lived_experience"],
            weekly_hours_cap=form.cleaned_data["weekly_hours_cap"],
            languages=form.cleaned_data["languages"],
        )
        messages.success(request, _("Saved."))
    else:
        messages.error(
            request,
            _(
                "Please choose at least one language, and check the hours: a whole "
                "number from 1 to 80."
            ),
        )
    return redirect("support:listen")


@login_required
@require_POST
def request_accept(request: HttpRequest, request_id: int) -> HttpResponse:
    _require_listener(request)
    try:
        room = services.request_accept(listener=request.user, request_id=request_id)
    except services.SupportError as error:
        messages.error(request, error.message)
        return redirect("support:listen")
    return redirect(room)
