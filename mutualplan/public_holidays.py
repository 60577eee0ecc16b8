"""Pure: the public holidays of a plan's calendars, from the `holidays` package.

A calendar is an ISO 3166 country code, with a subdivision after a dash where holidays differ by
region: `US`, `DE-BY` (Bavaria), `US-CA`. The holidays and the weekend (Friday and Saturday in
Israel) are worked out here, when a plan is made, and kept on the plan (`models.PublicHolidays`):
the workflow counts business days from them and never computes a holiday or a weekend, so a newer
`holidays` release cannot change a running plan's replay.

The names are kept in English (where the package has them in English); a reader is told them in
their own language when their email or page is written (`holiday_name_in`), from the package's
names for the same day in the same calendars.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from mutualplan.business_days import SATURDAY_SUNDAY
from mutualplan.errors import UnknownHolidayCalendar
from mutualplan.models import Holiday, PublicHolidays

if TYPE_CHECKING:
    from holidays import HolidayBase

NONE_WORDS = {"none", "no", "-", "off"}
# not a bare space: "DE BY" would read as Germany and Belarus rather than Bavaria
_SEPARATORS = re.compile(r"\s*(?:[,;/+&]|\band\b)\s*", re.I)
_LANGUAGE = "en_US"  # holiday names as the plan keeps them
_NAMES_APART = "; "  # between the names of a day's holidays, as the package joins them


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
                names.extend(n for n in name.split(_NAMES_APART) if n not in names)
    return PublicHolidays(
        calendars=list(calendars),
        days={day: _NAMES_APART.join(names) for day, names in sorted(days.items())},
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


def holiday_name_in(holiday: Holiday, language: str) -> str:
    """The holiday's name in `language` (a shipped code: "de", "pt"): "Neujahr", "元日". Each of
    its names (a day can be several holidays: "A; B") is said as the plan's calendars that have
    it name it in that language; a name none of them has in it stays as the plan keeps it."""
    said: dict[str, str] = {}
    for code in holiday.calendars:
        said |= _names_said(code, holiday.day, language)
    names = [said.get(name, name) for name in holiday.name.split(_NAMES_APART)]
    return _NAMES_APART.join(dict.fromkeys(names))


def _names_said(code: str, day: date, language: str) -> dict[str, str]:
    """A calendar's names of the day's holidays, as the plan keeps them -> in `language`; none
    where the calendar has no name in it (or the two lists do not pair up)."""
    spoken = _language_of(code.partition("-")[0], language)
    if spoken is None:
        return {}
    kept = _names(code, day.year, _kept_language(code.partition("-")[0])).get(day)
    said = _names(code, day.year, spoken).get(day)
    if not kept or not said or kept.count(_NAMES_APART) != said.count(_NAMES_APART):
        return {}
    return dict(zip(kept.split(_NAMES_APART), said.split(_NAMES_APART), strict=True))


def _language_of(country: str, language: str) -> str | None:
    """The package's language for a reader's: "de" itself, else the country's own form of it
    ("pt" in Brazil: "pt_BR"; "it" in Italy: "it_IT"), else any form of it the country has."""
    supported = _languages(country)
    regional = sorted(code for code in supported if code.startswith(f"{language}_"))
    for candidate in (language, f"{language}_{country}", *regional):
        if candidate in supported:
            return candidate
    return None


def _kept_language(country: str) -> str | None:
    """The language the plan keeps a country's names in: English, else the package's default."""
    return _LANGUAGE if _LANGUAGE in _languages(country) else None


@functools.lru_cache(maxsize=512)
def _languages(country: str) -> tuple[str, ...]:
    import holidays

    try:
        return tuple(getattr(holidays.country_holidays(country), "supported_languages", ()))
    except NotImplementedError:  # a calendar the installed package no longer knows
        return ()


@functools.lru_cache(maxsize=1024)
def _names(code: str, year: int, language: str | None) -> dict[date, str]:
    """A calendar's holidays in one year, named in `language`: kept, as every email naming a
    holiday to a reader of that language asks for the same table."""
    import holidays

    country, _, region = code.partition("-")
    try:
        table = holidays.country_holidays(
            country, subdiv=region or None, years=year, language=language
        )
    except NotImplementedError:  # a calendar or region the installed package no longer knows
        return {}
    return dict(table.items())


@functools.lru_cache(maxsize=64)
def _calendar(code: str, years: tuple[int, ...]) -> HolidayBase:
    import holidays

    country, _, region = code.partition("-")
    return holidays.country_holidays(
        country, subdiv=region or None, years=years, language=_kept_language(country)
    )
