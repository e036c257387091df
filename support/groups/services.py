"""Local groups' writes: loading the groups file (all or nothing) and a member's
own choice of area."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction

from core.data_files import DataFileError, entry_list_errors, read_json
from support.groups.models import GroupArea, LocalGroup
from support.signposting.services import language_errors

REQUIRED_KEYS = {
    "name",
    "kind",
    "country",
    "areas",
    "meets",
    "languages",
    "last_checked",
    "example",
}
CONTACT_KEYS = ("contact_url", "contact_phone", "contact_email")
TEXT_LIMITS = {
    "name": 200,
    "meets": 300,
    "contact_url": 300,
    "contact_phone": 40,
    "contact_email": 254,
}
AREA_LIMIT = 60
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_PHONE = re.compile(r"^\+?[\d\s()-]{6,}$")
# An area is a town or a postcode district, never where someone lives or meets:
# a full postcode ("LS6 2AB") or a house number before a street is refused.
_FULL_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
_STREET_NUMBER = re.compile(r"^\s*\d+[A-Za-z]?,?\s+[A-Za-z]")


class GroupFileError(DataFileError):
    """A groups file that was not loaded; errors names each bad entry and field."""


def _area_errors(areas) -> list[str]:
    if not isinstance(areas, list) or not areas:
        return ['areas: must be a list of one or more area names, like ["Leeds"]']
    errors = []
    for area in areas:
        if not isinstance(area, str) or not area.strip():
            errors.append("areas: every area must be a name or code, not empty")
        elif len(area) > AREA_LIMIT:
            errors.append(f"areas: {area[:20]!r}... is longer than {AREA_LIMIT}")
        elif _FULL_POSTCODE.search(area) or _STREET_NUMBER.search(area):
            errors.append(
                f"areas: {area!r} looks like an address; use a town or a postcode "
                "district (such as LS6), never an address"
            )
    folded = [a.strip().casefold() for a in areas if isinstance(a, str)]
    if len(set(folded)) != len(folded):
        errors.append("areas: an area is repeated")
    return errors


def _contact_errors(entry: dict) -> list[str]:
    if not any((entry.get(key) or "").strip() for key in CONTACT_KEYS):
        return [
            "contact: needs at least one of contact_url, contact_phone, contact_email"
        ]
    errors = []
    if entry.get("contact_url"):
        try:
            URLValidator(schemes=["http", "https"])(entry["contact_url"])
        except ValidationError:
            errors.append(
                f"contact_url: {entry['contact_url']!r} is not an http(s) address"
            )
    if entry.get("contact_phone") and not _PHONE.match(entry["contact_phone"]):
        errors.append(
            f"contact_phone: {entry['contact_phone']!r} is not a phone number "
            "(digits, spaces, +, - and brackets)"
        )
    if entry.get("contact_email"):
        try:
            EmailValidator()(entry["contact_email"])
        except ValidationError:
            errors.append(
                f"contact_email: {entry['contact_email']!r} is not an email address"
            )
    return errors


def _entry_errors(entry) -> list[str]:
    if not isinstance(entry, dict):
        return ["must be an object"]
    errors = [f"{key}: missing" for key in sorted(REQUIRED_KEYS - set(entry))]
    unknown = sorted(set(entry) - REQUIRED_KEYS - set(CONTACT_KEYS))
    errors += [f"{key}: not a field of a group" for key in unknown]
    for key in ("name", "kind", "country", "meets", *CONTACT_KEYS):
        if key in entry and entry[key] is not None and not isinstance(entry[key], str):
            errors.append(f"{key}: must be text")
    if errors:
        return errors
    for key in ("name", "meets"):
        if not entry[key].strip():
            errors.append(f"{key}: is empty")
    for key, limit in TEXT_LIMITS.items():
        if len(entry.get(key) or "") > limit:
            errors.append(f"{key}: is longer than {limit} characters")
    if not _COUNTRY.match(entry["country"]):
        errors.append(f"country: {entry['country']!r} is not a two-letter code like GB")
    if entry["kind"] not in LocalGroup.Kind.values:
        errors.append(
            f"kind: {entry['kind']!r} is not one of {', '.join(LocalGroup.Kind.values)}"
        )
    errors += _area_errors(entry["areas"])
    errors += _contact_errors(entry)
    errors += language_errors(entry["languages"])
    try:
        date.fromisoformat(entry["last_checked"])
    except (TypeError, ValueError):
        errors.append("last_checked: must be a date like 2026-06-30")
    if not isinstance(entry["example"], bool):
        errors.append("example: must be true or false")
    return errors


def validate_group_entries(entries) -> list[str]:
    """Every reason the entries can't be loaded, as "entry N (name): field: reason"."""
    return entry_list_errors(
        entries,
        what="groups",
        entry_errors=_entry_errors,
        repeated="name: repeats entry {earlier} (same country)",
    )


def _group_for(entry: dict, position: int) -> LocalGroup:
    return LocalGroup(
        country=entry["country"],
        name=entry["name"].strip(),
        kind=entry["kind"],
        areas=[area.strip() for area in entry["areas"]],
        meets=entry["meets"].strip(),
        contact_url=(entry.get("contact_url") or "").strip(),
        contact_phone=(entry.get("contact_phone") or "").strip(),
        contact_email=(entry.get("contact_email") or "").strip(),
        languages=entry["languages"],
        last_checked=date.fromisoformat(entry["last_checked"]),
        example=entry["example"],
        position=position,
    )


def groups_load(*, entries) -> int:
    """Replace every local group with entries, in one transaction: all or nothing.

    Raises GroupFileError, changing nothing, when any entry is bad. Returns how many
    groups there are now. Members' chosen areas are kept: an area with no group
    left simply shows none."""
    errors = validate_group_entries(entries)
    if errors:
        raise GroupFileError(errors)
    groups = [_group_for(entry, index) for index, entry in enumerate(entries)]
    with transaction.atomic():
        LocalGroup.objects.all().delete()
        LocalGroup.objects.bulk_create(groups)
    return len(groups)


def groups_load_file(*, path: str | Path) -> int:
    return groups_load(entries=read_json(path, GroupFileError))


def group_area_set(*, member, country: str, area: str) -> GroupArea:
    """Keep member's own area for local groups (the caller checked it exists)."""
    chosen, _created = GroupArea.objects.update_or_create(
        member=member, defaults={"country": country, "area": area}
    )
    return chosen


def group_area_forget(*, member) -> bool:
    deleted, _ = GroupArea.objects.filter(member=member).delete()
    return bool(deleted)
