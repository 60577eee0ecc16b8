"""VTIMEZONE components that every calendar client reads the same way.

icalendar's `Timezone.from_tzid` describes a zone by listing each change as an RDATE. That is
valid RFC 5545, but Outlook ignores RDATEs in a VTIMEZONE: a weekly series that crosses a
daylight-saving change then moves by an hour after the change, and Outlook names the zone
"West-Central Africa" instead of Berlin. Google, Apple and Exchange themselves write one yearly
RRULE per observance ("last Sunday of March"), which every client understands.

So `vtimezone` reads the zone's changes from the tz database over the years around the event and
writes them as yearly rules when they follow one (nearly every zone today does). A zone whose
changes are irregular in that span (Morocco's follow Ramadan) gets them listed as RDATEs, the only
form that can say it. The listing is done here rather than by `from_tzid`, whose coarse search can
miss changes (icalendar 7.3 drops Casablanca's 2027 change).
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from mutualplan.calendar.checkin import WEEKDAYS


class Change(NamedTuple):
    """One change of a zone's offset: when (UTC), from which offset, to which, and its name."""

    at: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    @property
    def onset(self) -> datetime:
        """The local wall-clock time of the change, as RFC 5545 writes it (in the old offset)."""
        return (self.at + self.offset_from).replace(tzinfo=None)


class Run(NamedTuple):
    """Changes of one kind in consecutive years on one yearly rule (BYDAY in BYMONTH)."""

    byday: str  # "-1SU", "2SU"; "" for a change that follows no rule
    changes: list[Change]


OPEN_ENDED_YEARS = 10


def vtimezone(tzid: str, first: date, last: date) -> Timezone:
    """A VTIMEZONE for `tzid` that is right for every instant from `first` to `last`."""
    zone = ZoneInfo(tzid)
    start = datetime(first.year - 1, 1, 1, tzinfo=UTC)
    end = datetime(last.year + 2, 1, 1, tzinfo=UTC)
    changes = list(_changes_between(tzid, start, end))
    timezone = _named_zone(tzid)
    if not changes or changes[0].at >= datetime(first.year, 1, 1, tzinfo=UTC):
        timezone.add_component(_observance(_initial(zone, start)))  # the offset until then
    later = end.replace(year=end.year + OPEN_ENDED_YEARS)
    for kind in _kinds(changes):
        runs = _runs(kind)
        for run in runs[:-1]:
            timezone.add_component(_ruled(run, until=_until(run.changes[-1])))
        still = _keeps_to(runs[-1], list(_changes_between(tzid, end, later)), end.year)
        timezone.add_component(_ruled(runs[-1], until=None if still else _until(kind[-1])))
    return timezone


@functools.lru_cache(maxsize=64)
def _changes_between(tzid: str, start: datetime, end: datetime) -> tuple[Change, ...]:
    """Read once per zone and years: every invite of a plan carries the same VTIMEZONE, and zone
    data is fixed for the life of a process."""
    return tuple(zone_changes(ZoneInfo(tzid), start, end))


def zone_changes(zone: ZoneInfo, start: datetime, end: datetime) -> Iterator[Change]:
    """Every offset change of `zone` between two UTC instants, found day by day, then bisected."""
    day = timedelta(days=1)
    moment = start
    while moment < end:
        if _offset(zone, moment) != _offset(zone, moment + day):
            yield _change_at(zone, _bisect(zone, moment, moment + day))
        moment += day


def _bisect(zone: ZoneInfo, before: datetime, after: datetime) -> datetime:
    """The first second of `after`'s offset, knowing `before` still has the old one."""
    old = _offset(zone, before)
    while after - before > timedelta(seconds=1):
        middle = before + (after - before) / 2
        middle = middle.replace(microsecond=0)
        if _offset(zone, middle) == old:
            before = middle
        else:
            after = middle
    return after


def _offset(zone: ZoneInfo, instant: datetime) -> timedelta:
    offset = instant.astimezone(zone).utcoffset()
    assert offset is not None  # a ZoneInfo always has an offset
    return offset


def _change_at(zone: ZoneInfo, at: datetime) -> Change:
    offset_from, offset_to = _offset(zone, at - timedelta(seconds=1)), _offset(zone, at)
    name = at.astimezone(zone).tzname() or str(offset_to)
    # Clients take DAYLIGHT for the summer side; Irish time has a negative "DST" in winter.
    return Change(at, offset_from, offset_to, name, daylight=offset_to > offset_from)


def _kinds(changes: list[Change]) -> list[list[Change]]:
    """Changes grouped by what they do (offsets, name), in order of their first occurrence."""
    kinds: dict[tuple[timedelta, timedelta, str, bool], list[Change]] = {}
    for change in changes:
        kinds.setdefault(change[1:], []).append(change)
    return list(kinds.values())


def _runs(changes: list[Change]) -> list[Run]:
    """The changes of one kind cut into the longest runs that each follow one yearly rule."""
    runs: list[Run] = []
    for change in changes:
        if runs and (shared := _shared_rule(runs[-1], change)):
            runs[-1] = Run(shared, [*runs[-1].changes, change])
        else:
            runs.append(Run("", [change]))
    return runs


def _shared_rule(run: Run, change: Change) -> str:
    """The rule `run` and `change` follow together if `change` comes the next year; else ''."""
    last = run.changes[-1].onset
    if change.onset.year != last.year + 1 or _slot(change.onset) != _slot(last):
        return ""
    rules = [run.byday] if run.byday else _rules_of(last)
    return next((rule for rule in rules if rule in _rules_of(change.onset)), "")


def _slot(onset: datetime) -> tuple[int, int, object]:
    return onset.month, onset.weekday(), onset.time()


def _rules_of(onset: datetime) -> list[str]:
    """The BYDAY values that name this day of its month, the last such weekday first."""
    weekday = WEEKDAYS[onset.weekday()]
    rules = []
    if onset.day + 7 > calendar.monthrange(onset.year, onset.month)[1]:
        rules.append(f"-1{weekday}")
    if onset.day <= 28:
        rules.append(f"{(onset.day - 1) // 7 + 1}{weekday}")
    return rules


def _keeps_to(run: Run, later: list[Change], first_year: int) -> bool:
    """The tz database goes on changing this way on this rule, once in each later year."""
    same = [change for change in later if change[1:] == run.changes[0][1:]]
    years = list(range(first_year, first_year + OPEN_ENDED_YEARS))
    if not run.byday or [change.onset.year for change in same] != years:
        return False
    first = run.changes[0].onset
    return all(_slot(c.onset) == _slot(first) and run.byday in _rules_of(c.onset) for c in same)


def _until(last: Change) -> datetime:
    """The UNTIL of a run ending with `last`: its instant in UTC, as RFC 5545 says, or its
    local onset read as UTC if that is later. Some readers (dateutil's tzical) compare UNTIL
    with the local onsets; both readings then keep the last change, and a year on comes none."""
    return max(last.at, last.onset.replace(tzinfo=UTC))


def _ruled(run: Run, until: datetime | None) -> TimezoneStandard | TimezoneDaylight:
    """One observance for a run: from its first change, yearly on its rule while it holds."""
    observance = _observance(run.changes[0])
    if run.byday:
        first = run.changes[0].onset
        rule: dict[str, object] = {"FREQ": "YEARLY", "BYMONTH": first.month, "BYDAY": run.byday}
        if until is not None:
            rule["UNTIL"] = until.astimezone(UTC)
        observance.add("RRULE", rule)
    return observance


def _initial(zone: ZoneInfo, start: datetime) -> Change:
    offset = _offset(zone, start)
    name = start.astimezone(zone).tzname() or str(offset)
    return Change(start, offset, offset, name, daylight=False)


def _observance(first: Change) -> TimezoneStandard | TimezoneDaylight:
    observance = TimezoneDaylight() if first.daylight else TimezoneStandard()
    observance.add("TZNAME", first.name)
    observance.add("TZOFFSETFROM", first.offset_from)
    observance.add("TZOFFSETTO", first.offset_to)
    observance.add("DTSTART", first.onset)
    return observance


def _named_zone(tzid: str) -> Timezone:
    timezone = Timezone()
    timezone.add("TZID", tzid)
    timezone.add("X-LIC-LOCATION", tzid)
    return timezone
