"""A plan's run continues as new at a morning wake after a week, and the next run goes on
where it stopped: a reply applied before is still known, held news still goes out the next
morning, and every email keeps a Message-ID of its own (nothing is sent twice)."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from temporalio.api.enums.v1 import EventType
from temporalio.testing import WorkflowEnvironment

from mutualplan.messages import ReplyCommand
from mutualplan.models import Intent
from mutualplan.settings import Settings
from mutualplan.workflows.plan import RUN_DAYS, PlanWorkflow
from tests.support.plans import (
    done_by,
    first_morning_after,
    make_plan,
    sleep_until,
    start,
    your_turn,
)

ALEX, SAM = "alex@acme.example", "sam@globex.example"


def seller_note(text: str) -> ReplyCommand:
    """Alex's note on step 2 (Sam's): Sam hears of it."""
    return ReplyCommand(
        message_id=f"{uuid.uuid4()}@acme.example",
        sender=ALEX,
        milestone_number=2,
        intent=Intent.NOTE,
        argument=text,
        received_at=datetime.now(UTC),
    )


def to_sam_with(line: str) -> object:
    def match(m: EmailMessage) -> bool:
        body = m.get_body(("plain",))
        return SAM in str(m["To"]) and body is not None and line in body.get_content()

    return match


async def test_a_plan_that_continues_as_new_loses_nothing(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    env = time_skipping_env
    started = await env.get_current_time()
    plan = make_plan("short")
    plan.checkin = None  # fewer emails to look through
    handle = await start(env, settings, plan)
    first_run = (await handle.describe()).run_id
    jane = await smtp_sink.wait_for(your_turn("jane@globex.example", "Proposal reviewed"))
    reply = done_by("jane@globex.example", jane)
    assert (await handle.execute_update(PlanWorkflow.apply_reply, reply)).changed
    await smtp_sink.wait_for(your_turn(SAM, "Budget approved"))

    # the evening before the run's last morning: Sam hears of the first note, the second waits
    last_morning = first_morning_after(started + RUN_DAYS)
    await sleep_until(env, last_morning - timedelta(hours=3))
    await handle.execute_update(PlanWorkflow.apply_reply, seller_note("first note"))
    await smtp_sink.wait_for(to_sam_with("first note"))
    await handle.execute_update(PlanWorkflow.apply_reply, seller_note("second note"))

    await sleep_until(env, last_morning + timedelta(hours=1))
    await smtp_sink.wait_for(to_sam_with("second note"))  # the morning's email, then the new run
    assert (await handle.describe()).run_id != first_run, "the plan continued as new"
    history = await env.client.get_workflow_handle(plan.id, run_id=first_run).fetch_history()
    assert history.events[-1].event_type is EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW

    again = await handle.execute_update(PlanWorkflow.apply_reply, reply)
    assert not again.changed, "Jane's reply is still known after the run changed"
    # Sam had his email this morning (in the last run) and did not act: the news waits
    await handle.execute_update(PlanWorkflow.apply_reply, seller_note("third note"))
    await env.sleep(timedelta(hours=1))
    assert not [m for m in smtp_sink.messages if to_sam_with("third note")(m)]
    await sleep_until(env, last_morning + timedelta(days=1, hours=1))
    await smtp_sink.wait_for(to_sam_with("third note"))

    ids = Counter(str(m["Message-ID"]) for m in smtp_sink.messages)
    assert set(ids.values()) == {1}, "every email has a Message-ID of its own"
    current = await handle.query(PlanWorkflow.current_plan)
    assert [m.status.value for m in current.milestones[:2]] == ["done", "active"]
    await handle.terminate()
