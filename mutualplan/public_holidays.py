"""Pure: the public holidays of a plan's calendars, from the `holidays` package.

A calendar is an ISO 3166 country code, with a subdivision after a dash where holidays differ by
region: `US`, `DE-BY` (Bavaria), `US-CA`. The holidays and the weekend (Friday and Saturday in
Israel) are worked out here, when a plan is made, and kept on the plan (`models.PublicHolidays`):
the workflow counts business days from them and never computes a holiday or a weekend, so a newer
`holidays` release cannot change a running plan's replay.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from mutualplan.business_days import SATURDAY_SUNDAY
from mutualplan.errors import UnknownHolidayCalendar
from mutualplan.models import PublicHolidays

if TYPE_CHECKING:
    from holidays import HolidayBase

NONE_WORDS = {"none", "no", "-", "off"}
# not a bare space: "DE BY" would read as Germany and Belarus rather than Bavaria
_SEPARATORS = re.compile(r"\s*(?:[,;/+&]|\band\b)\s*", re.I)
_LANGUAGE = "en_US"  # holiday names as the plan's emails show them


def read_calendar_codes(text: str | Iterable[str]) -> list[str]:
    """`'DE-BY, us-ca'` -> `['DE-BY', 'US-CA']`; `'none'` -> `[]`. Raises UnknownHolidayCalendar
    for a code the `holidays` package does not know."""
    words = _SEPARATORS.split(text) if isinstance(text, str) else list(text)
    codes = [w.strip().rstrip(".!") for w in words if w.strip().rstrip(".!")]
    if not codes or (len(codes) == 1 and codes[0].lower() in NONE_WORDS):
        return []
    return list(dict.fromkeys(_canonical(code) for code in codes))


def holidays_between(calendars: list[str], start: date, end: date) -> PublicHolidays:
    """The calendars' weekend as of `start` (every calendar's days off: a business day is one
    they all work; Saturday and Sunday with no calendar) and their holidays from `start` to `end`
    that fall on working days (a holiday on a weekend skips nothing), each with its name (names
    shared by calendars said once)."""
    years = tuple(range(start.year, end.year + 1))
    weekend = set().union(*(_weekend(_calendar(code, years), start) for code in calendars))
    weekend = weekend or set(SATURDAY_SUNDAY)
    days: dict[date, list[str]] = {}
    for code in calendars:
        for day, name in _calendar(code, years).items():
            if start <= day <= end and day.weekday() not in weekend:
                names = days.setdefault(day, [])
                names.extend(n for n in name.split("; ") if n not in names)
    return PublicHolidays(
        calendars=list(calendars),
        days={day: "; ".join(names) for day, names in sorted(days.items())},
        weekend=sorted(weekend),
    )


def _weekend(calendar: HolidayBase, start: date) -> set[int]:
    """The weekdays a calendar rests on in the week from `start`: asked day by day, as a
    region's weekend may differ from its country's (Malaysia's Kelantan rests on Friday and
    Saturday) or have changed over the years (the package's `weekend` attribute knows neither)."""
    week = (start + timedelta(days=n) for n in range(7))
    return {day.weekday() for day in week if calendar.is_weekend(day)}


def _canonical(code: str) -> str:
    import holidays  # here, not at the top: the workflow sandbox never needs it (see above)

    country, _, region = code.strip().upper().partition("-")
    supported = holidays.list_supported_countries()
    if country not in supported:
        raise UnknownHolidayCalendar(code)
    if not region:
        return country
    for known in supported[country]:
        if known.upper() == region:
            return f"{country}-{known}"
    raise UnknownHolidayCalendar(code, regions=supported[country])


@functools.lru_cache(maxsize=64)
def _calendar(code: str, years: tuple[int, ...]) -> HolidayBase:
    import holidays

    country, _, region = code.partition("-")
    languages = getattr(holidays.country_holidays(country), "supported_languages", ())
    return holidays.country_holidays(
        country,
        subdiv=region or None,
        years=years,
        language=_LANGUAGE if _LANGUAGE in languages else None,
    )
