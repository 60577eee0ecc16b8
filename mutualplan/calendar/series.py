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

from mutualplan.calendar.checkin import Cadence
from mutualplan.models import (
    CLAUSES,
    CallChange,
    CheckIn,
    Phrase,
    Plan,
    ShownSeries,
    day_and_time,
    full_date,
    joined,
    phrase,
)

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
    series = plan.checkin
    if series is None:
        return False
    declined_one = any(
        a.stakeholder_id == person_id and a.partstat == "DECLINED" for a in series.call_answers
    )
    if not declined_one and series.answers.get(person_id) != "DECLINED":
        return False  # said first: the health of a plan is read at every change it makes
    pairs = held_or_planned(plan, series)
    planned = [call for call, _ in pairs]
    held = sum(1 for _, when in pairs if when <= now)
    window = planned[max(held - 1, 0) : held + 2]
    absent = [coming(series, person_id, call) == NOT_COMING for call in window]
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


def describe_changes(old: ShownSeries, new: ShownSeries) -> list[Phrase]:
    """What changed between two versions of the series, as a person would say it (the subject
    of the update: `subject_said`)."""
    said = _people_changes(old, new) + _call_changes(old, new)
    if old.cadence != new.cadence:
        said.append(phrase("calls now {cadence}", cadence=weekly(new.cadence)))
    elif old.first_call != new.first_call:
        said.append(phrase("calls start {when}", when=_when(new.first_call)))
    if old.go_live != new.go_live:
        said.append(phrase("go-live moved to {date}", date=full_date(new.go_live)))
    elif old.until != new.until:
        last = new.until.astimezone(new.cadence.zone).date()
        said.append(phrase("calls now run until {date}", date=full_date(last)))
    if old.meeting != new.meeting:
        said.append(
            phrase("a new meeting link") if new.meeting else phrase("no meeting link any more")
        )
    if old.deal != new.deal:
        said.append(phrase("renamed {deal}", deal=new.deal))
    return said or [phrase("details updated")]


def subject_said(changes: list[Phrase]) -> Phrase:
    """'Check-in: Kim Lee joined', 'Check-in calls now Wednesdays 15:00-15:30 (Europe/Berlin)'."""
    said = joined(changes, CLAUSES)
    if changes and changes[0].text.startswith("calls "):
        return phrase("Check-in {changes}", changes=said)
    return phrase("Check-in: {changes}", changes=said)


def subject_line(changes: list[str]) -> str:
    """The subject of an update told in English only (plans from before `latest_said`)."""
    text = "; ".join(changes)
    return f"Check-in {text}" if text.startswith("calls ") else f"Check-in: {text}"


# a weekly call, as each language says it: one message a weekday, since languages put the day
# in different grammatical forms ("dienstags", "le mardi", "los martes")
_WEEKLY: dict[str, Phrase] = {
    "MO": phrase("Mondays {start}\u2013{end} ({zone})"),
    "TU": phrase("Tuesdays {start}\u2013{end} ({zone})"),
    "WE": phrase("Wednesdays {start}\u2013{end} ({zone})"),
    "TH": phrase("Thursdays {start}\u2013{end} ({zone})"),
    "FR": phrase("Fridays {start}\u2013{end} ({zone})"),
    "SA": phrase("Saturdays {start}\u2013{end} ({zone})"),
    "SU": phrase("Sundays {start}\u2013{end} ({zone})"),
}


def weekly(cadence: Cadence) -> Phrase:
    """'Tuesdays 10:00-10:30 (Europe/Berlin)' (an en dash), in each reader's language (the
    English is `describe_cadence`'s)."""
    start = datetime.combine(date(2000, 1, 3), cadence.start)
    end = (start + timedelta(minutes=cadence.duration_minutes)).time()
    slots = {"start": f"{cadence.start:%H:%M}", "end": f"{end:%H:%M}", "zone": cadence.timezone}
    return _WEEKLY[cadence.weekday].model_copy(update={"args": slots})


def _people_changes(old: ShownSeries, new: ShownSeries) -> list[Phrase]:
    before = {person[0]: person for person in old.attendees}
    after = {person[0]: person for person in new.attendees}
    said = [phrase("{name} joined", name=_name(p)) for i, p in after.items() if i not in before]
    said += [phrase("{name} left", name=_name(p)) for i, p in before.items() if i not in after]
    said += [
        phrase("{name} updated", name=_name(p)) for i, p in after.items() if before.get(i, p) != p
    ]
    return said


def _call_changes(old: ShownSeries, new: ShownSeries) -> list[Phrase]:
    said = []
    for change in _new_changes(old.changes, new.changes):
        call = _when(change.call, new.cadence)
        if change.moved_to is None:
            said.append(phrase("the call on {call} is skipped", call=call))
        else:
            moved = _when(change.moved_to, new.cadence)
            said.append(phrase("the call on {call} moves to {to}", call=call, to=moved))
    return said


def _new_changes(old: Iterable[CallChange], new: Iterable[CallChange]) -> list[CallChange]:
    seen = list(old)
    return [change for change in new if change not in seen]


def _name(person: tuple[int, str, str, str]) -> str:
    return person[2] or person[1]


def _when(moment: datetime, cadence: Cadence | None = None) -> Phrase:
    return day_and_time(moment.astimezone(cadence.zone) if cadence else moment)


def _week_after(first: datetime, weeks: int, cadence: Cadence) -> datetime:
    """The same wall-clock time `weeks` later, whatever the offset is then."""
    return at(first.date() + timedelta(weeks=weeks), first.time(), cadence)


def at(day: date, clock: time, cadence: Cadence) -> datetime:
    return datetime.combine(day, clock.replace(tzinfo=None), tzinfo=cadence.zone)
