"""Pure: how much history a plan keeps.

A plan travels whole: in every workflow task, in the input of each batch of its emails and of
each new run (continue-as-new), and Temporal refuses a payload over 2 MB. Each event is small
and most are rare, but some have no natural bound: a step owner may post the one-click
"I'm blocked" link, or reply "note: ..." (2,000 characters each), a thousand times. So a plan
keeps its newest events, at most KEPT_EVENTS and KEPT_TEXT characters of them, and counts the
rest (`Plan.history_omitted`); the plans mailbox keeps every email they came from.

Kept whatever their age: what the plan still reads from its history (each person's last visit
to the plan page; each step's newest event, and the one that says who set its date, which a
go-live move leaves where it is). Dropping the others changes no decision the workflow takes:
each reads only the newest events (who acted last, whether someone opened the page today).
"""

from __future__ import annotations

from mutualplan.edits.go_live import date_setting
from mutualplan.health import PAGE_OPENED
from mutualplan.models import Event, Plan

KEPT_EVENTS = 1_000
KEPT_TEXT = 300_000  # characters of the events' own words
_AFTER_PRUNING = 0.9  # pruned to this share of the limits: not again at the very next event


def keep_recent(plan: Plan) -> int:
    """Drop the plan's oldest events beyond the limits (see above); how many were dropped."""
    everything = [*plan.history, *(e for m in plan.milestones for e in m.history)]
    if len(everything) <= KEPT_EVENTS and _text(everything) <= KEPT_TEXT:
        return 0
    needed = [*_last_visits(plan), *_still_read(plan)]
    kept = {id(e) for e in needed}
    events, text = int(KEPT_EVENTS * _AFTER_PRUNING), int(KEPT_TEXT * _AFTER_PRUNING)
    text -= _text(needed)
    for event in sorted(everything, key=lambda e: e.at, reverse=True):
        if len(kept) >= events or text < len(event.what):
            break
        if id(event) not in kept:
            kept.add(id(event))
            text -= len(event.what)
    plan.history = [e for e in plan.history if id(e) in kept]
    for m in plan.milestones:
        m.history = [e for e in m.history if id(e) in kept]
    dropped = len(everything) - len(kept)
    plan.history_omitted += dropped
    return dropped


def _text(events: list[Event]) -> int:
    return sum(len(e.what) for e in events)


def _last_visits(plan: Plan) -> list[Event]:
    return list({e.by: e for e in plan.history if e.what == PAGE_OPENED}.values())


def _still_read(plan: Plan) -> list[Event]:
    found = []
    for m in plan.milestones:
        found += m.history[-1:]
        if (setting := date_setting(m)) is not None:
            found.append(setting)
    return found
