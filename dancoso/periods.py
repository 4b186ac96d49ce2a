"""Reporting periods (kỳ báo cáo).

Under Nghị định 09/2019/NĐ-CP the yearly data cut-off runs from 15 December of the previous year to
14 December of the reporting year, counted in the province's time zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

# The first day of a period is this day of December in the previous year.
CUTOFF_MONTH = 12
CUTOFF_DAY = 15


@dataclass(frozen=True)
class Period:
    year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year - 1, CUTOFF_MONTH, CUTOFF_DAY)

    @property
    def end(self) -> dt.date:
        """The last day inside the period (inclusive)."""
        return dt.date(self.year, CUTOFF_MONTH, CUTOFF_DAY - 1)

    @property
    def start_at(self) -> dt.datetime:
        """The first instant of the period in the province's time zone."""
        return _local_midnight(self.start)

    @property
    def end_before(self) -> dt.datetime:
        """The first instant after the period (exclusive bound for datetime fields)."""
        return _local_midnight(self.end + dt.timedelta(days=1))

    def __contains__(self, value: dt.date | dt.datetime) -> bool:
        return period_for(value) == self

    def previous(self) -> Period:
        return Period(self.year - 1)

    def __str__(self) -> str:
        return f"{self.year} ({self.start:%d/%m/%Y} – {self.end:%d/%m/%Y})"


def _local_midnight(day: dt.date) -> dt.datetime:
    zone = timezone.get_default_timezone()
    return dt.datetime.combine(day, dt.time.min).replace(tzinfo=zone)


def _local_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(timezone.get_default_timezone())
        return value.date()
    return value


def period_for(value: dt.date | dt.datetime) -> Period:
    """The reporting period that contains a date, or a datetime read in the province's time zone."""
    day = _local_date(value)
    if (day.month, day.day) >= (CUTOFF_MONTH, CUTOFF_DAY):
        return Period(day.year + 1)
    return Period(day.year)


def current_period() -> Period:
    return period_for(timezone.localdate())


def period_choices(*, count: int = 6) -> list[Period]:
    """The current period and the ones before it, newest first."""
    latest = current_period().year
    return [Period(year) for year in range(latest, latest - count, -1)]
