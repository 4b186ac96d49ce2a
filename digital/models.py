"""The register of IT systems and platforms that support democracy work (Art. 1 §5), in publiccode.yml terms.

A system belongs to its owner agency; its progress is that of its latest milestone (Decidim's accountability
results: status, progress, timeline). What it is for and the national platforms it connects to are data.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import ALL, Reach
from dancoso.core.fields import NARRATIVE_LENGTH, NOTE_LENGTH, actor_field


class Purpose(models.Model):
    """What a system is for: direction and administration, public participation and supervision …"""

    name = models.CharField(_("name"), max_length=255, unique=True)
    reaches_public = models.BooleanField(
        _("lets people take part and supervise"),
        default=False,
        help_text=_("Counted among the systems that let citizens and businesses take part (§5b)."),
    )
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("purpose of a system")
        verbose_name_plural = _("purposes of systems")
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name


class Platform(models.Model):
    """A national platform a system connects to (the national public service portal, VNeID …)."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("national platform")
        verbose_name_plural = _("national platforms")
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name


class SystemKind(models.TextChoices):
    PORTAL = "portal", _("Portal or website")
    INFORMATION_SYSTEM = "information_system", _("Information system")
    DATABASE = "database", _("Database")
    PLATFORM = "platform", _("Platform")
    MOBILE_APP = "mobile_app", _("Mobile app")
    EQUIPMENT = "equipment", _("Equipment")


class SystemStatus(models.TextChoices):
    """The development status of publiccode.yml."""

    CONCEPT = "concept", _("Concept")
    DEVELOPMENT = "development", _("In development")
    BETA = "beta", _("Beta")
    STABLE = "stable", _("In operation")
    OBSOLETE = "obsolete", _("Obsolete")


# Systems still being built: their average progress is a figure of the report.
BEING_BUILT = (SystemStatus.CONCEPT, SystemStatus.DEVELOPMENT, SystemStatus.BETA)


class System(models.Model):
    name = models.CharField(_("name"), max_length=255)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("owner agency"), on_delete=models.PROTECT, related_name="systems"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SystemKind.choices)
    purposes = models.ManyToManyField(Purpose, verbose_name=_("purposes"), related_name="systems")
    status = models.CharField(_("status"), max_length=12, choices=SystemStatus.choices)
    description = models.TextField(_("description"), max_length=NARRATIVE_LENGTH, blank=True)
    started_on = models.DateField(_("project started on"))
    launched_on = models.DateField(_("in operation since"), null=True, blank=True)
    for_staff = models.BooleanField(_("used by staff"), default=True)
    for_citizens = models.BooleanField(_("used by citizens"), default=False)
    for_businesses = models.BooleanField(_("used by businesses"), default=False)
    url = models.URLField(_("address (URL)"), max_length=500, blank=True)
    platforms = models.ManyToManyField(
        Platform, verbose_name=_("national platforms it connects to"), related_name="systems", blank=True
    )
    operator = models.CharField(_("operator"), max_length=255, blank=True)
    contract_end = models.DateField(_("operating contract ends on"), null=True, blank=True)
    created_by = actor_field(_("recorded by"))
    history = HistoricalRecords(m2m_fields=[purposes, platforms])
    reach = Reach(read=("agency",), write=("agency",))

    class Meta:
        verbose_name = _("IT system")
        verbose_name_plural = _("IT systems")
        ordering = ["agency__display_order", "agency__name", "name"]
        indexes = [models.Index(fields=["agency", "status"], name="system_agency_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(launched_on__isnull=True) | Q(launched_on__gte=F("started_on")),
                name="system_launched_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("digital:system_detail", args=[self.pk])

    @property
    def users(self) -> list[str]:
        labels = (
            (self.for_staff, _("staff")),
            (self.for_citizens, _("citizens")),
            (self.for_businesses, _("businesses")),
        )
        return [str(label) for used, label in labels if used]


class Milestone(models.Model):
    system = models.ForeignKey(
        System, verbose_name=_("system"), on_delete=models.CASCADE, related_name="milestones"
    )
    reached_on = models.DateField(_("date"))
    title = models.CharField(_("milestone"), max_length=255)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), validators=[MaxValueValidator(100)])
    note = models.TextField(_("note"), max_length=NOTE_LENGTH, blank=True)
    created_by = actor_field(_("recorded by"))
    history = HistoricalRecords()
    reach = Reach(read=("system__agency",), write=("system__agency",))

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["system", "reached_on", "pk"]
        indexes = [models.Index(fields=["system", "reached_on"], name="milestone_timeline")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="milestone_progress_le_100")
        ]

    def __str__(self) -> str:
        return self.title
