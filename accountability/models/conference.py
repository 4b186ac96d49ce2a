"""The yearly conference of officials, civil servants, public employees and workers (Law 10/2022 Art. 51).

Rules (checked by the services, shown on the pages):
- it is held no later than three months into the year after the one it reports on; a later date is recorded,
  with a warning, and the matrix shows it as late;
- it is valid with at least two thirds of the staff summoned present;
- a resolution passes with more than half of those present voting for it.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accountability.models.disclosure import record_file_path
from dancoso.accounts.access import Reach
from dancoso.core.fields import NOTE_LENGTH, YEAR_VALIDATORS, actor_field

# Held by the end of the third month of the next year.
LATEST_MONTH = 3


def conference_deadline(year: int) -> date:
    return date(year + 1, LATEST_MONTH, 31)


def has_quorum(present: int, summoned: int) -> bool:
    return summoned > 0 and present * 3 >= summoned * 2


def passes(votes_for: int, present: int) -> bool:
    return votes_for * 2 > present


class StaffConference(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="staff_conferences",
    )
    year = models.PositiveSmallIntegerField(_("year reported on"), validators=YEAR_VALIDATORS)
    held_on = models.DateField(_("held on"))
    summoned = models.PositiveIntegerField(_("staff summoned"))
    present = models.PositiveIntegerField(_("staff present"))
    minutes = models.FileField(_("minutes"), upload_to=record_file_path, max_length=200, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_LENGTH, blank=True)
    created_by = actor_field(_("recorded by"))
    history = HistoricalRecords()
    reach = Reach(read=("agency",), write=("agency",))

    class Meta:
        verbose_name = _("staff conference")
        verbose_name_plural = _("staff conferences")
        ordering = ["-year", "agency__display_order", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="staff_conference_one_per_year"),
            models.CheckConstraint(
                condition=Q(present__lte=F("summoned")), name="conference_present_le_summoned"
            ),
            models.CheckConstraint(condition=Q(summoned__gt=0), name="conference_summoned_positive"),
        ]

    def __str__(self) -> str:
        return _("Staff conference %(year)s of %(agency)s") % {"year": self.year, "agency": self.agency}

    def get_absolute_url(self) -> str:
        return reverse("accountability:conference_detail", args=[self.pk])

    @property
    def deadline(self) -> date:
        return conference_deadline(self.year)

    @property
    def is_late(self) -> bool:
        return self.held_on > self.deadline

    @property
    def has_quorum(self) -> bool:
        return has_quorum(self.present, self.summoned)

    @property
    def is_valid(self) -> bool:
        return self.has_quorum

    @property
    def on_time_and_valid(self) -> bool:
        return self.has_quorum and not self.is_late


class ConferenceResolution(models.Model):
    conference = models.ForeignKey(
        StaffConference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="resolutions"
    )
    title = models.CharField(_("matter voted on"), max_length=255)
    votes_for = models.PositiveIntegerField(_("votes for"))
    votes_against = models.PositiveIntegerField(_("votes against"), default=0)
    history = HistoricalRecords()
    reach = Reach(read=("conference__agency",), write=("conference__agency",))

    class Meta:
        verbose_name = _("conference resolution")
        verbose_name_plural = _("conference resolutions")
        ordering = ["conference", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def passed(self) -> bool:
        return passes(self.votes_for, self.conference.present)
