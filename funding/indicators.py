"""Figures of Art. 2 (kinh phí) for the dashboard and the report: the budget year of the period, estimate,
allocated, spent and the execution rate (spent over allocated), in total, by measure and by agency. Two
aggregate queries and the agency names, whatever the number of lines."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dancoso.agencies.models import Agency
from dancoso.core.numbers import MONEY_UNIT, PERCENT, percent
from dancoso.indicators import Column, Figures, Indicator, Section, Shortfall, Table, TableRow, agency_names
from dancoso.periods import Period
from funding.models import MEASURE_CHOICES, BudgetLine

ARTICLE = (2, 0)
KEY = "funding"
AMOUNTS = ("estimate", "allocated", "spent")


def _sums(period: Period, agency: Agency | None, by: str) -> dict[Any, dict[str, int]]:
    lines = BudgetLine.objects.filter(year=period.year)
    if agency is not None:
        lines = lines.filter(agency=agency)
    rows = (
        lines.order_by()
        .values(by)
        .annotate(
            # Named apart from the fields: the count of lines spent above allocated compares the fields.
            total_estimate=Sum("estimate"),
            total_allocated=Sum("allocated"),
            total_spent=Sum("spent"),
            total_overspent=Count("pk", filter=Q(allocated__isnull=False, spent__gt=F("allocated"))),
        )
    )
    return {row[by]: {name: row[f"total_{name}"] or 0 for name in (*AMOUNTS, "overspent")} for row in rows}


def section(period: Period, agency: Agency | None = None) -> Section:
    by_agency = _sums(period, agency, "agency")
    names = agency_names(agency)
    empty = Section(key=KEY, title=_("Funding"), article=_("Art. 2"), tables=(_agency_table({}, {}),))
    if not by_agency:
        return empty
    by_measure = _sums(period, agency, "measure")
    return Section(
        key=KEY,
        title=empty.title,
        article=empty.article,
        indicators=_indicators(list(by_agency.values())),
        tables=(_measure_table(by_measure), _agency_table(by_agency, names)),
        shortfalls=_shortfalls(by_agency, names) if agency is None else (),
    )


def agency_figures(period: Period) -> Figures:
    by_agency = _sums(period, None, "agency")
    if not by_agency:
        return {}
    result: Figures = {}
    empty = dict.fromkeys((*AMOUNTS, "overspent"), 0)
    for pk in agency_names(None):
        for indicator in _indicators([by_agency.get(pk, empty)]):
            result.setdefault(indicator.key, {})[pk] = indicator.value
    return result


def _indicators(rows: list[dict[str, int]]) -> tuple[Indicator, ...]:
    total = {name: sum(row[name] for row in rows) for name in (*AMOUNTS, "overspent")}
    return (
        Indicator("funding.estimate", _("Estimate"), total["estimate"], MONEY_UNIT),
        Indicator("funding.allocated", _("Allocated"), total["allocated"], MONEY_UNIT),
        Indicator("funding.spent", _("Spent"), total["spent"], MONEY_UNIT),
        Indicator(
            "funding.execution_rate", _("Execution rate (spent / allocated)"),
            percent(total["spent"], total["allocated"]), PERCENT,
        ),
        Indicator(
            "funding.lines_overspent", _("Lines spent above allocated"), total["overspent"], _("lines")
        ),
    )  # fmt: skip


def _shortfalls(by_agency: dict[Any, dict[str, int]], names: dict[int, str]) -> tuple[Shortfall, ...]:
    without = tuple(name for pk, name in names.items() if pk not in by_agency)
    over = tuple(names[pk] for pk, row in by_agency.items() if pk in names and row["overspent"])
    return (
        Shortfall("funding.agencies_without_budget", _("agencies with no budget line for the year"), without),
        Shortfall("funding.agencies_overspent", _("agencies that spent above what was allocated"), over),
    )


COLUMNS = (
    ("estimate", gettext_lazy("Estimate"), MONEY_UNIT),
    ("allocated", gettext_lazy("Allocated"), MONEY_UNIT),
    ("spent", gettext_lazy("Spent"), MONEY_UNIT),
    ("execution_rate", gettext_lazy("Execution rate"), PERCENT),
)


def _columns() -> tuple[Column, ...]:
    return tuple(Column(key, str(label), str(unit)) for key, label, unit in COLUMNS)


def _cells(row: dict[str, int]) -> tuple[Any, ...]:
    return (row["estimate"], row["allocated"], row["spent"], percent(row["spent"], row["allocated"]))


def _measure_table(by_measure: dict[Any, dict[str, int]]) -> Table:
    rows = tuple(
        TableRow(None, str(label), _cells(by_measure[key]))
        for key, label in MEASURE_CHOICES
        if key in by_measure
    )
    return Table("by_measure", _("Funding by measure"), _columns(), rows, row_heading=_("Measure"))


def _agency_table(by_agency: dict[Any, dict[str, int]], names: dict[int, str]) -> Table:
    empty = defaultdict(int)
    rows = tuple(TableRow(pk, name, _cells(by_agency.get(pk, empty))) for pk, name in names.items())
    return Table("by_agency", _("Funding by agency"), _columns(), rows)
