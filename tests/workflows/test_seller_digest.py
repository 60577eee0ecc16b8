"""The sellers' Monday digest on the time-skipping server: one email per seller each Monday
morning, saying what moved, what is late, what is at risk and where each plan is heading."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

import pytest
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from mutualplan.business_days import add_business_days, business_days_between
from mutualplan.client.plan_list import summary_of_execution
from mutualplan.digest import next_monday
from mutualplan.mail.tokens import plan_id_for
from mutualplan.messages import DigestSchedule, PlanInput, ReplyCommand
from mutualplan.models import Intent, Plan
from mutualplan.plan_rows import PlanSummary
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template
from mutualplan.worker.run import build_worker
from mutualplan.workflows.digest import SellerDigestWorkflow
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.plans import PEOPLE


class NamedPlans:
    """The plans of this test by id (the time-skipping server has no visibility to list them),
    each read as a list reads it: its search attributes and memo, no query."""

    def __init__(self, client: Client) -> None:
        self.client, self.ids = client, list[str]()

    async def rows(self) -> list[PlanSummary]:
        handles = [self.client.get_workflow_handle(plan_id) for plan_id in self.ids]
        return [summary_of_execution(await handle.describe()) for handle in handles]

    async def by_seller(self, since: datetime) -> AsyncIterator[list[PlanSummary]]:
        rows = await self.rows()
        for seller in sorted({row.seller for row in rows}):
            yield [row for row in rows if row.seller == seller]

    async def plans_of(self, seller: str, since: datetime) -> list[PlanSummary]:
        return [row for row in await self.rows() if row.seller == seller]


@pytest.fixture
async def directory(time_skipping_env: WorkflowEnvironment) -> NamedPlans:
    return NamedPlans(time_skipping_env.client)


@pytest.fixture
async def digest_worker(
    time_skipping_env: WorkflowEnvironment, settings: Settings, directory: NamedPlans
) -> AsyncIterator[Worker]:
    async with build_worker(settings, time_skipping_env.client, plan_directory=directory) as w:
        yield w


def plan_for(seller: str, deal: str, now: datetime) -> Plan:
    request = StartRequest(
        message_id=f"{uuid.uuid4()}@acme.example",
        template="short",
        seller=Person(name=seller.split("@")[0].title(), email=seller),
        deal=deal,
        go_live=add_business_days(now.date(), 20),
        people=PEOPLE,
        confirm=True,
    )
    template = load_template("short").model_copy(update={"checkin": None})
    return build_plan(template, request, plan_id=plan_id_for(request.message_id), now=now)


def digest_to(address: str):  # type: ignore[no-untyped-def]
    return lambda m: address in str(m["To"]) and "Your plans this week" in str(m["Subject"])


def text(email: EmailMessage) -> str:
    body = email.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    return str(body).replace("\r\n", "\n")


async def test_each_seller_gets_one_digest_every_monday_morning(
    time_skipping_env: WorkflowEnvironment,
    settings: Settings,
    smtp_sink,
    digest_worker,
    directory: NamedPlans,
) -> None:
    env = time_skipping_env
    now = await env.get_current_time()
    if next_monday(now, "UTC", 8) - now < timedelta(days=1):
        # started on a Monday morning (or a Sunday night), the first digest would go out within
        # hours and the third would find the plans not yet two weeks old: start a day later
        await env.sleep(timedelta(days=1))
        now = await env.get_current_time()
    globex = plan_for("alex@acme.example", "Globex rollout", now)
    initech = plan_for("alex@acme.example", "Initech pilot", now)
    hooli = plan_for("bob@acme.example", "Hooli expansion", now)
    handles = {}
    for plan in (globex, initech, hooli):
        directory.ids.append(plan.id)
        handles[plan.deal] = await env.client.start_workflow(
            PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
        )
    await env.client.start_workflow(
        SellerDigestWorkflow.run,
        DigestSchedule(timezone="UTC"),
        id=f"digest-{uuid.uuid4()}",
        task_queue=settings.task_queue,
    )
    done = ReplyCommand(
        message_id=f"{uuid.uuid4()}@globex.example",
        sender="jane@globex.example",
        intent=Intent.DONE,
        received_at=datetime.now(UTC),
    )
    # Jane answers her "Your turn" (an update sent before the plan's first task has run could
    # reach it before the step started: "say which step you mean")
    await smtp_sink.wait_for(
        lambda m: "jane@" in str(m["To"]) and "[Globex rollout] Your turn" in str(m["Subject"])
    )
    await handles["Globex rollout"].execute_update(PlanWorkflow.apply_reply, done)

    monday = next_monday(now, "UTC", 8)
    await env.sleep(monday - now + timedelta(minutes=5))
    first = await smtp_sink.wait_for(digest_to("alex@acme.example"))
    assert parsedate_to_datetime(str(first["Date"])) == monday
    assert str(first["Subject"]) == "Your plans this week: 2 plans"
    body = text(first)
    assert "Globex rollout" in body and "Initech pilot" in body and "Hooli" not in body
    assert "Proposal reviewed and agreed: marked done (Jane Doe)" in body
    bobs = await smtp_sink.wait_for(digest_to("bob@acme.example"))
    assert "Hooli expansion" in text(bobs) and "Nothing moved this week." in text(bobs)

    # two weeks on, the first steps of Initech and Hooli are late: at risk, heading later
    await env.sleep(timedelta(days=14))
    await smtp_sink.wait_until(
        lambda: len([m for m in smtp_sink.messages if digest_to("alex@")(m)]) == 3
    )
    third = [m for m in smtp_sink.messages if digest_to("alex@acme.example")(m)][-1]
    assert str(third["Subject"]) == "Your plans this week: 2 plans, 2 at risk"
    body = text(third)
    # no buyer has acted on either for 14 days: stalled; Initech's first step is also late
    assert f"Globex rollout ({globex.id}) - stalled, 20% done\n" in body
    assert f"Initech pilot ({initech.id}) - stalled, 0% done\n" in body
    # how late (in business days) depends on the weekday the test runs on: counted from the dates
    that_monday, due = (monday + timedelta(days=14)).date(), initech.milestones[0].due
    days = business_days_between(due, that_monday, initech.holidays.days_off)
    late = f"{initech.milestones[0].title} (Jane Doe): {days} days late"
    # where the plan is heading as it read it last (each morning at 9:00; the digest is at 8)
    [row] = [r for r in await directory.rows() if r.id == initech.id]
    projected = row.projected_go_live
    assert projected is not None and projected > initech.go_live
    assert f"heading for {projected:%a %d %b %Y}\n   Late:\n     - {late}\n" in body
    for handle in handles.values():
        await handle.terminate()
