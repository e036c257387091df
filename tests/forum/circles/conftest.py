"""Circle fixtures: kinds like the demo's, and joining through the services."""

import datetime

import pytest

from forum.circles import services
from forum.circles.models import CircleKind


@pytest.fixture
def babies(db):
    return CircleKind.objects.create(
        name="Babies born the same month",
        slug="birth-month",
        by_birth_month=True,
        prompts=["What was one small win this week?", "What helped, even a little?"],
    )


@pytest.fixture
def moved(db):
    return CircleKind.objects.create(
        name="Moved somewhere new",
        slug="moved",
        capacity=3,
        prompts=["What did you find out about where you live now?"],
    )


NOVEMBER = datetime.date(2026, 11, 1)


@pytest.fixture
def join():
    def join_circle(member, kind, month=None, **kw):
        return services.circle_join(member=member, kind=kind, birth_month=month, **kw)

    return join_circle


@pytest.fixture
def circle(member, babies, join):
    """A November 2026 babies circle with member in it."""
    return join(member, babies, NOVEMBER)
