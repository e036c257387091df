"""load_lessons: the whole file is checked first, and a bad file changes nothing."""

import copy
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from support.training.lessons import LessonFileError, lessons_load, validate_lessons
from support.training.models import Lesson, LessonPass

pytestmark = pytest.mark.django_db

LESSONS_FILE = (
    Path(__file__).resolve().parents[2]
    / "support/signposting/data/listener_lessons.json"
)


def shipped() -> list[dict]:
    return json.loads(LESSONS_FILE.read_text())


def test_the_shipped_file_is_valid_and_loads():
    assert validate_lessons(shipped()) == []
    out = StringIO()
    call_command("load_lessons", str(LESSONS_FILE), stdout=out)
    assert "5 loaded" in out.getvalue()
    assert Lesson.objects.count() == 5


@pytest.mark.parametrize(
    ("break_it", "problem"),
    [
        (lambda e: e[0]["title"].pop("es"), "title has no es words"),
        (lambda e: e[1]["questions"][0].update(answer=7), "is not one of its choices"),
        (lambda e: e[2].update(slug="Bad Slug"), "slug must be"),
        (lambda e: e[3].update(slug=e[0]["slug"]), "same slug as lesson 0"),
        (lambda e: e[4]["paragraphs"].update(en=[]), "paragraphs has no en list"),
        (lambda e: e[0]["questions"][1]["choices"].pop(), "at least two choices"),
    ],
)
def test_a_bad_file_is_refused_whole(break_it, problem):
    lessons_load(entries=shipped())
    entries = copy.deepcopy(shipped())
    entries[0]["title"]["en"] = "Changed title"
    break_it(entries)
    with pytest.raises(LessonFileError) as refused:
        lessons_load(entries=entries)
    assert any(problem in error for error in refused.value.errors)
    assert Lesson.objects.get(order=1).title["en"] != "Changed title"


def test_the_command_names_each_problem_and_changes_nothing(tmp_path):
    bad = tmp_path / "lessons.json"
    bad.write_text(json.dumps([{"slug": "x"}]))
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("load_lessons", str(bad), stderr=err)
    assert "order must be" in err.getvalue()
    assert not Lesson.objects.exists()


def test_reloading_keeps_her_progress(member):
    lessons_load(entries=shipped())
    LessonPass.objects.create(member=member, lesson_slug="boundaries")
    lessons_load(entries=shipped())
    assert LessonPass.objects.filter(member=member).count() == 1
