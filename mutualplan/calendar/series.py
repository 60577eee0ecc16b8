"""A plan's check-in series as instants: its first call, its end, its calls, who comes to the next
one, and what its invites show. Pure and cheap (no iCalendar), so the workflow uses it to check
answers and to notice changes attendees must be sent.

A call is named by its start as the series has it, which is what a calendar client puts in the
RECURRENCE-ID of an answer for that call only; a moved call keeps that name.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

from mutualplan.calendar.checkin import Cadence, describe_cadence
from mutualplan.models import CallChange, CheckIn, Plan, ShownSeries

COMING, NOT_COMING, MAYBE, NO_ANSWER = "coming", "not coming", "maybe", "no answer"
_COMING = {"ACCEPTED": COMING, "DECLINED": NOT_COMING, "TENTATIVE": MAYBE}
CLOSE_ENOUGH = timedelta(seconds=1)


def first_slot_after(moment: datetime, cadence: Cadence) -> datetime:
    """The first cadence slot strictly after `moment`, in the cadence's zone."""
    local = moment.astimezone(cadence.zone)
    day = local.date() + timedelta(days=(cadence.weekday_index - local.weekday()) % 7)
    if at(day, cadence.start, cadence) <= moment:
        day += timedelta(days=7)
    return at(day, cadence.start, cadence)


def first_call(plan: Plan, series: CheckIn) -> datetime:
    """The series' first call: the first slot after the plan was created, unless it says."""
    if series.first_call is not None:
        return series.first_call.astimezone(series.cadence.zone)
    return first_slot_after(plan.created_at, series.cadence)


def until(plan: Plan, series: CheckIn) -> datetime:
    """The end of the series in UTC: where it was ended, else the end of the plan's last day
    (its go-live, or a later milestone) in the cadence's zone."""
    if series.ended_at is not None:
        return series.ended_at.astimezone(UTC)
    last_day = max([plan.go_live, *(milestone.due for milestone in plan.milestones)])
    return at(last_day, time(23, 59, 59), series.cadence).astimezone(UTC)


def calls(plan: Plan, series: CheckIn) -> list[datetime]:
    """Every call of the series by its RECURRENCE-ID, skipped and moved ones included. A series
    that ends before its first call still has that one call (its DTSTART)."""
    first, end = first_call(plan, series), until(plan, series)
    found, week = [first], 1
    while (start := _week_after(first, week, series.cadence)) <= end:
        found.append(start)
        week += 1
    return found


def held_or_planned(plan: Plan, series: CheckIn) -> list[tuple[datetime, datetime]]:
    """(RECURRENCE-ID, when it happens) of every call that is not skipped, in order of time."""
    changes = {change.call: change for change in series.changes}
    planned = []
    for call in calls(plan, series):
        change = changes.get(call)
        if change is None:
            planned.append((call, call))
        elif change.moved_to is not None:
            planned.append((call, change.moved_to.astimezone(series.cadence.zone)))
    return sorted(planned, key=lambda pair: pair[1])


def find_call(plan: Plan, series: CheckIn, when: datetime | date) -> datetime | None:
    """The call a RECURRENCE-ID names: the same instant, or, given a date, the one call that
    day in the cadence's zone. None when the series has no such call."""
    if isinstance(when, datetime):
        return next((c for c in calls(plan, series) if abs(c - when) < CLOSE_ENOUGH), None)
    same_day = [c for c in calls(plan, series) if c.date() == when]
    return same_day[0] if len(same_day) == 1 else None


def answer_for(series: CheckIn, person_id: int, call: datetime) -> str:
    """A person's answer for one call: for that call if they gave one, else for the series."""
    for answer in series.call_answers:
        if answer.stakeholder_id == person_id and answer.call == call:
            return answer.partstat
    return series.answers.get(person_id, "NEEDS-ACTION")


def coming(series: CheckIn, person_id: int, call: datetime) -> str:
    """coming, not coming, maybe or no answer."""
    return _COMING.get(answer_for(series, person_id, call), NO_ANSWER)


def next_call(plan: Plan, now: datetime) -> tuple[datetime, datetime] | None:
    """(RECURRENCE-ID, when) of the next call not yet over; None when none is left."""
    if plan.checkin is None:
        return None
    length = timedelta(minutes=plan.checkin.cadence.duration_minutes)
    ahead = [pair for pair in held_or_planned(plan, plan.checkin) if pair[1] + length > now]
    return ahead[0] if ahead else None


def absent_twice_in_a_row(plan: Plan, person_id: int, now: datetime) -> bool:
    """Declined two calls in a row among the last one held and the next two."""
    if plan.checkin is None:
        return False
    planned = [call for call, _ in held_or_planned(plan, plan.checkin)]
    held = sum(1 for _, when in held_or_planned(plan, plan.checkin) if when <= now)
    window = planned[max(held - 1, 0) : held + 2]
    absent = [coming(plan.checkin, person_id, call) == NOT_COMING for call in window]
    return any(a and b for a, b in pairwise(absent))


def shown(plan: Plan) -> ShownSeries:
    """What the invites of the current series show; see `describe_changes`."""
    assert plan.checkin is not None, "only a plan with a check-in has a series"
    series = plan.checkin
    return ShownSeries(
        deal=plan.deal,
        go_live=plan.go_live,
        cadence=series.cadence,
        first_call=first_call(plan, series),
        until=until(plan, series),
        meeting=series.meeting,
        attendees=[(s.id, s.email, s.name, s.role) for s in plan.stakeholders],
        changes=series.changes,
    )


def describe_changes(old: ShownSeries, new: ShownSeries) -> list[str]:
    """What changed between two versions of the series, as a person would say it."""
    said = _people_changes(old, new) + _call_changes(old, new)
    if old.cadence != new.cadence:
        said.append(f"calls now {describe_cadence(new.cadence)}")
    elif old.first_call != new.first_call:
        said.append(f"calls start {_when(new.first_call)}")
    if old.go_live != new.go_live:
        said.append(f"go-live moved to {new.go_live:%a %d %b %Y}")
    elif old.until != new.until:
        zone = new.cadence.zone
        said.append(f"calls now run until {new.until.astimezone(zone):%a %d %b %Y}")
    if old.meeting != new.meeting:
        said.append("a new meeting link" if new.meeting else "no meeting link any more")
    if old.deal != new.deal:
        said.append(f"renamed {new.deal}")
    return said or ["details updated"]


def subject_line(changes: list[str]) -> str:
    """'Check-in: Kim Lee joined', 'Check-in calls now Wednesdays 15:00-15:30 (Europe/Berlin)'."""
    text = "; ".join(changes)
    return f"Check-in {text}" if text.startswith("calls ") else f"Check-in: {text}"


def _people_changes(old: ShownSeries, new: ShownSeries) -> list[str]:
    before = {person[0]: person for person in old.attendees}
    after = {person[0]: person for person in new.attendees}
    said = [f"{_name(p)} joined" for i, p in after.items() if i not in before]
    said += [f"{_name(p)} left" for i, p in before.items() if i not in after]
    said += [f"{_name(p)} updated" for i, p in after.items() if before.get(i, p) != p]
    return said


def _call_changes(old: ShownSeries, new: ShownSeries) -> list[str]:
    said = []
    for change in _new_changes(old.changes, new.changes):
        if change.moved_to is None:
            said.append(f"the call on {_when(change.call, new.cadence)} is skipped")
        else:
            moved = _when(change.moved_to, new.cadence)
            said.append(f"the call on {_when(change.call, new.cadence)} moves to {moved}")
    return said


def _new_changes(old: Iterable[CallChange], new: Iterable[CallChange]) -> list[CallChange]:
    seen = list(old)
    return [change for change in new if change not in seen]


def _name(person: tuple[int, str, str, str]) -> str:
    return person[2] or person[1]


def _when(moment: datetime, cadence: Cadence | None = None) -> str:
    local = moment.astimezone(cadence.zone) if cadence else moment
    return f"{local:%a %d %b %H:%M}"


def _week_after(first: datetime, weeks: int, cadence: Cadence) -> datetime:
    """The same wall-clock time `weeks` later, whatever the offset is then."""
    return at(first.date() + timedelta(weeks=weeks), first.time(), cadence)


def at(day: date, clock: time, cadence: Cadence) -> datetime:
    return datetime.combine(day, clock.replace(tzinfo=None), tzinfo=cadence.zone)
