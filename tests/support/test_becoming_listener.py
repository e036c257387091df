"""Becoming a listener: who may apply, the lessons, a senior moderator's decision,
the supervised first chat and signing off; the refusals as much as the way in."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from moderation.models import AuditEntry, Notice, Sanction
from moderation.services import sanction_issue
from support import services as support_services
from support.training import selectors, services
from support.training.lessons import lessons_load_file
from support.training.models import LessonPass, ListenerApplication

LESSONS_FILE = (
    Path(__file__).resolve().parents[2]
    / "support/signposting/data/listener_lessons.json"
)


@pytest.fixture
def lessons(db):
    lessons_load_file(path=LESSONS_FILE)
    return selectors.lessons()


@pytest.fixture
def settled(make_member):
    """A member who has been here long enough to apply."""
    return make_member("Kind Robin", date_joined=timezone.now() - timedelta(days=40))


@pytest.fixture
def senior(make_member):
    return make_member("Wise Heron", roles=["senior moderator"])


def apply(member, **changes):
    fields = {
        "why": "Someone listened to me at 3 a.m. once.",
        "availability": "Two evenings a week",
        "languages": ["en", "es"],
        "lived_experience": ["lonely"],
        "agreed_to_boundaries": True,
    }
    fields.update(changes)
    return services.application_create(member=member, **fields)


def right_answers(lesson) -> dict:
    return {index: q["answer"] for index, q in enumerate(lesson.questions)}


def pass_every_lesson(member, lessons):
    for lesson in lessons:
        assert (
            services.lesson_answer(
                member=member, slug=lesson.slug, answers=right_answers(lesson)
            )
            == []
        )


def test_the_shipped_lessons_cover_the_five_topics_in_both_languages(lessons):
    """Five lessons, each with two or three check questions, English and Spanish."""
    assert [lesson.slug for lesson in lessons] == [
        "active-listening",
        "safe-messaging",
        "in-a-crisis",
        "boundaries",
        "caring-for-yourself",
    ]
    for lesson in lessons:
        assert set(lesson.title) == {"en", "es"}
        assert 2 <= len(lesson.questions) <= 3


def test_a_new_member_is_told_kindly_when_she_can_apply(member, client):
    client.force_login(member)
    way = selectors.way_in(member)
    assert way.reason == "too_new"
    response = client.get(reverse("support:listener_apply"))
    assert "You can apply from" in response.content.decode()
    response = client.post(reverse("support:listener_apply"), {"why": "x"})
    assert response.status_code == 403
    assert not ListenerApplication.objects.exists()


def test_a_member_under_a_sanction_cannot_apply(settled, moderator):
    sanction_issue(
        member=settled,
        moderator=moderator,
        kind=Sanction.Kind.MUTE,
        guideline=1,
        message="A pause for a day.",
        ends_at=timezone.now() + timedelta(days=1),
    )
    assert selectors.way_in(settled).reason == "paused"
    with pytest.raises(services.TrainingError):
        apply(settled)


def test_a_listener_is_not_asked_to_apply(listener):
    assert selectors.way_in(listener).reason == "listener"


def test_the_settings_page_shows_the_way_in(settled, client):
    client.force_login(settled)
    page = client.get(reverse("accounts:settings")).content.decode()
    assert reverse("support:listener_apply") in page


def test_applying_keeps_what_she_typed_when_she_did_not_agree(settled, client):
    client.force_login(settled)
    response = client.post(
        reverse("support:listener_apply"),
        {"why": "I want to give back", "availability": "Evenings", "languages": "en"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "I want to give back" in page
    assert "agree to them" in page
    assert not ListenerApplication.objects.exists()


def test_applying_through_the_page_leads_to_the_lessons(settled, client, lessons):
    client.force_login(settled)
    response = client.post(
        reverse("support:listener_apply"),
        {
            "why": "I want to give back",
            "availability": "Evenings",
            "languages": ["en"],
            "agreed_to_boundaries": "on",
        },
    )
    assert response["Location"] == reverse("support:listener_lessons")
    application = ListenerApplication.objects.get(member=settled)
    assert application.status == ListenerApplication.Status.LESSONS
    assert application.languages == ["en"]
    page = client.get(reverse("support:listener_lessons")).content.decode()
    assert lessons[0].title["en"] in page


def test_one_open_application_per_member(settled):
    apply(settled)
    with pytest.raises(services.TrainingError) as refused:
        apply(settled)
    assert refused.value.code == "open"
    assert ListenerApplication.objects.filter(member=settled).count() == 1


def test_a_wrong_answer_shows_why_and_she_can_try_again(settled, client, lessons):
    apply(settled)
    client.force_login(settled)
    lesson = lessons[0]
    wrong = {
        f"q{i}": (q["answer"] + 1) % len(q["choices"])
        for i, q in enumerate(lesson.questions)
    }
    response = client.post(
        reverse("support:listener_lesson", args=[lesson.slug]), wrong
    )
    page = response.content.decode()
    assert lesson.questions[0]["why"]["en"] in page
    assert not LessonPass.objects.filter(member=settled).exists()
    right = {f"q{i}": a for i, a in right_answers(lesson).items()}
    response = client.post(
        reverse("support:listener_lesson", args=[lesson.slug]), right
    )
    assert response.status_code == 302
    assert LessonPass.objects.filter(member=settled, lesson_slug=lesson.slug).exists()


def test_a_question_left_out_asks_for_an_answer_without_giving_it_away(
    settled, client, lessons
):
    apply(settled)
    client.force_login(settled)
    lesson = lessons[0]
    page = client.post(
        reverse("support:listener_lesson", args=[lesson.slug]), {}
    ).content.decode()
    assert "Please choose one answer." in page
    assert lesson.questions[0]["why"]["en"] not in page


def test_lessons_are_for_applicants_only(member, client, lessons):
    client.force_login(member)
    response = client.get(reverse("support:listener_lesson", args=[lessons[0].slug]))
    assert response["Location"] == reverse("support:listener_apply")
    with pytest.raises(PermissionDenied):
        services.lesson_answer(member=member, slug=lessons[0].slug, answers={})


def test_passing_every_lesson_puts_the_application_before_senior_moderators(
    settled, lessons
):
    application = apply(settled)
    pass_every_lesson(settled, lessons[:-1])
    application.refresh_from_db()
    assert application.status == ListenerApplication.Status.LESSONS
    pass_every_lesson(settled, lessons[-1:])
    application.refresh_from_db()
    assert application.status == ListenerApplication.Status.WAITING
    assert list(selectors.applications_to_decide()) == [application]


@pytest.fixture
def waiting_application(settled, lessons):
    application = apply(settled)
    pass_every_lesson(settled, lessons)
    application.refresh_from_db()
    return application


@pytest.mark.parametrize("who", ["anonymous", "member", "listener", "moderator"])
def test_only_senior_moderators_see_and_decide_applications(
    who, waiting_application, client, member, listener, moderator
):
    people = {"member": member, "listener": listener, "moderator": moderator}
    if who != "anonymous":
        client.force_login(people[who])
    pages = [
        reverse("support:listener_applications"),
        reverse("support:listener_application", args=[waiting_application.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code in (302, 403)
        if who != "anonymous":
            assert response.status_code == 403
    response = client.post(pages[1], {"decision": "approve"})
    assert response.status_code in (302, 403)
    waiting_application.refresh_from_db()
    assert waiting_application.status == ListenerApplication.Status.WAITING


def test_a_senior_moderator_approves_and_she_becomes_a_listener_in_training(
    waiting_application, senior, client
):
    member = waiting_application.member
    client.force_login(senior)
    listing = client.get(reverse("support:listener_applications")).content.decode()
    assert member.pseudonym in listing
    page = client.get(
        reverse("support:listener_application", args=[waiting_application.pk])
    ).content.decode()
    assert waiting_application.why in page
    response = client.post(
        reverse("support:listener_application", args=[waiting_application.pk]),
        {"decision": "approve", "note": ""},
    )
    assert response.status_code == 302
    waiting_application.refresh_from_db()
    assert waiting_application.status == ListenerApplication.Status.TRAINING
    assert waiting_application.decided_by == senior
    member = type(member).objects.get(pk=member.pk)
    assert member.can("listen")
    assert member.listener_status.languages == ["en", "es"]
    assert Notice.objects.filter(member=member, kind=Notice.Kind.SUPPORT).exists()
    entries = AuditEntry.objects.filter(
        target_type="member", target_id=str(member.pk), actor=senior
    )
    assert {"listener_application": "training"} in [e.after for e in entries]
    assert {"added": ["listener"]} in [e.after for e in entries]


def test_declining_needs_a_note_and_tells_her(waiting_application, senior, client):
    client.force_login(senior)
    url = reverse("support:listener_application", args=[waiting_application.pk])
    response = client.post(url, {"decision": "decline", "note": ""})
    assert response.status_code == 400
    waiting_application.refresh_from_db()
    assert waiting_application.status == ListenerApplication.Status.WAITING
    client.post(url, {"decision": "decline", "note": "Let's talk again in spring."})
    waiting_application.refresh_from_db()
    assert waiting_application.status == ListenerApplication.Status.DECLINED
    notice = Notice.objects.get(member=waiting_application.member)
    assert "Let's talk again in spring." in notice.body
    entry = AuditEntry.objects.get(target_id=str(waiting_application.member_id))
    assert entry.kind == AuditEntry.Kind.LISTENER_DECIDED
    assert entry.after == {"listener_application": "declined"}
    assert entry.reason == "Let's talk again in spring."
    assert not waiting_application.member.can("listen")
    audit = client.get(reverse("moderation:audit")).content.decode()
    assert "Listener application decided" in audit
    assert "listener application: waiting for approval → declined" in audit


def test_a_senior_moderator_cannot_decide_her_own_application(senior, lessons):
    senior.date_joined = timezone.now() - timedelta(days=60)
    senior.save()
    application = apply(senior)
    pass_every_lesson(senior, lessons)
    with pytest.raises(PermissionDenied):
        services.application_decide(
            senior=senior, application_id=application.pk, approve=True
        )
    application.refresh_from_db()
    assert application.status == ListenerApplication.Status.WAITING


@pytest.fixture
def trainee(waiting_application, senior):
    services.application_decide(
        senior=senior, application_id=waiting_application.pk, approve=True
    )
    member = waiting_application.member
    return type(member).objects.get(pk=member.pk)


def test_in_training_she_goes_on_duty_and_holds_one_chat_at_a_time(
    trainee, make_member, client
):
    client.force_login(trainee)
    client.post(reverse("support:listen_duty"), {"on_duty": "1"})
    trainee.listener_status.refresh_from_db()
    assert trainee.listener_status.on_duty
    page = client.get(reverse("support:listen")).content.decode()
    assert "in training" in page
    first = support_services.request_create(member=make_member(), chips=[])
    second = support_services.request_create(member=make_member(), chips=[])
    room = support_services.request_accept(listener=trainee, request_id=first.pk)
    with pytest.raises(support_services.SupportError) as refused:
        support_services.request_accept(listener=trainee, request_id=second.pk)
    assert refused.value.code == "at_capacity"
    application = selectors.in_training(trainee)
    assert application.first_room == room


def test_her_first_chat_can_be_opened_by_a_senior_moderator_and_signed_off(
    trainee, make_member, senior, client, on_duty
):
    on_duty(trainee)
    request = support_services.request_create(member=make_member(), chips=[])
    room = support_services.request_accept(listener=trainee, request_id=request.pk)
    client.force_login(senior)
    listing = client.get(reverse("support:listener_applications")).content.decode()
    assert room.get_absolute_url() in listing
    assert client.get(room.get_absolute_url()).status_code == 200
    application = selectors.in_training(trainee)
    client.post(reverse("support:listener_sign_off", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ListenerApplication.Status.COMPLETED
    assert application.signed_off_by == senior
    assert selectors.in_training(trainee) is None
    signed_off = AuditEntry.objects.get(kind=AuditEntry.Kind.LISTENER_SIGNED_OFF)
    assert signed_off.target_id == str(trainee.pk)
    assert signed_off.actor == senior


def test_signing_off_waits_for_her_first_chat(trainee, senior):
    application = selectors.in_training(trainee)
    with pytest.raises(services.TrainingError) as refused:
        services.listener_sign_off(senior=senior, application_id=application.pk)
    assert refused.value.code == "no_first_chat"


def test_a_moderator_without_senior_rights_cannot_sign_off(trainee, moderator, client):
    application = selectors.in_training(trainee)
    client.force_login(moderator)
    response = client.post(reverse("support:listener_sign_off", args=[application.pk]))
    assert response.status_code == 403


def test_the_applications_page_keeps_its_query_count(
    senior, client, make_member, lessons, django_assert_max_num_queries
):
    for _number in range(6):
        applicant = make_member(date_joined=timezone.now() - timedelta(days=40))
        apply(applicant)
        pass_every_lesson(applicant, lessons)
    client.force_login(senior)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("support:listener_applications"))
    assert response.content.decode().count("Lessons done") == 6


def test_her_application_and_progress_are_in_her_data_and_go_with_her_account(
    waiting_application, client
):
    from accounts.services import member_erase, member_export

    member = waiting_application.member
    exported = member_export(member=member)["becoming_a_listener"]
    assert exported["applications"][0]["why"] == waiting_application.why
    assert len(exported["lessons_passed"]) == 5
    member_erase(member=member)
    assert not ListenerApplication.objects.filter(member=member).exists()
    assert not LessonPass.objects.filter(member=member).exists()
