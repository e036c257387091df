"""Signposting reads: which country, which lines, what is open now, the crisis panel,
contextual cards and a member's own check-ins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.counters import count_event
from support.signposting import hours
from support.signposting.models import CheckIn, Questionnaire, Resource
from support.signposting.questionnaires import CHECK_IN_QUESTIONS, MOOD_CHOICES
from support.signposting.services import RESOURCES_VERSION_KEY

INTERNATIONAL = "INT"
CACHE_SECONDS = 600
COUNTRY_NAMES = {
    "AU": gettext_lazy("Australia"),
    "CA": gettext_lazy("Canada"),
    "GB": gettext_lazy("United Kingdom"),
    "IE": gettext_lazy("Ireland"),
    "NZ": gettext_lazy("New Zealand"),
    "US": gettext_lazy("United States"),
    "DE": gettext_lazy("Germany"),
    "FR": gettext_lazy("France"),
    "ES": gettext_lazy("Spain"),
    "IT": gettext_lazy("Italy"),
    "NL": gettext_lazy("Netherlands"),
    "BE": gettext_lazy("Belgium"),
    "SE": gettext_lazy("Sweden"),
    "NO": gettext_lazy("Norway"),
    "DK": gettext_lazy("Denmark"),
    "FI": gettext_lazy("Finland"),
    "PT": gettext_lazy("Portugal"),
    "AT": gettext_lazy("Austria"),
    "CH": gettext_lazy("Switzerland"),
    "PL": gettext_lazy("Poland"),
    "IN": gettext_lazy("India"),
    "ZA": gettext_lazy("South Africa"),
    "SG": gettext_lazy("Singapore"),
    INTERNATIONAL: gettext_lazy("Another country (international lines)"),
}
KIND_ORDER = ["emergency", "crisis", "text", "perinatal", "abuse", "professional"]

# Rule categories and the kinds of help that answer them, in order of preference.
CARD_KINDS = {
    "intrusive_thoughts": ["perinatal", "professional"],
    "psychosis": ["emergency", "crisis"],
    "abuse": ["abuse", "text"],
    "suicidal_thoughts": ["crisis", "text"],
    "self_harm": ["crisis", "text"],
    "harm_to_baby": ["crisis", "perinatal"],
    "medical_emergency": ["emergency"],
}
CARD_WORDS = {
    "intrusive_thoughts": (
        gettext_lazy("Scary, unwanted thoughts are common"),
        gettext_lazy(
            "Many new parents have sudden frightening thoughts about their baby and "
            "are horrified by them. Having them doesn't mean you want them or will "
            "act on them. Talking it through with people who understand can help."
        ),
    ),
    "psychosis": (
        gettext_lazy("If something feels very wrong, get help today"),
        gettext_lazy(
            "Seeing or hearing things others don't, feeling unreal, or racing, unusual "
            "thoughts after a birth need a doctor today, not tomorrow. It can be "
            "treated, and getting help quickly matters."
        ),
    ),
    "abuse": (
        gettext_lazy("You deserve to be safe at home"),
        gettext_lazy(
            "If someone at home hurts, threatens or controls you, these services can "
            "help, including by text if talking isn't safe. Quick exit (bottom right) "
            "leaves this site at once."
        ),
    ),
    "suicidal_thoughts": (
        gettext_lazy("You don't have to carry this alone"),
        gettext_lazy(
            "If you're having thoughts of ending your life, please reach out to one of "
            "these now. They are there for exactly this, any time."
        ),
    ),
    "self_harm": (
        gettext_lazy("Someone can talk with you now"),
        gettext_lazy(
            "If you're hurting or thinking about hurting yourself, these people will "
            "listen without judging you."
        ),
    ),
    "harm_to_baby": (
        gettext_lazy("Help is there for you and your baby"),
        gettext_lazy(
            "If you're worried you might act on thoughts of harming your baby, please "
            "put the baby somewhere safe and call one of these now. Reaching out is "
            "the right thing to do."
        ),
    ),
    "medical_emergency": (
        gettext_lazy("This may need an ambulance"),
        gettext_lazy(
            "Heavy bleeding, trouble breathing, chest pain, fainting or an overdose "
            "need emergency help straight away."
        ),
    ),
}


# --- Countries ---------------------------------------------------------------------


def country_name(code: str) -> str:
    return str(COUNTRY_NAMES.get(code, code))


def _version() -> int:
    version = cache.get(RESOURCES_VERSION_KEY)
    if version is None:
        version = 1
        cache.add(RESOURCES_VERSION_KEY, version, None)
    return version


def resources_for(country: str) -> list[Resource]:
    """The resources of country and the international ones: one query, then cached."""
    key = f"signposting:resources:{_version()}:{country}"
    found = cache.get(key)
    if found is None:
        found = list(Resource.objects.filter(country__in={country, INTERNATIONAL}))
        cache.set(key, found, CACHE_SECONDS)
    return found


def available_countries() -> list[tuple[str, str]]:
    """(code, name) for every country with resources, and INT, sorted by name."""
    key = f"signposting:countries:{_version()}"
    codes = cache.get(key)
    if codes is None:
        codes = sorted(
            set(Resource.objects.values_list("country", flat=True).distinct())
        )
        cache.set(key, codes, CACHE_SECONDS)
    choices = sorted(
        ((code, country_name(code)) for code in set(codes) - {INTERNATIONAL}),
        key=lambda pair: pair[1],
    )
    return [*choices, (INTERNATIONAL, country_name(INTERNATIONAL))]


# --- Lines and what is open ---------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A resource as shown to someone at a moment: with its open-now status."""

    resource: Resource
    status: hours.Status
    status_text: str

    @property
    def is_open(self) -> bool:
        return self.status.is_open

    @property
    def reachable(self) -> bool:
        return bool(self.resource.tel_href or self.resource.sms_href)


def status_text(status: hours.Status, resource: Resource, now: datetime) -> str:
    if status.state == hours.ALWAYS:
        return _("Open 24 hours")
    if status.state == hours.OPEN:
        if status.closes_at is None:
            return _("Open now")
        return _("Open now, until %(time)s %(zone)s") % {
            "time": hours.clock(status.closes_at),
            "zone": status.closes_at.tzname(),
        }
    if status.state == hours.CLOSED and status.opens_at is not None:
        return _("Closed now. Opens %(time)s %(day)s (%(zone)s)") % {
            "time": hours.clock(status.opens_at),
            "day": _day_name(status.opens_at, now),
            "zone": status.opens_at.tzname(),
        }
    if status.state == hours.CLOSED:
        return _("Closed now")
    return resource.hours_display or _("Hours not known")


def _day_name(moment: datetime, now: datetime) -> str:
    word = hours.day_word(moment, now)
    if word == "today":
        return _("today")
    if word == "tomorrow":
        return _("tomorrow")
    return str(WEEKDAYS[moment.weekday()])


def line_for(resource: Resource, now: datetime) -> Line:
    status = hours.status_at(resource.hours, resource.time_zone, now)
    return Line(resource, status, status_text(status, resource, now))


def _kind_rank(resource: Resource) -> tuple:
    return (KIND_ORDER.index(resource.kind), resource.position, resource.name)


def count_crisis_panel_shown() -> None:
    """The transparency page's count of crisis panels shown (no content, no who)."""
    count_event("crisis_panel_shown")


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def crisis_panel_context(
    request_or_country, *, now: datetime | None = None, visible: bool = True
) -> dict:
    """What signposting/_crisis_panel.html needs; counts that the panel was shown,
    unless the caller builds it hidden (visible=False) and counts it when it appears.

    One emergency number first, then one crisis option open 24 hours, then the
    pregnancy and new-parent lines open now, then the rest. A line that says it is
    not for crises is never the only thing offered.
    """
    if isinstance(request_or_country, HttpRequest):
        from support.signposting.countries import country_for_request

        country = country_for_request(request_or_country)
    else:
        country = (request_or_country or INTERNATIONAL).upper()
    now = _now(now)
    everything = resources_for(country)
    local = [r for r in everything if r.country == country]
    international = [r for r in everything if r.country == INTERNATIONAL]
    pool = local if local else international

    def first(candidates):
        return next(iter(sorted(candidates, key=_kind_rank)), None)

    emergency = first(r for r in local if r.kind == Resource.Kind.EMERGENCY) or first(
        r for r in international if r.kind == Resource.Kind.EMERGENCY
    )
    lines = {r.pk: line_for(r, now) for r in everything}
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
        for r in sorted(pool, key=_kind_rank)
        if r.kind == Resource.Kind.PERINATAL
        and lines[r.pk].is_open
        and r.pk not in shown
    ]
    shown |= {line.resource.pk for line in perinatal_now}
    rest = [
        lines[r.pk]
        for r in sorted(pool, key=_kind_rank)
        if r.pk not in shown and r.kind != Resource.Kind.EMERGENCY
    ]
    also_now = [
        line
        for line in rest
        if line.is_open and line.resource.kind in ("crisis", "text")
    ]
    if visible:
        count_crisis_panel_shown()
    return {
        "country": country,
        "country_name": country_name(country),
        "has_local": bool(local),
        "emergency": lines[emergency.pk] if emergency else None,
        "crisis": lines[crisis.pk] if crisis else None,
        "perinatal_now": perinatal_now,
        "also_now": also_now,
        "more": sorted(
            (line for line in rest if line not in also_now),
            key=lambda line: not line.is_open,
        ),
        "now": now,
    }


def directory_context(country: str, *, now: datetime | None = None) -> dict:
    """Every resource for country grouped by kind, then the international ones."""
    now = _now(now)
    everything = resources_for(country)

    def grouped(resources):
        resources = list(resources)
        groups = []
        for kind in KIND_ORDER:
            members = sorted((r for r in resources if r.kind == kind), key=_kind_rank)
            if members:
                groups.append(
                    {
                        "kind": kind,
                        "label": Resource.Kind(kind).label,
                        "lines": [line_for(r, now) for r in members],
                    }
                )
        return groups

    local = [r for r in everything if r.country == country and country != INTERNATIONAL]
    return {
        "country": country,
        "country_name": country_name(country),
        "groups": grouped(local),
        "international": grouped(r for r in everything if r.country == INTERNATIONAL),
        "now": now,
    }


def perinatal_lines(country: str, *, now: datetime | None = None) -> list[Line]:
    now = _now(now)
    local = [r for r in resources_for(country) if r.country == country]
    pool = local or [r for r in resources_for(country) if r.country == INTERNATIONAL]
    lines = [
        line_for(r, now)
        for r in sorted(pool, key=_kind_rank)
        if r.kind == Resource.Kind.PERINATAL
    ]
    return sorted(lines, key=lambda line: not line.is_open)


def contextual_cards_for(
    categories, country: str, *, now: datetime | None = None
) -> list[dict]:
    """Calm cards offering the right kind of help for each matched rule category.

    One query at most per call (resources are cached per country); unknown
    categories are ignored, and each category gives at most one card.
    """
    wanted = [c for c in dict.fromkeys(categories or ()) if c in CARD_KINDS]
    if not wanted:
        return []
    country = (country or INTERNATIONAL).upper()
    now = _now(now)
    everything = resources_for(country)
    local = [r for r in everything if r.country == country]
    pool = local or [r for r in everything if r.country == INTERNATIONAL]
    cards = []
    for category in wanted:
        chosen: list[Line] = []
        for kind in CARD_KINDS[category]:
            candidates = [line_for(r, now) for r in pool if r.kind == kind]
            if category == "abuse":
                # Many people can't safely talk on the phone at home: text first.
                candidates.sort(key=lambda line: not line.resource.sms_href)
            candidates.sort(key=lambda line: (not line.is_open, not line.reachable))
            chosen += candidates[:1]
        title, message = CARD_WORDS[category]
        cards.append(
            {
                "category": category,
                "title": title,
                "message": message,
                "lines": chosen,
                "country": country,
            }
        )
    return cards


# --- Check-ins --------------------------------------------------------------------


def check_ins_for(member):
    """The only way to read check-ins: a member's own, nobody else's."""
    return CheckIn.objects.filter(member=member)


def check_in_for(member, check_in_id: int) -> CheckIn:
    return get_object_or_404(check_ins_for(member), pk=check_in_id)


def active_questionnaires():
    return Questionnaire.objects.filter(is_active=True)


def mood_chart(
    check_ins: list[CheckIn], *, width: int = 360, height: int = 210
) -> dict:
    """Coordinates for an SVG line chart of mood (1-5) over time, oldest first."""
    points = [c for c in check_ins if c.mood is not None]
    points.sort(key=lambda c: (c.created, c.pk))
    left, right, top, bottom = 92, 14, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    labels = dict(MOOD_CHOICES)

    def y(mood: int) -> float:
        return round(top + plot_h * (5 - mood) / 4, 1)

    if points:
        start, end = points[0].created, points[-1].created
        span = (end - start).total_seconds()
    coords = []
    for number, check_in in enumerate(points):
        if len(points) == 1:
            x = left + plot_w / 2
        elif span > 0:
            x = left + plot_w * (check_in.created - start).total_seconds() / span
        else:
            x = left + plot_w * number / (len(points) - 1)
        coords.append(
            {
                "x": round(x, 1),
                "y": y(check_in.mood),
                "check_in": check_in,
                "label": labels[check_in.mood],
            }
        )
    return {
        "width": width,
        "height": height,
        "left": left,
        "right_edge": width - right,
        "bottom_edge": height - bottom,
        "label_y": height - 10,
        "grid": [{"y": y(m), "label": labels[m], "mood": m} for m in range(5, 0, -1)],
        "points": coords,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in coords),
        "first": points[0].created if points else None,
        "last": points[-1].created if points else None,
    }


def check_in_export_rows(member) -> list[dict]:
    """The member's check-ins, oldest first, as rows for their own download."""
    keys = [key for key, _q, _c in CHECK_IN_QUESTIONS]
    rows = []
    for entry in check_ins_for(member).order_by("created", "id"):
        own_questions = not entry.questionnaire_title
        rows.append(
            {
                "created": entry.created.isoformat(),
                "questionnaire": entry.questionnaire_title,
                "mood": entry.mood,
                **{
                    key: entry.answers.get(key, "") if own_questions else ""
                    for key in keys
                },
                "thoughts_of_self_harm": entry.self_harm_thoughts,
                "total": entry.total,
                "band": entry.band,
                "answers": entry.answers,
            }
        )
    return rows
