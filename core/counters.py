"""Daily counts of events that must be reported without content (transparency)."""

from django.db.models import F
from django.utils import timezone

from core.models import DailyCount


def count_event(name: str, *, amount: int = 1) -> None:
    """Add amount to today's count for name. Stores no content and no member."""
    today = timezone.localdate()
    updated = DailyCount.objects.filter(name=name, day=today).update(
        count=F("count") + amount
    )
    if not updated:
        _, created = DailyCount.objects.get_or_create(
            name=name, day=today, defaults={"count": amount}
        )
        if not created:
            DailyCount.objects.filter(name=name, day=today).update(
                count=F("count") + amount
            )
