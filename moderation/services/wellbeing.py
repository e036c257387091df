"""Moderators' wellbeing: stretches of queue work, so the queue can suggest a break,
and taking one."""

from datetime import timedelta

from django.utils import timezone

from moderation.models import ModeratorActivity

# A gap this long between two queue pages ends a stretch of work.
STRETCH_GAP = timedelta(minutes=15)


def activity_touch(*, moderator) -> ModeratorActivity:
    """Note queue work now; a pause of STRETCH_GAP starts a new stretch."""
    now = timezone.now()
    activity, created = ModeratorActivity.objects.get_or_create(
        moderator=moderator, defaults={"stretch_started_at": now, "last_seen_at": now}
    )
    if not created:
        if now - activity.last_seen_at > STRETCH_GAP:
            activity.stretch_started_at = now
        activity.last_seen_at = now
        activity.save(update_fields=["stretch_started_at", "last_seen_at"])
    return activity


def activity_break(*, moderator) -> None:
    """The moderator is taking a break: the next queue visit starts a new stretch."""
    ModeratorActivity.objects.filter(moderator=moderator).delete()
