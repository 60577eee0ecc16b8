"""The forecast from milestones: amounts and close dates as sellers write them, the projected
close of a plan whose signature step slips, and the forecast risk it lands in. Pure."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from mutualplan import forecast
from mutualplan.business_days import business_days_between
from mutualplan.edits import editing
from mutualplan.errors import Refused
from mutualplan.languages import ENGLISH, wording
from mutualplan.mail.commands import read_commands
from mutualplan.mail.reading import read_start_email
from mutualplan.messages import ReplyCommand
from mutualplan.models import Intent, MilestoneStatus, Plan
from mutualplan.plan_rows import summary_of
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.template_files import load_template

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("120,000 USD", "120000", "USD"),
        ("USD 120000", "120000", "USD"),
        ("$120k", "120000", "USD"),
        ("€ 95.000", "95000", "EUR"),
        ("95 000 EUR", "95000", "EUR"),
        ("1.2M EUR", "1200000", "EUR"),
        ("£12,500.50", "12500.5", "GBP"),
        ("1,5 EUR", "1.5", "EUR"),
        ("48000 chf", "48000", "CHF"),
        ("250000", "250000", ""),
    ],
)
def test_amounts_as_sellers_write_them(text: str, amount: str, currency: str) -> None:
    assert forecast.read_amount(text) == (Decimal(amount), currency)


@pytest.mark.parametrize("text", ["", "lots", "TBD", "USD", "9999999999999999999 USD"])
def test_what_is_not_an_amount(text: str) -> None:
    assert forecast.read_amount(text) is None


def signed_plan(close_in_days: int = 30, template: str = "short") -> Plan:
    request = StartRequest(
        message_id=f"{uuid.uuid4()}@acme.example",
        template=template,
        seller=Person(name="Alex Seller", email="alex@acme.example"),
        deal="Globex rollout",
        go_live=(NOW + timedelta(days=60)).date(),
        people=[
            Person(name="Jane Doe", email="jane@globex.example", role="champion"),
            Person(name="Sam Lee", email="sam@globex.example", role="economic-buyer"),
        ],
        confirm=True,
        amount=Decimal(120000),
        currency="USD",
        close=(NOW + timedelta(days=close_in_days)).date(),
    )
    return build_plan(load_template(template), request, plan_id="p1", now=NOW)


def test_the_start_email_carries_amount_and_close() -> None:
    raw = (FIXTURES / "start" / "roles-in-body.eml").read_bytes()
    raw = raw.replace(b"go-live:", b"Amount: 120,000 USD\nClose: 2031-01-22\ngo-live:", 1)
    request = read_start_email(raw, template="short", own_addresses={"plans@acme.example"})
    assert (request.amount, request.currency) == (Decimal(120000), "USD")
    assert request.close is not None and request.close.isoformat() == "2031-01-22"


def test_the_signature_step_is_marked_in_the_built_in_templates() -> None:
    signed = {"enterprise": "contract-signed", "short": "order-signed", "pilot": "order-signed",
              "regulated": "contract-signed", "renewal": "renewal-signed"}  # fmt: skip
    for name, key in signed.items():
        template = load_template(name)
        assert [m.key for m in template.milestones if m.signature] == [key]


def test_on_time_the_projected_close_is_the_signature_steps_due_date() -> None:
    plan = signed_plan()
    step = forecast.signature_step(plan)
    assert step is not None and step.key == "order-signed"
    assert forecast.projected_close(plan, NOW) == step.due


def test_a_signature_step_that_slips_past_the_crm_close_is_forecast_risk() -> None:
    """The first step is a week late; the signature waits for it: the projected close moves by
    the business days it is late, past the CRM close date by that many calendar days."""
    plan = signed_plan()
    signature = forecast.signature_step(plan)
    assert signature is not None
    plan.crm_close = signature.due  # the CRM expects it on the planned day
    first = plan.milestones[0]
    first.status, first.started_at = MilestoneStatus.ACTIVE, NOW - timedelta(days=20)
    first.due = (NOW - timedelta(days=7)).date()
    later = NOW
    late = business_days_between(first.due, later.date())
    projected = forecast.projected_close(plan, later)
    assert projected is not None and business_days_between(signature.due, projected) == late
    plan.projected_close = projected
    row = summary_of(plan, later).deal_row()
    [risk] = forecast.at_risk([row])
    assert risk.deal == "Globex rollout"
    assert risk.days_late == (projected - signature.due).days > 0
    assert (risk.crm_close, risk.projected_close) == (signature.due, projected)


def test_a_done_signature_closes_on_the_day_it_was_done() -> None:
    plan = signed_plan()
    for m in plan.milestones:
        m.status, m.done_at = MilestoneStatus.DONE, NOW - timedelta(days=2)
        if m.signature:
            break
    assert forecast.projected_close(plan, NOW) == (NOW - timedelta(days=2)).date()


def test_months_sum_deals_and_amounts_by_projected_and_crm_close() -> None:
    rows = [
        forecast.DealRow(id="a", deal="A", status="active", amount=Decimal(100), currency="USD",
                         crm_close=NOW.date().replace(day=1),
                         projected_close=NOW.date().replace(day=2)),
        forecast.DealRow(id="b", deal="B", status="active", amount=Decimal(50), currency="EUR",
                         crm_close=NOW.date().replace(day=3), projected_close=None),
        forecast.DealRow(id="c", deal="C", status="cancelled", amount=Decimal(9), currency="USD",
                         crm_close=NOW.date().replace(day=3)),
    ]  # fmt: skip
    [month] = forecast.monthly(rows)
    assert (month.projected_deals, month.crm_deals) == (1, 2)
    assert month.projected_amounts == {"USD": Decimal(100)}
    assert month.crm_amounts == {"USD": Decimal(100), "EUR": Decimal(50)}
    assert wording(ENGLISH).amounts(month.crm_amounts) == "50 EUR + 100 USD"


def test_the_seller_changes_amount_and_close_by_reply() -> None:
    plan = signed_plan()
    today = NOW.date()
    for text, intent in (("amount: 95k EUR", Intent.AMOUNT), ("Close: Jan 22", Intent.CLOSE)):
        [line] = read_commands(text, today)
        assert line.intent is intent
        command = ReplyCommand(message_id=f"{uuid.uuid4()}", sender="alex@acme.example",
                               intent=line.intent, argument=line.argument,
                               received_at=NOW)  # fmt: skip
        editing.check_reply(plan, command, NOW)
        editing.apply(plan, command, NOW)
    assert (plan.amount, plan.currency) == (Decimal(95000), "EUR")
    assert plan.crm_close is not None and (plan.crm_close.month, plan.crm_close.day) == (1, 22)
    buyer = ReplyCommand(message_id="x", sender="jane@globex.example", intent=Intent.AMOUNT,
                         argument="1 USD", received_at=NOW)  # fmt: skip
    with pytest.raises(Refused):
        editing.check_reply(plan, buyer, NOW)
    [cleared] = read_commands("amount: none", today)
    assert (cleared.intent, cleared.argument) == (Intent.AMOUNT, "")
    assert read_commands("close: whenever it suits", today)[0].intent is Intent.UNKNOWN
