"""Signposting writes: loading resources and questionnaires, members' country choice,
members' private check-ins, and the count of crisis panels shown."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from core.counters import count_event
from core.data_files import DataFileError, entry_list_errors, read_json
from support.signposting import hours as hours_module
from support.signposting.models import CheckIn, Questionnaire, Resource
from support.signposting.questionnaires import (
    CHECK_IN_QUESTIONS,
    SELF_HARM_YES,
    Definition,
    QuestionnaireError,
    validate_definition,
)

RESOURCES_VERSION_KEY = "signposting:resources:version"

# Where a country spans several zones, the zone named in the hours text wins, then a
# region named in the resource's name, then this default (the most populous zone).
COUNTRY_ZONES = {
    "US": "America/New_York",
    "CA": "America/Toronto",
    "AU": "Australia/Sydney",
    "GB": "Europe/London",
    "IE": "Europe/Dublin",
    "NZ": "Pacific/Auckland",
    "INT": "UTC",
}
REGION_ZONES = {
    "british columbia": "America/Vancouver",
    "alberta": "America/Edmonton",
    "manitoba": "America/Winnipeg",
    "saskatchewan": "America/Regina",
    "ontario": "America/Toronto",
    "quebec": "America/Toronto",
    "nova scotia": "America/Halifax",
    "newfoundland": "America/St_Johns",
    "western australia": "Australia/Perth",
    "south australia": "Australia/Adelaide",
    "queensland": "Australia/Brisbane",
    "northern territory": "Australia/Darwin",
    "california": "America/Los_Angeles",
    "texas": "America/Chicago",
}
ENTRY_KEYS = {
    "country",
    "name",
    "kind",
    "phone",
    "sms",
    "url",
    "hours",
    "description",
    "source",
}
REQUIRED_KEYS = {"country", "name", "kind"}
OPTIONAL_KEYS = {
    "time_zone",
    "languages",
    "interpreters",
    "last_checked",
    "not_for_crisis",
}
LANGUAGE_CODES_FILE = Path(__file__).resolve().parent / "data" / "language_codes.json"
_NOT_FOR_CRISIS = re.compile(r"not (?:a|an) (?:crisis|emergency)", re.IGNORECASE)
_COUNTRY = re.compile(r"^(?:[A-Z]{2}|INT)$")


class ResourceFileError(DataFileError):
    """A resources file that was not loaded; errors names each bad entry and why."""


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    hours_as_text: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)


def resources_changed() -> None:
    """Make every cached resource list stale (call after any change to resources)."""
    try:
        cache.incr(RESOURCES_VERSION_KEY)
    except ValueError:
        cache.set(RESOURCES_VERSION_KEY, 2, None)


def zone_for(*, country: str, name: str, hours_text: str) -> str:
    named = hours_module.parse(hours_text).zone
    if named:
        return named
    lowered = name.lower()
    for region, zone in REGION_ZONES.items():
        if region in lowered:
            return zone
    return COUNTRY_ZONES.get(country, "UTC")


def _entry_errors(entry) -> list[str]:
    if not isinstance(entry, dict):
        return ["must be an object"]
    errors = []
    missing = sorted(REQUIRED_KEYS - set(entry))
    if missing:
        errors.append(f"missing {', '.join(missing)}")
    unknown = sorted(set(entry) - ENTRY_KEYS - OPTIONAL_KEYS)
    if unknown:
        errors.append(f"unknown keys {', '.join(unknown)}")
    for key in ENTRY_KEYS & set(entry):
        if entry[key] is not None and not isinstance(entry[key], str):
            errors.append(f"{key} must be text or null")
    if errors:
        return errors
    if not _COUNTRY.match(entry["country"] or ""):
        errors.append(f"country {entry['country']!r} is not a two-letter code or INT")
    if entry["kind"] not in Resource.Kind.values:
        errors.append(
            f"kind {entry['kind']!r} is not one of {', '.join(Resource.Kind.values)}"
        )
    if not (entry["name"] or "").strip():
        errors.append("name is empty")
    limits = {"name": 200, "phone": 200, "sms": 200, "url": 300, "hours": 300}
    for key, limit in limits.items():
        if len(entry.get(key) or "") > limit:
            errors.append(f"{key} is longer than {limit} characters")
    if not any((entry.get(key) or "").strip() for key in ("phone", "sms", "url")):
        errors.append("needs at least one of phone, sms or url")
    if entry.get("url"):
        try:
            URLValidator(schemes=["http", "https"])(entry["url"])
        except ValidationError:
            errors.append(f"url {entry['url']!r} is not an http(s) address")
    if "time_zone" in entry and not (
        isinstance(entry["time_zone"], str)
        and hours_module.valid_zone(entry["time_zone"])
    ):
        errors.append(f"time_zone {entry['time_zone']!r} is not an IANA time zone")
    if "languages" in entry:
        errors += language_errors(entry["languages"])
    if "interpreters" in entry and not isinstance(entry["interpreters"], bool):
        errors.append("interpreters must be true or false")
    if "last_checked" in entry:
        try:
            date.fromisoformat(entry["last_checked"])
        except (TypeError, ValueError):
            errors.append("last_checked must be a date like 2025-06-30")
    if "not_for_crisis" in entry and not isinstance(entry["not_for_crisis"], bool):
        errors.append("not_for_crisis must be true or false")
    return errors


@functools.cache
def language_codes() -> frozenset[str]:
    """The two-letter ISO 639-1 codes a resource's languages may use."""
    data = json.loads(LANGUAGE_CODES_FILE.read_text(encoding="utf-8"))
    return frozenset(data["codes"])


def language_errors(languages) -> list[str]:
    if not isinstance(languages, list) or not all(
        isinstance(code, str) for code in languages
    ):
        return ['languages must be a list of language codes, like ["en", "es"]']
    unknown = [code for code in languages if code not in language_codes()]
    if unknown:
        named = ", ".join(repr(code) for code in unknown)
        return [
            f"languages: unknown code {named} (use ISO 639-1 codes: two lower-case "
            "letters, such as en or es)"
        ]
    if len(set(languages)) != len(languages):
        return ["languages: a code is repeated"]
    return []


def _fields_for(entry: dict, position: int) -> dict:
    hours_text = (entry.get("hours") or "").strip()
    description = (entry.get("description") or "").strip()
    name = entry["name"].strip()
    values = {
        "kind": entry["kind"],
        "phone": (entry.get("phone") or "").strip(),
        "sms": (entry.get("sms") or "").strip(),
        "url": (entry.get("url") or "").strip(),
        "hours_text": hours_text,
        "hours": hours_module.parse(hours_text).hours,
        "position": position,
        "time_zone": entry.get("time_zone")
        or zone_for(country=entry["country"], name=name, hours_text=hours_text),
        "languages": entry.get("languages", []),
        "interpreters": entry.get("interpreters", False),
        "description": description,
        "not_for_crisis": entry.get(
            "not_for_crisis",
            bool(
                _NOT_FOR_CRISIS.search(description)
                or _NOT_FOR_CRISIS.search(hours_text)
            ),
        ),
        "source": (entry.get("source") or "").strip(),
    }
    if "last_checked" in entry:
        values["last_checked"] = date.fromisoformat(entry["last_checked"])
    return values


def validate_resource_entries(entries) -> list[str]:
    """Every reason the entries can't be loaded, as "entry N (name): reason"."""
    return entry_list_errors(
        entries,
        what="resources",
        entry_errors=_entry_errors,
        repeated="repeats entry {earlier} (same country and name)",
    )


def resources_load(*, entries: list, today: date | None = None) -> LoadReport:
    """Add or update resources (matched on country and name), all or nothing.

    Raises ResourceFileError, loading nothing, when any entry is bad. An entry with
    no last_checked date counts as checked on the day it is first loaded.
    """
    errors = validate_resource_entries(entries)
    if errors:
        raise ResourceFileError(errors)
    today = today or timezone.localdate()
    report = LoadReport()
    with transaction.atomic():
        existing = {
            (r.country, r.name): r for r in Resource.objects.select_for_update()
        }
        for index, entry in enumerate(entries):
            country, name = entry["country"], entry["name"].strip()
            values = _fields_for(entry, index)
            label = f"{country}: {name}"
            resource = existing.get((country, name))
            if resource is None:
                values.setdefault("last_checked", today)
                resource = Resource.objects.create(country=country, name=name, **values)
                report.added.append(label)
            elif any(getattr(resource, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(resource, key, value)
                resource.save()
                report.changed.append(label)
            else:
                report.unchanged.append(label)
            if values["hours_text"] and values["hours"] is None:
                report.hours_as_text.append(
                    f"entry {index} ({label}): {values['hours_text']!r}"
                )
            if resource.needs_check:
                report.flagged.append(label)
        transaction.on_commit(resources_changed)
    return report


def resources_load_file(*, path: str | Path) -> LoadReport:
    return resources_load(entries=read_json(path, ResourceFileError))


def resources_mark_checked(*, resources, today: date | None = None) -> int:
    """Record that an operator checked these resources today."""
    updated = resources.update(last_checked=today or timezone.localdate())
    transaction.on_commit(resources_changed)
    return updated


# --- Country --------------------------------------------------------------------

# Set in the session once a reader has been asked which country's lines she wants.
ASKED_SESSION_KEY = "signposting_country_asked"


def member_country_set(*, member, country: str) -> None:
    if member.country != country:
        member.country = country
        member.save(update_fields=["country"])


def country_choose(*, member, country: str, session=None) -> None:
    """A reader answered which country's lines she wants (or confirmed the ones she
    was shown): a member's setting keeps it; a signed-out reader's cookie is set
    by the view. Either way she is not asked again."""
    if member is not None and member.is_authenticated:
        member_country_set(member=member, country=country)
    if session is not None:
        session[ASKED_SESSION_KEY] = True


def country_asked(chooser) -> None:
    """A reader has just been asked which country's lines she wants (a
    countries.CountryChooser with ask set): not again, on this page or later."""
    chooser.ask = False
    session = chooser.session
    if session is None:
        return
    session[ASKED_SESSION_KEY] = True
    # A socket's session is saved by nobody else; one without a key belongs to no
    # browser, so there is nothing to remember it in.
    if chooser.save_session and session.session_key:
        session.save()


# --- The crisis panel -------------------------------------------------------------


def record_crisis_panel_shown() -> None:
    """Add one to the transparency page's count of crisis panels shown: no content,
    no member, no country. Called where a panel is rendered for someone to see, or
    when a panel built hidden is revealed."""
    count_event("crisis_panel_shown")


# --- Check-ins -------------------------------------------------------------------


def check_in_create(*, member, mood: int, answers: dict) -> CheckIn:
    """Save a Kindred check-in. answers holds a choice for every question."""
    keys = {key: dict(choices) for key, _, choices in CHECK_IN_QUESTIONS}
    if not 1 <= int(mood) <= 5:
        raise ValueError("mood must be 1 to 5")
    if set(answers) != set(keys) or any(answers[k] not in keys[k] for k in keys):
        raise ValueError("every question needs one of its own answers")
    return CheckIn.objects.create(
        member=member,
        mood=int(mood),
        answers=dict(answers),
        self_harm_thoughts=answers["self_harm"] in SELF_HARM_YES,
    )


def questionnaire_response_create(
    *, member, questionnaire: Questionnaire, answers: dict[str, str]
) -> CheckIn:
    definition = Definition(questionnaire.definition)
    for item in definition.items:
        labels = {o["label"] for o in definition.options_for(item["id"])}
        if answers.get(item["id"]) not in labels:
            raise ValueError(f"item {item['id']} needs one of its own answers")
    result = definition.result(answers)
    return CheckIn.objects.create(
        member=member,
        answers={item["id"]: answers[item["id"]] for item in definition.items},
        self_harm_thoughts=result.crisis,
        questionnaire=questionnaire,
        questionnaire_title=questionnaire.title,
        total=result.total,
        band=result.band["label"],
    )


def check_in_delete(*, member, check_in_id: int) -> bool:
    """Delete one of member's own check-ins; False when there is no such one."""
    deleted, _ = CheckIn.objects.filter(member=member, pk=check_in_id).delete()
    return bool(deleted)


def check_ins_delete_all(*, member) -> int:
    deleted, _ = CheckIn.objects.filter(member=member).delete()
    return deleted


# --- Questionnaires ---------------------------------------------------------------


def questionnaire_load(*, data) -> tuple[Questionnaire, bool]:
    """Validate and save a questionnaire definition (matched on slug).

    Returns the questionnaire and whether it was new. Raises QuestionnaireError.
    """
    errors = validate_definition(data)
    if errors:
        raise QuestionnaireError(errors)
    with transaction.atomic():
        questionnaire, created = (
            Questionnaire.objects.select_for_update().update_or_create(
                slug=data["slug"],
                defaults={
                    "title": data["title"].strip(),
                    "version": data["version"].strip(),
                    "citation": data["citation"].strip(),
                    "definition": data,
                    "is_active": True,
                },
            )
        )
    return questionnaire, created


def questionnaire_load_file(*, path: str | Path) -> tuple[Questionnaire, bool]:
    return questionnaire_load(data=read_json(path, QuestionnaireError))
