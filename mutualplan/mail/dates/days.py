"""The days a date written without all its parts comes to: the next such day and month, the
next such day of a month, the coming weekday, this month's last working day, the Monday of a
week number. Pure date arithmetic, from the day the reply was read."""

from __future__ import annotations

from datetime import date, timedelta


def date_or_none(year: int, month: int, day: int) -> date | None:
    """That day, or None where there is none ("31/02")."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def next_occurrence(month: int, day: int, today: date) -> date | None:
    """The next such day and month, today or after (None: no such day)."""
    for year in (today.year, today.year + 1, today.year + 4):  # 29 February waits for a leap year
        found = date_or_none(year, month, day)
        if found is not None and found >= today:
            return found
    return None


def month_end(today: date) -> date:
    """This month's last working day (Monday to Friday), or next month's once it is gone."""
    first_of_next = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    last = first_of_next - timedelta(days=1)
    while last.weekday() > 4:
        last -= timedelta(days=1)
    return last if last >= today else month_end(first_of_next)


def week_monday(number: int, today: date) -> date | None:
    """The Monday of the coming ISO week `number` (this year's, or else next year's)."""
    for year in (today.isocalendar().year, today.isocalendar().year + 1):
        try:
            monday = date.fromisocalendar(year, number, 1)
        except ValueError:  # no week 53 that year
            continue
        if monday + timedelta(days=4) >= today:
            return monday
    return None


def next_day_of_month(number: int, today: date) -> date | None:
    """ "The 18th": the next day of that number, this month or in the next two."""
    month, year = today.month, today.year
    for _ in range(3):
        found = date_or_none(year, month, number)
        if found is not None and found >= today:
            return found
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    return None


def coming_weekday(weekday: int | None, today: date) -> date | None:
    """The next day of that weekday (Monday 0) after today (None: no weekday)."""
    if weekday is None:
        return None
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
