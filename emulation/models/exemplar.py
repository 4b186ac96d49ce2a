"""Exemplary models and advanced examples (mô hình, điển hình tiên tiến, §4b), with their photos.

An agency proposes a model (a person of its registry, or a collective); Home Affairs recognises it, and a
recognised model is published on the democracy portal.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import HOME_AFFAIRS, Reach
from dancoso.core.fields import NARRATIVE_LENGTH, YEAR_VALIDATORS, actor_field
from dancoso.core.uploads import random_name


class NomineeKind(models.TextChoices):
    INDIVIDUAL = "individual", _("An individual")
    COLLECTIVE = "collective", _("A collective")


class ExemplarStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    RECOGNISED = "recognised", _("Recognised")


class Exemplar(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="exemplars"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("who"), max_length=10, choices=NomineeKind.choices)
    person = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exemplars",
    )
    collective_name = models.CharField(
        _("collective"), max_length=255, blank=True, help_text=_("The agency itself or one of its units.")
    )
    title = models.CharField(_("name of the model"), max_length=255)
    description = models.TextField(_("description"), max_length=NARRATIVE_LENGTH)
    achievements = models.TextField(_("achievements"), max_length=NARRATIVE_LENGTH)
    is_prestigious = models.BooleanField(
        _("prestigious person"), default=False, help_text=_("A person of prestige in the community (§4b).")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ExemplarStatus.choices, default=ExemplarStatus.PROPOSED
    )
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True, editable=False)
    created_by = actor_field(_("recorded by"))
    history = HistoricalRecords()
    reach = Reach(read=("agency",), write=("agency",), actions={"recognise": HOME_AFFAIRS})

    class Meta:
        verbose_name = _("exemplary model")
        verbose_name_plural = _("exemplary models")
        ordering = ["-year", "agency__display_order", "title"]
        indexes = [models.Index(fields=["status", "recognised_on"], name="exemplar_published")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("emulation:exemplar_detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("public_exemplars:detail", args=[self.pk])

    @property
    def honoured(self) -> str:
        """Who the model is: the person's name, or the collective's (the agency's own by default)."""
        if self.kind == NomineeKind.INDIVIDUAL and self.person is not None:
            return self.person.full_name
        return self.collective_name or self.agency.name

    @property
    def is_recognised(self) -> bool:
        return self.status == ExemplarStatus.RECOGNISED


def photo_path(instance: ExemplarPhoto, filename: str) -> str:
    return random_name(f"emulation/exemplar/{instance.exemplar_id}", filename)


class ExemplarPhoto(models.Model):
    exemplar = models.ForeignKey(
        Exemplar, verbose_name=_("exemplary model"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("photo"), upload_to=photo_path, max_length=200)
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    history = HistoricalRecords()
    reach = Reach(read=("exemplar__agency",), write=("exemplar__agency",))

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["exemplar", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name.rsplit("/", 1)[-1]
