"""Pure: how a plan is doing, read from what buyers do, and who is nudged when.

Health: on track; at risk (a milestone 1-6 working days overdue, a blocked step, or a key
stakeholder declining the check-in calls, or two of them in a row); stalled (7+ working days
overdue, or no buyer action for 14 days). Overdue days are the plan's business days: a step due
on a Friday is one day overdue on Monday, and a holiday week moves nobody closer to stalled.
The projected go-live moves by the slip so far: how many business days the latest milestone is
(or was) late.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from mutualplan.business_days import (
    DaysOff,
    add_business_days,
    business_days_between,
    is_business_day,
)
from mutualplan.calendar.series import absent_twice_in_a_row
from mutualplan.models import KEY_ROLES, EmailKind, Health, MilestoneStatus, Plan, PlanStatus, Side

REMIND_AT = time(9, 0)
# each plan wakes at its own moment of the half hour after REMIND_AT, so a hundred thousand
# plans' mornings come over thirty minutes, not in the same second
MORNING_SPREAD = timedelta(minutes=30)
REMINDER, LATE = EmailKind.MILESTONE_REMINDER, EmailKind.MILESTONE_LATE
PAGE_OPENED = "opened the plan page"


class Nudge(BaseModel):
    kind: EmailKind
    recipient_id: int
    milestone_key: str


def days_overdue(plan: Plan, today: date, days_off: DaysOff | None = None) -> int:
    """Business days the latest open step is past its due date, on the plan's days off (or
    `days_off`: `EVERY_DAY` counts calendar days, as plans did before)."""
    off = plan.holidays.days_off if days_off is None else days_off
    late = [business_days_between(m.due, today, off) for m in plan.active_milestones]
    return max([0, *late])


def read_health(plan: Plan, now: datetime, days_off: DaysOff | None = None) -> Health:
    """`days_off`: what overdue days skip, when not the plan's own (see `days_overdue`)."""
    today = local_day(plan, now)
    if plan.status is not PlanStatus.ACTIVE:
        return Health(plan.status.value)
    overdue = days_overdue(plan, today, days_off)
    if overdue >= 7 or (now - last_buyer_action(plan)).days >= 14:
        return Health.STALLED
    blocked = any(m.blocked for m in plan.active_milestones)
    if overdue >= 1 or blocked or _key_person_away(plan, now):
        return Health.AT_RISK
    return Health.ON_TRACK


def projected_go_live(plan: Plan, now: datetime) -> date:
    """Go-live pushed by the slip of the latest milestone that is done or under way."""
    today = local_day(plan, now)
    days_off = plan.holidays.days_off
    slip = 0
    for m in plan.milestones:
        if m.status is MilestoneStatus.DONE and m.done_at is not None:
            slip = business_days_between(m.due, local_day(plan, m.done_at), days_off)
        elif m.status is MilestoneStatus.ACTIVE:
            slip = max(slip, business_days_between(m.due, today, days_off))
    slip = max(slip, 0)
    return add_business_days(plan.go_live, slip, days_off) if slip else plan.go_live


def last_buyer_action(plan: Plan) -> datetime:
    buyers = {s.email for s in plan.stakeholders if s.side is Side.BUYER}
    events = [e.at for m in plan.milestones for e in m.history if e.by in buyers]
    # opening the plan page is engagement, not action: it does not keep a plan from stalling
    events += [e.at for e in plan.history if e.by in buyers and e.what != PAGE_OPENED]
    return max([plan.created_at, *events])


def nudges_for(plan: Plan, today: date) -> list[Nudge]:
    """Who is reminded or told today: at most one email per person per plan per day, and none
    on the plan's weekend (its calendars': Friday and Saturday in Israel) or one of its public
    holidays."""
    chosen: dict[int, Nudge] = {}
    days_off = plan.holidays.days_off
    for m in plan.active_milestones:
        started = local_day(plan, m.started_at) if m.started_at else today
        if started >= today:  # the "your turn" email went out today already
            continue
        before = business_days_between(today, m.due, days_off)
        late = business_days_between(m.due, today, days_off)
        if not is_business_day(today, days_off):
            continue
        if before in plan.reminders:
            chosen.setdefault(m.owner_id, Nudge(kind=REMINDER, recipient_id=m.owner_id,
                                                milestone_key=m.key))  # fmt: skip
        elif late >= 1 and (late - 1) % days_off.working_weekdays == 0:  # again each week
            for person in _escalate_to(plan, m.owner_id):
                chosen.setdefault(person, Nudge(kind=LATE, recipient_id=person,
                                                milestone_key=m.key))  # fmt: skip
    return list(chosen.values())


def next_wake(plan: Plan, now: datetime, offset: timedelta = timedelta(0)) -> datetime:
    """The plan's next morning: `offset` after the next 9:00 in its time zone (reminders go
    out, health is read again). Counted from the 9:00, so a morning already past 9:00 is
    tomorrow's even before its offset: no day gets two mornings."""
    zone = ZoneInfo(plan.timezone)
    local = now.astimezone(zone)
    nine = datetime.combine(local.date(), REMIND_AT, tzinfo=zone)
    if nine <= local:
        nine = datetime.combine(local.date() + timedelta(days=1), REMIND_AT, tzinfo=zone)
    return nine + offset


def morning_offset(plan_id: str) -> timedelta:
    """Where in the MORNING_SPREAD the plan wakes: the same every day, read from its id."""
    digest = hashlib.sha256(plan_id.encode()).digest()
    return timedelta(seconds=int.from_bytes(digest[:4], "big") % MORNING_SPREAD.seconds)


def midnight_utc(day: date) -> datetime:
    """A date as the instant Temporal's Datetime search attributes store."""
    return datetime.combine(day, time(), tzinfo=UTC)


def local_day(plan: Plan, instant: datetime) -> date:
    return instant.astimezone(ZoneInfo(plan.timezone)).date()


def _escalate_to(plan: Plan, owner_id: int) -> list[int]:
    """The owner first (they get the 'late' email), then the seller and the champion."""
    champion = plan.champion.id if plan.champion else None
    people = [owner_id, plan.seller_id, champion]
    return list(dict.fromkeys(p for p in people if p is not None))


def _key_person_away(plan: Plan, now: datetime) -> bool:
    """A Champion or Economic Buyer declined the calls, or is missing two in a row; one call
    missed (a holiday) is not a risk."""
    if plan.checkin is None:
        return False
    key = [s.id for s in plan.stakeholders if s.role in KEY_ROLES]
    if any(plan.checkin.answers.get(i) == "DECLINED" for i in key):
        return True
    return any(absent_twice_in_a_row(plan, i, now) for i in key)
