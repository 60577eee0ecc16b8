"""Pure: the forecast a plan's milestones make, and the deal terms a seller writes.

A template marks the step where the deal is signed (`signature: true`); the plan's projected
close is that step's projected date: the day it was done, else its due date pushed by how late
the steps it waits for ran (as the projected go-live is pushed), never before today. Next to the
CRM's close date (`Close:` in the start email) it says which deals will slip out of their month.

    read_amount("120,000 USD") -> (Decimal("120000"), "USD")
    projected_close(plan, now) -> date | None
    monthly(rows) / at_risk(rows): the cockpit's forecast, from list rows
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel, Field

from mutualplan.business_days import add_business_days, business_days_between
from mutualplan.health import local_day
from mutualplan.models import Milestone, MilestoneStatus, Plan

_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "CHF": "CHF"}
_CURRENCY = re.compile(r"\b[A-Za-z]{3}\b")
_NUMBER = re.compile(r"(\d[\d,.' \u00a0\u202f]*)\s*([kKmM]?)\b")
_SCALE = {"": 1, "k": 1_000, "m": 1_000_000}
MAX_AMOUNT = Decimal(10) ** 15


class MonthForecast(BaseModel):
    """One month: deals and amounts by projected close, and by the CRM's close date."""

    month: date = Field(description="the first day of the month")
    projected_deals: int = 0
    projected_amounts: dict[str, Decimal] = Field(default_factory=dict)
    crm_deals: int = 0
    crm_amounts: dict[str, Decimal] = Field(default_factory=dict)


class ForecastRisk(BaseModel):
    """A deal whose projected close is past its CRM close date, by `days_late` days."""

    id: str
    deal: str
    seller: str
    crm_close: date
    projected_close: date
    days_late: int
    amount: Decimal | None = None
    currency: str = ""


class DealRow(BaseModel):
    """What the forecast reads of a plan's list row."""

    id: str
    deal: str
    seller: str = ""
    status: str = ""
    amount: Decimal | None = None
    currency: str = ""
    crm_close: date | None = None
    projected_close: date | None = None


# --- the seller's words ----------------------------------------------------------------------


def read_amount(text: str, default_currency: str = "") -> tuple[Decimal, str] | None:
    """'120,000 USD', 'USD 120000', '$120k', '€ 95.000', '1.2M EUR', '95 000 EUR' -> the amount
    and its ISO currency code; None when no amount can be read."""
    text = text.strip()
    currency = default_currency
    for symbol, code in _SYMBOLS.items():
        if symbol in text:
            currency, text = code, text.replace(symbol, " ")
    if found := _CURRENCY.search(text):
        currency, text = found.group().upper(), text[: found.start()] + text[found.end() :]
    number = _NUMBER.search(text)
    if number is None:
        return None
    value = _decimal(number.group(1).strip())
    if value is None:
        return None
    value *= _SCALE[number.group(2).lower()]
    if not 0 <= value < MAX_AMOUNT:
        return None
    return value.normalize() if value != value.to_integral() else value.quantize(
        Decimal(1)
    ), currency


def _decimal(digits: str) -> Decimal | None:
    """'120,000' and '120.000' are thousands; '1,5' and '1.50' decimals (two or one digits)."""
    digits = re.sub(r"[' \u00a0\u202f]", "", digits)
    separators = [c for c in digits if c in ",."]
    if separators:
        last = max(digits.rfind(","), digits.rfind("."))
        decimals = digits[last + 1 :]
        whole = re.sub(r"[,.]", "", digits[:last])
        if len(decimals) == 3 and (len(separators) > 1 or separators[0] == ","):
            digits = whole + decimals  # 120,000 / 1.200.000 / 1,200,000
        elif len(decimals) == 3 and separators[0] == "." and len(whole) <= 3:
            digits = whole + decimals  # 95.000 (a European thousands mark)
        else:
            digits = f"{whole}.{decimals}"
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def format_amount(amount: Decimal | None, currency: str) -> str:
    """'120,000 USD'; '' without an amount."""
    if amount is None:
        return ""
    shown = f"{amount:,.2f}".removesuffix(".00")
    return f"{shown} {currency}".strip()


# --- the plan's projection -------------------------------------------------------------------


def signature_step(plan: Plan) -> Milestone | None:
    return next((m for m in plan.milestones if m.signature), None)


def projected_close(plan: Plan, now: datetime) -> date | None:
    """The signature step's projected date; None when the plan marks no signature step."""
    step = signature_step(plan)
    if step is None:
        return None
    if step.status is MilestoneStatus.DONE and step.done_at is not None:
        return local_day(plan, step.done_at)
    today = local_day(plan, now)
    slip = _slip_up_to(plan, step, today)
    days_off = plan.holidays.days_off
    return max(add_business_days(step.due, slip, days_off) if slip else step.due, today)


def _slip_up_to(plan: Plan, step: Milestone, today: date) -> int:
    """Business days late of the latest step the signature waits for (or of itself): the
    same reading as the projected go-live's, over the signature's own path only."""
    path = _waits_for(plan, step) | {step.key}
    days_off = plan.holidays.days_off
    slip = 0
    for m in plan.milestones:
        if m.key not in path:
            continue
        if m.status is MilestoneStatus.DONE and m.done_at is not None:
            slip = business_days_between(m.due, local_day(plan, m.done_at), days_off)
        elif m.status is MilestoneStatus.ACTIVE:
            slip = max(slip, business_days_between(m.due, today, days_off))
    return max(slip, 0)


def _waits_for(plan: Plan, step: Milestone) -> set[str]:
    found: set[str] = set()
    todo = list(step.after)
    while todo:
        key = todo.pop()
        if key not in found and (m := plan.milestone(key)) is not None:
            found.add(key)
            todo.extend(m.after)
    return found


# --- the cockpit's forecast ------------------------------------------------------------------

OPEN = {"draft", "active"}


def monthly(rows: Iterable[DealRow]) -> list[MonthForecast]:
    """Per month, the open deals by projected close next to the same deals by CRM close."""
    months: dict[date, MonthForecast] = {}

    def month(day: date) -> MonthForecast:
        first = day.replace(day=1)
        return months.setdefault(first, MonthForecast(month=first))

    for row in rows:
        if row.status not in OPEN:
            continue
        if row.projected_close is not None:
            m = month(row.projected_close)
            m.projected_deals += 1
            _add(m.projected_amounts, row)
        if row.crm_close is not None:
            m = month(row.crm_close)
            m.crm_deals += 1
            _add(m.crm_amounts, row)
    return [months[key] for key in sorted(months)]


def _add(amounts: dict[str, Decimal], row: DealRow) -> None:
    if row.amount is not None:
        key = row.currency or "?"
        amounts[key] = amounts.get(key, Decimal(0)) + row.amount


def at_risk(rows: Iterable[DealRow]) -> list[ForecastRisk]:
    """Open deals whose projected close is past their CRM close date, the latest first."""
    risks = [
        ForecastRisk(
            id=row.id,
            deal=row.deal,
            seller=row.seller,
            crm_close=row.crm_close,
            projected_close=row.projected_close,
            days_late=(row.projected_close - row.crm_close).days,
            amount=row.amount,
            currency=row.currency,
        )
        for row in rows
        if row.status in OPEN
        and row.crm_close is not None
        and row.projected_close is not None
        and row.projected_close > row.crm_close
    ]
    return sorted(risks, key=lambda r: (-r.days_late, r.deal))
