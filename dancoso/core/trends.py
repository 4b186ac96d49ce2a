"""Figures of the last few reporting periods, as plain data for the dashboard's charts.

Every figure comes from the registry (``dancoso.indicators.sections``), one call per year, so the charts
show exactly what the dashboard and the yearly report show for each of those years, and the number of
queries grows with the number of years shown, never with the amount of data.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from dancoso import indicators
from dancoso.indicators import Indicator, Section
from dancoso.periods import Period

YEARS = 5
# A chart with more series than this is hard to read; indicators sharing a unit are split into several
# charts of at most this many series, in registry order, which keeps a total next to its breakdown.
MAX_SERIES = 4

SectionsByYear = dict[int, list[Section]]


def yearly_sections(*, years: int = YEARS, until: Period, agency: Any = None) -> SectionsByYear:
    """The registry's sections for each of the ``years`` periods ending at ``until``, oldest first."""
    first = until.year - years + 1
    periods = [Period(year) for year in range(first, until.year + 1)]
    # The charts need the indicators of the earlier years, not their per-agency tables.
    return indicators.sections_by_year(periods, agency=agency, tables=False)


def charts(by_year: SectionsByYear) -> list[dict[str, Any]]:
    """One entry per section of the latest year, with its charts (empty when it has no figures at all)."""
    years = sorted(by_year)
    latest = by_year[years[-1]]
    return [
        {"section": section.key, "title": section.title, "charts": _section_charts(section.key, by_year)}
        for section in latest
    ]


def trends(*, years: int = YEARS, until: Period, agency: Any = None) -> list[dict[str, Any]]:
    """The chart data of every section over the ``years`` periods ending at ``until``."""
    return charts(yearly_sections(years=years, until=until, agency=agency))


def _section_charts(key: str, by_year: SectionsByYear) -> list[dict[str, Any]]:
    years = sorted(by_year)
    found = {year: _indicators_of(key, by_year[year]) for year in years}
    keys = list(dict.fromkeys(key for year in years for key in found[year]))
    series_by_unit: dict[str, list[dict[str, Any]]] = {}
    for key in keys:
        values = [_number(found[year].get(key), "value") for year in years]
        if all(value is None for value in values):
            continue
        # The newest year names the series: a label may be reworded, the key stays.
        latest = next(found[year][key] for year in reversed(years) if key in found[year])
        targets = [_number(found[year].get(key), "target") for year in years]
        series_by_unit.setdefault(latest.unit, []).append(_series(latest.label, values, targets))
    return [
        _chart(unit, years, series[start : start + MAX_SERIES])
        for unit, series in series_by_unit.items()
        for start in range(0, len(series), MAX_SERIES)
    ]


def _chart(unit: str, years: list[int], series: list[dict[str, Any]]) -> dict[str, Any]:
    """A chart, with its figures also laid out as table rows (year, value[, target] …) for screen readers."""
    columns = [column for one in series for column in (one["values"], one["targets"]) if column is not None]
    return {
        "title": "; ".join(one["label"] for one in series),
        "unit": unit,
        "years": years,
        "series": series,
        "rows": [[year, *(column[index] for column in columns)] for index, year in enumerate(years)],
    }


def _indicators_of(key: str, sections: list[Section]) -> dict[str, Indicator]:
    section = next((section for section in sections if section.key == key), None)
    return {indicator.key: indicator for indicator in section.indicators} if section else {}


def _series(label: str, values: list[Any], targets: list[Any]) -> dict[str, Any]:
    has_target = any(target is not None for target in targets)
    return {
        "label": label,
        "values": values,
        "targets": targets if has_target else None,
        "target_label": _("Target: %(label)s") % {"label": label} if has_target else None,
    }


def _number(indicator: Indicator | None, attribute: str) -> int | float | None:
    """A figure as a JSON number; Django's JSON encoder would turn a Decimal into a string."""
    value = getattr(indicator, attribute, None)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return float(value) if isinstance(value, Decimal) else value
