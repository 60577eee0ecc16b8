"""`mutualplan mail example` makes a plan the way a seller's start email does, its buyer's
country's public holidays with it (`Holidays: US`: Globex is in the United States), so none of
its dates falls on Christmas Day, New Year's Day or any other US holiday, whatever day the dev
user sends it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from temporalio.testing import WorkflowEnvironment

from mutualplan.business_days import is_business_day
from mutualplan.client.plans import get_plan
from mutualplan.devstack.playground import EXAMPLE_HOLIDAYS, example_start_email
from mutualplan.mail.compose import Renderer
from mutualplan.mail.reading import read_start_email
from mutualplan.mail.send import SmtpSender
from mutualplan.models import Plan
from mutualplan.planning import build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template
from mutualplan.worker.inbound import InboundRouter
from mutualplan.worker.run import build_worker

ALEX = "alex@acme.example"


@pytest.fixture
def settings(smtp_sink: Any) -> Settings:
    return Settings(
        secret="example-plan-secret",
        smtp_port=smtp_sink.port,
        task_queue=f"example-{uuid.uuid4().hex[:8]}",
    )


def the_year_end(today: date) -> list[date]:
    """Every day from mid-October to New Year's Eve of this year: plans sent then run over
    Thanksgiving, Christmas and New Year's Day."""
    first = date(today.year, 10, 15)
    return [first + timedelta(days=n) for n in range((date(today.year, 12, 31) - first).days + 1)]


def planned(settings: Settings, template: str, today: date) -> Plan:
    """The plan the engine makes of the example start email sent on `today`."""
    msg = example_start_email(settings, template=template, today=today)
    own = {settings.plans_address}
    request = read_start_email(msg.as_bytes(), template=template, own_addresses=own)
    now = datetime.combine(today, time(10), tzinfo=UTC)
    return build_plan(load_template(template), request, plan_id="example1", now=now)


@pytest.mark.parametrize("template", ["enterprise", "short"])
def test_no_date_of_the_example_falls_on_a_holiday_whenever_it_is_sent(
    settings: Settings, template: str
) -> None:
    today = datetime.now(UTC).date()
    for day in the_year_end(today):
        plan = planned(settings, template, day)
        assert plan.holidays.calendars == [EXAMPLE_HOLIDAYS]
        days_off = plan.holidays.days_off
        dates = [plan.go_live, *(m.due for m in plan.milestones)]
        off = [d for d in dates if not is_business_day(d, days_off)]
        assert not off, f"sent {day}: {off} fall on a weekend or a US holiday"
        assert not [d for d in dates if (d.month, d.day) in ((12, 25), (1, 1))], day


def body(msg: EmailMessage) -> str:
    part = msg.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


async def test_the_example_draft_says_the_us_holidays_its_dates_skip(
    settings: Settings, smtp_sink: Any, time_skipping_env: WorkflowEnvironment
) -> None:
    """As `mutualplan mail example` then `mail inbox alex@acme.example` show it: the draft
    Alex gets keeps its dates off the holidays and names those they skip."""
    today = (await time_skipping_env.get_current_time()).date()
    client = time_skipping_env.client
    async with build_worker(settings, client):
        router = InboundRouter(settings, client, SmtpSender(settings.smtp), Renderer())
        started = await router.handle(
            example_start_email(settings, template="enterprise", today=today).as_bytes()
        )
        assert started.applied, started.reason
        draft = await smtp_sink.wait_for(lambda m: ALEX in str(m["To"]))
        plan = await get_plan(client, started.reason.rsplit(" ", 1)[1])
    dues = [m.due for m in plan.milestones]
    assert all(is_business_day(d, plan.holidays.days_off) for d in [*dues, plan.go_live])
    skipped = [d for d in plan.holidays.days if min(dues) <= d <= plan.go_live]
    if skipped:  # the 45 business days to go-live span a US holiday most of the year
        assert "Due dates skip the public holidays of US: " in " ".join(body(draft).split())
