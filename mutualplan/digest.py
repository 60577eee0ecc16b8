"""Pure: the seller's Monday digest, one per seller across their plans.

What moved in the week, what is late, what is at risk, and where each plan is really heading
(the projected go-live). List rows in (`plan_rows.PlanSummary`: no plan is queried), digests
out; the digest workflow's activity sends them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from mutualplan.models import Health, Phrase
from mutualplan.plan_rows import PlanSummary, is_open, late_lines, seller_language

WEEK = 7
_ORDER: dict[str, int] = {Health.STALLED: 0, Health.AT_RISK: 1, Health.DRAFT: 2, Health.ON_TRACK: 3}


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
        return self.health in (Health.AT_RISK, Health.STALLED)

    @property
    def slipping(self) -> bool:
        return self.projected_go_live > self.go_live


class SellerDigest(BaseModel):
    seller_name: str
    seller_email: str
    week_of: date
    plans: list[PlanWeek]
    days: int = Field(
        default=WEEK, description="the days it covers, as its wording says: Monday's is a week"
    )
    cockpit_url: str = Field(default="", description="the seller's link to all their plans")
    language: str = Field(default="", description="the seller's, else their plan's default")

    @property
    def at_risk(self) -> list[PlanWeek]:
        return [p for p in self.plans if p.needs_attention]


def seller_digests(
    rows: Iterable[PlanSummary], since: datetime, now: datetime
) -> list[SellerDigest]:
    """A digest for each seller with a plan that is open, or that closed since `since`."""
    by_seller: dict[str, list[PlanSummary]] = {}
    for row in rows:
        by_seller.setdefault(row.seller, []).append(row)
    found = (seller_digest(theirs, since, now) for _, theirs in sorted(by_seller.items()))
    return [digest for digest in found if digest is not None]


def seller_digest(
    rows: list[PlanSummary], since: datetime, now: datetime, *, days: int = WEEK
) -> SellerDigest | None:
    """One seller's digest from the list rows of their plans; None if none is open or closed
    since `since`. `days`: the period its wording names (Monday's says "week" even when it
    covers two, after a Monday it could not be sent)."""
    theirs = [r for r in rows if is_open(r) or (r.closed is not None and r.closed >= since)]
    if not theirs:
        return None
    weeks = sorted(
        (plan_week(r, since, now) for r in theirs),
        key=lambda w: (_ORDER.get(w.health, 4), w.go_live, w.deal),
    )
    first = theirs[0]
    return SellerDigest(
        seller_name=first.seller_name or first.seller,
        seller_email=first.seller,
        week_of=now.date(),
        plans=weeks,
        days=days,
        language=seller_language(theirs, first.seller),
    )


def plan_week(row: PlanSummary, since: datetime, now: datetime) -> PlanWeek:
    """A plan's week as its list row says it (health and projection as the plan last read
    them: every morning at 9:00 in its zone, and whenever it changed)."""
    go_live = row.go_live or now.date()
    today = now.astimezone(ZoneInfo(row.timezone)).date()
    return PlanWeek(
        id=row.id,
        deal=row.deal,
        status=row.status,
        health=row.health or row.status,
        progress=row.progress,
        go_live=go_live,
        projected_go_live=(row.projected_go_live or go_live) if is_open(row) else go_live,
        moved=[line.said or line.what for line in row.news if line.at >= since],
        late=late_lines(row, today),
        blocked=[f"{s.title}: {s.blocked}" for s in row.steps if s.blocked],
    )


def next_monday(now: datetime, timezone: str, hour: int) -> datetime:
    """The next Monday at `hour` o'clock in `timezone`, strictly after `now`."""
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    day = local.date() + timedelta(days=(7 - local.weekday()) % 7)
    wake = datetime.combine(day, time(hour), tzinfo=zone)
    return wake if wake > local else wake + timedelta(days=7)
