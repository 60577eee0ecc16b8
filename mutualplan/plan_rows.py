"""Pure: a plan as one row of a list, so lists never query a plan.

The plan workflow keeps a `PlanCard` in its memo (and the few fields a list filters on in search
attributes, `search_attributes.py`); a list call returns both for every plan, and `PlanSummary`
is the two read together: a row of `mutualplan plans`, the cockpit, the digest and the read API.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal

from pydantic import (
    AwareDatetime,
    BaseModel,
    Field,
)

from mutualplan import forecast, health
from mutualplan.business_days import SATURDAY_SUNDAY, DaysOff, business_days_between
from mutualplan.models import (
    ENGINE,
    LANGUAGE_NAMES,
    Event,
    MilestoneStatus,
    Phrase,
    Plan,
    SaidOnce,
    Side,
    phrase,
    plural_phrase,
    step_title,
    term,
)

MEMO_KEY = "plan"
# the digest looks back to the last one sent: a week; two after one that could not be sent, a
# day more for one that goes out late
NEWS_DAYS = 15
NEWS_DAYS_BEFORE = 8  # what a card kept in runs from before (see `card_of`)
NEWS_LINES = 20
STEPS_SHOWN = 3


class StepCard(BaseModel):
    """A step in progress."""

    number: int
    title: str
    owner: str = Field(description="the owner's name, else their address")
    owner_email: str = ""
    due: date
    blocked: str = ""


class NewsLine(SaidOnce):
    """One line of a plan's news (`said`: the same, to show in the seller's language)."""

    at: AwareDatetime


class CardDaysOff(BaseModel):
    """The days a list skips when it says how late a step is: the plan's weekend, and its
    holidays from its earliest open step's due date on (earlier ones never count)."""

    weekend: list[int] = Field(default_factory=lambda: sorted(SATURDAY_SUNDAY))
    holidays: list[date] = Field(default_factory=list)

    @property
    def counted(self) -> DaysOff:
        return DaysOff(holidays=frozenset(self.holidays), weekend=frozenset(self.weekend))


class PlanCard(BaseModel):
    """What a list shows of a plan beyond its search attributes (the workflow's memo)."""

    buyer: str = Field(default="", description="the buyer's company")
    seller_name: str = ""
    seller_id: int = 1
    seller_language: str = Field(
        default="",
        description="the seller's language, else the plan's default ('': the operator's)",
    )
    steps: list[StepCard] = Field(default_factory=list, description="steps in progress")
    done: int = 0
    total: int = 0
    last_buyer_action: AwareDatetime | None = None
    buyer_opened: AwareDatetime | None = Field(
        default=None, description="when someone on the buyer side last opened the plan page"
    )
    amount: Decimal | None = None
    currency: str = ""
    crm_close: date | None = None
    projected_close: date | None = None
    timezone: str = "UTC"
    news: list[NewsLine] = Field(
        default_factory=list, description="what happened in the last days, oldest first"
    )
    days_off: CardDaysOff | None = Field(
        default=None,
        description="what a late step's days skip; None: calendar days (a card from before)",
    )

    def days_late(self, due: date, today: date) -> int:
        """Days a step due on `due` is late on `today`, as its plan's health counts them: its
        business days (calendar days on a card from a plan that counted them so)."""
        if self.days_off is None:
            return max((today - due).days, 0)
        return max(business_days_between(due, today, self.days_off.counted), 0)


class PlanSummary(PlanCard):
    """One plan as a list shows it: its search attributes and its card."""

    id: str
    deal: str = ""
    seller: str = ""
    status: str = ""
    progress: int = 0
    health: str = ""
    go_live: date | None = None
    projected_go_live: date | None = None
    started: datetime | None = None
    closed: datetime | None = None

    def deal_row(self) -> forecast.DealRow:
        fields = forecast.DealRow.model_fields
        return forecast.DealRow.model_construct(**{name: getattr(self, name) for name in fields})

    def days_since_buyer_acted(self, now: datetime) -> int | None:
        if self.last_buyer_action is None:
            return None
        return max((now - self.last_buyer_action).days, 0)

    @property
    def slipped_days(self) -> int:
        """Calendar days the projected go-live is past the go-live."""
        if self.go_live is None or self.projected_go_live is None:
            return 0
        return max((self.projected_go_live - self.go_live).days, 0)


def card_of(plan: Plan, now: datetime, *, before: bool = False) -> PlanCard:
    """The plan's card as of `now`: its news reaches back NEWS_DAYS, its late steps count the
    plan's business days. `before`: the card as runs from before made it (calendar days, news
    of NEWS_DAYS_BEFORE), which they keep until they continue as new."""
    news_days = NEWS_DAYS_BEFORE if before else NEWS_DAYS
    buyers = {s.email for s in plan.stakeholders if s.side is Side.BUYER}
    opened = [e.at for e in plan.history if e.what == health.PAGE_OPENED and e.by in buyers]
    last_action = health.last_buyer_action(plan)
    return PlanCard(
        buyer=buyer_company(plan),
        seller_name=plan.seller.display,
        seller_id=plan.seller_id,
        seller_language=plan.seller.language or plan.language,
        steps=[_step(plan, m.number) for m in plan.active_milestones[:STEPS_SHOWN]],
        done=plan.done_count,
        total=len(plan.milestones),
        last_buyer_action=last_action if last_action != plan.created_at else None,
        buyer_opened=max(opened, default=None),
        amount=plan.amount,
        currency=plan.currency,
        crm_close=plan.crm_close,
        projected_close=forecast.projected_close(plan, now),
        timezone=plan.timezone,
        news=news(plan, now - timedelta(days=news_days))[-NEWS_LINES:],
        days_off=None if before else _days_off(plan),
    )


def _days_off(plan: Plan) -> CardDaysOff:
    dues = [m.due for m in plan.active_milestones]
    since = min(dues, default=None)
    days = plan.holidays.days
    holidays = [] if since is None else [day for day in sorted(days) if day > since]
    return CardDaysOff(weekend=list(plan.holidays.weekend), holidays=holidays)


def summary_of(plan: Plan, now: datetime) -> PlanSummary:
    """The row a list would show for `plan` (tests and benchmarks build rows this way)."""
    return PlanSummary(
        **card_of(plan, now).model_dump(),
        id=plan.id,
        deal=plan.deal,
        seller=plan.seller.email,
        status=plan.status.value,
        progress=plan.progress_percent,
        health=health.read_health(plan, now),
        go_live=plan.go_live,
        projected_go_live=health.projected_go_live(plan, now),
        started=plan.created_at,
    )


def _step(plan: Plan, number: int) -> StepCard:
    m = plan.milestone_by_number(number)
    assert m is not None
    owner = plan.owner(m)
    return StepCard(
        number=m.number,
        title=m.titles.get(plan.seller.language or plan.language, m.title)[:200],
        owner=owner.display[:200],
        owner_email=owner.email,
        due=m.due,
        blocked=m.blocked[:200],
    )


def buyer_company(plan: Plan) -> str:
    """The buyer's company as their address says it: globex.example -> Globex."""
    buyer = next((s for s in plan.stakeholders if s.side is Side.BUYER), None)
    if buyer is None:
        return ""
    return buyer.email.rpartition("@")[2].split(".")[0].replace("-", " ").title()


def news(plan: Plan, since: datetime) -> list[NewsLine]:
    """The plan's events since `since`, oldest first: steps done, dates and owners changed,
    plan changes, with who did them (the engine's own step starts left out)."""
    lines = [
        _line(e, phrase("{what} ({who})", what=_said(e), who=_who(plan, e.by)))
        for e in plan.history
        if e.at >= since
    ]
    for m in plan.milestones:
        lines += [
            _line(
                e,
                phrase(
                    "{title}: {what} ({who})",
                    title=step_title(m),
                    what=_said(e),
                    who=_who(plan, e.by),
                ),
            )
            for e in m.history
            if e.at >= since and e.by != ENGINE
        ]
    return sorted(lines, key=lambda line: line.at)


def _line(event: Event, said: Phrase) -> NewsLine:
    return NewsLine(at=event.at, what=said.english(), said=said)


def _said(event: Event) -> Phrase:
    """What happened, to say in any language: the engine's own words ("started") are terms."""
    return event.said or term(event.what)


def _who(plan: Plan, by: str) -> str:
    if by == ENGINE:
        return "mutualplan"
    person = plan.stakeholder_by_email(by)
    return person.display if person else by


def late_lines(row: PlanSummary, today: date) -> list[Phrase]:
    """'Security review (Kim): 3 days late' for each step in progress past its due date."""
    lines = []
    for step in row.steps:
        days = row.days_late(step.due, today)
        if days > 0:
            lines.append(
                plural_phrase(
                    "{title} ({owner}): {count} day late",
                    "{title} ({owner}): {count} days late",
                    days,
                    title=step.title,
                    owner=step.owner,
                )
            )
    return lines


def seller_language(rows: Iterable[PlanSummary], seller: str) -> str:
    """The language `seller` reads as their own plans know it (given for them, read from their
    replies, else the plan template's): their latest plan's with one, so the one they set last
    wins; '' when none has one (the operator's default, or a manager's browser, then applies).
    The Monday digest and the cockpit both speak it."""
    seller = seller.lower()
    known = [
        (r.started.timestamp() if r.started else float("-inf"), r.seller_language)
        for r in rows
        if r.seller.lower() == seller and r.seller_language in LANGUAGE_NAMES
    ]
    return max(known, key=lambda k: k[0])[1] if known else ""


def is_open(row: PlanSummary) -> bool:
    return row.status in (MilestoneStatus.ACTIVE.value, "draft")
