"""The append-only audit log's model: rows are written once and never changed or
deleted, whichever path tries (save, delete, queryset update or delete)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised by any attempt to change or remove an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self):
        raise AppendOnlyError("The audit log is append-only.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("The audit log is append-only.")

    def update_or_create(self, *args, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")


class AuditEntry(models.Model):
    """One moderation action, sanction or role change, appended and never changed."""

    class Kind(models.TextChoices):
        ITEM_QUEUED = "item_queued", _("Item queued")
        REPORT_RECEIVED = "report_received", _("Report received")
        ALERT_RAISED = "alert_raised", _("Alert raised")
        ITEM_CLAIMED = "item_claimed", _("Item claimed")
        ITEM_RELEASED = "item_released", _("Item handed back")
        ITEM_DECIDED = "item_decided", _("Decision")
        ITEM_ESCALATED = "item_escalated", _("Escalated")
        CONTENT_EDITED = "content_edited", _("Content edited")
        APPEAL_OPENED = "appeal_opened", _("Appeal opened")
        APPEAL_DECIDED = "appeal_decided", _("Appeal decided")
        SANCTION_ISSUED = "sanction_issued", _("Sanction issued")
        SANCTION_LIFTED = "sanction_lifted", _("Sanction lifted")
        NOTE_ADDED = "note_added", _("Moderator note added")
        TRUST_CHANGED = "trust_changed", _("Trust changed")
        ROLE_CHANGED = "role_changed", _("Role changed")
        LISTENER_DECIDED = "listener_decided", _("Listener application decided")
        LISTENER_SIGNED_OFF = "listener_signed_off", _("Listener signed off")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # The actor's pseudonym at the time: the log reads the same after renames.
    actor_label = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    target_type = models.CharField(max_length=30)
    target_id = models.CharField(max_length=40)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["kind", "-created"]),
            models.Index(fields=["actor", "-created"]),
            models.Index(fields=["target_type", "target_id"]),
        ]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M} {self.kind} {self.target_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The audit log is append-only.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")
