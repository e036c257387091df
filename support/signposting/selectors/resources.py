"""The resource directory as read: country names, each country's lines (cached),
what is open now, and the directory grouped by kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import formats, timezone, translation
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from support.signposting import hours
from support.signposting.models import Resource
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
# The language the resources file's free text (hours, descriptions) is written in.
DATA_LANGUAGE = "en"
KIND_ORDER = ["emergency", "crisis", "text", "perinatal", "abuse", "professional"]


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


def local_and_international(country: str) -> tuple[list[Resource], list[Resource]]:
    """country's own resources, and the international ones (from the same cache).
    For INT both are the international ones."""
    everything = resources_for(country)
    local = [r for r in everything if r.country == country]
    return local, [r for r in everything if r.country == INTERNATIONAL]


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
    # For a reader whose language the line doesn't answer in: "English only", or
    # that it answers in many languages. Empty otherwise.
    language_note: str = ""

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
            "time": clock(status.closes_at),
            "zone": status.closes_at.tzname(),
        }
    if status.state == hours.CLOSED and status.opens_at is not None:
        return _opens_text(status.opens_at, now)
    if status.state == hours.CLOSED:
        return _("Closed now")
    if reader_language() != DATA_LANGUAGE:
        # Hours that couldn't be read stay in the data's words, shown in full
        # listings; a reader of another language gets a plain status here.
        return _("Hours not known")
    return resource.hours_display or _("Hours not known")


def _opens_text(opens_at: datetime, now: datetime) -> str:
    values = {
        "time": clock(opens_at),
        "zone": opens_at.tzname(),
        "day": str(WEEKDAYS[opens_at.weekday()]),
    }
    days = hours.days_ahead(opens_at, now)
    if days == 0:
        return _("Closed now. Opens %(time)s today (%(zone)s)") % values
    if days == 1:
        return _("Closed now. Opens %(time)s tomorrow (%(zone)s)") % values
    return _("Closed now. Opens %(time)s %(day)s (%(zone)s)") % values


def clock(moment: datetime) -> str:
    """A short wall-clock time in the reader's language, as the service's own clock
    reads it (moment is in the service's zone and is not converted)."""
    # Translators: "12h" keeps times like 9am and 7:30pm; anything else is a Django
    # time format, or the name of one such as TIME_FORMAT (the language's own).
    style = pgettext("clock time format", "12h")
    if style != "12h":
        return formats.date_format(moment, style)
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    if moment.minute:
        return f"{hour}:{moment.minute:02d}{suffix}"
    return f"{hour}{suffix}"


def reader_language() -> str:
    """The active language's base code (es for es-mx), the reader's language."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    return code.split("-")[0].lower()


def answers_in(resource: Resource, language: str) -> bool:
    return language in (resource.languages or ())


def language_note(resource: Resource, language: str) -> str:
    """What a reader should know about the language a line answers in: nothing
    when it answers in hers, or when it isn't known. An emergency number is never
    labelled: whatever its data says, it should be called."""
    if not resource.languages or answers_in(resource, language):
        return ""
    if resource.kind == Resource.Kind.EMERGENCY:
        return ""
    if resource.interpreters:
        return _("Answers in many languages")
    if resource.languages == ["en"]:
        return _("English only")
    return ""


def in_reader_language_first(lines: list[Line]) -> list[Line]:
    """lines, those answering in the reader's language first; otherwise stable."""
    language = reader_language()
    return sorted(lines, key=lambda line: not answers_in(line.resource, language))


def line_for(resource: Resource, now: datetime) -> Line:
    status = hours.status_at(resource.hours, resource.time_zone, now)
    return Line(
        resource,
        status,
        status_text(status, resource, now),
        language_note(resource, reader_language()),
    )


def kind_rank(resource: Resource) -> tuple:
    return (KIND_ORDER.index(resource.kind), resource.position, resource.name)


def now_or(now: datetime | None) -> datetime:
    return now or timezone.now()


def directory_context(country: str, *, now: datetime | None = None) -> dict:
    """Every resource for country grouped by kind, then the international ones."""
    now = now_or(now)
    local, international = local_and_international(country)

    def grouped(resources):
        resources = list(resources)
        groups = []
        for kind in KIND_ORDER:
            members = sorted((r for r in resources if r.kind == kind), key=kind_rank)
            if members:
                groups.append(
                    {
                        "kind": kind,
                        "label": Resource.Kind(kind).label,
                        "lines": in_reader_language_first(
                            [line_for(r, now) for r in members]
                        ),
                    }
                )
        return groups

    return {
        "country": country,
        "country_name": country_name(country),
        "groups": grouped(local if country != INTERNATIONAL else ()),
        "international": grouped(international),
        "now": now,
    }


def perinatal_lines(country: str, *, now: datetime | None = None) -> list[Line]:
    """The pregnancy and new-parent lines of country (else the international ones),
    those answering in the reader's language first, then open ones first."""
    now = now_or(now)
    local, international = local_and_international(country)
    pool = local or international
    lines = [
        line_for(r, now)
        for r in sorted(pool, key=kind_rank)
        if r.kind == Resource.Kind.PERINATAL
    ]
    return in_reader_language_first(sorted(lines, key=lambda line: not line.is_open))
