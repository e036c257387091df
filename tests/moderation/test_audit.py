"""The audit log is append-only: no code path changes or deletes a row."""

import pytest

from moderation.models import AppendOnlyError, AuditEntry
from moderation.services import audit_append

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(moderator):
    return audit_append(
        actor=moderator,
        kind=AuditEntry.Kind.NOTE_ADDED,
        target_type="member",
        target_id=1,
        reason="first",
    )


def test_saving_an_existing_entry_again_is_refused(entry):
    entry.reason = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    entry.refresh_from_db()
    assert entry.reason == "first"


def test_deleting_an_entry_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_queryset_update_and_delete_are_refused(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.bulk_update([entry], ["reason"])
    assert AuditEntry.objects.get(pk=entry.pk).reason == "first"


def test_deleting_the_actor_leaves_the_entry_as_it_was(entry, moderator):
    moderator.delete()
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor_label == "Careful Owl"


def test_the_admin_cannot_add_change_or_delete_entries(rf, operator, entry):
    from django.contrib.admin.sites import site

    model_admin = site._registry[AuditEntry]
    request = rf.get("/")
    request.user = operator
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)


def test_role_changes_are_written_to_the_log(make_member):
    """Adding someone to a role group, by any path, appends an entry."""
    from django.contrib.auth.models import Group

    from accounts.roles import sync_role_groups

    sync_role_groups()
    member = make_member("New Mod")
    member.groups.add(Group.objects.get(name="moderator"))
    member.groups.remove(Group.objects.get(name="moderator"))
    entries = AuditEntry.objects.filter(kind="role_changed", target_id=str(member.pk))
    assert [e.after for e in entries.order_by("id")] == [
        {"added": ["moderator"]},
        {"removed": ["moderator"]},
    ]


def test_every_moderation_step_is_in_the_log(open_item, moderator):
    from moderation.services import item_claim, item_decide

    item_claim(item_id=open_item.pk, moderator=moderator)
    item_decide(
        item_id=open_item.pk,
        moderator=moderator,
        action="hide",
        guideline=1,
        reason="r",
        version=open_item.version,
    )
    kinds = set(AuditEntry.objects.values_list("kind", flat=True))
    assert {"report_received", "item_claimed", "item_decided"} <= kinds
