from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from dancoso.periods import Period, current_period, period_for

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_period_runs_from_15_december_to_14_december():
    period = Period(2025)
    assert period.start == dt.date(2024, 12, 15)
    assert period.end == dt.date(2025, 12, 14)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (dt.date(2025, 12, 14), 2025),
        (dt.date(2025, 12, 15), 2026),
        (dt.date(2025, 1, 1), 2025),
        (dt.date(2024, 12, 15), 2025),
        (dt.date(2024, 12, 14), 2024),
        (dt.date(2025, 12, 31), 2026),
    ],
)
def test_period_for_date_at_the_edges(day, year):
    assert period_for(day) == Period(year)


def test_datetime_is_read_in_the_province_time_zone():
    # 23:30 on 14 December in Hà Nội is 16:30 UTC: still the old period.
    last_minute = dt.datetime(2025, 12, 14, 23, 30, tzinfo=HCM)
    assert period_for(last_minute.astimezone(dt.UTC)) == Period(2025)
    # 00:10 on 15 December in Hà Nội is still 14 December in UTC, but it belongs to the next period.
    first_minute = dt.datetime(2025, 12, 15, 0, 10, tzinfo=HCM)
    assert first_minute.astimezone(dt.UTC).date() == dt.date(2025, 12, 14)
    assert period_for(first_minute.astimezone(dt.UTC)) == Period(2026)


def test_datetime_bounds_are_local_midnights():
    period = Period(2026)
    assert period.start_at == dt.datetime(2025, 12, 15, tzinfo=HCM)
    assert period.end_before == dt.datetime(2026, 12, 15, tzinfo=HCM)
    assert dt.date(2026, 12, 14) in period
    assert dt.date(2026, 12, 15) not in period


def test_current_period_follows_the_local_date(settings, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: dt.date(2026, 12, 15))
    assert current_period() == Period(2027)
    monkeypatch.setattr(timezone, "localdate", lambda: dt.date(2026, 12, 14))
    assert current_period() == Period(2026)
