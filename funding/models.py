"""Budget lines of the measures (Art. 2): each agency budgets the resolution's activities in its yearly
regular-expenditure estimate. A line says what it is for (a measure of ``dancoso.measures``, or other) and,
where it pays for one activity, points at it through a generic relation, so this app imports no measure app.

Money is in whole đồng (``BigIntegerField``). ``spent`` is the sum of the line's spending entries, written
with them by the services (``line_recount``), so a summary of every line is one aggregate query.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import ALL, Reach
from dancoso.core.fields import NOTE_LENGTH, YEAR_VALIDATORS, actor_field
from dancoso.core.numbers import MONEY_MAX
from dancoso.measures import MEASURES

MONEY_VALIDATORS = [MinValueValidator(0), MaxValueValidator(MONEY_MAX)]
OTHER = "other"
# What a line pays for: a measure of Art. 1 (Art. 2 is the funding itself), or something else.
MEASURE_CHOICES = [
    *((measure.key, measure.heading) for measure in MEASURES if measure.article[0] == 1),
    (OTHER, _("Other")),
]


class FundingSource(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("source of funds")
        verbose_name_plural = _("sources of funds")
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name


class BudgetLine(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField(_("budget year"), validators=YEAR_VALIDATORS)
    measure = models.CharField(_("measure"), max_length=20, choices=MEASURE_CHOICES)
    description = models.CharField(_("content"), max_length=255)
    source = models.ForeignKey(
        FundingSource, verbose_name=_("source"), on_delete=models.PROTECT, related_name="lines"
    )
    estimate = models.BigIntegerField(_("estimate (đồng)"), validators=MONEY_VALIDATORS)
    allocated = models.BigIntegerField(
        _("allocated (đồng)"), validators=MONEY_VALIDATORS, null=True, blank=True
    )
    spent = models.BigIntegerField(_("spent (đồng)"), default=0, editable=False)
    activity_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of activity"), on_delete=models.PROTECT, null=True, blank=True
    )
    activity_id = models.PositiveBigIntegerField(_("activity"), null=True, blank=True)
    activity = GenericForeignKey("activity_type", "activity_id")
    note = models.TextField(_("note"), max_length=NOTE_LENGTH, blank=True)
    created_by = actor_field(_("recorded by"))
    history = HistoricalRecords()
    reach = Reach(read=("agency",), write=("agency",))

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["-year", "agency__display_order", "agency__name", "measure", "pk"]
        indexes = [
            models.Index(fields=["year", "measure", "agency"], name="budget_line_summary"),
            models.Index(fields=["agency", "year"], name="budget_line_agency_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimate__gte=0) & Q(spent__gte=0), name="budget_line_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(activity_type__isnull=True, activity_id__isnull=True)
                | Q(activity_type__isnull=False, activity_id__isnull=False),
                name="budget_line_activity_whole",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    def get_absolute_url(self) -> str:
        return reverse("funding:line_detail", args=[self.pk])

    @property
    def overspent(self) -> bool:
        """Spent above what was allocated: allowed (reality wins) but shown."""
        return self.allocated is not None and self.spent > self.allocated


class Spending(models.Model):
    line = models.ForeignKey(
        BudgetLine, verbose_name=_("budget line"), on_delete=models.CASCADE, related_name="spendings"
    )
    spent_on = models.DateField(_("date"))
    amount = models.BigIntegerField(
        _("amount (đồng)"), validators=[MinValueValidator(1), MaxValueValidator(MONEY_MAX)]
    )
    document_number = models.CharField(_("document number"), max_length=50, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = actor_field(_("recorded by"))
    history = HistoricalRecords()
    reach = Reach(read=("line__agency",), write=("line__agency",))

    class Meta:
        verbose_name = _("spending entry")
        verbose_name_plural = _("spending entries")
        ordering = ["line", "spent_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="spending_positive")]

    def __str__(self) -> str:
        return f"{self.spent_on:%d/%m/%Y} · {self.amount}"
