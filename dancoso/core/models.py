"""The working-day calendar every deadline counts in (petitions' time limits, a board's recognition).

Weekends and the public holidays of the ``holidays`` package's Vietnam calendar (Tết included) are days off.
Each year the government also swaps days (a Saturday worked in exchange for a bridge day off) or adds one:
Home Affairs records those here, and they win over the package.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import ALL, Reach


class DayKind(models.TextChoices):
    OFF = "off", _("Day off")
    WORKING = "working", _("Working day")


class CalendarDay(models.Model):
    """A day whose status differs from the rule: a day off added, or a weekend day worked in exchange."""

    day = models.DateField(_("day"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=DayKind.choices)
    name = models.CharField(
        _("reason"), max_length=200, help_text=_("For example: worked in exchange for 2 January")
    )
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.get_kind_display()}"
