"""Whose helplines to show: the one place that decides a reader's country.

Every page, the chat's crisis panel, a listener's resource cards, check-ins and
notifications ask here, so a member sees the same country's lines everywhere.

It also says how each panel and card lets its reader change that country in place
(a CountryChooser), and whether to ask her, once, which country's lines she wants:
when she has no country of her own, no remembered choice, and was not asked yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import get_token

from support.signposting.selectors.resources import INTERNATIONAL, available_countries
from support.signposting.services import ASKED_SESSION_KEY

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
    return resolve_country(
        member=member if member is not None else scope.get("user"),
        cookie=_scope_cookies(scope).get(COUNTRY_COOKIE),
        accept_language=headers.get("accept-language", ""),
    )


@dataclass
class CountryChooser:
    """How a crisis panel or resource card offers to change whose lines it shows,
    in place: a small form posting the country to the country view (support:
    country_set), which comes back to `next`.

    ask: this reader should be asked, once, which country's lines she wants (see
    needs_asking); services.country_asked() records it when she has been.
    csrf_token is empty where no request is at hand (a panel sent over a socket:
    the chat's script fills it in from its page). session is where asking is
    remembered; save_session says whoever shows it must save it (a socket's
    session, which no middleware saves)."""

    country: str
    next: str = ""
    ask: bool = False
    csrf_token: str = ""
    session: Any = None
    save_session: bool = False


def needs_asking(*, member: Any, cookie: str | None, session: Any) -> bool:
    """Whether to ask a reader which country's lines to show: not when she set a
    country, has a remembered choice, or was asked already."""
    if member is not None and getattr(member, "is_authenticated", False):
        if _CODE.match((getattr(member, "country", "") or "").upper()):
            return False
    if valid_choice(cookie):
        return False
    if session is not None and session.get(ASKED_SESSION_KEY):
        return False
    return True


def chooser_for_request(
    request: HttpRequest, country: str, *, next_url: str = ""
) -> CountryChooser:
    """The change control for a page's panels and cards (country as resolved by
    country_for_request); it comes back to the page itself unless next_url."""
    picked = valid_choice(request.GET.get("country"))
    return CountryChooser(
        country=country,
        next=next_url or request.get_full_path(),
        ask=not picked
        and needs_asking(
            member=getattr(request, "user", None),
            cookie=request.COOKIES.get(COUNTRY_COOKIE),
            session=getattr(request, "session", None),
        ),
        csrf_token=get_token(request),
        session=getattr(request, "session", None),
    )


def chooser_for_scope(
    scope: dict[str, Any], country: str, *, next_url: str
) -> CountryChooser:
    """The same for a panel sent over a WebSocket (country_for_scope's country)."""
    session = scope.get("session")
    return CountryChooser(
        country=country,
        next=next_url,
        ask=needs_asking(
            member=scope.get("user"),
            cookie=_scope_cookies(scope).get(COUNTRY_COOKIE),
            session=session,
        ),
        session=session,
        save_session=True,
    )


def country_for_member(member: Any) -> str:
    """The country for a member away from any page or socket of theirs (a listener
    choosing cards for them): their setting, else the site default."""
    return resolve_country(member=member)


def _scope_headers(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    return {
        name.decode("latin-1").lower(): value.decode("latin-1") for name, value in raw
    }


def _scope_cookies(scope: dict[str, Any]) -> dict[str, str]:
    cookies = scope.get("cookies")
    if cookies is None:
        raw = _scope_headers(scope.get("headers", ())).get("cookie", "")
        cookies = {name: morsel.value for name, morsel in SimpleCookie(raw).items()}
    return cookies
