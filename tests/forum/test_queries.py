"""Pages cost the same number of queries whatever the size of the conversation."""

import itertools

import pytest

from forum import services
from forum.models import Reaction, Reply, Thread

# Session, member, permissions, the header's counts and other areas' banners make
# up about half; the rest is the page itself. What matters is that neither number
# grows with the conversation.
THREAD_PAGE_QUERIES = 18
SPACE_PAGE_QUERIES = 14


def _grow(thread, members, replies: int) -> None:
    """Many replies, nested, anonymous and not, with notes and reactions, written
    straight to the tables (the services are tested elsewhere; this is about reads)."""
    cycle = itertools.cycle(members)
    made: list[Reply] = []
    for n in range(replies):
        parent = made[n // 2] if n % 3 and made else None
        made.append(
            Reply.objects.create(
                thread=thread,
                parent=parent,
                root=(parent.root or parent) if parent else None,
                depth=parent.depth + 1 if parent else 1,
                author=next(cycle),
                body_source=f"reply {n}",
                body_html=f"<p>reply {n}</p>",
                anonymous=n % 5 == 0,
                content_notes=["birth-trauma"] if n % 7 == 0 else [],
            )
        )
    Reaction.objects.bulk_create(
        Reaction(member=member, thread=thread, reply=reply, kind=kind)
        for reply in made[::2]
        for member, kind in zip(members[:3], ["hug", "me_too", "strength"], strict=True)
    )
    services.recount_all()


@pytest.fixture
def people(make_member, moderator):
    return [make_member(f"Reader {n}") for n in range(6)]


@pytest.mark.parametrize("replies", [10, 200])
@pytest.mark.parametrize(
    "reader", ["anonymous", "member", "moderator", "author of an anonymous thread"]
)
def test_the_thread_page_issues_a_fixed_number_of_queries(
    client,
    django_assert_max_num_queries,
    people,
    moderator,
    make_thread,
    make_reply,
    replies,
    reader,
):
    thread = make_thread(people[0], anonymous=reader.endswith("anonymous thread"))
    _grow(thread, people, replies)
    if reader == "author of an anonymous thread":
        # Her reply form starts "fully anonymous": it costs no query more.
        client.force_login(people[0])
    elif reader == "member":
        client.force_login(people[1])
    elif reader == "moderator":
        client.force_login(moderator)
    with django_assert_max_num_queries(THREAD_PAGE_QUERIES):
        response = client.get(thread.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("threads", [10, 200])
def test_the_space_page_issues_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, people, make_thread, make_reply, threads
):
    thread = make_thread(people[0])
    Thread.objects.bulk_create(
        Thread(
            space=thread.space,
            author=people[n % len(people)],
            title=f"thread {n}",
            body_source=f"b {n}",
            body_html=f"<p>b {n}</p>",
            anonymous=n % 4 == 0,
            reply_count=n % 3,
            content_notes=["abuse"] if n % 5 == 0 else [],
        )
        for n in range(threads)
    )
    client.force_login(people[0])
    with django_assert_max_num_queries(SPACE_PAGE_QUERIES):
        response = client.get(thread.space.get_absolute_url())
    assert response.status_code == 200
