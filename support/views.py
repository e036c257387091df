"""Live support pages. Thin: they check access through selectors and call services."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from support import events, presentation, selectors, services
from support.forms import (
    FeedbackForm,
    HandoverForm,
    ListenerNoteForm,
    ListenerProfileForm,
    MuteForm,
    RequestForm,
    SlowModeForm,
)
from support.models import (
    ChatFeedback,
    ListenerStatus,
    Room,
    RoomMembership,
    SupportRequest,
)
from support.signposting import presentation as signposting_presentation
from support.signposting import services as signposting_services
from support.signposting.countries import chooser_for_request, country_for_request

CANNED_OPENERS = [
    "Hi, I'm here with you now. There's no rush at all. What's been happening?",
    "Thank you for reaching out tonight. That takes something. How are you feeling "
    "right now?",
    "I'm really glad you asked for someone. Take your time; I'm listening.",
    "That sounds so hard. You're not on your own with it right now.",
]

GROUNDING_STEPS = [
    "Name five things you can see around you.",
    "Notice four things you can feel: your feet, the chair, your clothes, the air.",
    "Listen for three sounds, near or far.",
    "Find two things you can smell, or two smells you like.",
    "Take one slow breath in through your nose, and let it out a little slower.",
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


# --- Asking for someone ----------------------------------------------------------


@login_required
def request_start(request: HttpRequest) -> HttpResponse:
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


# --- Listening -------------------------------------------------------------------


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
            "profile_form": ListenerProfileForm(
                initial={
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
    try:
        services.listener_set_duty(
            listener=request.user, on_duty=request.POST.get("on_duty") == "1"
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
        )
        messages.success(request, _("Saved."))
    else:
        messages.error(
            request, _("Please check the hours: a whole number from 1 to 80.")
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


# --- Rooms -----------------------------------------------------------------------


@login_required
def rooms(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    listed = selectors.group_rooms()
    hosted = selectors.hosted_room_ids(listed, now)
    return render(
        request,
        "support/rooms.html",
        {
            "rooms": [
                (room, room.is_open_at(now), room.pk in hosted) for room in listed
            ],
            "my_rooms": selectors.active_private_rooms_for(request.user),
        },
    )


def _room_or_404(request: HttpRequest, room_id: int) -> tuple[Room, str]:
    found = selectors.room_for(request.user, room_id)
    if found is None:
        raise Http404
    return found


def _her_lines(request: HttpRequest, room: Room, transcript) -> dict:
    """The member's country control for the helpline cards her listener sends (the
    panel, not this, asks her), and her crisis panel again when she comes back
    from changing the country there (?help=1)."""
    url, country = room.get_absolute_url(), country_for_request(request)
    context = {"has_cards": any(m.kind == m.Kind.RESOURCE_CARD for m in transcript)}
    if request.GET.get("help") == "1":
        chooser = chooser_for_request(request, country, next_url=f"{url}?help=1")
        context["crisis_panel_html"] = presentation.crisis_panel_html(
            country, chooser=chooser, more_help=True
        )
    cards = chooser_for_request(request, country, next_url=url)
    cards.ask = False
    return {**context, **signposting_presentation.country_control(cards)}


@login_required
def room(request: HttpRequest, room_id: int) -> HttpResponse:
    room, role = _room_or_404(request, room_id)
    participants = selectors.room_participants(room)
    joined = any(p.member_id == request.user.pk for p in participants)
    is_listener = role == RoomMembership.Role.LISTENER
    is_moderator = role == RoomMembership.Role.MODERATOR
    room_member = next(
        (p.member for p in participants if p.role == RoomMembership.Role.MEMBER), None
    )
    if room.is_private and is_moderator and not joined and not room.has_ended:
        return render(request, "support/room_join.html", {"room": room})
    transcript = selectors.messages_after(room, request.user, 0)
    context = {
        "room": room,
        "role": role,
        "transcript": transcript,
        "last_id": transcript[-1].id if transcript else 0,
        "participants": participants,
        "is_listener": is_listener,
        "is_moderator": is_moderator,
        "is_room_member": role == RoomMembership.Role.MEMBER,
        "open_now": room.is_open_at(),
        "is_host": role in selectors.HOST_ROLES,
        "host_present": room.kind == Room.Kind.GROUP
        and selectors.room_has_host(room.pk),
        "held_notice": events.held_notice(),
        "room_member": room_member,
    }
    if is_listener or is_moderator:
        # The supported member's lines, wherever the listener is.
        country = selectors.supported_country(room, room_member or request.user)
        context["resources"] = presentation.resources_for_cards(country)
        context["openers"] = CANNED_OPENERS
    if is_listener and room.is_private and not room.has_ended:
        others = (
            ListenerStatus.objects.filter(on_duty=True)
            .exclude(listener=request.user)
            .select_related("listener")
        )
        context["handover_form"] = HandoverForm(listeners=[s.listener for s in others])
    if is_listener and room.is_private:
        context["note_form"] = ListenerNoteForm()
    if is_moderator:
        context["slow_mode_form"] = SlowModeForm(
            initial={"seconds": room.slow_mode_seconds}
        )
        context["mute_form"] = MuteForm(
            people=[p.member for p in participants if p.member_id != request.user.pk]
        )
    if role == RoomMembership.Role.MEMBER and not room.has_ended:
        context.update(_her_lines(request, room, transcript))
    if room.is_private and role == RoomMembership.Role.MEMBER:
        context["feedback"] = ChatFeedback.objects.filter(room=room).first()
        context["helped_choices"] = ChatFeedback.Helped.choices
        context["retention_days"] = settings.CHAT_RETENTION_DAYS
    return render(request, "support/room.html", context)


@login_required
@require_POST
def room_join(request: HttpRequest, room_id: int) -> HttpResponse:
    room, role = _room_or_404(request, room_id)
    if role != RoomMembership.Role.MODERATOR:
        raise PermissionDenied
    services.room_join_as_moderator(room=room, moderator=request.user)
    return redirect(room)


def _post_action(request: HttpRequest, room_id: int, action) -> HttpResponse:
    room, role = _room_or_404(request, room_id)
    try:
        action(room, role)
    except services.SupportError as error:
        messages.error(request, error.message)
    return redirect(room)


@login_required
@require_POST
def room_end(request: HttpRequest, room_id: int) -> HttpResponse:
    def end(room, role):
        services.room_end(room=room, by=request.user)

    return _post_action(request, room_id, end)


@login_required
@require_POST
def room_handover(request: HttpRequest, room_id: int) -> HttpResponse:
    room, role = _room_or_404(request, room_id)
    if role != RoomMembership.Role.LISTENER:
        raise PermissionDenied
    to_listener = (
        get_user_model().objects.filter(pk=request.POST.get("to_listener") or 0).first()
        if str(request.POST.get("to_listener", "")).isdigit()
        else None
    )
    if to_listener is None:
        messages.error(request, _("Choose a listener on duty."))
        return redirect(room)
    try:
        services.room_handover(
            room=room, from_listener=request.user, to_listener=to_listener
        )
    except services.SupportError as error:
        messages.error(request, error.message)
        return redirect(room)
    messages.success(
        request,
        _("You've handed the chat to %(name)s. Thank you.") % {"name": to_listener},
    )
    return redirect("support:listen")


@login_required
@require_POST
def room_escalate(request: HttpRequest, room_id: int) -> HttpResponse:
    def escalate(room, role):
        services.room_escalate(room=room, by=request.user)
        messages.success(request, _("Moderators have been asked to join."))

    return _post_action(request, room_id, escalate)


@login_required
@require_POST
def room_feedback(request: HttpRequest, room_id: int) -> HttpResponse:
    def feedback(room, role):
        form = FeedbackForm(request.POST)
        if not form.is_valid():
            raise services.SupportError("bad_feedback", _("Please choose one answer."))
        services.feedback_create(
            room=room,
            member=request.user,
            helped=form.cleaned_data["helped"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, _("Thank you for telling us."))

    return _post_action(request, room_id, feedback)


@login_required
@require_POST
def room_note(request: HttpRequest, room_id: int) -> HttpResponse:
    def note(room, role):
        form = ListenerNoteForm(request.POST)
        if not form.is_valid():
            raise services.SupportError("empty", _("Write something first."))
        services.listener_note_create(
            room=room, listener=request.user, body=form.cleaned_data["body"]
        )
        messages.success(request, _("Your note is saved for moderators."))

    return _post_action(request, room_id, note)


@login_required
@require_POST
def room_delete(request: HttpRequest, room_id: int) -> HttpResponse:
    room, role = _room_or_404(request, room_id)
    services.transcript_delete(room=room, member=request.user)
    messages.success(request, _("The transcript of that chat is deleted."))
    return redirect("support:request_start")


@login_required
@require_POST
def room_slow_mode(request: HttpRequest, room_id: int) -> HttpResponse:
    def slow(room, role):
        form = SlowModeForm(request.POST)
        if not form.is_valid():
            raise services.SupportError("bad", _("Choose from 0 to 600 seconds."))
        services.room_set_slow_mode(
            room=room, by=request.user, seconds=form.cleaned_data["seconds"]
        )

    return _post_action(request, room_id, slow)


@login_required
@require_POST
def room_mute(request: HttpRequest, room_id: int) -> HttpResponse:
    def mute(room, role):
        people = [p.member for p in selectors.room_participants(room)]
        form = MuteForm(request.POST, people=people)
        if not form.is_valid():
            raise services.SupportError("bad", _("Choose someone in this room."))
        target = next(p for p in people if p.pk == form.cleaned_data["member"])
        services.room_mute(
            room=room,
            by=request.user,
            member=target,
            minutes=form.cleaned_data["minutes"],
        )

    return _post_action(request, room_id, mute)
