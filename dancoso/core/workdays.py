"""Working days: deadlines counted without weekends, Vietnamese public holidays and swapped days.

``Calendar`` reads the recorded exceptions once (one query) and answers every question in memory, so a list
page that shows the days left of fifty rows costs one query for the calendar, not fifty.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays

from dancoso.core.models import CalendarDay, DayKind

SATURDAY = 5


class Calendar:
    """The working-day calendar of the years around ``around`` (one query for the recorded exceptions)."""

    def __init__(self, exceptions: dict[date, str] | None = None) -> None:
        if exceptions is None:
            exceptions = dict(CalendarDay.objects.values_list("day", "kind"))
        self.exceptions = exceptions
        self.public = holidays.Vietnam(language="vi")

    def is_working_day(self, day: date) -> bool:
        kind = self.exceptions.get(day)
        if kind is not None:
            return kind == DayKind.WORKING
        return day.weekday() < SATURDAY and day not in self.public

    def holiday_name(self, day: date) -> str:
        return self.public.get(day) or ""

    def add(self, start: date, working_days: int) -> date:
        """The day ``working_days`` working days after ``start`` (the day of receipt itself not counted)."""
        day, left = start, working_days
        while left > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``; negative when ``end`` comes first."""
        if end < start:
            return -self.between(end, start)
        return sum(
            1 for offset in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(offset))
        )
