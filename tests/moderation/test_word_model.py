"""The word model, the second opinion's other reader: it learns from labelled texts,
leans towards a risk category and says how urgent a text sounds. It may raise a text
the rules and the embedding left quiet to signpost and flag, and mark urgent what it
is sure sounds urgent; it never holds, hides or lowers."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from moderation.rules.schema import Assessment
from moderation.rules.semantic import RULE_ID, SecondOpinion, heard, raised
from moderation.rules.word_model import CORPORA, WordModel, features, word_model

TEACHING = [
    ("I have all my pills saved up and tonight I'm taking them", "urgent", "s"),
    ("saved every tablet for weeks, tonight is the night", "urgent", "s"),
    ("nobody would miss me, I'm taking the pills tonight", "urgent", "s"),
    ("she had a fever of 39 and now she's floppy and won't wake", "urgent", "m"),
    ("the baby is floppy and so hot, won't wake for feeds", "urgent", "m"),
    ("some days I wish I could just disappear for good", "high", "s"),
    ("I keep wishing I could disappear, I'm so tired of everything", "high", "s"),
    ("I wish I could sleep and not wake up for a long time", "high", "s"),
    ("we went to the park and had ice cream", "none", ""),
    ("tonight we are trying the big bed, wish us luck", "none", ""),
    ("she had a lovely nap and woke up smiling", "none", ""),
    ("saved up for a new pram, so pleased", "none", ""),
    ("took the kids swimming, they loved it", "none", ""),
]
CATEGORY = {"s": ["suicidal_thoughts"], "m": ["medical_emergency"], "": []}


@pytest.fixture
def small_corpus(tmp_path):
    path = tmp_path / "teaching.jsonl"
    path.write_text(
        "".join(
            json.dumps({"text": t, "level": level, "categories": CATEGORY[c]}) + "\n"
            for t, level, c in TEACHING
        )
    )
    return path


@pytest.fixture
def deaf_embedding(small_corpus):
    """An embedding reader that hears nothing, so only the word model speaks."""
    return SecondOpinion(prototype_files=[small_corpus], threshold=1.01)


def test_it_leans_towards_the_category_its_words_were_taught(small_corpus):
    model = WordModel(corpus_files=[small_corpus], threshold=0.5)
    pills = model.opinion("taking all the pills I saved tonight")
    assert pills is not None and pills.category == "suicidal_thoughts"
    fever = model.opinion("he is floppy with a fever and won't wake")
    assert fever is not None and fever.category == "medical_emergency"
    assert model.opinion("we had ice cream in the park") is None


def test_a_threshold_nothing_reaches_raises_nothing(small_corpus):
    model = WordModel(corpus_files=[small_corpus], threshold=1.01)
    assert (
        model.opinion("I have all my pills saved up and tonight I'm taking them")
        is None
    )


def test_two_trainings_on_the_same_texts_learn_the_same(small_corpus):
    first = WordModel(corpus_files=[small_corpus])
    second = WordModel(corpus_files=[small_corpus])
    text = "saved up my tablets, tonight"
    assert first.leaning(text) == second.leaning(text)


def test_look_alike_letters_accents_and_apostrophes_make_no_difference():
    assert list(features("I can't")) == list(features("i cant"))
    # Cyrillic і and о for Latin i and o
    assert list(features("kіll tоnight")) == list(features("kill tonight"))
    assert list(features("ya lo decidí")) == list(features("ya lo decidi"))
    assert list(features("pills")) != list(features("bills"))


def test_it_hears_urgency_apart_from_risk(small_corpus):
    model = WordModel(corpus_files=[small_corpus], threshold=0.5, urgent_threshold=0.5)
    urgent = model.leaning("the pills I saved, tonight I'm taking them all")
    wish = model.leaning("I wish I could disappear for good, I'm so tired")
    park = model.leaning("we went swimming and had ice cream")
    assert model.far_enough(urgent) and model.sounds_urgent(urgent)
    assert model.far_enough(wish) and not model.sounds_urgent(wish)
    assert not model.far_enough(park) and not model.sounds_urgent(park)


def test_what_sounds_urgent_is_marked_urgent_and_still_only_flagged(
    small_corpus, deaf_embedding
):
    words = WordModel(corpus_files=[small_corpus], threshold=0.5, urgent_threshold=0.5)
    text = "the pills I saved, tonight I'm taking them all"
    result = raised(Assessment(), text, deaf_embedding, words)
    assert result.level == "urgent"
    assert result.categories == ("suicidal_thoughts",)
    assert result.rules == (RULE_ID,)
    assert result.actions == {"signpost", "flag"}


def test_an_urgent_sound_keeps_the_category_the_rules_named_first(
    small_corpus, deaf_embedding
):
    words = WordModel(corpus_files=[small_corpus], threshold=0.5, urgent_threshold=0.5)
    rated_high = Assessment(
        level="high",
        categories=("abuse",),
        rules=("threat_now",),
        actions=frozenset({"signpost", "flag"}),
    )
    text = "the pills I saved, tonight I'm taking them all"
    result = raised(rated_high, text, deaf_embedding, words)
    assert result.level == "urgent"
    assert result.categories == ("abuse", "suicidal_thoughts")
    assert result.rules == ("threat_now", RULE_ID)


def test_what_is_not_sure_enough_to_sound_urgent_leaves_a_high_rating_alone(
    small_corpus, deaf_embedding
):
    words = WordModel(corpus_files=[small_corpus], threshold=0.5, urgent_threshold=1.01)
    rated_high = Assessment(level="high", categories=("abuse",), rules=("x",))
    text = "the pills I saved, tonight I'm taking them all"
    assert raised(rated_high, text, deaf_embedding, words) is rated_high


def test_it_raises_what_the_embedding_left_quiet(small_corpus, deaf_embedding):
    words = WordModel(corpus_files=[small_corpus], threshold=0.5, urgent_threshold=1.01)
    text = "taking all the pills I saved tonight"
    assert heard(text, deaf_embedding, words) == "suicidal_thoughts"
    result = raised(Assessment(), text, deaf_embedding, words)
    assert result.level == "high"
    assert RULE_ID in result.rules
    assert {"signpost", "flag"} <= result.actions
    assert "hold" not in result.actions


def test_it_never_lowers_or_changes_what_the_rules_rated_high_or_urgent(
    small_corpus, deaf_embedding
):
    words = WordModel(corpus_files=[small_corpus], threshold=0.5)
    urgent = Assessment(
        level="urgent",
        categories=("psychosis",),
        rules=("x",),
        actions=frozenset({"signpost", "flag", "hold"}),
    )
    assert raised(urgent, "we had ice cream in the park", deaf_embedding, words) is (
        urgent
    )


def test_an_everyday_post_it_was_not_taught_leaves_the_assessment_alone(
    small_corpus, deaf_embedding
):
    words = WordModel(corpus_files=[small_corpus], threshold=0.5)
    text = "the swimming lesson went well and she had a nap after"
    assert raised(Assessment(), text, deaf_embedding, words) == Assessment()


def test_it_learns_from_every_development_corpus_and_no_held_out_one():
    names = {path.name for path in CORPORA}
    assert {"dev.jsonl", "dev5.jsonl", "dev_es.jsonl", "dev_es4.jsonl"} <= names
    assert not any(name.startswith("heldout") for name in names)


@pytest.mark.parametrize(
    "text",
    [
        "She finally slept through the night and I had a hot coffee",
        "Mi bebé comió muy bien hoy y dormimos la siesta juntas",
        "Does anyone have a good recipe for a quick dinner with a toddler?",
    ],
)
def test_the_trained_model_leaves_everyday_posts_quiet(text):
    assert word_model().opinion(text) is None


@pytest.mark.parametrize(
    "text, category",
    [
        (
            "i have been saving my tablets for weeks and i know it's enough now",
            "suicidal_thoughts",
        ),
        (
            "llevo semanas guardando mis pastillas y ya tengo suficientes",
            "suicidal_thoughts",
        ),
    ],
)
def test_the_trained_model_hears_risk_in_english_and_spanish(text, category):
    found = word_model().opinion(text)
    assert found is not None and found.category == category


@pytest.mark.parametrize(
    "text",
    [
        "I've got all my tablets lined up on the bathroom shelf and tonight's "
        "the night",
        "ya junté todas mis pastillas y esta noche me las tomo todas",
    ],
)
def test_the_trained_model_hears_what_sounds_urgent(text):
    model = word_model()
    assert model.sounds_urgent(model.leaning(text))


@pytest.mark.parametrize(
    "text",
    [
        "some days I wish I could just disappear for a while, it's all so much",
        "tonight I'm finally getting the kids to bed early and taking a long bath",
        "esta noche por fin voy a dormir temprano, los niños ya están con su papá",
    ],
)
def test_the_trained_model_does_not_sound_the_alarm_for_what_is_not_urgent(text):
    model = word_model()
    assert not model.sounds_urgent(model.leaning(text))


def assessed(*args) -> dict:
    out = StringIO()
    call_command("assess_text", *args, stdin=StringIO("we had pancakes\n"), stdout=out)
    return json.loads(out.getvalue())


def test_assess_text_reads_as_posts_are_screened_unless_told_rules_alone(
    monkeypatch, settings
):
    monkeypatch.setattr(
        "moderation.rules.semantic.heard", lambda text, *readers: "psychosis"
    )
    raised_line = assessed()
    assert raised_line["level"] == "high"
    assert raised_line["categories"] == ["psychosis"]
    assert raised_line["rules"] == [RULE_ID]
    assert assessed("--rules-alone")["level"] == "none"
    settings.SECOND_OPINION = False
    assert assessed()["level"] == "none"
    assert assessed("--second-opinion")["level"] == "high"


def test_assess_text_explains_what_each_reader_heard():
    out = StringIO()
    call_command(
        "assess_text",
        "--explain",
        "--second-opinion",
        stdin=StringIO("we had pancakes for breakfast\n"),
        stdout=out,
    )
    text = out.getvalue()
    assert "embedding: heard nothing" in text
    assert "word model:" in text and "below" in text
    assert "as screened: none" in text
    assert "not urgent" in text and "on urgent" in text


WAIT_FOR_THE_READERS = """
import sys, time, kindred.asgi
from moderation.rules import semantic, word_model
readers = (word_model.word_model, semantic.second_opinion)
deadline = time.monotonic() + float(sys.argv[1])
while time.monotonic() < deadline:
    if all(reader.ready for reader in readers):
        break
    time.sleep(0.05)
print(all(reader.ready for reader in readers))
"""


@pytest.mark.parametrize(
    "turned_on, seconds, ready", [("1", 60, "True"), ("0", 5, "False")]
)
def test_a_server_process_readies_the_second_opinion_as_it_starts(
    turned_on, seconds, ready
):
    """Loaded beside serving, so the first post does not wait for the training."""
    done = subprocess.run(
        [sys.executable, "-c", WAIT_FOR_THE_READERS, str(seconds)],
        capture_output=True,
        text=True,
        env={**os.environ, "KINDRED_SECOND_OPINION": turned_on},
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ready


PILLS_TONIGHT = "taking all the pills I saved tonight"


def test_what_was_learnt_is_kept_and_the_next_model_loads_it(
    small_corpus, tmp_path, monkeypatch
):
    learnt = WordModel(corpus_files=[small_corpus], cache_dir=tmp_path)
    assert len(list(tmp_path.glob("word-model-*.npz"))) == 1

    def must_not_learn(entries):
        raise AssertionError("learnt again instead of loading")

    monkeypatch.setattr("moderation.rules.word_model._learn", must_not_learn)
    loaded = WordModel(corpus_files=[small_corpus], cache_dir=tmp_path)
    for text in (PILLS_TONIGHT, "we had ice cream in the park"):
        assert loaded.leaning(text) == learnt.leaning(text)


def test_a_changed_corpus_is_learnt_again_and_the_old_learning_let_go(
    small_corpus, tmp_path
):
    WordModel(corpus_files=[small_corpus], cache_dir=tmp_path)
    (before,) = tmp_path.glob("word-model-*.npz")
    urgent = {"level": "urgent", "categories": ["suicidal_thoughts"]}
    with small_corpus.open("a") as corpus:
        corpus.write(json.dumps({"text": "pills saved, tonight", **urgent}) + "\n")
    WordModel(corpus_files=[small_corpus], cache_dir=tmp_path)
    (after,) = tmp_path.glob("word-model-*.npz")
    assert after != before


def test_a_damaged_or_unwritable_cache_only_means_learning_again(
    small_corpus, tmp_path
):
    expected = WordModel(corpus_files=[small_corpus]).leaning(PILLS_TONIGHT)
    WordModel(corpus_files=[small_corpus], cache_dir=tmp_path)
    (kept,) = tmp_path.glob("word-model-*.npz")
    kept.write_bytes(b"not what was kept")
    damaged = WordModel(corpus_files=[small_corpus], cache_dir=tmp_path)
    assert damaged.leaning(PILLS_TONIGHT) == expected
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    unwritable = WordModel(corpus_files=[small_corpus], cache_dir=not_a_folder)
    assert unwritable.leaning(PILLS_TONIGHT) == expected
