"""How a local group reads on the page: its kind, languages and contact links in
the reader's language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import get_language_info

from support.groups.models import LocalGroup
from support.groups.selectors import Area
from support.signposting.selectors import country_name


@dataclass
class GroupCard:
    group: LocalGroup
    kind: str
    languages: list[str]
    tel_href: str


def language_name(code: str) -> str:
    """A language's name in the reader's language, where Django knows it."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def group_card(group: LocalGroup) -> GroupCard:
    digits = re.sub(r"[^\d+]", "", group.contact_phone)
    return GroupCard(
        group=group,
        kind=str(LocalGroup.Kind(group.kind).label),
        languages=[language_name(code) for code in group.languages],
        tel_href=f"tel:{digits}" if digits else "",
    )


def area_choices(areas: dict[str, list[Area]], first: str) -> list:
    """The area select's options, one group per country, the reader's country first."""
    countries = sorted(areas, key=lambda code: (code != first, country_name(code)))
    return [
        (country_name(code), [(area.value, area.name) for area in areas[code]])
        for code in countries
    ]
