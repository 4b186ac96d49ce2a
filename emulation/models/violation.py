"""The register of violations of the democracy rules (xử lý vi phạm, §4c).

A violation names an agency, and the person of its registry where a person broke the rule. Once handled
(a form of handling and its date), it bars the person, or the agency's collectives, from being submitted
for commendation in the year it was handled, unless Home Affairs records why it does not.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import Reach
from dancoso.core.fields import NARRATIVE_LENGTH, NOTE_LENGTH, actor_field
from emulation.models.catalogue import Handling, ViolationCategory


class Detection(models.TextChoices):
    INSPECTION = "inspection", _("Inspection or audit")
    PETITION = "petition", _("Petition or feedback")
    BOARD = "board", _("Supervision by the People's Inspection Board")
    SELF = "self", _("The agency's own review")
    OTHER = "other", _("Other")


class ViolationStatus(models.TextChoices):
    FOUND = "found", _("Being handled")
    HANDLED = "handled", _("Handled")


class Violation(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="violations"
    )
    person = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="violations",
        help_text=_("Leave empty where the agency itself is at fault."),
    )
    found_on = models.DateField(_("found on"))
    category = models.ForeignKey(
        ViolationCategory, verbose_name=_("rule broken"), on_delete=models.PROTECT, related_name="violations"
    )
    detection = models.CharField(_("how it was found"), max_length=12, choices=Detection.choices)
    description = models.TextField(_("what happened"), max_length=NARRATIVE_LENGTH)
    handling = models.ForeignKey(
        Handling,
        verbose_name=_("handling"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="violations",
    )
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("handled on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ViolationStatus.choices, default=ViolationStatus.FOUND
    )
    note = models.TextField(_("note"), max_length=NOTE_LENGTH, blank=True)
    created_by = actor_field(_("recorded by"))
    history = HistoricalRecords()
    reach = Reach(read=("agency",), write=("agency",))

    class Meta:
        verbose_name = _("violation")
        verbose_name_plural = _("violations")
        ordering = ["-found_on", "-pk"]
        indexes = [
            models.Index(fields=["agency", "found_on"], name="violation_agency_day"),
            models.Index(fields=["status", "decision_date"], name="violation_handled"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="found") | (Q(handling__isnull=False) & Q(decision_date__isnull=False)),
                name="violation_handled_has_handling",
            ),
        ]

    def __str__(self) -> str:
        who = self.person.full_name if self.person_id else self.agency
        return _("%(category)s (%(who)s, %(day)s)") % {
            "category": self.category,
            "who": who,
            "day": f"{self.found_on:%d/%m/%Y}",
        }

    def get_absolute_url(self) -> str:
        return reverse("emulation:violation_detail", args=[self.pk])

    @property
    def is_handled(self) -> bool:
        return self.status == ViolationStatus.HANDLED
