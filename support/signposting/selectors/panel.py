"""The crisis panel as read: which lines it offers a country, and in what order."""

from __future__ import annotations

from datetime import datetime

from support.signposting import hours
from support.signposting.models import Resource
from support.signposting.selectors.resources import (
    INTERNATIONAL,
    Line,
    answers_in,
    country_name,
    in_reader_language_first,
    kind_rank,
    line_for,
    local_and_international,
    now_or,
    reader_language,
    resources_for,
)


def crisis_panel_context(country: str, *, now: datetime | None = None) -> dict:
    """What signposting/_crisis_panel.html needs for country (a resolved code: see
    countries.py). Only reads: showing it is recorded where it is rendered.

    One emergency number first, then one crisis option open 24 hours, then the
    pregnancy and new-parent lines open now, then the rest. A line that says it is
    not for crises is never the only thing offered. Lines that answer in the
    reader's language come first in each list, and win a place among lines that
    are as open as each other; the rest keep their order.
    """
    country = (country or INTERNATIONAL).upper()
    now = now_or(now)
    local, international = local_and_international(country)
    pool = local if local else international

    language = reader_language()

    def rank(resource: Resource) -> tuple:
        return (not answers_in(resource, language), *kind_rank(resource))

    def first(candidates) -> Resource | None:
        return next(iter(sorted(candidates, key=rank)), None)

    emergency = first(r for r in local if r.kind == Resource.Kind.EMERGENCY) or first(
        r for r in international if r.kind == Resource.Kind.EMERGENCY
    )
    lines: dict[int, Line] = {r.pk: line_for(r, now) for r in resources_for(country)}
    crisis_candidates = [
        r
        for r in pool
        if r.kind in (Resource.Kind.CRISIS, Resource.Kind.TEXT) and not r.not_for_crisis
    ]
    crisis = (
        first(
            r
            for r in crisis_candidates
            if lines[r.pk].status.state == hours.ALWAYS
            and r.kind == "crisis"
            and lines[r.pk].reachable
        )
        or first(
            r
            for r in crisis_candidates
            if lines[r.pk].status.state == hours.ALWAYS and lines[r.pk].reachable
        )
        or first(r for r in crisis_candidates if lines[r.pk].is_open)
        or first(r for r in crisis_candidates)
        or first(r for r in international if r.kind == Resource.Kind.CRISIS)
    )
    shown = {r.pk for r in (emergency, crisis) if r is not None}
    perinatal_now = [
        lines[r.pk]
        for r in sorted(pool, key=rank)
        if r.kind == Resource.Kind.PERINATAL
        and lines[r.pk].is_open
        and r.pk not in shown
    ]
    shown |= {line.resource.pk for line in perinatal_now}
    rest = [
        lines[r.pk]
        for r in sorted(pool, key=rank)
        if r.pk not in shown and r.kind != Resource.Kind.EMERGENCY
    ]
    also_now = [
        line
        for line in rest
        if line.is_open and line.resource.kind in ("crisis", "text")
    ]
    return {
        "country": country,
        "country_name": country_name(country),
        "has_local": bool(local),
        "emergency": lines[emergency.pk] if emergency else None,
        "crisis": lines[crisis.pk] if crisis else None,
        "perinatal_now": perinatal_now,
        "also_now": also_now,
        "more": in_reader_language_first(
            sorted(
                (line for line in rest if line not in also_now),
                key=lambda line: not line.is_open,
            )
        ),
        "now": now,
    }
