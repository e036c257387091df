"""Becoming a listener: applying, the lessons, a senior moderator's decision,
the supervised first chat and signing off; and asking for a debrief."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.acting import acting_as
from accounts.services import member_set_role
from moderation.models import AuditEntry, Notice
from moderation.services import alert_moderators, audit_append
from moderation.services.notices import in_language_of, notify
from support.models import ChatLanguage, Chip, ListenerStatus, Room
from support.training import selectors
from support.training.models import DebriefRequest, LessonPass, ListenerApplication

if TYPE_CHECKING:
    from accounts.models import Member


class TrainingError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _require_senior(member: Member) -> None:
    if (
        member is None
        or not member.is_authenticated
        or not member.can("senior_moderate")
    ):
        raise PermissionDenied


def application_create(
    *,
    member: Member,
    why: str,
    availability: str,
    languages: list[str],
    lived_experience: list[str],
    agreed_to_boundaries: bool,
) -> ListenerApplication:
    """Start her application; the lessons come next. Refused unless way_in says
    she may apply (TrainingError with the reason as its code)."""
    way = selectors.way_in(member)
    if not way.can_apply:
        raise TrainingError(way.reason, _("You can't apply to listen just now."))
    if not agreed_to_boundaries:
        raise TrainingError(
            "boundaries", _("Please read the listener boundaries and agree to them.")
        )
    spoken = [code for code in ChatLanguage.values if code in set(languages)]
    if not spoken:
        raise TrainingError("languages", _("Please choose at least one language."))
    tags = [chip for chip in Chip.values if chip in set(lived_experience)]
    try:
        with transaction.atomic():
            application = ListenerApplication.objects.create(
                member=member,
                why=why.strip(),
                availability=availability.strip(),
                languages=spoken,
                lived_experience=tags,
                agreed_to_boundaries=True,
            )
            _lessons_done_check(application)
    except IntegrityError:
        # The same member sent the form twice at once: keep the first.
        raise TrainingError(
            "open", _("You already have an application under way.")
        ) from None
    return application


def application_withdraw(*, member: Member) -> ListenerApplication | None:
    """She changed her mind before being approved: nothing else changes."""
    with transaction.atomic():
        application = (
            ListenerApplication.objects.select_for_update()
            .filter(
                member=member,
                status__in=[
                    ListenerApplication.Status.LESSONS,
                    ListenerApplication.Status.WAITING,
                ],
            )
            .first()
        )
        if application is None:
            return None
        application.status = ListenerApplication.Status.WITHDRAWN
        application.save(update_fields=["status", "updated"])
    return application


def _lessons_done_check(application: ListenerApplication) -> None:
    """Call inside a transaction holding the application: once every lesson is
    passed, it waits for a senior moderator."""
    if application.status != ListenerApplication.Status.LESSONS:
        return
    if not selectors.lessons_all_passed(application.member):
        return
    application.status = ListenerApplication.Status.WAITING
    application.lessons_done_at = timezone.now()
    application.save(update_fields=["status", "lessons_done_at", "updated"])
    alert_moderators(
        alert="listener_application",
        level="normal",
        message=_("Someone who wants to listen has finished the lessons."),
        url=reverse("support:listener_applications"),
    )


def lesson_answer(
    *, member: Member, slug: str, answers: dict[int, int | None]
) -> list[int]:
    """Check her answers to a lesson; return the numbers of the questions she got
    wrong (or left out). When there are none the lesson is passed and stored."""
    application = selectors.open_application_for(member)
    if application is None:
        raise PermissionDenied
    lesson = selectors.lesson_by_slug(slug)
    if lesson is None:
        raise TrainingError("not_found", _("We couldn't find that lesson."))
    wrong = [
        index
        for index, question in enumerate(lesson.questions)
        if answers.get(index) != question["answer"]
    ]
    if wrong:
        return wrong
    with transaction.atomic():
        LessonPass.objects.get_or_create(member=member, lesson_slug=lesson.slug)
        locked = ListenerApplication.objects.select_for_update().get(pk=application.pk)
        _lessons_done_check(locked)
    return []


def application_decide(
    *, senior: Member, application_id: int, approve: bool, note: str = ""
) -> ListenerApplication:
    """A senior moderator approves (she becomes a listener in training) or
    declines (with a kind note). Audited, and she is told."""
    _require_senior(senior)
    note = (note or "").strip()
    if not approve and not note:
        raise TrainingError(
            "note", _("Please write her a few kind words on why, for now, it's no.")
        )
    now = timezone.now()
    with transaction.atomic():
        application = _locked_application(application_id)
        if application.status != ListenerApplication.Status.WAITING:
            raise TrainingError(
                "decided", _("This application isn't waiting for a decision.")
            )
        if application.member_id == senior.pk:
            raise PermissionDenied
        before = application.status
        member = application.member
        application.status = (
            ListenerApplication.Status.TRAINING
            if approve
            else ListenerApplication.Status.DECLINED
        )
        application.decided_by = senior
        application.decided_at = now
        application.note = note
        application.save(
            update_fields=["status", "decided_by", "decided_at", "note", "updated"]
        )
        if approve:
            with acting_as(senior):
                # The role change is audited as every role change is, naming her.
                member_set_role(member=member, role="listener")
            ListenerStatus.objects.update_or_create(
                listener=member,
                defaults={
                    "languages": application.languages,
                    "lived_experience": application.lived_experience,
                },
            )
        audit_append(
            actor=senior,
            kind=AuditEntry.Kind.LISTENER_DECIDED,
            target_type="member",
            target_id=member.pk,
            before={"listener_application": before},
            after={"listener_application": application.status},
            reason=note,
        )
        with in_language_of(member):
            if approve:
                body = _(
                    "Welcome, listener. A senior moderator has approved you: you can "
                    "go on duty from your listen page. Your first chat is watched "
                    "over by a moderator, and you'll hold one chat at a time until "
                    "they sign you off."
                )
            else:
                body = _(
                    "Thank you for offering to listen. A senior moderator has said "
                    "not yet, for now. What they wrote: %(note)s"
                ) % {"note": note}
            if approve and note:
                body += "\n\n" + note
            notify(member, Notice.Kind.SUPPORT, body)
    return application


def first_chat_started(*, listener: Member, room: Room) -> None:
    """Call inside the transaction that opened room: a listener in training's first
    chat is remembered and the moderators are told, so one can watch over it."""
    application = (
        ListenerApplication.objects.select_for_update()
        .filter(
            member=listener,
            status=ListenerApplication.Status.TRAINING,
            first_room__isnull=True,
        )
        .first()
    )
    if application is None:
        return
    application.first_room = room
    application.save(update_fields=["first_room", "updated"])
    alert_moderators(
        alert="first_chat",
        level="normal",
        message=_(
            "A listener in training has just started her first chat. A senior "
            "moderator can open the room and watch over it."
        ),
        url=room.get_absolute_url(),
    )


def listener_sign_off(*, senior: Member, application_id: int) -> ListenerApplication:
    """Her supervisor says she is ready to listen on her own: training ends."""
    _require_senior(senior)
    with transaction.atomic():
        application = _locked_application(application_id)
        if application.status != ListenerApplication.Status.TRAINING:
            raise TrainingError("not_training", _("She isn't in training."))
        if application.first_room_id is None:
            raise TrainingError(
                "no_first_chat",
                _("She hasn't had her first chat yet; sign her off after it."),
            )
        application.status = ListenerApplication.Status.COMPLETED
        application.signed_off_by = senior
        application.signed_off_at = timezone.now()
        application.save(
            update_fields=["status", "signed_off_by", "signed_off_at", "updated"]
        )
        audit_append(
            actor=senior,
            kind=AuditEntry.Kind.LISTENER_SIGNED_OFF,
            target_type="member",
            target_id=application.member_id,
            before={"listener_application": ListenerApplication.Status.TRAINING},
            after={"listener_application": application.status},
        )
        with in_language_of(application.member):
            notify(
                application.member,
                Notice.Kind.SUPPORT,
                _(
                    "You're ready to listen on your own. Thank you for the care you "
                    "bring. You can now hold as many chats as your listen page allows."
                ),
            )
    return application


def debrief_ask(*, listener: Member, room_id: int | None = None) -> DebriefRequest:
    """A listener asks a moderator to talk a chat (or her shift) through."""
    if not listener.can("listen"):
        raise PermissionDenied
    room = None
    if room_id is not None:
        room = Room.objects.filter(
            pk=room_id, memberships__member=listener, kind=Room.Kind.PRIVATE
        ).first()
        if room is None:
            raise TrainingError("not_found", _("We couldn't find that chat."))
    with transaction.atomic():
        existing = DebriefRequest.objects.filter(
            listener=listener, room=room, status=DebriefRequest.Status.ASKED
        ).first()
        if existing is not None:
            return existing
        debrief = DebriefRequest.objects.create(listener=listener, room=room)
        alert_moderators(
            alert="debrief",
            level="normal",
            message=_("A listener has asked for a debrief."),
            url=reverse("support:debriefs"),
        )
    return debrief


def debrief_update(
    *, moderator: Member, debrief_id: int, status: str
) -> DebriefRequest:
    if not moderator.can("moderate"):
        raise PermissionDenied
    if status not in (DebriefRequest.Status.ARRANGED, DebriefRequest.Status.DONE):
        raise TrainingError("bad_status", _("Please choose arranged or done."))
    with transaction.atomic():
        debrief = (
            DebriefRequest.objects.select_for_update().filter(pk=debrief_id).first()
        )
        if debrief is None:
            raise TrainingError("not_found", _("We couldn't find that request."))
        debrief.status = status
        debrief.handled_by = moderator
        debrief.save(update_fields=["status", "handled_by", "updated"])
    return debrief


def _locked_application(application_id: int) -> ListenerApplication:
    """The application, locked for this transaction, or a refusal if there is none."""
    application = (
        ListenerApplication.objects.select_for_update()
        .select_related("member")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise TrainingError("not_found", _("We couldn't find that application."))
    return application
