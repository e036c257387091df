"""The rules engine against a hand-written corpus of parents' posts.

Every entry states the level and categories a careful moderator would expect. The
corpus covers each trap in the safety notes: intrusive thoughts, negation and
contrast, quoting and reported speech, past and recovery, idioms, means, evasions.
"""

import pytest

from moderation.rules import assess
from tests.moderation.rules_corpus import CORPUS, NEW_ACCOUNT


def _label(case):
    return case[0][:60]


@pytest.mark.parametrize("text, level, categories", CORPUS, ids=map(_label, CORPUS))
def test_corpus_post_gets_the_expected_level_and_categories(text, level, categories):
    """Each post is assessed at the level and with the categories written beside it."""
    result = assess(text)
    assert (result.level, set(result.categories)) == (level, categories)


@pytest.mark.parametrize(
    "text, level, categories", NEW_ACCOUNT, ids=map(_label, NEW_ACCOUNT)
)
def test_corpus_post_from_a_new_account_gets_the_expected_categories(
    text, level, categories
):
    """Links and selling count for new accounts."""
    result = assess(text, new_account=True)
    assert (result.level, set(result.categories)) == (level, categories)


def test_corpus_is_large_and_covers_every_category():
    """The corpus is big enough to mean something and touches every category."""
    seen = set()
    for _text, _level, categories in CORPUS + NEW_ACCOUNT:
        seen |= categories
    assert len(CORPUS) + len(NEW_ACCOUNT) >= 150
    from moderation.rules.schema import CATEGORIES

    assert seen == set(CATEGORIES)


def test_no_urgent_post_in_the_corpus_is_missed():
    """Zero misses on urgent posts: each is urgent and flagged for moderators."""
    missed = []
    for text, level, _categories in CORPUS:
        if level == "urgent":
            result = assess(text)
            if result.level != "urgent" or not result.flag:
                missed.append(text)
    assert missed == []


def test_ordinary_venting_raises_no_alarm():
    """Posts expected to be fine come back with no level and no actions."""
    alarms = [
        text
        for text, level, categories in CORPUS
        if level == "none" and not categories and assess(text).actions
    ]
    assert alarms == []
