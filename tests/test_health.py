"""Business days between two dates: the weekdays after the earlier one, up to the later one,
negative when the end comes first."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mutualplan.health import business_days_between

DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))


def counted_day_by_day(start: date, end: date) -> int:
    first, last = sorted((start, end))
    days = (first + timedelta(days=n) for n in range(1, (last - first).days + 1))
    return (1 if end >= start else -1) * sum(1 for day in days if day.weekday() < 5)


def test_a_week_from_a_friday() -> None:
    friday = date(2026, 11, 27)
    assert business_days_between(friday, friday + timedelta(days=7)) == 5
    assert business_days_between(friday, date(2026, 11, 30)) == 1  # to Monday
    assert business_days_between(date(2026, 11, 30), friday) == -1
    assert business_days_between(date(2026, 11, 29), friday) == 0  # Sunday back to Friday
    assert business_days_between(friday, friday) == 0


@given(DAYS, DAYS)
def test_as_counted_day_by_day(start: date, end: date) -> None:
    assert business_days_between(start, end) == counted_day_by_day(start, end)
