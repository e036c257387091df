"""Local in-person groups, loaded as data, and the area a member chose for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class LocalGroup(TimeStampedModel):
    """A group that meets in person, somewhere in a country, run by someone else.

    It is placed by the areas it serves (towns or postcode districts), never by an
    address: where exactly it meets is for the organiser to tell."""

    class Kind(models.TextChoices):
        MOTHERS = "mothers", _("Mothers' group")
        PERINATAL = "perinatal", _("Perinatal mental-health group")
        DROP_IN = "drop_in", _("Drop-in")
        MEETUP = "meetup", _("Peer-support meet-up")

    country = models.CharField(
        _("country"), max_length=2, help_text=_("ISO code such as GB.")
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    areas = models.JSONField(
        default=list,
        help_text=_('The towns or postcode districts it serves, such as ["Leeds"].'),
    )
    meets = models.CharField(_("when it meets"), max_length=300)
    contact_url = models.URLField(max_length=300, blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    languages = models.JSONField(default=list, blank=True)
    last_checked = models.DateField()
    example = models.BooleanField(
        default=False, help_text=_("Made up, to show how the page works.")
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["country", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"], name="local_group_country_name_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["mothers", "perinatal", "drop_in", "meetup"]),
                name="local_group_kind_valid",
            ),
        ]
        indexes = [models.Index(fields=["country"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


class GroupArea(models.Model):
    """The area one member chose for local groups. Private: only she sees it, it is
    in her data download, and it goes when her account does."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_area"
    )
    country = models.CharField(max_length=2)
    area = models.CharField(max_length=60)
    chosen = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"group area {self.pk}"
