"""The seller's cockpit: every plan of a seller (or a manager's team) as rows, sorted and
filtered by plain links, with the forecast. Pure: list rows in, a view model and CSV out."""

from __future__ import annotations

import contextlib
import csv
import gc
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel

from mutualplan import forecast
from mutualplan.languages import TERMS, accepted_language
from mutualplan.models import Health, Phrase, phrase
from mutualplan.plan_rows import PlanSummary, seller_language

# the filter's choices (slugs in the URL) and the health values each stands for
HEALTH_FILTERS: dict[str, tuple[Health, ...]] = {
    "all": (),
    "at-risk": (Health.AT_RISK,),
    "stalled": (Health.STALLED,),
    "on-track": (Health.ON_TRACK,),
    "draft": (Health.DRAFT,),
    "closed": (Health.COMPLETED, Health.CANCELLED),
}
_RANK: dict[str, int] = {
    Health.STALLED: 0,
    Health.AT_RISK: 1,
    Health.DRAFT: 2,
    Health.ON_TRACK: 3,
    Health.COMPLETED: 4,
    Health.CANCELLED: 5,
}


@dataclass(slots=True)
class StepCell:
    title: str
    owner: str
    due: date
    days_late: int
    blocked: str


@dataclass(slots=True)
class CockpitRow:
    """One row as the page shows it (a dataclass: ten thousand are made per page)."""

    id: str
    deal: str
    buyer: str
    seller: str
    seller_name: str
    health: str
    progress: int
    done: int
    total: int
    go_live: date | None
    projected_go_live: date | None
    slipped_days: int
    step: StepCell | None
    more_steps: int
    acted_days: int | None
    opened: date | None
    amount: Decimal | None
    currency: str
    crm_close: date | None
    projected_close: date | None
    close_slip_days: int
    plan_url: str


class SortLink(BaseModel):
    key: str
    label: Phrase  # said in the reader's language by the page
    url: str
    current: str  # "asc", "desc" or ""


class FilterLink(BaseModel):
    key: str
    label: Phrase
    url: str
    count: int
    current: bool


@dataclass(slots=True)
class CockpitView:
    person: str
    team: bool
    today: date
    rows: list[CockpitRow]
    total: int
    sort_links: list[SortLink]
    filter_links: list[FilterLink]
    csv_url: str
    months: list[forecast.MonthForecast]
    risks: list[forecast.ForecastRisk]


# column key -> (label, the value it sorts by); the words a plan's health and a role are
# already said in (TERMS) are the labels' words too
_COLUMNS: dict[str, tuple[Phrase, Callable[[CockpitRow], Any]]] = {
    "deal": (phrase("Deal"), lambda r: r.deal.lower()),
    "buyer": (TERMS["buyer"], lambda r: r.buyer.lower()),
    "seller": (TERMS["Seller"], lambda r: r.seller_name.lower()),
    "health": (phrase("Health"), lambda r: _RANK.get(r.health, 9)),
    "progress": (phrase("Progress"), lambda r: r.progress),
    "go-live": (phrase("Go-live"), lambda r: r.go_live or date.max),
    "projected": (
        phrase("Projected"),
        lambda r: (r.slipped_days, r.projected_go_live or date.max),
    ),
    "step": (phrase("Step in progress"), lambda r: r.step.due if r.step else date.max),
    "acted": (
        phrase("Buyer acted"),
        lambda r: r.acted_days if r.acted_days is not None else 10**6,
    ),
    "opened": (phrase("Buyer opened"), lambda r: r.opened or date.min),
    "amount": (phrase("Amount"), lambda r: r.amount if r.amount is not None else Decimal(-1)),
    "close": (phrase("CRM close"), lambda r: r.crm_close or date.max),
    "projected-close": (
        phrase("Projected close"),
        lambda r: (r.close_slip_days, r.projected_close or date.max),
    ),
}
SORTS = tuple(_COLUMNS)
# the filters' labels (the page writes each with a capital): a health as the badges say it
_FILTER_LABELS: dict[str, Phrase] = {
    "all": phrase("All"),
    "at-risk": TERMS[Health.AT_RISK],
    "stalled": TERMS[Health.STALLED],
    "on-track": TERMS[Health.ON_TRACK],
    "draft": TERMS[Health.DRAFT],
    "closed": phrase("Closed"),
}


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Build and render a big cockpit with Python's cyclic garbage collector paused: ten
    thousand rows allocate a million short-lived objects, none of them in cycles, and each
    collection they set off walks every object the process holds (at 10,000 plans that was
    half the time of the page; bench/cockpit.py). Reference counting frees them as usual."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def cockpit_view(
    rows: Iterable[PlanSummary],
    *,
    person: str,
    team: bool,
    now: datetime,
    health: str = "all",
    sort: str = "",
    descending: bool = False,
    plan_url: Callable[[PlanSummary], str] = lambda row: "",
    base_url: str = "",
) -> CockpitView:
    """The cockpit of `person`: the rows `health` picks, sorted by `sort` (at risk and stalled
    first when none), with the forecast of every open plan listed."""
    summaries = list(rows)
    today = now.date()
    every = [_row(s, now, plan_url(s)) for s in summaries]
    wanted = HEALTH_FILTERS.get(health, ())
    shown = [r for r in every if not wanted or r.health in wanted]
    if sort in _COLUMNS:
        shown.sort(key=_COLUMNS[sort][1], reverse=descending)
    else:
        shown.sort(key=lambda r: (_RANK.get(r.health, 9), r.go_live or date.max, r.deal))
    deals = [s.deal_row() for s in summaries]
    return CockpitView(
        person=person,
        team=team,
        today=today,
        rows=shown,
        total=len(every),
        sort_links=_sort_links(base_url, health, sort, descending, team),
        filter_links=_filter_links(base_url, every, health, sort, descending),
        csv_url=f"{base_url}/plans.csv?" + urlencode(_params(health, sort, descending)),
        months=forecast.monthly(deals),
        risks=forecast.at_risk(deals),
    )


def cockpit_language(
    rows: Iterable[PlanSummary], person: str, accept_language: str, default: str
) -> str:
    """The language of `person`'s cockpit: theirs as their own plans know it, else the one
    their browser asks for (`accept_language`, the header), else the operator's `default`."""
    return seller_language(rows, person) or accepted_language(accept_language) or default


def _row(s: PlanSummary, now: datetime, plan_url: str) -> CockpitRow:
    today = _local(s, now)
    step = s.steps[0] if s.steps else None
    slip = (
        (s.projected_close - s.crm_close).days
        if s.projected_close and s.crm_close and s.projected_close > s.crm_close
        else 0
    )
    return CockpitRow(
        id=s.id,
        deal=s.deal,
        buyer=s.buyer,
        seller=s.seller,
        seller_name=s.seller_name or s.seller,
        health=s.health or s.status,
        progress=s.progress,
        done=s.done,
        total=s.total,
        go_live=s.go_live,
        projected_go_live=s.projected_go_live,
        slipped_days=s.slipped_days,
        step=StepCell(
            title=step.title,
            owner=step.owner,
            due=step.due,
            days_late=s.days_late(step.due, today),
            blocked=step.blocked,
        )
        if step
        else None,
        more_steps=max(len(s.steps) - 1, 0),
        acted_days=s.days_since_buyer_acted(now),
        opened=s.buyer_opened.date() if s.buyer_opened else None,
        amount=s.amount,
        currency=s.currency,
        crm_close=s.crm_close,
        projected_close=s.projected_close,
        close_slip_days=slip,
        plan_url=plan_url,
    )


def _local(s: PlanSummary, now: datetime) -> date:
    """Today where the plan is (its due dates are days there)."""
    try:
        return now.astimezone(ZoneInfo(s.timezone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        return now.date()


def _params(health: str, sort: str, descending: bool) -> dict[str, str]:
    params = {}
    if health != "all":
        params["health"] = health
    if sort:
        params["sort"] = sort
        if descending:
            params["dir"] = "desc"
    return params


def _sort_links(base: str, health: str, sort: str, descending: bool, team: bool) -> list[SortLink]:
    links = []
    for key, (label, _) in _COLUMNS.items():
        if key == "seller" and not team:
            continue
        flip = key == sort and not descending  # a second click sorts the other way
        query = urlencode(_params(health, key, flip))
        current = ("desc" if descending else "asc") if key == sort else ""
        links.append(SortLink(key=key, label=label, url=f"{base}?{query}", current=current))
    return links


def _filter_links(
    base: str, rows: list[CockpitRow], health: str, sort: str, descending: bool
) -> list[FilterLink]:
    links = []
    for key, values in HEALTH_FILTERS.items():
        count = sum(1 for r in rows if not values or r.health in values)
        query = urlencode(_params(key, sort, descending))
        url = f"{base}?{query}" if query else base
        links.append(FilterLink(key=key, label=_FILTER_LABELS[key], url=url, count=count,
                                current=key == health))  # fmt: skip
    return links


CSV_COLUMNS = [
    "id", "deal", "buyer", "seller", "health", "progress", "go_live", "projected_go_live",
    "slipped_days", "step", "step_owner", "step_due", "step_blocked", "buyer_acted_days_ago",
    "buyer_opened", "amount", "currency", "crm_close", "projected_close", "close_slip_days",
]  # fmt: skip


def cockpit_csv(view: CockpitView, rows: dict[str, PlanSummary]) -> str:
    """The table as CSV, in the order and with the filter the page shows."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in view.rows:
        s = rows[r.id]
        writer.writerow([_cell(v) for v in (
            r.id, r.deal, r.buyer, r.seller, r.health, r.progress, r.go_live,
            r.projected_go_live, r.slipped_days, r.step.title if r.step else "",
            r.step.owner if r.step else "", r.step.due if r.step else "",
            r.step.blocked if r.step else "", r.acted_days, r.opened,
            s.amount if s.amount is not None else "", s.currency, r.crm_close,
            r.projected_close, r.close_slip_days,
        )])  # fmt: skip
    return out.getvalue()


def _cell(value: object) -> str:
    """A CSV cell; text a spreadsheet would run as a formula is quoted with an apostrophe."""
    text = "" if value is None else str(value)
    risky = text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(text)
    return "'" + text if risky else text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
