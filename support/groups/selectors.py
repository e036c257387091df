"""Local groups' reads: the areas the data covers, the groups serving an area, and a
member's own chosen area (for her pages and her data download only)."""

from __future__ import annotations

from dataclasses import dataclass

from support.groups.models import GroupArea, LocalGroup

SEPARATOR = ":"


@dataclass(frozen=True)
class Area:
    country: str
    name: str

    @property
    def value(self) -> str:
        """How the area travels in a form or an address: "GB:Leeds"."""
        return f"{self.country}{SEPARATOR}{self.name}"


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def areas_by_country() -> dict[str, list[Area]]:
    """Every area some group serves, per country, sorted by name (one query)."""
    found: dict[str, dict[str, Area]] = {}
    for country, areas in LocalGroup.objects.values_list("country", "areas"):
        for name in areas:
            found.setdefault(country, {}).setdefault(_fold(name), Area(country, name))
    return {
        country: sorted(by_fold.values(), key=lambda area: _fold(area.name))
        for country, by_fold in sorted(found.items())
    }


def area_from_value(value: str | None, areas: dict[str, list[Area]]) -> Area | None:
    """The area a form or address names ("GB:Leeds", any case), when the data has it."""
    country, _sep, name = (value or "").partition(SEPARATOR)
    wanted = _fold(name)
    for area in areas.get(country.strip().upper(), ()):
        if _fold(area.name) == wanted:
            return area
    return None


def groups_in(area: Area) -> list[LocalGroup]:
    """The groups serving area, in the file's order (one query)."""
    wanted = _fold(area.name)
    return [
        group
        for group in LocalGroup.objects.filter(country=area.country)
        if any(_fold(name) == wanted for name in group.areas)
    ]


def chosen_area(member) -> Area | None:
    """The area member chose herself; None when she has not, or is signed out."""
    if member is None or not member.is_authenticated:
        return None
    chosen = GroupArea.objects.filter(member=member).first()
    return Area(chosen.country, chosen.area) if chosen else None


def group_area_export(member) -> dict | None:
    chosen = GroupArea.objects.filter(member=member).first()
    if chosen is None:
        return None
    return {
        "country": chosen.country,
        "area": chosen.area,
        "chosen": chosen.chosen.isoformat(),
    }
