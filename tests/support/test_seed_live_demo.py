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
