"""Disclosure to staff (công khai, Law 10/2022 Art. 46–47) and consultations of staff (Art. 48–50)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import ALL, Reach
from dancoso.core.fields import NOTE_LENGTH, YEAR_VALIDATORS, actor_field
from dancoso.core.uploads import random_name


class DisclosureCategory(models.Model):
    """A kind of content the head must disclose (Art. 46): data, since part of the list is unconfirmed."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=100, blank=True)
    is_required = models.BooleanField(
        _("required every year"),
        default=True,
        help_text=_("Counted as a gap where an agency has not disclosed it."),
    )
    is_confirmed = models.BooleanField(
        _("confirmed against the Law's text"),
        default=True,
        help_text=_("Unticked where the wording has not been checked against the official text yet."),
    )
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("disclosure category")
        verbose_name_plural = _("disclosure categories")
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name


class DisclosureForm(models.Model):
    """A way of disclosing (Art. 47): posting at the office, the internal system, a meeting …: data."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("form of disclosure")
        verbose_name_plural = _("forms of disclosure")
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name


def record_file_path(instance: models.Model, filename: str) -> str:
    return random_name(f"accountability/{instance._meta.model_name}/{instance.agency_id}", filename)


class Disclosure(models.Model):
    """One content disclosed by an agency to its staff."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="disclosures"
    )
    category = models.ForeignKey(
        DisclosureCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="disclosures"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("content disclosed"), max_length=255)
    period_covered = models.CharField(
        _("period covered"), max_length=100, blank=True, help_text=_("For example: quý I/2026, năm 2026")
    )
    disclosed_on = models.DateField(_("disclosed on"))
    forms = models.ManyToManyField(DisclosureForm, verbose_name=_("forms of disclosure"), related_name="+")
    url = models.URLField(_("address (URL)"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=record_file_path, max_length=200, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_LENGTH, blank=True)
    created_by = actor_field(_("recorded by"))
    history = HistoricalRecords(m2m_fields=[forms])
    reach = Reach(read=("agency",), write=("agency",))

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-disclosed_on", "-pk"]
        indexes = [
            models.Index(fields=["year", "agency", "category"], name="disclosure_matrix"),
            models.Index(fields=["agency", "disclosed_on"], name="disclosure_agency_day"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("accountability:disclosure_detail", args=[self.pk])


class ConsultationKind(models.TextChoices):
    DECIDE = "decide", _("Staff discuss and decide")
    COMMENT = "comment", _("Staff comment before the head decides")
    SUPERVISE = "supervise", _("Staff inspect and supervise")


class Participation(models.TextChoices):
    MEETING = "meeting", _("At a meeting or conference")
    WRITTEN = "written", _("Written comments")
    BALLOT = "ballot", _("Vote or ballot")
    ONLINE = "online", _("Internal information system")
    UNITS = "units", _("Through heads of units")
    UNION = "union", _("Through the trade union")


class Consultation(models.Model):
    """A matter put to staff: to decide, to comment on, or to inspect and supervise."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="consultations"
    )
    matter = models.CharField(_("matter"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=ConsultationKind.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)
    participation = models.CharField(_("how staff took part"), max_length=20, choices=Participation.choices)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), max_length=NOTE_LENGTH, blank=True)
    file = models.FileField(_("file"), upload_to=record_file_path, max_length=200, blank=True)
    created_by = actor_field(_("recorded by"))
    history = HistoricalRecords()
    reach = Reach(read=("agency",), write=("agency",))

    class Meta:
        verbose_name = _("consultation of staff")
        verbose_name_plural = _("consultations of staff")
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["agency", "started_on"], name="consultation_agency_day")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="consultation_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.matter

    def get_absolute_url(self) -> str:
        return reverse("accountability:consultation_detail", args=[self.pk])
