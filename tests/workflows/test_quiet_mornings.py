"""A plan sleeps through mornings with nothing to do (QUIET_MORNINGS): it wakes on the mornings
that remind, escalate or change what it publishes, and a change that gives an earlier morning
something to do brings the wake forward. On the time-skipping server; each wake is a timer
fired in the plan's history, each reminder an email that arrived."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from email.message import EmailMessage

from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from mutualplan import health
from mutualplan.business_days import add_business_days
from mutualplan.messages import PlanInput
from mutualplan.models import Intent
from mutualplan.settings import Settings
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.plans import sleep_until
from tests.workflows.test_reminders import at_ten, plan_starting, sent_day
from tests.workflows.test_webhooks import reply

JANE = "jane@globex.example"


async def wake_days(env: WorkflowEnvironment, handle: WorkflowHandle) -> list[date]:
    """The days the plan's morning timer fired, over all its runs (UTC is the plan's zone)."""
    days: list[date] = []
    assert handle.first_execution_run_id is not None
    runs = [handle.first_execution_run_id]
    first = await env.client.get_workflow_handle(handle.id, run_id=runs[0]).fetch_history()
    last = first.events[-1]
    while last.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
        runs.append(last.workflow_execution_continued_as_new_event_attributes.new_execution_run_id)
        history = await env.client.get_workflow_handle(handle.id, run_id=runs[-1]).fetch_history()
        last = history.events[-1]
    for run in runs:
        history = await env.client.get_workflow_handle(handle.id, run_id=run).fetch_history()
        days += [
            e.event_time.ToDatetime().date()
            for e in history.events
            if e.event_type == EventType.EVENT_TYPE_TIMER_FIRED
        ]
    return days


def reminders(messages: list[EmailMessage]) -> list[str]:
    return [sent_day(m) for m in messages if "Reminder:" in str(m["Subject"])]


def on(now: datetime, day: date) -> datetime:
    return at_ten(now.replace(year=day.year, month=day.month, day=day.day))


async def test_a_plan_wakes_only_on_the_mornings_that_have_something_to_do(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    env = time_skipping_env
    now = await env.get_current_time()
    plan = plan_starting(now)  # the first step due in 8 business days
    first = plan.milestones[0]
    handle = await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )
    await smtp_sink.wait_for(lambda m: "Your turn" in str(m["Subject"]))
    late_day = add_business_days(first.due, 1)
    await sleep_until(env, on(now, late_day))
    await smtp_sink.wait_for(lambda m: JANE in str(m["To"]) and "Late:" in str(m["Subject"]))

    woke = await wake_days(env, handle)
    mornings = (late_day - now.date()).days
    expected = {add_business_days(first.due, -d) for d in plan.reminders} | {late_day}
    assert expected <= set(woke), "every morning that reminds or escalates"
    assert len(woke) < mornings / 2, f"asleep on most of {mornings} mornings: woke {woke}"
    assert sorted(reminders(smtp_sink.messages)) == sorted(
        add_business_days(first.due, -d).isoformat() for d in plan.reminders
    )
    await handle.terminate()


async def test_a_new_date_brings_the_next_morning_forward(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    """The plan sleeps towards its step's reminders, eight business days out; Jane moves the
    step to two business days from now: its reminders go out on the new date's days."""
    env = time_skipping_env
    now = await env.get_current_time()
    plan = plan_starting(now)
    handle = await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )
    await smtp_sink.wait_for(lambda m: "Your turn" in str(m["Subject"]))
    new_due = add_business_days(now.date(), 2)
    await reply(handle, JANE, Intent.RESCHEDULE, 1, new_due.isoformat())
    current = await handle.query(PlanWorkflow.current_plan)
    assert current.milestones[0].due == new_due
    await sleep_until(env, on(now, new_due) + timedelta(hours=1))
    await smtp_sink.wait_until(lambda: new_due.isoformat() in reminders(smtp_sink.messages))
    expected = [
        add_business_days(new_due, -d).isoformat()
        for d in plan.reminders
        if add_business_days(new_due, -d) > now.date()
    ]
    assert sorted(reminders(smtp_sink.messages)) == sorted(expected)
    assert health.local_day(plan, now) < new_due
    await handle.terminate()


async def test_news_held_before_the_plans_moment_does_not_move_its_morning_to_tomorrow(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    """On the morning of Jane's reminder, at 9:00, before the plan's own moment: the seller
    sends her three notes (the later two wait for her next morning's email). The reminder
    still goes out at the plan's moment that day, with the held notes."""
    env = time_skipping_env
    now = await env.get_current_time()
    plan = plan_starting(now)
    while health.morning_offset(plan.id) < timedelta(minutes=5):  # room before its moment
        plan = plan_starting(now)
    first = plan.milestones[0]
    handle = await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )
    await smtp_sink.wait_for(lambda m: "Your turn" in str(m["Subject"]))
    day = add_business_days(first.due, -max(plan.reminders))
    await sleep_until(env, on(now, day).replace(hour=9, minute=0, second=30))
    await reply(handle, "alex@acme.example", Intent.NOTE, 1, "first note")
    await reply(handle, "alex@acme.example", Intent.NOTE, 1, "second note")
    await reply(handle, "alex@acme.example", Intent.NOTE, 1, "third note")
    await sleep_until(env, on(now, day) + timedelta(hours=2))
    reminder = await smtp_sink.wait_for(lambda m: "Reminder:" in str(m["Subject"]))
    assert sent_day(reminder) == day.isoformat()
    assert "third note" in reminder.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    await handle.terminate()
