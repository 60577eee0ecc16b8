"""Pure: when a plan nobody acts on closes as stalled, and how long its seller may resume it.

An active plan stalls on the morning when nobody has acted on it (a reply, an answer to the
check-in invite, the start itself; opening the plan page does not count) for `stall_after_weeks`
weeks, and its last open step has been due as long. Reminders and escalations stop, and only the
seller is told, with what to answer. The seller may answer "resume" for RESUME_WITHIN: the plan
is then active again (and stalls again after as many weeks of silence). After that the plan
ends, stalled, and its check-in series ends. docs/plan-lifecycle.md tells users.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from mutualplan.health import PAGE_OPENED, local_day
from mutualplan.models import ENGINE, Event, MilestoneStatus, Plan, PlanStatus, plural_phrase

RESUME_WITHIN = timedelta(days=30)


def last_action(plan: Plan) -> datetime:
    """When someone last acted on the plan (the engine's own events do not count)."""
    acted = [e.at for m in plan.milestones for e in m.history if e.by != ENGINE]
    acted += [e.at for e in plan.history if e.by != ENGINE and e.what != PAGE_OPENED]
    return max([plan.created_at, *acted])


def last_due(plan: Plan) -> date:
    """The due date of the plan's last open step (go-live when none is open)."""
    open_steps = [m.due for m in plan.milestones if m.status is not MilestoneStatus.DONE]
    return max(open_steps, default=plan.go_live)


def stalls_on(plan: Plan) -> date:
    """The day the plan stalls unless someone acts before: `stall_after_weeks` after its last
    open step is due or after the last action, whichever is later."""
    quiet_from = max(last_due(plan), local_day(plan, last_action(plan)))
    return quiet_from + timedelta(weeks=plan.stall_after_weeks)


def stall(plan: Plan, now: datetime) -> None:
    """Close the plan as stalled; its seller may resume it until `resume_until`."""
    plan.status = PlanStatus.STALLED
    plan.resume_until = now + RESUME_WITHIN
    what = plural_phrase(
        "plan stalled: nobody acted for {count} week past its last due date",
        "plan stalled: nobody acted for {count} weeks past its last due date",
        plan.stall_after_weeks,
    )
    plan.history.append(Event(at=now, by=ENGINE, what=what.english(), said=what))
