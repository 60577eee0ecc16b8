"""A step moved by an amount ("Can we push this back a week?"), through the real router and plan
workflow (Temporal's time-skipping server; the engine's emails caught by a loopback SMTP server):
the step's own due date moves by that much, and the confirmation says both the amount and the
date it gave (a month: "(1 month later)"); a need ("we need one more week") or a request for more
time ("Could we get one more week?") is asked about first, naming the date."""

from __future__ import annotations

import uuid
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from temporalio.testing import WorkflowEnvironment

from mutualplan.client.plans import get_plan
from mutualplan.devstack.playground import compose_reply, example_start_email
from mutualplan.mail.dates import spoken
from mutualplan.models import Plan, Shift
from mutualplan.settings import Settings
from mutualplan.worker.inbound import InboundRouter

JANE, ALEX = "jane@globex.example", "alex@acme.example"


@pytest.fixture
def settings(smtp_sink: Any) -> Settings:
    return Settings(
        secret="shift-secret",
        smtp_port=smtp_sink.port,
        task_queue=f"shift-{uuid.uuid4().hex[:8]}",
        web_public_url="https://plans.acme.example",
    )


def body(msg: EmailMessage) -> str:
    part = msg.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


async def started(
    router: InboundRouter, settings: Settings, sink: Any, env: WorkflowEnvironment
) -> tuple[Plan, EmailMessage]:
    today = (await env.get_current_time()).date()
    start = example_start_email(settings, template="short", today=today, confirm=True)
    outcome = await router.handle(start.as_bytes())
    assert outcome.applied, outcome.reason
    turn: EmailMessage = await sink.wait_for(
        lambda m: JANE in str(m["To"]) and "Your turn" in str(m["Subject"])
    )
    return await get_plan(env.client, outcome.reason.rsplit(" ", 1)[1]), turn


async def test_push_this_back_a_week_moves_her_step_a_week_and_says_so(
    router: InboundRouter,
    settings: Settings,
    smtp_sink: Any,
    time_skipping_env: WorkflowEnvironment,
) -> None:
    plan, turn = await started(router, settings, smtp_sink, time_skipping_env)
    due = plan.milestones[0].due
    week_later = due + timedelta(weeks=1)

    reply = compose_reply(turn.as_bytes(), sender=JANE, text="Can we push this back a week?")
    assert (await router.handle(reply.as_bytes())).applied

    plan = await get_plan(time_skipping_env.client, plan.id)
    assert plan.milestones[0].due == week_later
    assert plan.milestones[0].history[-1].what == (
        f"moved the due date from {due.isoformat()} to {week_later.isoformat()}"
    )  # a date a person set: a go-live move leaves it
    confirmed = await smtp_sink.wait_for(lambda m: m["In-Reply-To"] == reply["Message-ID"])
    said = " ".join(body(confirmed).split())
    assert JANE in str(confirmed["To"])
    moved = f"moved the due date from {due.isoformat()} to {week_later.isoformat()} (1 week later)"
    assert moved in said, said
    changed = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Changed" in str(m["Subject"])
    )
    assert moved in " ".join(body(changed).split())


async def test_one_more_week_is_asked_about_with_the_date_it_gives(
    router: InboundRouter,
    settings: Settings,
    smtp_sink: Any,
    time_skipping_env: WorkflowEnvironment,
) -> None:
    plan, turn = await started(router, settings, smtp_sink, time_skipping_env)
    due = plan.milestones[0].due

    reply = compose_reply(turn.as_bytes(), sender=JANE, text="We need one more week, sorry.")
    assert (await router.handle(reply.as_bytes())).applied

    asked = await smtp_sink.wait_for(lambda m: m["In-Reply-To"] == reply["Message-ID"])
    said = " ".join(body(asked).split())
    week_later = due + timedelta(weeks=1)
    assert f"Did you mean: new date {spoken(week_later)} (1 week later) for " in said, said
    plan = await get_plan(time_skipping_env.client, plan.id)
    assert plan.milestones[0].due == due, "nothing moves before she says yes"

    yes = compose_reply(asked.as_bytes(), sender=JANE, text="Yes")
    assert (await router.handle(yes.as_bytes())).applied
    plan = await get_plan(time_skipping_env.client, plan.id)
    assert plan.milestones[0].due == week_later


async def test_a_one_line_amount_is_confirmed_with_the_date_it_gave(
    router: InboundRouter,
    settings: Settings,
    smtp_sink: Any,
    time_skipping_env: WorkflowEnvironment,
) -> None:
    plan, turn = await started(router, settings, smtp_sink, time_skipping_env)
    due = plan.milestones[0].due
    two_weeks = due + timedelta(weeks=2)

    reply = compose_reply(turn.as_bytes(), sender=JANE, text="new date: +2 weeks")
    assert (await router.handle(reply.as_bytes())).applied

    plan = await get_plan(time_skipping_env.client, plan.id)
    assert plan.milestones[0].due == two_weeks
    # a one-line command is otherwise not confirmed: she could not know the date it gave
    confirmed = await smtp_sink.wait_for(lambda m: m["In-Reply-To"] == reply["Message-ID"])
    assert f"to {two_weeks.isoformat()} (2 weeks later)" in " ".join(body(confirmed).split())


async def test_push_it_a_month_moves_her_step_a_month_and_says_so(
    router: InboundRouter,
    settings: Settings,
    smtp_sink: Any,
    time_skipping_env: WorkflowEnvironment,
) -> None:
    plan, turn = await started(router, settings, smtp_sink, time_skipping_env)
    due = plan.milestones[0].due
    # the day of the month a month on, or the business day after (tests/edits/test_shifts.py)
    month_later = Shift(count=1, unit="months").applied_to(due, plan.holidays.days_off)
    assert 28 <= (month_later - due).days <= 34

    reply = compose_reply(turn.as_bytes(), sender=JANE, text="Can we push it a month?")
    assert (await router.handle(reply.as_bytes())).applied

    plan = await get_plan(time_skipping_env.client, plan.id)
    assert plan.milestones[0].due == month_later
    confirmed = await smtp_sink.wait_for(lambda m: m["In-Reply-To"] == reply["Message-ID"])
    moved = f"from {due.isoformat()} to {month_later.isoformat()} (1 month later)"
    assert moved in " ".join(body(confirmed).split())


async def test_could_we_get_one_more_week_is_asked_about_with_the_date_it_gives(
    router: InboundRouter,
    settings: Settings,
    smtp_sink: Any,
    time_skipping_env: WorkflowEnvironment,
) -> None:
    plan, turn = await started(router, settings, smtp_sink, time_skipping_env)
    due = plan.milestones[0].due

    reply = compose_reply(turn.as_bytes(), sender=JANE, text="Could we get one more week?")
    assert (await router.handle(reply.as_bytes())).applied

    asked = await smtp_sink.wait_for(lambda m: m["In-Reply-To"] == reply["Message-ID"])
    week_later = due + timedelta(weeks=1)
    said = " ".join(body(asked).split())
    assert f"Did you mean: new date {spoken(week_later)} (1 week later) for " in said, said
    plan = await get_plan(time_skipping_env.client, plan.id)
    assert plan.milestones[0].due == due, "nothing moves before she says yes"
