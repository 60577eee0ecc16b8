"""Pure: the seller's Monday digest, one per seller across their plans.

What moved in the week, what is late, what is at risk, and where each plan is really heading
(the projected go-live). Plans in, digests out; the digest workflow's activity sends them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, Field

from mutualplan import health
from mutualplan.models import (
    Event,
    Milestone,
    MilestoneStatus,
    Phrase,
    Plan,
    PlanStatus,
    phrase,
    plural_phrase,
    term,
)

_ORDER = {health.STALLED: 0, health.AT_RISK: 1, "draft": 2, health.ON_TRACK: 3}


class PlanWeek(BaseModel):
    """One plan's week, as its seller reads it."""

    id: str
    deal: str
    status: str
    health: str
    progress: int
    go_live: date
    projected_go_live: date
    moved: list[str | Phrase] = Field(default_factory=list, description="what happened this week")
    late: list[str | Phrase] = Field(
        default_factory=list, description="open steps past their due date"
    )
    blocked: list[str] = Field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return self.health in (health.AT_RISK, health.STALLED)

    @property
    def slipping(self) -> bool:
        return self.projected_go_live > self.go_live


class SellerDigest(BaseModel):
    seller_name: str
    seller_email: str
    week_of: date
    plans: list[PlanWeek]
    language: str = Field(default="", description="the seller's, else their plan's default")

    @property
    def at_risk(self) -> list[PlanWeek]:
        return [p for p in self.plans if p.needs_attention]


def seller_digests(plans: list[Plan], since: datetime, now: datetime) -> list[SellerDigest]:
    """A digest for each seller with a plan that is open, or that closed since `since`."""
    by_seller: dict[str, list[Plan]] = {}
    for plan in plans:
        if plan.status in (PlanStatus.ACTIVE, PlanStatus.DRAFT) or _closed_since(plan, since):
            by_seller.setdefault(plan.seller.email, []).append(plan)
    digests = []
    for email, theirs in sorted(by_seller.items()):
        weeks = sorted(
            (plan_week(p, since, now) for p in theirs),
            key=lambda w: (_ORDER.get(w.health, 4), w.go_live, w.deal),
        )
        seller = theirs[0].seller
        digests.append(
            SellerDigest(
                seller_name=seller.display,
                seller_email=email,
                week_of=now.date(),
                plans=weeks,
                language=seller.language or theirs[0].language,
            )
        )
    return digests


def plan_week(plan: Plan, since: datetime, now: datetime) -> PlanWeek:
    today = health.local_day(plan, now)
    active = plan.status is PlanStatus.ACTIVE
    return PlanWeek(
        id=plan.id,
        deal=plan.deal,
        status=plan.status.value,
        health=health.read_health(plan, now),
        progress=plan.progress_percent,
        go_live=plan.go_live,
        projected_go_live=health.projected_go_live(plan, now) if active else plan.go_live,
        moved=_moved(plan, since),
        late=[_late(m, plan, today) for m in plan.active_milestones if m.due < today],
        blocked=[f"{m.title}: {m.blocked}" for m in plan.active_milestones if m.blocked],
    )


def _moved(plan: Plan, since: datetime) -> list[str | Phrase]:
    """The week's events, oldest first: steps done, dates and owners changed, plan changes."""
    events = [
        (e.at, phrase("{what} ({who})", what=_said(e), who=_who(plan, e.by)))
        for e in plan.history
        if e.at >= since
    ]
    for m in plan.milestones:
        for e in m.history:
            if e.at >= since and e.by != "engine":
                said = phrase("{title}: {what} ({who})", title=m.title, what=_said(e),
                              who=_who(plan, e.by))  # fmt: skip
                events.append((e.at, said))
    return [what for _, what in sorted(events, key=lambda pair: pair[0])]


def _said(event: Event) -> str | Phrase:
    return event.said or term(event.what)


def _late(milestone: Milestone, plan: Plan, today: date) -> Phrase:
    days = (today - milestone.due).days
    owner = plan.owner(milestone).display
    return plural_phrase(
        "{title} ({owner}): {count} day late",
        "{title} ({owner}): {count} days late",
        days,
        title=milestone.title,
        owner=owner,
    )


def _who(plan: Plan, by: str) -> str:
    if by == "engine":
        return "mutualplan"
    person = plan.stakeholder_by_email(by)
    return person.display if person else by


def _closed_since(plan: Plan, since: datetime) -> bool:
    return any(e.at >= since for e in plan.history) or any(
        m.done_at is not None and m.done_at >= since and m.status is MilestoneStatus.DONE
        for m in plan.milestones
    )


# --- between the digest workflow and its activity --------------------------------------------


class DigestSchedule(BaseModel):
    """When digests go out (Mondays at `hour` in `timezone`) and when the last ones did."""

    timezone: str = "UTC"
    hour: int = 8
    last_sent: AwareDatetime | None = None


class DigestRequest(BaseModel):
    since: AwareDatetime
    now: AwareDatetime


class DigestReport(BaseModel):
    sellers: int
    plans: int


def next_monday(now: datetime, timezone: str, hour: int) -> datetime:
    """The next Monday at `hour` o'clock in `timezone`, strictly after `now`."""
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    day = local.date() + timedelta(days=(7 - local.weekday()) % 7)
    wake = datetime.combine(day, time(hour), tzinfo=zone)
    return wake if wake > local else wake + timedelta(days=7)
