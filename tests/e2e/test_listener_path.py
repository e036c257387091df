"""Becoming a listener in real browsers: a member applies from her settings, does
the lessons (getting one wrong first), a senior moderator approves her, and she
goes on duty, in training."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from support.training.lessons import lessons_load_file
from support.training.models import ListenerApplication
from tests.e2e.conftest import axe_violations, in_thread, screenshot
from tests.e2e.signing_in import signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LESSONS = (
    Path(__file__).resolve().parents[2]
    / "support/signposting/data/listener_lessons.json"
)


def lesson_data() -> list[dict]:
    import json

    return sorted(json.loads(LESSONS.read_text()), key=lambda lesson: lesson["order"])


def status_of(member) -> str:
    return ListenerApplication.objects.get(member=member).status


def test_a_member_applies_learns_is_approved_and_goes_on_duty(
    new_page, daphne_server, make_member
):
    in_thread(lessons_load_file, path=LESSONS)
    applicant = in_thread(
        make_member, "Brave Sparrow", date_joined=timezone.now() - timedelta(days=45)
    )
    senior = in_thread(make_member, "Wise Heron", roles=["senior moderator"])

    page = signed_in_page(new_page, daphne_server, applicant)
    page.goto("/accounts/settings/")
    page.get_by_role("link", name="Apply to become a listener").click()
    page.get_by_label("Why would you like to listen?").fill(
        "A listener stayed with me on a terrible night."
    )
    page.get_by_label("When could you usually be on duty?").fill("Tuesday evenings")
    page.get_by_label("English", exact=True).check()
    page.get_by_label("I have read the listener boundaries", exact=False).check()
    page.get_by_role("button", name="Send my application").click()
    page.wait_for_url("**/support/listen/lessons/")
    assert axe_violations(page) == []

    for number, lesson in enumerate(lesson_data()):
        page.get_by_role("link", name=lesson["title"]["en"]).click()
        questions = lesson["questions"]
        if number == 0:
            # A wrong answer first: she is shown why, and tries again.
            first = questions[0]
            wrong = (first["answer"] + 1) % len(first["choices"])
            page.get_by_label(first["choices"][wrong]["en"], exact=True).check()
            page.get_by_role("button", name="Check my answers").click()
            assert page.get_by_text(first["why"]["en"]).is_visible()
            assert axe_violations(page) == []
            screenshot(page, "listener-lesson-try-again")
        for question in questions:
            right = question["choices"][question["answer"]]["en"]
            page.get_by_label(right, exact=True).check()
        page.get_by_role("button", name="Check my answers").click()
        page.wait_for_url("**/support/listen/lessons/")
    assert page.get_by_text("You've done every lesson.").is_visible()
    assert in_thread(status_of, applicant) == ListenerApplication.Status.WAITING

    senior_page = signed_in_page(new_page, daphne_server, senior)
    senior_page.goto("/support/listen/applications/")
    senior_page.get_by_role("link", name="Brave Sparrow").click()
    assert senior_page.get_by_text("A listener stayed with me").is_visible()
    assert axe_violations(senior_page) == []
    senior_page.get_by_role("button", name="Approve").click()
    senior_page.wait_for_url("**/support/listen/applications/")
    assert in_thread(status_of, applicant) == ListenerApplication.Status.TRAINING

    page.goto("/support/listen/")
    assert page.get_by_text("You're in training.").is_visible()
    page.get_by_role("button", name="Go on duty").click()
    assert page.get_by_text("You're on duty.").is_visible()
    assert page.get_by_text("Chats you hold: 0 of 1.").is_visible()
    screenshot(page, "listener-in-training-on-duty")
