from django.db import models


class TimeStampedModel(models.Model):
    """Base for rows that need to say when they were made and last changed."""

    created = models.DateTimeField(auto_now_add=True, db_index=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class DailyCount(models.Model):
    """How many times something happened on a day: a count, never content."""

    name = models.CharField(max_length=60)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "day"], name="daily_count_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} on {self.day}: {self.count}"
