"""Plans already running when the worker is upgraded replay their history without a
nondeterminism error (Temporal's Replayer, the worker's own sandbox settings).

`tests/fixtures/histories/` holds a history recorded by each released version
(docs/development.md: a change to the workflow's commands goes behind `workflow.patched`).
Until the version is tagged its history may be recorded again; record it with:
`MUTUALPLAN_RECORD_HISTORY=1 pytest tests/workflows/test_replay.py -k this_version`."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from mutualplan import __version__
from mutualplan.models import Intent
from mutualplan.settings import Settings
from mutualplan.worker.run import checked_runner
from mutualplan.workflows.plan import QUIET_DAYS, RUN_DAYS, PlanWorkflow
from tests.support.plans import done_by, make_plan, start, your_turn

HISTORIES = Path(__file__).parent.parent / "fixtures" / "histories"
REPLAYER = Replayer(
    workflows=[PlanWorkflow],
    data_converter=pydantic_data_converter,
    workflow_runner=checked_runner(),
)


@pytest.mark.parametrize("path", sorted(HISTORIES.glob("plan-*.json")), ids=lambda p: p.stem)
async def test_a_plan_recorded_by_a_released_version_replays(path: Path) -> None:
    history = WorkflowHistory.from_json(path.stem, path.read_text())
    await REPLAYER.replay_workflow(history)


async def test_a_plan_of_this_version_replays(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    """A plan's first run: started, the first milestone done, the second one's email sent, a
    note held for the next morning, the mornings with reminders, then continued as new at the
    first morning with something to do after a week."""
    env = time_skipping_env
    plan = make_plan("short")
    handle = await start(env, settings, plan)
    first_run = (await handle.describe()).run_id
    first, second = plan.milestones[0], plan.milestones[1]
    email = await smtp_sink.wait_for(your_turn(plan.owner(first).email, first.title))
    await handle.execute_update(PlanWorkflow.apply_reply, done_by(plan.owner(first).email, email))
    await smtp_sink.wait_for(your_turn(plan.owner(second).email, second.title))
    note = done_by("alex@acme.example").model_copy(
        update={"intent": Intent.NOTE, "argument": "Sam is back Monday", "milestone_number": 2}
    )
    await handle.execute_update(PlanWorkflow.apply_reply, note)
    for _ in range(RUN_DAYS.days + QUIET_DAYS):  # until a morning with something to do
        await env.sleep(timedelta(days=1))
        if (await handle.describe()).run_id != first_run:
            break
    assert (await handle.describe()).run_id != first_run, "the first run continued as new"
    history = await env.client.get_workflow_handle(plan.id, run_id=first_run).fetch_history()
    await REPLAYER.replay_workflow(history)
    if os.environ.get("MUTUALPLAN_RECORD_HISTORY"):
        (HISTORIES / f"plan-{__version__}.json").write_text(history.to_json())
    await handle.terminate()
