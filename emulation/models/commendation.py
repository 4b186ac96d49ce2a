"""Commendation quotas and nominations (§4b).

Each year Home Affairs allocates every agency how many it may propose of each form of commendation
(``Quota``). An agency nominates individuals of its people registry or collectives (``Nomination``):
draft → submitted → reviewed by the emulation council (approved, or not approved with a reason) → decided
(decision number, date and issuer). A submitted, approved or decided nomination holds one of the quota's
places; one not approved gives its place back. The quota is enforced when a nomination is submitted, in the
transaction that locks the quota row (``emulation.services.nominations``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import HOME_AFFAIRS, Reach
from dancoso.core.fields import NARRATIVE_LENGTH, NOTE_LENGTH, YEAR_VALIDATORS, actor_field
from dancoso.core.uploads import random_name
from emulation.models.catalogue import Award
from emulation.models.exemplar import NomineeKind

# At most this many places of one form for one agency in a year: a typing error, not a quota.
MAX_PLACES = 10_000


class Quota(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="quotas"
    )
    award = models.ForeignKey(
        Award, verbose_name=_("form of commendation"), on_delete=models.PROTECT, related_name="quotas"
    )
    places = models.PositiveIntegerField(_("places"))
    created_by = actor_field(_("allocated by"))
    history = HistoricalRecords()
    reach = Reach(read=("agency",), write=HOME_AFFAIRS)

    class Meta:
        verbose_name = _("commendation quota")
        verbose_name_plural = _("commendation quotas")
        ordering = ["-year", "agency__display_order", "agency__name", "award__display_order"]
        constraints = [
            models.UniqueConstraint(fields=["year", "agency", "award"], name="quota_one_per_form"),
            models.CheckConstraint(condition=Q(places__lte=MAX_PLACES), name="quota_places_bounded"),
        ]

    def __str__(self) -> str:
        return _("%(award)s for %(agency)s in %(year)s") % {
            "award": self.award,
            "agency": self.agency,
            "year": self.year,
        }


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved by the council")
    NOT_APPROVED = "not_approved", _("Not approved")
    DECIDED = "decided", _("Decided")


# The nominations that hold a place of their quota.
HOLDING_PLACE = (NominationStatus.SUBMITTED, NominationStatus.APPROVED, NominationStatus.DECIDED)


def nomination_file_path(instance: models.Model, filename: str) -> str:
    return random_name(f"emulation/nomination/{instance.nomination.agency_id}", filename)


class Nomination(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="nominations"
    )
    award = models.ForeignKey(
        Award, verbose_name=_("form of commendation"), on_delete=models.PROTECT, related_name="nominations"
    )
    kind = models.CharField(_("who"), max_length=10, choices=NomineeKind.choices)
    person = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    collective_name = models.CharField(
        _("collective"), max_length=255, blank=True, help_text=_("The agency itself or one of its units.")
    )
    achievements = models.TextField(_("summary of achievements"), max_length=NARRATIVE_LENGTH)
    status = models.CharField(
        _("status"), max_length=12, choices=NominationStatus.choices, default=NominationStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    reviewed_on = models.DateField(_("reviewed by the council on"), null=True, blank=True)
    council_reason = models.TextField(_("reason not approved"), max_length=NOTE_LENGTH, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_issuer = models.CharField(_("decided by"), max_length=255, blank=True)
    violation_override = models.TextField(
        _("why a violation does not bar it"),
        max_length=NOTE_LENGTH,
        blank=True,
        help_text=_("Recorded by Home Affairs; the nomination may then be submitted despite the violation."),
    )
    created_by = actor_field(_("recorded by"))
    history = HistoricalRecords()
    # The agency drafts and submits; only Home Affairs records the council's review and the decision.
    reach = Reach(read=("agency",), write=("agency",), actions={"review": HOME_AFFAIRS})

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-year", "agency__display_order", "agency__name", "pk"]
        indexes = [
            models.Index(fields=["year", "agency", "award", "status"], name="nomination_quota_use"),
            models.Index(fields=["status", "year"], name="nomination_by_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="collective") | Q(person__isnull=False), name="nomination_person_named"
            ),
        ]

    def __str__(self) -> str:
        return _("%(award)s for %(nominee)s") % {"award": self.award, "nominee": self.nominee}

    def get_absolute_url(self) -> str:
        return reverse("emulation:nomination_detail", args=[self.pk])

    @property
    def nominee(self) -> str:
        if self.kind == NomineeKind.INDIVIDUAL and self.person is not None:
            return self.person.full_name
        return self.collective_name or self.agency.name

    @property
    def is_draft(self) -> bool:
        return self.status == NominationStatus.DRAFT

    @property
    def is_decided(self) -> bool:
        return self.status == NominationStatus.DECIDED


class NominationFile(models.Model):
    """A file of the nomination's dossier (report of achievements, minutes of the agency's council …)."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=nomination_file_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    history = HistoricalRecords()
    reach = Reach(read=("nomination__agency",), write=("nomination__agency",))

    class Meta:
        verbose_name = _("dossier file")
        verbose_name_plural = _("dossier files")
        ordering = ["nomination", "pk"]

    def __str__(self) -> str:
        return self.original_name
