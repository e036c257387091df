"""The listener lessons file: checked whole, loaded all or nothing."""

from __future__ import annotations

import re
from pathlib import Path

from django.db import transaction

from core.data_files import DataFileError, read_json
from support.training.models import Lesson

LANGUAGES = ("en", "es")
SLUG = re.compile(r"^[a-z0-9-]{1,60}$")


class LessonFileError(DataFileError):
    """A lessons file that was not loaded."""


def _words_errors(value, what: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{what} must be an object with en and es"]
    return [
        f"{what} has no {language} words"
        for language in LANGUAGES
        if not isinstance(value.get(language), str) or not value[language].strip()
    ]


def _paragraph_errors(value) -> list[str]:
    if not isinstance(value, dict):
        return ["paragraphs must be an object with en and es lists"]
    errors = []
    for language in LANGUAGES:
        items = value.get(language)
        if not isinstance(items, list) or not items:
            errors.append(f"paragraphs has no {language} list")
        elif not all(isinstance(item, str) and item.strip() for item in items):
            errors.append(f"paragraphs in {language} must be non-empty text")
    return errors


def _question_errors(question, number: int) -> list[str]:
    what = f"question {number}"
    if not isinstance(question, dict):
        return [f"{what} must be an object"]
    errors = _words_errors(question.get("question"), f"{what} text")
    errors += _words_errors(question.get("why"), f"{what} why")
    choices = question.get("choices")
    if not isinstance(choices, list) or len(choices) < 2:
        errors.append(f"{what} needs at least two choices")
        return errors
    for index, choice in enumerate(choices):
        errors += _words_errors(choice, f"{what} choice {index}")
    answer = question.get("answer")
    if not isinstance(answer, int) or isinstance(answer, bool):
        errors.append(f"{what} answer must be the number of the right choice")
    elif not 0 <= answer < len(choices):
        errors.append(f"{what} answer {answer} is not one of its choices")
    return errors


def _lesson_errors(entry) -> list[str]:
    if not isinstance(entry, dict):
        return ["must be an object"]
    errors = []
    slug = entry.get("slug")
    if not isinstance(slug, str) or not SLUG.match(slug):
        errors.append("slug must be lowercase letters, digits and hyphens")
    order = entry.get("order")
    if not isinstance(order, int) or isinstance(order, bool) or order < 0:
        errors.append("order must be a whole number, 0 or more")
    errors += _words_errors(entry.get("title"), "title")
    errors += _paragraph_errors(entry.get("paragraphs"))
    questions = entry.get("questions")
    if not isinstance(questions, list) or not questions:
        errors.append("needs at least one check question")
    else:
        for number, question in enumerate(questions):
            errors += _question_errors(question, number)
    return errors


def validate_lessons(entries) -> list[str]:
    """Every reason entries can't be loaded, as "lesson N (slug): reason"."""
    if not isinstance(entries, list) or not entries:
        return ["the file must hold a JSON list of lessons"]
    errors = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        label = f"lesson {index}"
        if isinstance(entry, dict) and isinstance(entry.get("slug"), str):
            label += f" ({entry['slug'][:60]})"
        reasons = _lesson_errors(entry)
        if not reasons:
            if entry["slug"] in seen:
                reasons.append(f"same slug as lesson {seen[entry['slug']]}")
            seen[entry["slug"]] = index
        errors += [f"{label}: {reason}" for reason in reasons]
    return errors


def lessons_load(*, entries) -> int:
    """Replace every lesson with entries, in one transaction: all or nothing.
    Members' progress is kept by slug: a lesson that keeps its slug stays passed."""
    errors = validate_lessons(entries)
    if errors:
        raise LessonFileError(errors)
    lessons = [
        Lesson(
            slug=entry["slug"],
            order=entry["order"],
            title=entry["title"],
            paragraphs=entry["paragraphs"],
            questions=entry["questions"],
        )
        for entry in entries
    ]
    with transaction.atomic():
        Lesson.objects.all().delete()
        Lesson.objects.bulk_create(lessons)
    return len(lessons)


def lessons_load_file(*, path: str | Path) -> int:
    return lessons_load(entries=read_json(path, LessonFileError))
