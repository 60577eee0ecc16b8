"""Pure: business-day arithmetic. A business day is a day that is neither on the plan's weekend
nor one of its public holidays: both worked out once when the plan is made and kept on it
(`models.PublicHolidays.days_off`), so a workflow counting days never computes a holiday or a
weekend itself: the same count on every replay."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

SATURDAY_SUNDAY: frozenset[int] = frozenset({5, 6})  # Monday is 0, as `date.weekday()` counts


@dataclass(frozen=True)
class DaysOff:
    """The days a plan does no business on: its weekend (weekdays, Monday 0) and its holidays.
    Never a whole week off: there would be no business day to count to."""

    holidays: frozenset[date] = frozenset()
    weekend: frozenset[int] = field(default=SATURDAY_SUNDAY)

    def __post_init__(self) -> None:
        if not self.weekend < frozenset(range(7)):
            raise ValueError(f"a weekend is some of the days 0-6, not all: {sorted(self.weekend)}")

    @property
    def working_weekdays(self) -> int:
        return 7 - len(self.weekend)


WEEKENDS_ONLY = DaysOff()  # Saturday and Sunday, no holidays: a plan with no calendar
EVERY_DAY = DaysOff(weekend=frozenset())  # no day off: business days are calendar days


def is_business_day(day: date, days_off: DaysOff = WEEKENDS_ONLY) -> bool:
    return day.weekday() not in days_off.weekend and day not in days_off.holidays


def add_business_days(start: date, days: int, days_off: DaysOff = WEEKENDS_ONLY) -> date:
    """Move `days` business days from `start` (backwards when negative), skipping weekends and
    holidays; zero days is `start` itself, whatever day it is."""
    step = timedelta(days=1 if days > 0 else -1)
    current, left = start, abs(days)
    while left:
        current += step
        if is_business_day(current, days_off):
            left -= 1
    return current


def business_days_between(start: date, end: date, days_off: DaysOff = WEEKENDS_ONLY) -> int:
    """Business days from `start` to `end` (negative when `end` is earlier): the days counted are
    those after the earlier date, up to and including the later one."""
    sign, (a, b) = (1, (start, end)) if end >= start else (-1, (end, start))
    weeks, rest = divmod((b - a).days, 7)  # any seven days in a row hold each weekday once
    weekend = days_off.weekend
    days = weeks * days_off.working_weekdays
    days += sum(1 for n in range(1, rest + 1) if (a.weekday() + n) % 7 not in weekend)
    days -= sum(1 for h in days_off.holidays if a < h <= b and h.weekday() not in weekend)
    return sign * days


def business_day_on_or_before(day: date, days_off: DaysOff = WEEKENDS_ONLY) -> date:
    while not is_business_day(day, days_off):
        day -= timedelta(days=1)
    return day


def business_day_on_or_after(day: date, days_off: DaysOff = WEEKENDS_ONLY) -> date:
    while not is_business_day(day, days_off):
        day += timedelta(days=1)
    return day


def add_months(start: date, months: int) -> date:
    """The same day of the month `months` months on (back when negative), or that month's last
    day when it has no such day: a month after 31 January is 28 (or 29) February."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


EXAMPLE_LEAD = 15  # business days ahead: where an example of a new date falls


def example_day(today: date, days_off: DaysOff = WEEKENDS_ONLY, lead: int = EXAMPLE_LEAD) -> date:
    """The date an example of an answer gives ("new date: ..."): `lead` business days after
    `today`, so that whenever an email is written its example is a day still to come; never in
    the days from Christmas Eve to New Year's Day, which a plan without holidays counts."""
    day = add_business_days(today, lead, days_off)
    while in_year_end_break(day):
        day = add_business_days(day, 1, days_off)
    return day


def in_year_end_break(day: date) -> bool:
    return (day.month, day.day) >= (12, 24) or (day.month, day.day) == (1, 1)


def example_dates(
    today: date, go_live: date | None = None, days_off: DaysOff = WEEKENDS_ONLY
) -> dict[str, str]:
    """The dates an email's examples give, as ISO dates: `date` (a step's new date), `later`
    (a week on: a new step's due date), `go_live` (a month past go-live, or past `date`)."""
    soon = example_day(today, days_off)
    return {
        "date": soon.isoformat(),
        "later": example_day(soon, days_off, lead=5).isoformat(),
        "go_live": example_day(max(go_live or soon, soon), days_off, lead=20).isoformat(),
    }
