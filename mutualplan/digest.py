"""Pure: the seller's Monday digest, one per seller across their plans.

What moved in the week, what is late, what is at risk, and where each plan is really heading
(the projected go-live). List rows in (`plan_rows.PlanSummary`: no plan is queried), digests
out; the digest workflow's activity sends them.

A digest names the period it covers. Monday's, sent on its Monday a week after the last, says
"week of"; one sent later (the worker was down on Monday) or after a digest that could not be
sent covers everything since the last one went out and says "since" that day, and a late one says
it was due on Monday. Plans' cards keep NEWS_DAYS of news: a digest whose last one is further
back covers (and says) those days only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from mutualplan.models import Health, Phrase
from mutualplan.plan_rows import NEWS_DAYS, PlanSummary, is_open, late_lines, seller_language

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
    since: date | None = Field(
        default=None,
        description="the day its period starts when it is not a week to its Monday nor `days`",
    )
    due: date | None = Field(default=None, description="the Monday it was due, if sent later")
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
    rows: list[PlanSummary],
    since: datetime,
    now: datetime,
    *,
    days: int = WEEK,
    due: datetime | None = None,
    timezone: str = "UTC",
) -> SellerDigest | None:
    """One seller's digest from the list rows of their plans; None if none is open or closed
    since `since`. `days`: the period its wording names (`mutualplan digest --days N`). `due`:
    the Monday morning the digest workflow sends it for; then the period is the time from
    `since` (the last digest sent) to `now`, named as the module says, in `timezone`'s days."""
    theirs = [r for r in rows if is_open(r) or (r.closed is not None and r.closed >= since)]
    if not theirs:
        return None
    start = covered_since(since, now) if due is not None else since
    weeks = sorted(
        (plan_week(r, start, now) for r in theirs),
        key=lambda w: (_ORDER.get(w.health, 4), w.go_live, w.deal),
    )
    first = theirs[0]
    return SellerDigest(
        seller_name=first.seller_name or first.seller,
        seller_email=first.seller,
        week_of=_day(now, timezone),
        plans=weeks,
        days=days,
        language=seller_language(theirs, first.seller),
        **(_period(start, now, due, timezone) if due is not None else {}),
    )


def covered_since(since: datetime, now: datetime) -> datetime:
    """Where a digest's news starts: the last digest, unless plans' cards no longer keep news
    from that far back (NEWS_DAYS)."""
    return max(since, now - timedelta(days=NEWS_DAYS))


def _period(start: datetime, now: datetime, due: datetime, timezone: str) -> dict[str, date]:
    """Nothing when the digest is Monday's week, sent on its Monday; else the day it covers
    from, and the Monday it was due if it goes out after it."""
    today, monday, first = _day(now, timezone), _day(due, timezone), _day(start, timezone)
    if today == monday and first == monday - timedelta(days=WEEK):
        return {}
    return {"since": first, **({"due": monday} if today > monday else {})}


def _day(instant: datetime, timezone: str) -> date:
    return instant.astimezone(ZoneInfo(timezone)).date()


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
