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


class YearlyRule(NamedTuple):
    month: int
    byday: str  # "-1SU", "2SU"
    changes: list[Change]


def vtimezone(tzid: str, first: date, last: date) -> Timezone:
    """A VTIMEZONE for `tzid` that is right for every instant from `first` to `last`."""
    zone = ZoneInfo(tzid)
    start = datetime(first.year - 1, 1, 1, tzinfo=UTC)
    end = datetime(last.year + 2, 1, 1, tzinfo=UTC)
    changes = list(_changes_between(tzid, start, end))
    rules = _yearly_rules(changes, range(start.year, end.year)) if changes else None
    if rules is None:
        return _listed_zone(tzid, zone, start, changes)
    return _ruled_zone(tzid, rules)


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


def _yearly_rules(changes: list[Change], years: range) -> list[YearlyRule] | None:
    """One rule per kind of change, each happening once a year in every year; else None."""
    rules = [_yearly_rule(group, years) for group in _kinds(changes)]
    if any(rule is None for rule in rules):
        return None
    return [rule for rule in rules if rule is not None]


def _kinds(changes: list[Change]) -> list[list[Change]]:
    """Changes grouped by what they do (offsets, name), in order of their first occurrence."""
    kinds: dict[tuple[timedelta, timedelta, str, bool], list[Change]] = {}
    for change in changes:
        kinds.setdefault(change[1:], []).append(change)
    return list(kinds.values())


def _yearly_rule(changes: list[Change], years: range) -> YearlyRule | None:
    if [change.onset.year for change in changes] != list(years):
        return None
    onsets = [change.onset for change in changes]
    if len({(o.month, o.weekday(), o.time()) for o in onsets}) != 1:
        return None
    weekday = WEEKDAYS[onsets[0].weekday()]
    if all(o.day + 7 > calendar.monthrange(o.year, o.month)[1] for o in onsets):
        return YearlyRule(onsets[0].month, f"-1{weekday}", changes)
    ordinals = {(o.day - 1) // 7 + 1 for o in onsets}
    if len(ordinals) != 1:
        return None
    return YearlyRule(onsets[0].month, f"{ordinals.pop()}{weekday}", changes)


def _ruled_zone(tzid: str, rules: list[YearlyRule]) -> Timezone:
    timezone = _named_zone(tzid)
    for rule in sorted(rules, key=lambda r: r.changes[0].daylight):
        observance = _observance(rule.changes[0], [])
        observance.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": rule.month, "BYDAY": rule.byday})
        timezone.add_component(observance)
    return timezone


def _listed_zone(tzid: str, zone: ZoneInfo, start: datetime, changes: list[Change]) -> Timezone:
    """The offset at `start`, then each kind of change: DTSTART for its first, RDATE after."""
    timezone = _named_zone(tzid)
    timezone.add_component(_observance(_initial(zone, start), []))
    for group in _kinds(changes):
        timezone.add_component(_observance(group[0], group[1:]))
    return timezone


def _initial(zone: ZoneInfo, start: datetime) -> Change:
    offset = _offset(zone, start)
    name = start.astimezone(zone).tzname() or str(offset)
    return Change(start, offset, offset, name, daylight=False)


def _observance(first: Change, more: list[Change]) -> TimezoneStandard | TimezoneDaylight:
    observance = TimezoneDaylight() if first.daylight else TimezoneStandard()
    observance.add("TZNAME", first.name)
    observance.add("TZOFFSETFROM", first.offset_from)
    observance.add("TZOFFSETTO", first.offset_to)
    observance.add("DTSTART", first.onset)
    for change in more:
        observance.add("RDATE", change.onset)
    return observance


def _named_zone(tzid: str) -> Timezone:
    timezone = Timezone()
    timezone.add("TZID", tzid)
    timezone.add("X-LIC-LOCATION", tzid)
    return timezone
