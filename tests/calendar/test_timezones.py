"""The VTIMEZONEs we write give the tz database's offsets, as yearly rules wherever they can."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

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


def test_irregular_zone_writes_each_change_from_its_own_dtstart() -> None:
    """Morocco's changes follow Ramadan: no yearly rule, so one observance per change (Outlook
    ignores RDATEs in a VTIMEZONE, and reads several observances)."""
    component = vtimezone("Africa/Casablanca", FIRST, LAST)
    assert all("RRULE" not in sub and "RDATE" not in sub for sub in component.subcomponents)
    assert len(component.subcomponents) >= 6  # two changes a year, 2025 to 2027


# --- every zone, over three years -----------------------------------------------------------------

BEYOND_2029 = (date(2028, 3, 1), date(2031, 2, 28))
FROM_NOW = (datetime.now(UTC).date(), datetime.now(UTC).date() + timedelta(days=3 * 365))


def real_changes(zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """zoneinfo's own offset changes, found every 12 hours and bisected to the second."""
    found, moment, step = [], start, timedelta(hours=12)
    while moment < end:
        after = moment + step
        if moment.astimezone(zone).utcoffset() != after.astimezone(zone).utcoffset():
            low, high = moment, after
            while high - low > timedelta(seconds=1):
                middle = (low + (high - low) / 2).replace(microsecond=0)
                same = middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset()
                low, high = (middle, high) if same else (low, middle)
            found.append(high)
        moment = after
    return found


def disagreements(tzid: str, first: date, last: date) -> list[datetime]:
    """Where the written VTIMEZONE, read by icalendar, gives another offset than zoneinfo: at
    each real change and the second before it, and every day across the series."""
    written = vtimezone(tzid, first, last).to_tz(lookup_tzid=False)
    real = ZoneInfo(tzid)
    start = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
    end = datetime.combine(last, datetime.min.time(), tzinfo=UTC) + timedelta(days=1)
    moments = [start + timedelta(days=n, hours=n % 24) for n in range((end - start).days)]
    for change in real_changes(real, start, end):
        moments += [change - timedelta(seconds=1), change]
    return [
        m for m in moments if m.astimezone(written).utcoffset() != m.astimezone(real).utcoffset()
    ]


@pytest.mark.slow  # a sweep: every zone, three years
@pytest.mark.parametrize("span", [BEYOND_2029, FROM_NOW], ids=["2028-2031", "from-today"])
def test_every_zone_of_the_tz_database_over_a_three_year_series(span: tuple[date, date]) -> None:
    wrong = {}
    for tzid in sorted(available_timezones()):
        if tzid.startswith(("posix/", "right/")) or tzid in ("Factory", "localtime"):
            continue
        found = disagreements(tzid, *span)
        if found:
            wrong[tzid] = found[:3]
    assert wrong == {}


@pytest.mark.parametrize(
    "tzid", ["America/Santiago", "America/Nuuk", "Africa/Cairo", "Asia/Jerusalem"]
)
def test_zones_whose_rules_drift_are_written_in_runs(tzid: str) -> None:
    """Rules that hold for some years only (Santiago's 'Sunday on or after the 2nd' is the first
    Sunday until it falls on the 8th) become several observances, each from its own DTSTART and
    each but the last ending (UNTIL) where the next begins."""
    component = vtimezone(tzid, *BEYOND_2029)
    assert disagreements(tzid, *BEYOND_2029) == []
    ruled = [sub for sub in component.subcomponents if "RRULE" in sub]
    for observance in ruled:
        rule = observance["RRULE"].to_ical().decode()
        assert "UNTIL" not in rule or re.search(r"UNTIL=\d{8}T\d{6}Z", rule)  # RFC 5545: UTC


def test_santiago_beyond_2029_has_several_observances() -> None:
    component = vtimezone("America/Santiago", *BEYOND_2029)
    assert len(component.standard) > 1
    assert any("UNTIL" in sub["RRULE"] for sub in component.standard if "RRULE" in sub)


def test_a_zone_that_keeps_its_rule_is_left_open_ended() -> None:
    """Berlin's rule goes on: a client that reuses the zone for later dates gets them right."""
    component = vtimezone("Europe/Berlin", *BEYOND_2029)
    assert [set(sub["RRULE"]) for sub in component.subcomponents] == [
        {"FREQ", "BYMONTH", "BYDAY"},
        {"FREQ", "BYMONTH", "BYDAY"},
    ]
