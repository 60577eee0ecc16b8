"""Who opened the plan page, recorded on the plan's history: at most once a day per person. Pure.

The plan workflow calls `record_view` from its `record_view` signal; the web app calls
`viewed_today` first, so reloading the page does not even send a signal.
"""

from __future__ import annotations

from datetime import date, datetime

from mutualplan.health import PAGE_OPENED as OPENED
from mutualplan.health import local_day
from mutualplan.models import Event, Plan


def viewed_today(plan: Plan, email: str, now: datetime) -> bool:
    today = local_day(plan, now)
    for event in reversed(plan.history):
        if local_day(plan, event.at) < today:
            return False
        if event.by == email and event.what == OPENED:
            return True
    return False


def record_view(plan: Plan, stakeholder_id: int, now: datetime) -> bool:
    """Add "opened the plan page" to the history, unless done today already (or not on the plan)."""
    person = plan.stakeholder(stakeholder_id)
    if person is None or viewed_today(plan, person.email, now):
        return False
    plan.history.append(Event(at=now, by=person.email, what=OPENED))
    return True


def last_opened(plan: Plan) -> dict[str, date]:
    """Each person's (by email) last day they opened the page."""
    seen: dict[str, date] = {}
    for event in plan.history:
        if event.what == OPENED:
            seen[event.by] = local_day(plan, event.at)
    return seen
