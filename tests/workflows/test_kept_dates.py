"""A date a person set stays set when go-live moves (KEPT_DATES), on the time-skipping server:
the owner of step 3 gives it a new date, the seller moves go-live, and everyone's email says
what moved and that step 3 kept the date its owner set. A step the seller added with its date
keeps it the same way (KEPT_ADDED_DATES). The plan's history replays; plans recorded before
KEPT_DATES and before KEPT_ADDED_DATES replay too (tests/workflows/test_replay.py, the
histories `plan-0.3.0.dev0-before-kept-dates.json` and
`plan-0.3.0.dev0-before-kept-added-dates.json`, recorded with `recorded_before_kept_dates` and
`recorded_before_kept_added_dates` below, each by the code of `main` just before)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta
from email.message import EmailMessage
from typing import Any

from temporalio.client import WorkflowHandle, WorkflowHistory
from temporalio.testing import WorkflowEnvironment

from mutualplan.business_days import add_business_days
from mutualplan.messages import PlanInput, ReplyCommand
from mutualplan.models import Intent, NewStep, Plan
from mutualplan.plan_templates import due_from_go_live
from mutualplan.settings import Settings
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.plans import sleep_until
from tests.workflows.test_reminders import at_ten, plan_starting, sent_day
from tests.workflows.test_replay import REPLAYER
from tests.workflows.test_webhooks import reply

SELLER = "alex@acme.example"
OMAR = "omar@globex.example"


async def set_by_hand_then_go_live(
    env: WorkflowEnvironment,
    settings: Settings,
    smtp_sink: Any,
    number: int,
    by: int,
) -> tuple[WorkflowHandle[PlanWorkflow, object], Plan, datetime]:
    """A running plan (go-live 20 business days out, no calls); step `number`'s owner moves it
    `by` business days (earlier if negative), then the seller moves go-live ten business days
    later. The plan as started, and when it started."""
    now = await env.get_current_time()
    plan = plan_starting(now)
    handle = await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )
    await smtp_sink.wait_for(lambda m: "Your turn" in str(m["Subject"]))
    step = plan.milestones[number - 1]
    set_on = add_business_days(step.due, by)
    await reply(handle, plan.owner(step).email, Intent.RESCHEDULE, number, set_on.isoformat())
    go_live = add_business_days(plan.go_live, 10)
    await reply(handle, SELLER, Intent.GO_LIVE, 0, go_live.isoformat())
    return handle, plan, now


async def first_run_history(
    env: WorkflowEnvironment, handle: WorkflowHandle[PlanWorkflow, object]
) -> WorkflowHistory:
    """The history of the plan's first run (a week on, it continues as new)."""
    run = handle.first_execution_run_id
    return await env.client.get_workflow_handle(handle.id, run_id=run).fetch_history()


def body(email: EmailMessage) -> str:
    """The plain text, its wrapped lines joined."""
    return " ".join(email.get_body(("plain",)).get_content().split())  # type: ignore[union-attr]


async def test_a_date_its_owner_set_stays_when_go_live_moves_and_the_email_says_so(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    env = time_skipping_env
    handle, plan, now = await set_by_hand_then_go_live(env, settings, smtp_sink, 3, 2)
    third, owner = plan.milestones[2], plan.owner(plan.milestones[2])
    set_on = add_business_days(third.due, 2)
    current = await handle.query(PlanWorkflow.current_plan)
    go_live = current.go_live
    assert go_live == add_business_days(plan.go_live, 10)
    assert current.milestones[2].due == set_on, "the date its owner set"
    for before, m in zip(plan.milestones, current.milestones, strict=True):
        if m.number != 3:
            assert m.due == due_from_go_live(go_live, before.offset or 0, plan.holidays.days_off)
            assert m.due > before.due

    told = await smtp_sink.wait_for(  # Omar's comes at once (Jane's waits for her morning)
        lambda m: "omar@globex.example" in str(m["To"]) and "Kept as people set" in body(m)
    )
    text = body(told)
    assert f"New dates: {plan.milestones[0].title}:" in text
    moved = text.split("New dates:")[1].split("Kept as")[0]
    assert third.title not in moved, "step 3 did not move"
    assert f"Kept as people set them: {third.title}: " in text
    assert f"(set by {owner.display})" in text
    assert "after the new go-live" not in text  # still before it

    await sleep_until(env, at_ten(now + timedelta(days=14)))  # reminders on the new dates
    await REPLAYER.replay_workflow(await first_run_history(env, handle))
    await handle.terminate()


async def recorded_before_kept_dates(
    env: WorkflowEnvironment,
    settings: Settings,
    smtp_sink: Any,
) -> str:
    """The history `plan-0.3.0.dev0-before-kept-dates.json` was recorded from, by the code
    before KEPT_DATES: Jane moves her running step 1 four business days earlier, the seller
    moves go-live (which moved step 1 too, then, past its first week), and a week passes, with
    no reminder. Replayed by code that kept step 1's date, it would remind her in that week.
    The history of that first run, as JSON."""
    handle, _, now = await set_by_hand_then_go_live(env, settings, smtp_sink, 1, -4)
    await sleep_until(env, at_ten(now + timedelta(days=14)))
    history = await first_run_history(env, handle)
    await handle.terminate()
    return history.to_json()


async def added_then_go_live(
    env: WorkflowEnvironment, settings: Settings, smtp_sink: Any
) -> tuple[WorkflowHandle[PlanWorkflow, object], Plan, datetime]:
    """A running plan (go-live 20 business days out, no calls); the seller adds step #6
    "Security review" for Omar, due in four business days (it starts at once: it waits for
    nothing), then moves go-live ten business days later. The plan as started, and when."""
    now = await env.get_current_time()
    plan = plan_starting(now)
    handle = await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )
    await smtp_sink.wait_for(lambda m: "Your turn" in str(m["Subject"]))
    due = add_business_days(now.date(), 4, plan.holidays.days_off)
    step = NewStep(title="Security review", due=due, owner=OMAR)
    await handle.execute_update(
        PlanWorkflow.apply_reply,
        ReplyCommand(
            message_id=f"{uuid.uuid4()}@acme.example",
            sender=SELLER,
            intent=Intent.ADD_STEP,
            argument=f"Security review, due {due.isoformat()}, owner {OMAR}",
            details=step,
            received_at=now,
        ),
    )
    go_live = add_business_days(plan.go_live, 10)
    await reply(handle, SELLER, Intent.GO_LIVE, 0, go_live.isoformat())
    return handle, plan, now


async def test_a_step_added_with_its_date_keeps_it_when_go_live_moves_and_is_reminded_on_it(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    env = time_skipping_env
    handle, plan, now = await added_then_go_live(env, settings, smtp_sink)
    due = add_business_days(now.date(), 4, plan.holidays.days_off)
    current = await handle.query(PlanWorkflow.current_plan)
    added = current.milestones[-1]
    assert (added.number, added.title, added.due) == (6, "Security review", due)
    assert current.milestones[0].due > plan.milestones[0].due, "the worked-out steps moved"

    told = await smtp_sink.wait_for(  # Sam's comes at once (Omar heard twice today already)
        lambda m: "sam@globex.example" in str(m["To"]) and "Kept as people set" in body(m)
    )
    text = body(told)
    assert "Security review" not in text.split("New dates:")[1].split("Kept as")[0]
    assert "Kept as people set them: Security review: " in text
    assert "(set by Alex Seller)" in text

    await sleep_until(env, at_ten(datetime.combine(due, time(), tzinfo=UTC)))

    def reminded() -> list[str]:  # three business days before the date the seller set, and on it
        return [
            sent_day(m)
            for m in smtp_sink.to(OMAR)
            if str(m["Subject"]).startswith("[Globex rollout] Reminder: Security review")
        ]

    before = add_business_days(due, -3, plan.holidays.days_off)
    await smtp_sink.wait_until(lambda: len(reminded()) == 2)
    assert reminded() == [before.isoformat(), due.isoformat()]
    await sleep_until(env, at_ten(now + timedelta(days=14)))
    await REPLAYER.replay_workflow(await first_run_history(env, handle))
    await handle.terminate()


async def recorded_before_kept_added_dates(
    env: WorkflowEnvironment,
    settings: Settings,
    smtp_sink: Any,
) -> str:
    """The history `plan-0.3.0.dev0-before-kept-added-dates.json` was recorded from, by the
    code before KEPT_ADDED_DATES: the seller adds "Security review" for Omar, due in four
    business days, and moves go-live (which moved the added step ten business days on, then),
    and a week passes with no reminder to Omar. Replayed by code that kept the added step's
    date, it would remind him in that week. The history of that first run, as JSON."""
    handle, _, now = await added_then_go_live(env, settings, smtp_sink)
    await sleep_until(env, at_ten(now + timedelta(days=14)))
    history = await first_run_history(env, handle)
    await handle.terminate()
    return history.to_json()
