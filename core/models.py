from django.db import models


class TimeStampedModel(models.Model):
    """Base for rows that need to say when they were made and last changed."""

    created = models.DateTimeField(auto_now_add=True, db_index=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
