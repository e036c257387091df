"""Sockets speak the language of the person at the other end.

A page learns it from LocaleMiddleware; a socket reads the same signals from its
handshake (the language cookie, then Accept-Language) once, and every frame it
handles, group events included, is worded in it. Protocol codes stay as they are.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import translation


def language_for_scope(scope: dict) -> str:
    """The language a page would use for this socket's person."""
    headers = dict(scope.get("headers") or ())
    accept = headers.get(b"accept-language", b"").decode("latin-1")
    request = SimpleNamespace(
        COOKIES=scope.get("cookies") or {},
        META={"HTTP_ACCEPT_LANGUAGE": accept},
        path_info="/",
    )
    return translation.get_language_from_request(request)


class InTheirLanguage:
    """Mix in before a JsonSocket: handles every message in its person's language."""

    language: str | None = None

    async def dispatch(self, message: dict) -> None:
        if self.language is None:
            self.language = language_for_scope(self.scope)
        with translation.override(self.language):
            await super().dispatch(message)
