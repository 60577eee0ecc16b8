"""Pure: business-day arithmetic. A business day is a weekday that is not one of the plan's public
holidays (a set of dates worked out once when the plan is made, so a workflow counting days never
computes a holiday itself: the same count on every replay)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

NO_HOLIDAYS: frozenset[date] = frozenset()


def is_business_day(day: date, holidays: Collection[date] = NO_HOLIDAYS) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_business_days(start: date, days: int, holidays: Collection[date] = NO_HOLIDAYS) -> date:
    """Move `days` business days from `start` (backwards when negative), skipping weekends and
    holidays; zero days is `start` itself, whatever day it is."""
    step = timedelta(days=1 if days > 0 else -1)
    current, left = start, abs(days)
    while left:
        current += step
        if is_business_day(current, holidays):
            left -= 1
    return current


def business_days_between(start: date, end: date, holidays: Collection[date] = NO_HOLIDAYS) -> int:
    """Business days from `start` to `end` (negative when `end` is earlier): the days counted are
    those after the earlier date, up to and including the later one."""
    sign, (a, b) = (1, (start, end)) if end >= start else (-1, (end, start))
    weeks, rest = divmod((b - a).days, 7)  # any seven days in a row hold five weekdays
    days = weeks * 5 + sum(1 for n in range(1, rest + 1) if (a.weekday() + n) % 7 < 5)
    days -= sum(1 for h in holidays if a < h <= b and h.weekday() < 5)
    return sign * days


def business_day_on_or_before(day: date, holidays: Collection[date] = NO_HOLIDAYS) -> date:
    while not is_business_day(day, holidays):
        day -= timedelta(days=1)
    return day


def business_day_on_or_after(day: date, holidays: Collection[date] = NO_HOLIDAYS) -> date:
    while not is_business_day(day, holidays):
        day += timedelta(days=1)
    return day
