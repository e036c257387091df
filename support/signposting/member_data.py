"""Check-ins in a member's data download; deleting the account deletes them all."""

from support.signposting import selectors, services


def export(member) -> list[dict]:
    return selectors.check_in_export_rows(member)


def erase(member) -> None:
    services.check_ins_delete_all(member=member)
