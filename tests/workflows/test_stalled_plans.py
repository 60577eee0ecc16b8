"""A plan nobody acts on closes as stalled weeks after its last due date; its seller is told,
may answer "resume" for a while, and after that the plan ends (time-skipping server)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta

import pytest
from temporalio.client import WorkflowFailureError, WorkflowUpdateFailedError
from temporalio.service import RPCError
from temporalio.testing import WorkflowEnvironment

from mutualplan import stalling
from mutualplan.messages import ReplyCommand
from mutualplan.models import Intent, PlanStatus
from mutualplan.settings import Settings
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.plans import done_by, make_plan, sleep_until, start, your_turn

ALEX = "alex@acme.example"


def resume() -> ReplyCommand:
    return ReplyCommand(
        message_id=f"{uuid.uuid4()}@acme.example",
        sender=ALEX,
        intent=Intent.RESUME,
        received_at=datetime.now(UTC),
    )


def stalled_email(m: object) -> bool:
    return ALEX in str(m["To"]) and "Plan stalled" in str(m["Subject"])  # type: ignore[index]


def morning_of(day: object) -> datetime:
    return datetime.combine(day, time(10), tzinfo=UTC)  # type: ignore[arg-type]


async def test_a_plan_nobody_answers_stalls_can_be_resumed_then_ends(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    env = time_skipping_env
    plan = make_plan("short")
    handle = await start(env, settings, plan)
    jane_turn = await smtp_sink.wait_for(your_turn("jane@globex.example", "Proposal reviewed"))

    await sleep_until(env, morning_of(stalling.stalls_on(plan)))
    email = await smtp_sink.wait_for(stalled_email)
    body = email.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    assert "closed as stalled" in body and "\n  resume\n" in body
    current = await handle.query(PlanWorkflow.current_plan)
    assert current.status is PlanStatus.STALLED and current.resume_until is not None
    sent = len(smtp_sink.messages)
    await env.sleep(timedelta(days=10))
    assert len(smtp_sink.messages) == sent, "a stalled plan sends no reminders"

    with pytest.raises(WorkflowUpdateFailedError) as refused:
        await handle.execute_update(
            PlanWorkflow.apply_reply, done_by("jane@globex.example", jane_turn)
        )
    assert "resume" in str(refused.value.cause)
    resumed_at = await env.get_current_time()
    outcome = await handle.execute_update(PlanWorkflow.apply_reply, resume())
    assert outcome.changed and "resumed the plan" in outcome.summary
    await smtp_sink.wait_for(lambda m: ALEX in str(m["To"]) and "resumed" in str(m["Subject"]))
    assert (await handle.query(PlanWorkflow.current_plan)).status is PlanStatus.ACTIVE

    # nobody acts again: it stalls again, and the seller lets the window pass
    again = resumed_at.date() + timedelta(weeks=plan.stall_after_weeks)
    await sleep_until(env, morning_of(again))
    await smtp_sink.wait_until(lambda: sum(map(stalled_email, smtp_sink.messages)) == 2)
    await env.sleep(stalling.RESUME_WITHIN)
    result = await handle.result()
    assert result.plan.status is PlanStatus.STALLED
    ends = [
        m for m in smtp_sink.messages if "Check-in calls end: the plan stalled" in str(m["Subject"])
    ]
    assert {str(m["To"]) for m in ends} == {p.address for p in plan.stakeholders}
    with pytest.raises((WorkflowUpdateFailedError, RPCError, WorkflowFailureError)):
        await handle.execute_update(PlanWorkflow.apply_reply, resume())
