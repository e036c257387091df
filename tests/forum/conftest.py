"""Forum fixtures: spaces, and factories that post through forum.services with
screening on, as a member would."""

import itertools

import pytest

from forum import services
from forum.models import Space
from forum.services import posting

_post_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_premoderation(settings):
    """New test members post straight away unless a test says otherwise."""
    settings.PREMODERATION_POSTS = 0


@pytest.fixture
def _roomy_posting_limits(monkeypatch):
    """The factories' posts count towards their authors' limits like any other, so a
    test that builds a long thread doesn't trip them. Tests of the limits set their
    own after this."""
    monkeypatch.setattr(posting, "THREAD_RATE", (1000, 3600))
    monkeypatch.setattr(posting, "REPLY_RATE", (1000, 600))


@pytest.fixture
def space(db):
    return Space.objects.create(name="Postpartum", slug="postpartum", order=1)


@pytest.fixture
def make_thread(space, _roomy_posting_limits):
    """Start a thread through thread_create. A space that needs approval holds it,
    and screening may hold it, as for anyone."""

    def make(author, *, title="Three weeks in and so tired", body=None, **kw):
        # Different words each time: the same words twice are refused as a repeat.
        body = body or f"Is this normal? (number {next(_post_numbers)})"
        return services.thread_create(
            author=author, space=kw.pop("space", space), title=title, body=body, **kw
        ).thread

    return make


@pytest.fixture
def make_reply(_roomy_posting_limits):
    """Answer a thread (or parent) through reply_create, screened as anyone's."""

    def make(author, thread, *, body=None, parent=None, **kw):
        body = body or f"A reply from {author.pk}, number {next(_post_numbers)}"
        return services.reply_create(
            author=author, thread=thread, parent=parent, body=body, **kw
        ).reply

    return make
