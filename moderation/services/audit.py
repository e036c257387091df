"""The append-only audit log: every moderation action writes one row here, in the
transaction that made the change."""

from datetime import datetime
from typing import Any

from moderation.models import AuditEntry


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def audit_append(
    *,
    actor,
    kind: str,
    target_type: str,
    target_id: Any,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    """Append one row to the audit log. Rows are never changed or deleted."""
    actor_is_member = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if actor_is_member else None,
        actor_label=actor.pseudonym if actor_is_member else "",
        kind=kind,
        target_type=target_type,
        target_id=str(target_id),
        before=_jsonable(before or {}),
        after=_jsonable(after or {}),
        reason=reason,
    )
