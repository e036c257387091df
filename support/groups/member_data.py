"""A member's area for local groups: in her data download, gone with her account."""

from support.groups import selectors, services


def export(member) -> dict | None:
    return selectors.group_area_export(member)


def erase(member) -> None:
    services.group_area_forget(member=member)
