"""The yearly emulation movement launched by the Chair of the provincial People's Committee (§4a), and each
agency's pledge to it (đăng ký thi đua), sent to Home Affairs, returned for completion or approved."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import ALL, HOME_AFFAIRS, Reach
from dancoso.core.fields import NARRATIVE_LENGTH, NOTE_LENGTH, YEAR_VALIDATORS, actor_field
from dancoso.core.uploads import random_name
from emulation.models.catalogue import Award


def campaign_file_path(instance: Campaign, filename: str) -> str:
    return random_name(f"emulation/campaign/{instance.year}", filename)


def pledge_file_path(instance: Pledge, filename: str) -> str:
    return random_name(f"emulation/pledge/{instance.agency_id}", filename)


class Campaign(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=YEAR_VALIDATORS)
    title = models.CharField(_("name of the movement"), max_length=255)
    document_number = models.CharField(_("launching document number"), max_length=50, blank=True)
    document_date = models.DateField(_("launching document date"), null=True, blank=True)
    document_file = models.FileField(
        _("launching document file"), upload_to=campaign_file_path, max_length=200, blank=True
    )
    content = models.TextField(_("content"), max_length=NARRATIVE_LENGTH)
    criteria = models.TextField(_("criteria"), max_length=NARRATIVE_LENGTH, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    pledge_deadline = models.DateField(_("pledges due by"), null=True, blank=True)
    created_by = actor_field(_("recorded by"))
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="campaign_dates_in_order")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("emulation:campaign_detail", args=[self.pk])


class PledgeStatus(models.TextChoices):
    DRAFT = "draft", _("Not sent")
    SENT = "sent", _("Sent")
    RETURNED = "returned", _("Returned for completion")
    APPROVED = "approved", _("Approved")


# An agency edits its pledge until it is sent, and again when Home Affairs returns it.
EDITABLE_PLEDGE = (PledgeStatus.DRAFT, PledgeStatus.RETURNED)
RECEIVED_PLEDGE = (PledgeStatus.SENT, PledgeStatus.APPROVED)


class Pledge(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("movement"), on_delete=models.PROTECT, related_name="pledges"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="pledges"
    )
    collective_award = models.ForeignKey(
        Award,
        verbose_name=_("title the agency strives for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    collective_targets = models.TextField(_("collective targets"), max_length=NARRATIVE_LENGTH)
    individual_targets = models.TextField(_("individual targets"), max_length=NARRATIVE_LENGTH, blank=True)
    individuals = models.PositiveIntegerField(
        _("individuals who pledged"), default=0, help_text=_("Staff who registered their own pledge.")
    )
    file = models.FileField(_("signed pledge"), upload_to=pledge_file_path, max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PledgeStatus.choices, default=PledgeStatus.DRAFT
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    return_reason = models.TextField(_("what to complete"), max_length=NOTE_LENGTH, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    created_by = actor_field(_("recorded by"))
    history = HistoricalRecords()
    # The agency writes its pledge; only Home Affairs returns or approves it.
    reach = Reach(read=("agency",), write=("agency",), actions={"review": HOME_AFFAIRS})

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-campaign__year", "agency__display_order", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "agency"], name="pledge_one_per_agency"),
        ]

    def __str__(self) -> str:
        return _("Pledge of %(agency)s to %(campaign)s") % {"agency": self.agency, "campaign": self.campaign}

    def get_absolute_url(self) -> str:
        return reverse("emulation:pledge_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_PLEDGE
