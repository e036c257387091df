"""manage.py score_rules: the figures a corpus gets, its misses, and bad input."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from moderation.rules.word_model import CORPORA, Leaning

PILLS_TONIGHT = "I am going to take all the pills I saved tonight, it's planned"
PANCAKES = "we had pancakes for breakfast and the baby threw hers on the floor"


def corpus(tmp_path, *entries) -> str:
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(entry) for entry in entries), encoding="utf-8")
    return str(path)


def scored(*args) -> str:
    out = StringIO()
    call_command("score_rules", *args, stdout=out)
    return out.getvalue()


def test_a_corpus_gets_its_level_urgent_and_everyday_figures(tmp_path):
    path = corpus(
        tmp_path,
        {"text": PILLS_TONIGHT, "level": "urgent", "categories": ["suicidal_thoughts"]},
        {"text": PANCAKES, "level": "none", "categories": []},
    )
    text = scored(path)
    assert "texts: 2" in text
    assert "100.0 % (1 of 1)" in text.split("urgent caught:")[1].splitlines()[0]
    assert "0.0 % (0 of 1)" in text.split("everyday posts raised:")[1].splitlines()[0]


def test_misses_lists_each_text_scored_wrong_and_only_those(tmp_path):
    path = corpus(
        tmp_path,
        {"text": PANCAKES, "level": "urgent", "categories": ["suicidal_thoughts"]},
        {"text": PILLS_TONIGHT, "level": "urgent", "categories": ["suicidal_thoughts"]},
    )
    misses = scored(path, "--misses").split("\n\n")[-1]
    assert "urgent -> none" in misses and PANCAKES in misses
    assert PILLS_TONIGHT not in misses


def test_a_missing_or_broken_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="nowhere.jsonl"):
        scored(str(tmp_path / "nowhere.jsonl"))
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "half a line"', encoding="utf-8")
    with pytest.raises(CommandError, match="broken.jsonl"):
        scored(str(broken))


def test_as_unseen_needs_the_second_opinion(tmp_path):
    path = corpus(tmp_path, {"text": PANCAKES, "level": "none", "categories": []})
    with pytest.raises(CommandError, match="second opinion"):
        scored(path, "--as-unseen", "--rules-alone")


class Deaf:
    """A reader that hears nothing, and remembers what it was taught from."""

    taught: list = []

    def __init__(self, prototype_files=(), corpus_files=()):
        Deaf.taught.append(list(prototype_files or corpus_files))

    def opinion(self, text):
        return None

    def leaning(self, text):
        return Leaning("", 0.0, 0.0)

    def sounds_urgent(self, leaning):
        return False

    def far_enough(self, leaning):
        return False


def test_as_unseen_the_readers_learn_from_every_other_corpus(monkeypatch):
    monkeypatch.setattr("moderation.rules.semantic.SecondOpinion", Deaf)
    monkeypatch.setattr("moderation.rules.word_model.WordModel", Deaf)
    Deaf.taught = []
    left_out = CORPORA[-1]
    text = scored(str(left_out), "--as-unseen")
    assert "level right:" in text
    assert len(Deaf.taught) == 2
    for taught in Deaf.taught:
        assert left_out not in taught
        assert len(taught) == len(CORPORA) - 1
