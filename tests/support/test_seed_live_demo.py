"""make run opens a demo group room and puts the demo listener on duty."""

import pytest
from django.core.management import call_command

from support.models import ListenerStatus, Room

pytestmark = pytest.mark.django_db


def test_the_live_demo_opens_a_room_and_puts_the_listener_on_duty(make_member):
    listener = make_member("Demo Listener", roles=["listener"])
    call_command("seed_live_demo")
    call_command("seed_live_demo")  # again: nothing doubles
    assert Room.objects.filter(kind=Room.Kind.GROUP, name="Night feeds").count() == 1
    assert ListenerStatus.objects.get(listener=listener).on_duty


def test_without_the_demo_listener_it_still_opens_the_room():
    call_command("seed_live_demo")
    assert Room.objects.filter(kind=Room.Kind.GROUP).exists()
    assert not ListenerStatus.objects.exists()


def test_the_live_demo_has_a_listener_in_training(make_member, settings):
    """With DEBUG on and the lessons loaded: approved, every lesson done, not
    signed off, and she signs in like the other demo accounts; running it again
    changes nothing."""
    from pathlib import Path

    from django.contrib.auth import authenticate

    from accounts.demo import DEMO_PASSWORD
    from support.training import selectors
    from support.training.lessons import lessons_load_file
    from support.training.models import LessonPass, ListenerApplication

    settings.DEBUG = True
    lessons_load_file(
        path=Path(__file__).resolve().parents[2]
        / "support/signposting/data/listener_lessons.json"
    )
    make_member("Demo Operator", roles=["operator"])
    call_command("seed_live_demo")
    call_command("seed_live_demo")
    application = ListenerApplication.objects.get(member__pseudonym="Demo Trainee")
    assert application.status == ListenerApplication.Status.TRAINING
    assert selectors.in_training(application.member) == application
    assert LessonPass.objects.filter(member=application.member).count() == 5
    assert application.member.can("listen")
    assert authenticate(pseudonym="Demo Trainee", password=DEMO_PASSWORD) == (
        application.member
    )
