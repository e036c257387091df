"""Data files operators load (help lines, local groups, questionnaires): read as
JSON, every problem named, nothing loaded unless the whole file is right."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path


class DataFileError(ValueError):
    """A data file that was not loaded; errors names each problem."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def read_json(path: str | Path, error: type[DataFileError] = DataFileError):
    """The file's JSON, or error listing why it can't be read."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise error([f"no file at {path}"]) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise error([f"not valid JSON: {exc}"]) from exc


def entry_list_errors(
    entries,
    *,
    what: str,
    entry_errors: Callable[[object], list[str]],
    repeated: str,
) -> list[str]:
    """Every reason a list of entries can't be loaded, as "entry N (name): reason".

    entry_errors gives one entry's reasons; an entry with the same country and
    name as an earlier one is refused with `repeated`, formatted with the earlier
    entry's index as {earlier}."""
    if not isinstance(entries, list):
        return [f"the file must hold a JSON list of {what}"]
    errors = []
    seen: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(entries):
        label = f"entry {index}"
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            label += f" ({entry['name'][:60]})"
        reasons = entry_errors(entry)
        if not reasons:
            key = (entry["country"], entry["name"].strip())
            if key in seen:
                reasons.append(repeated.format(earlier=seen[key]))
            seen[key] = index
        errors += [f"{label}: {reason}" for reason in reasons]
    return errors


def not_loaded(command, path: str, error: DataFileError):
    """For a load command: write each problem to its stderr and return the
    CommandError that ends it (all-or-nothing loaders changed nothing)."""
    from django.core.management.base import CommandError

    for problem in error.errors:
        command.stderr.write(f"  {problem}")
    return CommandError(
        f"{path} was not loaded: {len(error.errors)} problem(s) above. "
        "Nothing was changed."
    )
