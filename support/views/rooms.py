"""Rooms: a private chat or a group room, and what the people in it can do there
besides writing (which goes through the room's socket)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from support import events, presentation, selectors, services
from support.forms import (
    FeedbackForm,
    HandoverForm,
    ListenerNoteForm,
    MuteForm,
    SlowModeForm,
)
from support.models import ChatFeedback, ListenerStatus, Room, RoomMembership
from support.signposting import presentation as signposting_presentation
from support.signposting.countries import chooser_for_request, country_for_request

CANNED_OPENERS = [
    gettext_lazy(
        "Hi, I'm here with you now. There's no rush at all. What's been happening?"
    ),
    gettext_lazy(
        "Thank you for reaching out tonight. That takes something. How are you feeling "
        "right now?"
    ),
    gettext_lazy(
        "I'm really glad you asked for someone. Take your time; I'm listening."
    ),
    gettext_lazy("That sounds so hard. You're not on your own with it right now."),
]


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


def _shown_through(room: Room, transcript: list) -> int:
    """The seq the page holds every message up to that its reader may see: the
    room was read before its transcript, so everything up to the room's newest
    seq then is in it, unless the transcript was cut short."""
    if len(transcript) >= selectors.REPLAY_LIMIT:
        return transcript[-1].seq
    return room.message_seq


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
        "last_seq": _shown_through(room, transcript),
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
        context["resources"] = presentation.resources_for_cards(
            country, language=room.request.language if room.request_id else ""
        )
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
