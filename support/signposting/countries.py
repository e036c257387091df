"""Whose helplines to show: the one place that decides a reader's country.

Every page, the chat's crisis panel, a listener's resource cards, check-ins and
notifications ask here, so a member sees the same country's lines everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from http.cookies import SimpleCookie
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from support.signposting.selectors.resources import INTERNATIONAL, available_countries

COUNTRY_COOKIE = "kindred_country"
_CODE = re.compile(r"^(?:[A-Z]{2}|INT)$")


def valid_choice(code: str | None) -> str | None:
    """code, upper-cased, when the directory has lines for it (or it is INT)."""
    code = (code or "").strip().upper()
    if code and code in {c for c, _name in available_countries()}:
        return code
    return None


def browser_regions(accept_language: str) -> list[str]:
    """The regions named in an Accept-Language header, in the browser's order."""
    found = []
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip()
        pieces = re.split(r"[-_]", tag)
        if len(pieces) >= 2 and len(pieces[-1]) == 2 and pieces[-1].isalpha():
            found.append(pieces[-1].upper())
    return [("GB" if code == "UK" else code) for code in found]


def resolve_country(
    *,
    member: Any = None,
    choice: str | None = None,
    cookie: str | None = None,
    accept_language: str = "",
) -> str:
    """The member's own setting, then a country picked on the page, the remembered
    choice, the browser's region, the site default, and at last the international
    lines."""
    if member is not None and getattr(member, "is_authenticated", False):
        code = (getattr(member, "country", "") or "").upper()
        if _CODE.match(code):
            return code
    for candidate in (choice, cookie):
        code = valid_choice(candidate)
        if code:
            return code
    for code in browser_regions(accept_language):
        if valid_choice(code):
            return code
    default = (settings.DEFAULT_COUNTRY or "").upper()
    return default if _CODE.match(default) else INTERNATIONAL


def country_for_request(request: HttpRequest) -> str:
    """The country for a page: its member, ?country=, the cookie, the browser."""
    return resolve_country(
        member=getattr(request, "user", None),
        choice=request.GET.get("country"),
        cookie=request.COOKIES.get(COUNTRY_COOKIE),
        accept_language=request.headers.get("Accept-Language", ""),
    )


def country_for_scope(scope: dict[str, Any], member: Any = None) -> str:
    """The same answer for a WebSocket, from its handshake's cookie and headers."""
    headers = _scope_headers(scope.get("headers", ()))
    cookies = scope.get("cookies")
    if cookies is None:
        parsed = SimpleCookie(headers.get("cookie", ""))
        cookies = {name: morsel.value for name, morsel in parsed.items()}
    return resolve_country(
        member=member if member is not None else scope.get("user"),
        cookie=cookies.get(COUNTRY_COOKIE),
        accept_language=headers.get("accept-language", ""),
    )


def country_for_member(member: Any) -> str:
    """The country for a member away from any page or socket of theirs (a listener
    choosing cards for them): their setting, else the site default."""
    return resolve_country(member=member)


def _scope_headers(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    return {
        name.decode("latin-1").lower(): value.decode("latin-1") for name, value in raw
    }
