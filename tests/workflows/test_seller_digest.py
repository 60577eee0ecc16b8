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
from mutualplan.languages import wording
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
    assert monday <= parsedate_to_datetime(str(first["Date"])) < monday + timedelta(minutes=1)
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


def a_digest_to(address: str):  # type: ignore[no-untyped-def]
    return lambda m: address in str(m["To"]) and str(m["Subject"]).startswith("Your plans ")


class Clock:
    """When the digests' activity finds it is: `at`, else long ago (the workflow's time then)."""

    def __init__(self) -> None:
        self.at = datetime(2000, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at


async def test_a_digest_that_goes_out_late_says_so_and_the_next_repeats_nothing(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, directory: NamedPlans
) -> None:
    """Monday's digest cannot go out until Tuesday 10:00 (the mail server was down; a worker
    down on Monday morning sends it the same way when it is back): it goes out once, covering
    and saying everything since the last one, and that it comes late; the next Monday's covers
    the days since then, not a week, and repeats nothing."""
    env, english, clock = time_skipping_env, wording("en"), Clock()
    now = await env.get_current_time()
    if next_monday(now, "UTC", 8) - now < timedelta(days=1):
        await env.sleep(timedelta(days=1))  # as above: the first digest a day or more away
        now = await env.get_current_time()
    plan = plan_for("alex@acme.example", "Globex rollout", now)
    directory.ids.append(plan.id)
    first_monday = next_monday(now, "UTC", 8)
    missed = first_monday + timedelta(days=7)
    back = missed + timedelta(days=1, hours=2)

    def digests() -> list[EmailMessage]:
        return [m for m in smtp_sink.messages if a_digest_to("alex@")(m)]

    async with build_worker(settings, env.client, plan_directory=directory, clock=clock):
        handle = await env.client.start_workflow(
            PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
        )
        await env.client.start_workflow(
            SellerDigestWorkflow.run,
            DigestSchedule(timezone="UTC"),
            id=f"digest-{uuid.uuid4()}",
            task_queue=settings.task_queue,
        )
        await env.sleep(first_monday - now + timedelta(minutes=5))
        weekly = await smtp_sink.wait_for(a_digest_to("alex@"))
        assert str(weekly["Subject"]) == "Your plans this week: 1 plan"
        await smtp_sink.wait_for(
            lambda m: "jane@" in str(m["To"]) and "[Globex rollout] Your turn" in str(m["Subject"])
        )
        done = ReplyCommand(
            message_id=f"{uuid.uuid4()}@globex.example",
            sender="jane@globex.example",
            intent=Intent.DONE,
            received_at=datetime.now(UTC),
        )
        await handle.execute_update(PlanWorkflow.apply_reply, done)

        clock.at = back  # Monday's digest finds itself sent on Tuesday at 10:00
        await env.sleep(missed - await env.get_current_time() + timedelta(minutes=5))
        await smtp_sink.wait_until(lambda: len(digests()) == 2)
        late = digests()[-1]
        assert parsedate_to_datetime(str(late["Date"])) == back
        since = first_monday.date()
        assert str(late["Subject"]) == f"Your plans since {since:%a %d %b}: 1 plan"
        body = text(late)
        assert f"Your mutual action plans since {english.longdate(since)}: 1 plan" in body
        assert (
            f"This digest was due {english.longdate(missed.date())} and comes late: it covers "
            f"what moved since {english.longdate(since)}." in body
        )
        assert "week" not in body.split("\n--\n")[0]
        assert "Proposal reviewed and agreed: marked done (Jane Doe)" in body

        # the next Monday's covers Tuesday 10:00 to Monday, says so, and repeats nothing
        clock.at = datetime(2000, 1, 1, tzinfo=UTC)
        next_one = missed + timedelta(days=7)
        await env.sleep(next_one - await env.get_current_time() + timedelta(minutes=5))
        await smtp_sink.wait_until(lambda: len(digests()) == 3)
        after = digests()[-1]
        sent = parsedate_to_datetime(str(after["Date"]))
        assert next_one <= sent < next_one + timedelta(minutes=1)
        assert str(after["Subject"]).startswith(f"Your plans since {back:%a %d %b}: 1 plan")
        body = text(after)
        assert f"Your mutual action plans since {english.longdate(back.date())}:" in body
        assert "comes late" not in body and "marked done" not in body
        assert len(digests()) == 3
    await handle.terminate()
