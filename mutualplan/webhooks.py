"""Pure: the events a plan sends to webhooks, read by comparing the plan with what was last told.

The plan workflow calls `events_since` whenever it publishes the plan (after every change and
every morning): whatever differs from the `Marks` it keeps is an event, in the order a reader
expects (the plan's own, then steps done, started, blocked, late, then its health). Each event's
id is fixed by the plan and a counter kept in the run state, so every retry and every redelivery
of one event carries the same `webhook-id`.

Body (Standard Webhooks): {"type": "milestone.done", "timestamp": ..., "data": {"plan": {...},
"milestone": {...}, "note": ...}}; `docs/webhooks.md` gives every event's fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mutualplan import plan_rows
from mutualplan.health import local_day
from mutualplan.models import Milestone, MilestoneStatus, Plan, PlanStatus
from mutualplan.webhook_state import Marks, MilestoneMark, WebhookEvent

if TYPE_CHECKING:
    from mutualplan.settings import WebhookEndpoint

PLAN_STARTED = "plan.started"
PLAN_CONFIRMED = "plan.confirmed"
MILESTONE_STARTED = "milestone.started"
MILESTONE_DONE = "milestone.done"
MILESTONE_LATE = "milestone.late"
MILESTONE_BLOCKED = "milestone.blocked"
HEALTH_CHANGED = "plan.health_changed"
PLAN_COMPLETED = "plan.completed"
PLAN_CANCELLED = "plan.cancelled"
COMMENT_ADDED = "comment.added"
EVENT_TYPES = (
    PLAN_STARTED, PLAN_CONFIRMED, MILESTONE_STARTED, MILESTONE_DONE, MILESTONE_LATE,
    MILESTONE_BLOCKED, HEALTH_CHANGED, PLAN_COMPLETED, PLAN_CANCELLED, COMMENT_ADDED,
)  # fmt: skip
NOTE = "note: "


def types_wanted(endpoints: Sequence[WebhookEndpoint]) -> list[str]:
    """The event types any of the endpoints wants, in EVENT_TYPES' order."""
    return [t for t in EVENT_TYPES if any(e.wants(t) for e in endpoints)]


def events_since(
    marks: Marks | None, plan: Plan, now: datetime, wanted: set[str]
) -> tuple[list[WebhookEvent], Marks]:
    """The events between `marks` (None: a new plan) and `plan` now, of the `wanted` types,
    and the new marks (their counter moved on past every event made, wanted or not)."""
    before = marks or Marks()
    made: list[tuple[str, dict[str, Any]]] = []
    today = local_day(plan, now)
    if marks is None:
        made.append((PLAN_STARTED, {}))
    if before.status in ("", "draft") and plan.status is PlanStatus.ACTIVE:
        made.append((PLAN_CONFIRMED, {}))
    after = Marks(status=plan.status.value, health=plan.health, notes_until=before.notes_until)
    for m in plan.milestones:
        old = before.milestones.get(m.key)
        mark = _mark(m, today)
        after.milestones[m.key] = mark
        made += [(kind, _milestone_event(plan, m, kind)) for kind in _changes(old, mark)]
    made.sort(key=lambda e: _ORDER.get(e[0], 0))
    made += _comments(plan, before, after)
    was_active = before.status == PlanStatus.ACTIVE.value
    if was_active and before.health != plan.health and plan.status is PlanStatus.ACTIVE:
        made.append((HEALTH_CHANGED, {"health": {"from": before.health, "to": plan.health}}))
    if before.status != plan.status.value:
        ended = {PlanStatus.COMPLETED: PLAN_COMPLETED, PlanStatus.CANCELLED: PLAN_CANCELLED}
        if plan.status in ended:
            made.append((ended[plan.status], {}))
    events = []
    after.sequence = before.sequence
    for kind, extra in made:
        after.sequence += 1
        if kind in wanted:
            data = {"plan": plan_data(plan), **extra}
            events.append(WebhookEvent(id=f"{plan.id}.{after.sequence}", type=kind, at=now,
                                       data=data))  # fmt: skip
    return events, after


_ORDER = {MILESTONE_DONE: 1, MILESTONE_STARTED: 2, MILESTONE_BLOCKED: 3, MILESTONE_LATE: 4}


def _milestone_event(plan: Plan, m: Milestone, kind: str) -> dict[str, Any]:
    """A step's event: the step, and with milestone.done what its owner wrote with "done"
    (null when nothing)."""
    if kind == MILESTONE_DONE:
        return {"milestone": milestone_data(plan, m), "note": m.done_note or None}
    return {"milestone": milestone_data(plan, m)}


def _mark(m: Milestone, today: date) -> MilestoneMark:
    late = m.status is MilestoneStatus.ACTIVE and m.due < today
    return MilestoneMark(
        status=m.status.value,
        blocked=m.blocked if m.status is not MilestoneStatus.DONE else "",
        late_since=m.due if late else None,
    )


def _changes(old: MilestoneMark | None, new: MilestoneMark) -> list[str]:
    old = old or MilestoneMark(status=MilestoneStatus.PENDING.value)
    kinds = []
    if old.status != new.status and new.status == MilestoneStatus.DONE.value:
        kinds.append(MILESTONE_DONE)
    if old.status == MilestoneStatus.PENDING.value and new.status == "active":
        kinds.append(MILESTONE_STARTED)
    if new.blocked and new.blocked != old.blocked:
        kinds.append(MILESTONE_BLOCKED)
    if new.late_since is not None and new.late_since != old.late_since:
        kinds.append(MILESTONE_LATE)  # once per due date: a new date that slips is late again
    return kinds


def _comments(plan: Plan, before: Marks, after: Marks) -> list[tuple[str, dict[str, Any]]]:
    """Notes ("note: ...") and comments (what people wrote that was no command,
    `Plan.comments`) added since the last ones told: `comment.added` either way."""
    since = before.notes_until
    names = {s.email: s.display for s in [*plan.stakeholders, *plan.former]}
    found = [
        (e.at, m, e.by, e.what[len(NOTE) :])
        for m in plan.milestones
        for e in m.history
        if e.what.startswith(NOTE) and (since is None or e.at > since)
    ] + [
        (c.at, plan.milestone_by_number(c.step) if c.step else None, c.by, c.text)
        for c in plan.comments
        if since is None or c.at > since
    ]
    found.sort(key=lambda item: item[0])
    if found:
        after.notes_until = found[-1][0]
    return [
        (COMMENT_ADDED, {
            "milestone": milestone_data(plan, m) if m else None,
            "comment": {"by": by, "by_name": names.get(by, by), "text": text,
                        "at": at.isoformat()},
        })
        for at, m, by, text in found
    ]  # fmt: skip


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as every event carries it."""
    return {
        "id": plan.id,
        "deal": plan.deal,
        "buyer": plan_rows.buyer_company(plan),
        "seller": plan.seller.email,
        "status": plan.status.value,
        "health": plan.health,
        "progress": plan.progress_percent,
        "go_live": plan.go_live.isoformat(),
        "projected_go_live": _day(plan.projected_go_live or plan.go_live),
        "projected_close": _day(plan.projected_close),
        "crm_close": _day(plan.crm_close),
        "amount": _amount(plan.amount),
        "currency": plan.currency or None,
    }


def milestone_data(plan: Plan, m: Milestone) -> dict[str, Any]:
    owner = plan.owner(m)
    return {
        "number": m.number,
        "key": m.key,
        "title": m.title,
        "status": m.status.value,
        "owner": {"name": owner.name, "email": owner.email, "role": owner.role},
        "due": m.due.isoformat(),
        "planned_due": _day(m.planned_due),
        "done_at": m.done_at.isoformat() if m.done_at else None,
        "blocked": m.blocked or None,
        "signature": m.signature,
    }


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _amount(amount: Decimal | None) -> str | None:
    return str(amount) if amount is not None else None


def sample_event(now: datetime) -> WebhookEvent:
    """What `mutualplan webhooks test URL` sends: a milestone.done of a made-up plan."""
    data = {
        "plan": {
            "id": "sample", "deal": "Globex rollout", "buyer": "Globex",
            "seller": "alex@acme.example", "status": "active", "health": "on track",
            "progress": 50, "go_live": "2027-03-01", "projected_go_live": "2027-03-01",
            "projected_close": "2027-01-22", "crm_close": "2027-01-22", "amount": "120000",
            "currency": "USD",
        },
        "milestone": {
            "number": 3, "key": "security-review", "title": "Security review complete",
            "status": "done", "owner": {"name": "Kim Lee", "email": "kim@globex.example",
                                        "role": "Security"},
            "due": "2027-01-08", "planned_due": "2027-01-08", "done_at": now.isoformat(),
            "blocked": None, "signature": False,
        },
        "note": "Questionnaire answered and signed by our CISO",
    }  # fmt: skip
    return WebhookEvent(id=f"test.{int(now.timestamp())}", type=MILESTONE_DONE, at=now, data=data)
