"""Step numbers are never reused: a reply to a removed step's email is refused with the reason,
and never lands on a newer step (the security review's finding 10, on the time-skipping
server with the emails' own reply tokens)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from temporalio.client import WorkflowUpdateFailedError
from temporalio.testing import WorkflowEnvironment

from mutualplan.messages import ReplyCommand
from mutualplan.models import Intent, NewStep
from mutualplan.settings import Settings
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.plans import command_of, done_by, make_plan, start, your_turn

ALEX, KIM = "alex@acme.example", "kim@globex.example"


def seller(intent: Intent, argument: str = "", details: NewStep | None = None) -> ReplyCommand:
    return command_of(ALEX, intent, argument, details=details)


async def test_a_reply_to_a_removed_step_is_refused_and_its_number_not_given_again(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    plan = make_plan("short")
    handle = await start(time_skipping_env, settings, plan)
    await smtp_sink.wait_for(your_turn("jane@globex.example", "Proposal reviewed"))
    due = (await time_skipping_env.get_current_time()).date() + timedelta(days=20)

    pilot = NewStep(title="Pilot review", due=due, owner=KIM)
    await handle.execute_update(PlanWorkflow.apply_reply, seller(Intent.ADD_STEP, details=pilot))
    kims = await smtp_sink.wait_for(your_turn(KIM, "Pilot review"))
    await handle.execute_update(PlanWorkflow.apply_reply, seller(Intent.REMOVE_STEP, "6"))
    dpa = NewStep(title="Sign the DPA", due=due, owner=KIM)
    await handle.execute_update(PlanWorkflow.apply_reply, seller(Intent.ADD_STEP, details=dpa))
    await smtp_sink.wait_for(your_turn(KIM, "Sign the DPA"))

    with pytest.raises(WorkflowUpdateFailedError) as refused:
        await handle.execute_update(PlanWorkflow.apply_reply, done_by(KIM, kims))
    assert "step #6 \u201cPilot review\u201d was removed from the plan" in str(refused.value.cause)
    current = await handle.query(PlanWorkflow.current_plan)
    added = [(m.number, m.title, m.status.value) for m in current.milestones if m.number > 5]
    assert added == [(7, "Sign the DPA", "active")]
    await handle.terminate()
