"""Role changes are written to the audit log, whichever path made them (admin, shell,
management command), because they decide who can moderate."""

from accounts.acting import current_acting


def audit_role_change(
    sender, instance, action, reverse, model, pk_set, **kwargs
) -> None:
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    from django.contrib.auth.models import Group

    from moderation.models import AuditEntry
    from moderation.services.audit import audit_append

    if reverse:
        # group.user_set.add(members...): instance is the group.
        groups = [instance.name]
        member_ids = sorted(pk_set or [])
    else:
        member_ids = [instance.pk]
        if action == "pre_clear":
            groups = list(instance.groups.values_list("name", flat=True))
        else:
            groups = list(
                Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True)
            )
    if not groups or not member_ids:
        return
    change = "added" if action == "post_add" else "removed"
    acting = current_acting()
    for member_id in member_ids:
        audit_append(
            actor=acting.member,
            kind=AuditEntry.Kind.ROLE_CHANGED,
            target_type="member",
            target_id=member_id,
            after={change: sorted(groups)},
            reason=acting.how,
        )
