"""Requests for live support: asking, cancelling, and a listener accepting one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, OperationalError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.broadcast import announce
from core.counters import count_event
from moderation.services import active_sanction_message, alert_raise
from support import events, selectors
from support.models import (
    ChatLanguage,
    Chip,
    ListenerStatus,
    Room,
    RoomMembership,
    SupportRequest,
)
from support.services.chat import in_chat_language, system_message
from support.services.common import SupportError, announce_queue
from support.training import selectors as training_selectors
from support.training import services as training_services

if TYPE_CHECKING:
    from accounts.models import Member


def _clean_chips(chips: list[str]) -> list[str]:
    unknown = set(chips) - set(Chip.values)
    if unknown:
        raise SupportError("bad_chip", _("Please choose from the listed words."))
    return [chip for chip in Chip.values if chip in set(chips)]


def request_create(
    *,
    member: Member,
    chips: list[str],
    wants_lived_experience: bool = False,
    might_act: bool = False,
    country: str = "",
    language: str = ChatLanguage.ENGLISH,
) -> SupportRequest:
    """Put a member in the live-support queue (or return the request already there).

    Refused (SupportError "live_support_paused") while a sanction that includes
    live support is active; any other sanction leaves her free to ask.
    might_act marks it urgent: it goes to the top of the queue and moderators are
    alerted live. The crisis panel is the page's job; the request goes on anyway.
    country is whose help lines the member was shown as she asked (the page's
    country_for_request): the listener's resource cards list them first.
    """
    if not member.is_authenticated or not member.is_active:
        raise PermissionDenied
    paused = active_sanction_message(author=member, live_support=True)
    if paused:
        # Stopped before she queues: a listener must never accept a chat in which
        # she could not answer.
        raise SupportError("live_support_paused", paused)
    chips = _clean_chips(chips)
    with transaction.atomic():
        existing = (
            SupportRequest.objects.select_for_update()
            .filter(member=member, status=SupportRequest.Status.WAITING)
            .first()
        )
        if existing is not None:
            changed = []
            if might_act and not existing.urgent:
                existing.urgent = True
                changed.append("urgent")
            if chips and chips != existing.chips:
                existing.chips = chips
                changed.append("chips")
            if country and country != existing.country:
                existing.country = country
                changed.append("country")
            if language != existing.language:
                existing.language = language
                changed.append("language")
            if changed:
                existing.save(update_fields=[*changed, "updated"])
            if {"urgent", "chips", "language"} & set(changed):
                _after_request_change(existing, newly_urgent="urgent" in changed)
            return existing
        try:
            with transaction.atomic():
                request = SupportRequest.objects.create(
                    member=member,
                    chips=chips,
                    wants_lived_experience=wants_lived_experience and bool(chips),
                    urgent=might_act,
                    country=country,
                    language=language,
                )
        except IntegrityError:
            # The same member asked twice at once: keep the first.
            return SupportRequest.objects.get(
                member=member, status=SupportRequest.Status.WAITING
            )
        count_event("support_request")
        if might_act:
            count_event("support_request_urgent")
        _after_request_change(request, newly_urgent=might_act)
    return request


def _after_request_change(request: SupportRequest, *, newly_urgent: bool) -> None:
    """Call inside the transaction that saved request."""
    announce_queue()
    if newly_urgent:
        alert_raise(
            target=request,
            author=request.member,
            level="urgent",
            categories=("self_harm", "harm_to_baby"),
            reason="urgent_support_request",
            alert="urgent_request",
            message=_(
                "Someone waiting for a listener said they might act on thoughts "
                "of harming themselves or their baby."
            ),
            url=reverse("support:listen"),
        )


def request_cancel(*, member: Member, request_id: int) -> SupportRequest:
    with transaction.atomic():
        request = (
            SupportRequest.objects.select_for_update()
            .filter(pk=request_id, member=member)
            .first()
        )
        if request is None:
            raise SupportError("not_found", _("We couldn't find that request."))
        if request.status != SupportRequest.Status.WAITING:
            return request
        request.status = SupportRequest.Status.CANCELLED
        request.cancelled_at = timezone.now()
        request.save(update_fields=["status", "cancelled_at", "updated"])
        announce(
            events.request_group(request.pk),
            events.request_event({"type": "cancelled"}),
        )
        announce_queue()
    return request


def _taken() -> SupportError:
    return SupportError(
        "taken",
        _("Another listener has just taken this request, or it was cancelled."),
    )


def request_accept(*, listener: Member, request_id: int) -> Room:
    """Take a waiting request and open its private room.

    Locks the request row (select_for_update) and moves it out of "waiting" with a
    conditional update, so of two listeners accepting at once exactly one wins and
    the other gets SupportError("taken"). The listener's status row is locked too,
    so their chat cap holds under concurrent accepts.
    """
    if not listener.can("listen"):
        raise PermissionDenied
    try:
        return _request_accept(listener=listener, request_id=request_id)
    except OperationalError as error:
        # SQLite has no row locks: the loser of a write race is told the database
        # is locked. Any other database error is not a lost race.
        if not _lost_write_race(error):
            raise
        raise _taken() from None


def _lost_write_race(error: OperationalError) -> bool:
    vendor = transaction.get_connection().vendor
    return vendor == "sqlite" and "locked" in str(error).lower()


def _request_accept(*, listener: Member, request_id: int) -> Room:
    now = timezone.now()
    with transaction.atomic():
        status = (
            ListenerStatus.objects.select_for_update().filter(listener=listener).first()
        )
        if status is None or not status.on_duty:
            raise SupportError(
                "off_duty", _("Go on duty first, then you can take a request.")
            )
        training = training_selectors.in_training(listener)
        # Until she is signed off, a listener in training holds one chat at a time.
        max_chats = 1 if training is not None else status.max_chats
        if selectors.listener_chat_count(listener) >= max_chats:
            raise SupportError(
                "at_capacity",
                _(
                    "You already have as many chats as you've said you can hold. "
                    "Finish one first; someone else can take this."
                ),
            )
        request = (
            SupportRequest.objects.select_for_update().filter(pk=request_id).first()
        )
        if request is None or request.status != SupportRequest.Status.WAITING:
            raise _taken()
        if request.member_id == listener.pk:
            raise SupportError("own_request", _("You can't take your own request."))
        refusal = selectors.accept_refusal(request, listener, now)
        if refusal:
            raise SupportError("held_for_match", refusal)
        won = SupportRequest.objects.filter(
            pk=request.pk, status=SupportRequest.Status.WAITING
        ).update(
            status=SupportRequest.Status.ACCEPTED,
            accepted_at=now,
            listener=listener,
            updated=now,
        )
        if not won:
            raise _taken()
        room = Room.objects.create(kind=Room.Kind.PRIVATE, request=request)
        RoomMembership.objects.bulk_create(
            [
                RoomMembership(
                    room=room,
                    member_id=request.member_id,
                    role=RoomMembership.Role.MEMBER,
                ),
                RoomMembership(
                    room=room, member=listener, role=RoomMembership.Role.LISTENER
                ),
            ]
        )
        with in_chat_language(room):
            system_message(
                room,
                _("%(name)s, a listener, has joined you.")
                % {"name": listener.pseudonym},
            )
        if training is not None:
            training_services.first_chat_started(listener=listener, room=room)
        count_event("support_request_accepted")
        announce(
            events.request_group(request.pk),
            events.request_event(
                {"type": "accepted", "room_url": room.get_absolute_url()}
            ),
        )
        announce_queue()
    return room
