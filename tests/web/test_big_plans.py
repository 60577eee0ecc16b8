"""A hundred notes of the largest size leave a plan readable: the query answers, and the plan
page, `mutualplan status` and `mutualplan link` work (time-skipping server, real worker)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner
from starlette.testclient import TestClient
from temporalio.testing import WorkflowEnvironment

from mutualplan import limits
from mutualplan.cli import main
from mutualplan.messages import ReplyCommand
from mutualplan.models import Intent
from mutualplan.settings import Settings
from mutualplan.web.app import build_app
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.web import ALEX, BASE_URL, JANE, SECRET, link_in, start_plan, web_plan, your_turn

NOTES = 100


def jane_note(n: int) -> ReplyCommand:
    return ReplyCommand(
        message_id=f"{uuid.uuid4()}@globex.example",
        sender=JANE,
        milestone_number=1,
        intent=Intent.NOTE,
        argument=f"note {n}: " + "lorem ipsum " * 100_000,  # 1.2 MB, as the security review sent
        received_at=datetime.now(UTC),
    )


async def test_a_hundred_of_the_longest_notes_leave_the_plan_readable(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker, tmp_path: Path
) -> None:
    env = time_skipping_env
    plan = web_plan()
    handle = await start_plan(env, settings, plan)
    email = await smtp_sink.wait_for(your_turn(JANE))
    for n in range(NOTES):  # each note also goes to the seller by email
        await handle.execute_update(PlanWorkflow.apply_reply, jane_note(n))

    current = await handle.query(PlanWorkflow.current_plan)
    notes = [e.what for e in current.milestones[0].history if e.what.startswith("note: note ")]
    assert len(notes) == NOTES and all(len(n) <= limits.NOTE + 6 for n in notes)
    assert len(current.model_dump_json()) < 400_000

    cli = CliRunner()
    env_vars = {
        "MUTUALPLAN_TEMPORAL_ADDRESS": env.client.service_client.config.target_host,
        "MUTUALPLAN_SECRET": SECRET,
        "MUTUALPLAN_WEB_PUBLIC_URL": BASE_URL,
        "MUTUALPLAN_DATA_DIR": str(tmp_path),
    }
    status = await asyncio.to_thread(cli.invoke, main, ["status", plan.id], env=env_vars)
    assert status.exit_code == 0, status.output
    assert "Proposal reviewed and agreed" in status.output and "note 99" in status.output
    assert "note 84" not in status.output  # the newest lines of history, each on one line
    assert len(status.output) < 10_000 and max(map(len, status.output.splitlines())) < 250
    link = await asyncio.to_thread(cli.invoke, main, ["link", plan.id, ALEX], env=env_vars)
    assert link.exit_code == 0 and link.output.startswith(f"{BASE_URL}/p/"), link.output

    with TestClient(build_app(settings, env.client), base_url=BASE_URL) as browser:
        page = await asyncio.to_thread(browser.get, link_in(email, "no password needed):"))
    assert page.status_code == 200 and "note 99: lorem ipsum" in page.text
    await handle.terminate()
