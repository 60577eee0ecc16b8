"""The VTIMEZONEs we write give the tz database's offsets, as yearly rules wherever they can."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Timezone

from mutualplan.calendar.timezones import vtimezone

FIRST, LAST = date(2026, 2, 1), date(2026, 11, 30)


def offsets_agree(component: Timezone, tzid: str) -> list[datetime]:
    """Instants (every 3 hours across the plan's span) where the VTIMEZONE and tzdata disagree."""
    written = component.to_tz(lookup_tzid=False)  # the component's own rules, not zoneinfo's
    real = ZoneInfo(tzid)
    moment = datetime(FIRST.year, 1, 1, tzinfo=UTC)
    wrong = []
    while moment < datetime(LAST.year + 1, 1, 1, tzinfo=UTC):
        if moment.astimezone(written).utcoffset() != moment.astimezone(real).utcoffset():
            wrong.append(moment)
        moment += timedelta(hours=3)
    return wrong


@pytest.mark.parametrize(
    "tzid",
    [
        "Europe/Berlin", "America/New_York", "Australia/Sydney", "Europe/Dublin",
        "Europe/London", "America/Sao_Paulo", "Asia/Kolkata", "Africa/Casablanca",
        "Pacific/Auckland", "America/Santiago", "Asia/Tokyo", "UTC",
    ],
)  # fmt: skip
def test_vtimezone_matches_the_tz_database(tzid: str) -> None:
    assert offsets_agree(vtimezone(tzid, FIRST, LAST), tzid) == []


def test_berlin_is_written_as_yearly_rules_like_google_and_exchange_write_it() -> None:
    component = vtimezone("Europe/Berlin", FIRST, LAST)
    assert component["TZID"] == "Europe/Berlin"
    (standard,) = component.standard
    (daylight,) = component.daylight
    assert standard["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    assert daylight["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    assert standard["TZOFFSETTO"].td == timedelta(hours=1)
    assert daylight["TZOFFSETTO"].td == timedelta(hours=2)
    assert daylight["DTSTART"].dt == datetime(2025, 3, 30, 2, 0)  # local onset, old offset
    assert "RDATE" not in standard and "RDATE" not in daylight


def test_new_york_uses_nth_sunday_rules() -> None:
    component = vtimezone("America/New_York", FIRST, LAST)
    assert component.daylight[0]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"
    assert component.standard[0]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"


def test_dublin_summer_is_the_daylight_observance() -> None:
    component = vtimezone("Europe/Dublin", FIRST, LAST)
    assert str(component.daylight[0]["TZNAME"]) == "IST"
    assert str(component.standard[0]["TZNAME"]) == "GMT"


def test_irregular_zone_lists_its_changes() -> None:
    component = vtimezone("Africa/Casablanca", FIRST, LAST)
    assert all("RRULE" not in sub for sub in component.subcomponents)
    assert any("RDATE" in sub for sub in component.subcomponents)
