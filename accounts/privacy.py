"""A member's own data: what "Download my data" gathers and "Delete my account" erases.

accounts knows no feature app, so each app adds its part from its AppConfig.ready():

    register_exporter("forum", lambda member: {...})   # JSON-able data of this member
    register_eraser(erase_forum_data)                   # called inside the erasure

Erasers run inside the erasing transaction, before the account itself is blanked: an
exception in one rolls the whole erasure back, so nothing is half-erased.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accounts.models import Member

Exporter = Callable[["Member"], Any]
Eraser = Callable[["Member"], None]

_exporters: dict[str, Exporter] = {}
_erasers: list[Eraser] = []


def register_exporter(name: str, exporter: Exporter) -> None:
    """Add a section called name to every member's data export."""
    if name == "account":
        raise ValueError("The account section is built in.")
    _exporters[name] = exporter


def register_eraser(eraser: Eraser) -> None:
    """Have eraser(member) run whenever a member deletes their account."""
    if eraser not in _erasers:
        _erasers.append(eraser)


def exporters() -> dict[str, Exporter]:
    return dict(_exporters)


def erasers() -> list[Eraser]:
    return list(_erasers)


def unregister_exporter(name: str) -> None:
    _exporters.pop(name, None)


def unregister_eraser(eraser: Eraser) -> None:
    if eraser in _erasers:
        _erasers.remove(eraser)
