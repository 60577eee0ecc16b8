"""Plans already running when the worker is upgraded replay their history without a
nondeterminism error (Temporal's Replayer, the worker's own sandbox settings)."""

from __future__ import annotations

from pathlib import Path

from plans import make_plan
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer
from test_plan_workflow import done_by, start, your_turn

from mutualplan.settings import Settings
from mutualplan.worker.run import checked_runner
from mutualplan.workflows.plan import PlanWorkflow

HISTORIES = Path(__file__).parent.parent / "fixtures" / "histories"
REPLAYER = Replayer(
    workflows=[PlanWorkflow],
    data_converter=pydantic_data_converter,
    workflow_runner=checked_runner(),
)


async def test_a_plan_started_before_emails_went_out_in_parallel_replays() -> None:
    """Recorded by the version that sent a plan's emails one at a time and published unchanged
    search attributes: started, the first milestone done, the second one's email sent."""
    text = (HISTORIES / "plan-before-parallel-mail.json").read_text()
    history = WorkflowHistory.from_json("plan-before-parallel-mail", text)
    await REPLAYER.replay_workflow(history)


async def test_a_plan_started_before_emails_went_out_in_batches_replays() -> None:
    """Recorded by the version that sent each email in an activity of its own, side by side
    (commit 66a91df): the same story as above."""
    text = (HISTORIES / "plan-before-batch-mail.json").read_text()
    history = WorkflowHistory.from_json("plan-before-batch-mail", text)
    await REPLAYER.replay_workflow(history)


async def test_a_plan_started_before_emails_went_out_in_local_activities_replays() -> None:
    """Recorded by the version that sent each batch in an activity task (commit 04c5cbd)."""
    text = (HISTORIES / "plan-before-local-mail.json").read_text()
    history = WorkflowHistory.from_json("plan-before-local-mail", text)
    await REPLAYER.replay_workflow(history)


async def test_a_plan_of_this_version_replays(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    plan = make_plan()
    handle = await start(time_skipping_env, settings, plan)
    first, second = plan.milestones[0], plan.milestones[1]
    email = await smtp_sink.wait_for(your_turn(plan.owner(first).email, first.title))
    await handle.execute_update(PlanWorkflow.apply_reply, done_by(plan.owner(first).email, email))
    await smtp_sink.wait_for(your_turn(plan.owner(second).email, second.title))
    await REPLAYER.replay_workflow(await handle.fetch_history())
