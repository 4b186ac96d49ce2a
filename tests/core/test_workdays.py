"""The working-day calendar: weekends, Vietnam's public holidays (Tết), and the days Home Affairs records."""

from __future__ import annotations

from datetime import date

import pytest

from dancoso.core.models import CalendarDay, DayKind
from dancoso.core.workdays import Calendar

RECEIVED = date(2026, 2, 12)  # a Thursday, the week before Tết Bính Ngọ
SWAPPED_SATURDAY = date(2026, 8, 22)


def test_tet_2026_is_five_days_off():
    calendar = Calendar(exceptions={})
    tet = [date(2026, 2, day) for day in range(16, 21)]
    assert [calendar.is_working_day(day) for day in tet] == [False] * 5
    assert all(calendar.holiday_name(day) for day in tet)
    assert calendar.is_working_day(date(2026, 2, 13)) and calendar.is_working_day(date(2026, 2, 23))


def test_fifteen_working_days_from_12_february_2026_end_a_week_later_because_of_tet():
    # By hand: 13/2 is day 1; Tết (16–20/2) is off; 23–27/2 are days 2–6, 2–6/3 days 7–11, 9–12/3 days 12–15.
    assert Calendar(exceptions={}).add(RECEIVED, 15) == date(2026, 3, 12)
    # Weekends alone: 13/2, 16–20/2, 23–27/2 make 11 days, and 2–5/3 days 12–15.
    weekends_only = Calendar(exceptions={})
    weekends_only.public = {}
    assert weekends_only.add(RECEIVED, 15) == date(2026, 3, 5)


def test_between_counts_the_same_days_as_add_and_is_negative_backwards():
    calendar = Calendar(exceptions={})
    assert calendar.between(RECEIVED, date(2026, 3, 12)) == 15
    assert calendar.between(date(2026, 3, 12), RECEIVED) == -15
    assert calendar.between(RECEIVED, RECEIVED) == 0


def test_a_swapped_saturday_is_a_working_day_only_when_recorded():
    plain = Calendar(exceptions={})
    assert not plain.is_working_day(SWAPPED_SATURDAY)
    assert plain.add(date(2026, 8, 21), 1) == date(2026, 8, 24)
    # The package knows the bridge day off the Saturday pays for, not the Saturday itself.
    assert not plain.is_working_day(date(2026, 8, 31))
    assert "22/08/2026" in plain.holiday_name(date(2026, 8, 31))

    swapped = Calendar(exceptions={SWAPPED_SATURDAY: DayKind.WORKING})
    assert swapped.is_working_day(SWAPPED_SATURDAY)
    assert swapped.add(date(2026, 8, 21), 1) == SWAPPED_SATURDAY


def test_an_added_day_off_pushes_the_deadline_back():
    added_off = Calendar(exceptions={date(2026, 3, 9): DayKind.OFF})
    assert not added_off.is_working_day(date(2026, 3, 9))
    assert added_off.add(RECEIVED, 15) == date(2026, 3, 13)


def test_a_recorded_working_day_wins_over_a_public_holiday():
    calendar = Calendar(exceptions={date(2026, 2, 20): DayKind.WORKING})
    assert calendar.is_working_day(date(2026, 2, 20))
    assert calendar.add(RECEIVED, 15) == date(2026, 3, 11)


@pytest.mark.django_db
def test_the_calendar_reads_the_recorded_days_in_one_query(django_assert_num_queries):
    CalendarDay.objects.filter(day=SWAPPED_SATURDAY).delete()
    assert not Calendar().is_working_day(SWAPPED_SATURDAY)
    CalendarDay.objects.create(day=SWAPPED_SATURDAY, kind=DayKind.WORKING, name="Làm bù cho ngày 31/08/2026")
    CalendarDay.objects.create(day=date(2026, 3, 9), kind=DayKind.OFF, name="Nghỉ thêm")
    with django_assert_num_queries(1):
        calendar = Calendar()
        assert calendar.is_working_day(SWAPPED_SATURDAY)
        assert calendar.add(RECEIVED, 15) == date(2026, 3, 13)
