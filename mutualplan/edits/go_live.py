"""Pure: the go-live moved, and the open steps worked back from it again, but for the dates a
person set.

A step's history says whose its date is: "moved the due date from ... to ..." (a reply's "new
date: ...", `step_answers.answer`) and "added step #... due ..." (`steps.add_step`, which always
gives the date) are a person's; "due ... -> ... (go-live moved)" is the plan's. What is recorded
decides, so plans started before this rule follow it too.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import Enum

from mutualplan.edits.changes import Change, Notice
from mutualplan.edits.days_off import day_off
from mutualplan.edits.steps import said
from mutualplan.models import (
    CLAUSES,
    EmailKind,
    Event,
    Milestone,
    MilestoneStatus,
    Phrase,
    Plan,
    joined,
    phrase,
    step_title,
)
from mutualplan.plan_templates import due_from_go_live

# the lines of history that set a step's date, as their phrases' texts (the calls that make
# them spell them out: the catalogs are extracted from calls of `phrase`)
SET_BY_HAND = "moved the due date from {old} to {new}"
ADDED_WITH_DATE = "added step #{number} \u201c{title}\u201d, due {due}"
MOVED_WITH_GO_LIVE = "due {old} -> {new} (go-live moved)"
# the same lines in English, for an event kept without its phrase
_SET_BY_HAND_SAID = re.compile(r"moved the due date from \S+ to \S+")
_ADDED_WITH_DATE_SAID = re.compile(r"added step #\d+ \u201c.*\u201d, due \S+", re.DOTALL)
_MOVED_WITH_GO_LIVE_SAID = re.compile(r"due \S+ -> \S+ \(go-live moved\)")
_DATE_SETTINGS = [
    (SET_BY_HAND, _SET_BY_HAND_SAID),
    (ADDED_WITH_DATE, _ADDED_WITH_DATE_SAID),
    (MOVED_WITH_GO_LIVE, _MOVED_WITH_GO_LIVE_SAID),
]


class KeptDates(Enum):
    """Which dates a person set a go-live move leaves where they are: the newest rule, or the
    one a plan's history was recorded under (the workflow asks `workflow.patched`)."""

    NONE = "none"  # before "kept-dates": every open step moved with go-live
    NEW_DATES = "new-dates"  # "kept-dates": the dates given with "new date: ..."
    SET_DATES = "set-dates"  # "kept-added-dates": those, and the date a step was added with


def date_set_by(milestone: Milestone, kept: KeptDates = KeptDates.SET_DATES) -> str | None:
    """Who set the step's date by hand, if it is still theirs: the newest line of its history
    that set its date is their "new date" or the step added with its date, not a go-live move.
    None if the plan set it (or `kept` does not keep such a date)."""
    event = date_setting(milestone)
    if event is None or _says(event, MOVED_WITH_GO_LIVE, _MOVED_WITH_GO_LIVE_SAID):
        return None
    if _says(event, SET_BY_HAND, _SET_BY_HAND_SAID):
        return event.by if kept is not KeptDates.NONE else None
    return event.by if kept is KeptDates.SET_DATES else None


def date_setting(milestone: Milestone) -> Event | None:
    """The newest line of the step's history that set its date (by hand, with the step, or
    with a go-live move), None if none did."""
    for event in reversed(milestone.history):
        if any(_says(event, *said) for said in _DATE_SETTINGS):
            return event
    return None


def _says(event: Event, text: str, english: re.Pattern[str]) -> bool:
    if event.said is not None:
        return event.said.text == text
    return english.fullmatch(event.what) is not None


def move_go_live(
    plan: Plan, go_live: date, by: str, now: datetime, *, kept: KeptDates = KeptDates.SET_DATES
) -> Change:
    """Work the open milestones back again from the new go-live, but for the dates a person
    set (`kept`: plans replaying a history from before a rule pass the older one). One email per
    person tells them what moved and what kept its date: the check-in invite update (a higher
    SEQUENCE) carries it where the plan has calls."""
    old = plan.go_live
    plan.go_live = go_live
    moved: list[Phrase] = []
    stayed: list[Phrase] = []
    late: list[Phrase] = []
    for m in plan.milestones:
        if m.status is MilestoneStatus.DONE or m.offset is None:
            continue
        due = max(due_from_go_live(go_live, m.offset, plan.holidays.days_off), now.date())
        if due == m.due:
            continue
        setter = date_set_by(m, kept)
        if setter is None:
            went = phrase("due {old} -> {new} (go-live moved)", old=str(m.due), new=str(due))
            m.history.append(said(now, by, went))
            moved.append(phrase("{title}: {old} -> {new}", title=step_title(m), old=m.due, new=due))
            m.due = due
            continue
        stayed.append(_kept(plan, m, setter))
        if m.offset <= 0 and m.due > go_live:  # planned before go-live, now after it
            late.append(_after_go_live(m))
    dates = {"old": old.isoformat(), "new": go_live.isoformat()}
    plan.history.append(said(now, by, phrase("moved go-live from {old} to {new}", **dates)))
    who = plan.stakeholder_by_email(by)
    name = who.display if who else by
    summary = [phrase("{name} moved go-live from {old} to {new}.", name=name, **dates)]
    if moved:
        summary.append(phrase("New dates: {dates}.", dates=joined(moved, CLAUSES)))
    if stayed:
        summary.append(phrase("Kept as people set them: {dates}.", dates=joined(stayed, CLAUSES)))
    summary += late
    if (heads_up := day_off(plan, go_live, "go-live")) is not None:  # taken as asked, and said
        summary.append(heads_up)
    return _told(plan, summary, tell_sender=heads_up is not None)


def _kept(plan: Plan, milestone: Milestone, setter: str) -> Phrase:
    person = plan.stakeholder_by_email(setter) or next(
        (p for p in plan.former if p.email == setter), None
    )
    return phrase(
        "{title}: {due} (set by {name})",
        title=step_title(milestone),
        due=milestone.due,
        name=person.display if person else setter,
    )


def _after_go_live(milestone: Milestone) -> Phrase:
    return phrase(
        "\u201c{title}\u201d stays due {due}, after the new go-live: reply \u201c#{number} new "
        "date: ...\u201d to move it.",
        title=step_title(milestone),
        due=milestone.due,
        number=milestone.number,
    )


def _told(plan: Plan, summary: list[Phrase], *, tell_sender: bool) -> Change:
    note = " ".join(p.english() for p in summary)
    if plan.checkin is not None:  # the check-in update (`checkins.sync`) carries what moved
        return Change(summary=note, notices=[], said=summary, tell_sender=tell_sender)
    notices = [
        Notice(kind=EmailKind.PLAN_NOTICE, recipient_id=s.id, note=note, said=summary)
        for s in plan.stakeholders
    ]
    return Change(summary=note, notices=notices, said=summary, tell_sender=tell_sender)
