"""Recompute every member's trust level and each item's report count from the rows,
in case a counter ever drifts from the truth."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count

from moderation.models import MemberStanding, Report, ReviewItem
from moderation.services.trust import standing_refresh


class Command(BaseCommand):
    help = "Recount review items' reports and refresh every member's trust level."

    def handle(self, *args, **options):
        fixed = 0
        counts = dict(
            Report.objects.filter(outcome=Report.Outcome.OPEN)
            .values("item")
            .annotate(n=Count("pk"))
            .values_list("item", "n")
        )
        for item in ReviewItem.objects.filter(status=ReviewItem.Status.OPEN).iterator():
            expected = counts.get(item.pk, 0)
            if item.report_count != expected:
                ReviewItem.objects.filter(pk=item.pk).update(report_count=expected)
                fixed += 1
        refreshed = 0
        for standing in MemberStanding.objects.select_related("member").iterator():
            with transaction.atomic():
                standing_refresh(member=standing.member)
            refreshed += 1
        self.stdout.write(f"report counts fixed: {fixed}; trust refreshed: {refreshed}")
