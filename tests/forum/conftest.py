"""Forum fixtures: spaces and small helpers that write through forum.services."""

import pytest

from forum import services
from forum.models import Space


@pytest.fixture(autouse=True)
def _no_premoderation(settings):
    """New test members post straight away unless a test says otherwise."""
    settings.PREMODERATION_POSTS = 0


@pytest.fixture
def space(db):
    return Space.objects.create(name="Postpartum", slug="postpartum", order=1)


@pytest.fixture
def make_thread(space):
    def make(
        author, *, title="Three weeks in and so tired", body="Is this normal?", **kw
    ):
        kw.setdefault("seeding", True)
        return services.thread_create(
            author=author, space=kw.pop("space", space), title=title, body=body, **kw
        ).thread

    return make


@pytest.fixture
def make_reply():
    def make(author, thread, *, body=None, parent=None, **kw):
        kw.setdefault("seeding", True)
        body = body or f"A reply from {author.pk} at {id(object())}"
        return services.reply_create(
            author=author, thread=thread, parent=parent, body=body, **kw
        ).reply

    return make
