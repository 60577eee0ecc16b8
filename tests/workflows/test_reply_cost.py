"""What one reply costs the plan's workflow, counted in its history: the reply's own workflow
task, one update of the plan's list row, one batch of emails, and no timer started or
cancelled. A plan waits days between replies; at a hundred thousand plans, every command a
reply spares is work neither the worker nor Temporal does."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from mutualplan import search_attributes as sa
from mutualplan.settings import Settings
from mutualplan.workflows import patches
from mutualplan.workflows.plan import QUIET_DAYS, RUN_DAYS, PlanWorkflow
from tests.support.plans import (
    done_by,
    first_morning_after,
    make_plan,
    sleep_until,
    start,
    your_turn,
)

JANE, SAM = "jane@globex.example", "sam@globex.example"


async def events_after(handle: WorkflowHandle, first: int, last_kind: EventType.ValueType) -> list:
    """The events after the first `first`, once one of `last_kind` is among them."""
    for _ in range(200):
        events = (await handle.fetch_history()).events[first:]
        if any(e.event_type == last_kind for e in events):
            return list(events)
        await asyncio.sleep(0.05)
    raise AssertionError(f"no {EventType.Name(last_kind)} after event {first}")


async def test_a_step_done_costs_one_task_one_row_update_one_batch_and_no_timer(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    env = time_skipping_env
    plan = make_plan("short")
    plan.checkin = None
    handle = await start(env, settings, plan)
    jane = await smtp_sink.wait_for(your_turn(JANE, "Proposal reviewed"))
    start_task = await events_after(handle, 0, EventType.EVENT_TYPE_TIMER_STARTED)
    kinds = Counter(e.event_type for e in start_task)
    assert kinds[EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED] == 1, "one card at the start"
    before = len(start_task)

    await handle.execute_update(PlanWorkflow.apply_reply, done_by(JANE, jane))
    await smtp_sink.wait_for(your_turn(SAM, "Budget approved"))

    marker = EventType.EVENT_TYPE_MARKER_RECORDED  # the batch's local activity
    kinds = Counter(e.event_type for e in await events_after(handle, before, marker))
    assert kinds[EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED] == 1
    assert kinds[EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES] == 1
    assert kinds[EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED] == 1  # the memo's card
    assert kinds[marker] == 1, "the seller's 'done' and Sam's 'your turn' in one batch"
    assert kinds[EventType.EVENT_TYPE_TIMER_STARTED] == 0
    assert kinds[EventType.EVENT_TYPE_TIMER_CANCELED] == 0
    await handle.terminate()


async def test_a_new_run_records_one_patch_marker_for_every_patch_before_it(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    """Each patch asked apart costs a run's first task a marker and an upsert of
    TemporalChangeVersion; a run started now records the bundle's alone, and takes them all."""
    env = time_skipping_env
    plan = make_plan("short")
    handle = await start(env, settings, plan)
    await smtp_sink.wait_for(your_turn(JANE, "Proposal reviewed"))
    events = await events_after(handle, 0, EventType.EVENT_TYPE_TIMER_STARTED)
    patch_markers = [
        e for e in events if e.marker_recorded_event_attributes.marker_name == "core_patch"
    ]
    assert len(patch_markers) == 1
    versions = [
        e.upsert_workflow_search_attributes_event_attributes.search_attributes.indexed_fields
        for e in events
        if e.event_type == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES
    ]
    changed = [
        fields["TemporalChangeVersion"].data
        for fields in versions
        if "TemporalChangeVersion" in fields
    ]
    assert changed == [f'["{patches.ALL_OF_2026_12}"]'.encode()]
    # and the run behaves as the patches say: it wakes at its own moment, one timer
    kinds = Counter(e.event_type for e in events)
    assert kinds[EventType.EVENT_TYPE_TIMER_STARTED] == 1
    await handle.terminate()


async def test_a_run_that_continues_as_new_keeps_its_list_row_without_writing_it_again(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    env = time_skipping_env
    started = await env.get_current_time()
    plan = make_plan("short")
    plan.checkin = None
    handle = await start(env, settings, plan)
    first_run = (await handle.describe()).run_id
    await smtp_sink.wait_for(your_turn(JANE, "Proposal reviewed"))
    morning = first_morning_after(started + RUN_DAYS)
    for _ in range(QUIET_DAYS):  # the first morning with something to do, a week on
        await sleep_until(env, morning + timedelta(hours=1))
        described = await handle.describe()
        if described.run_id != first_run:
            break
        morning += timedelta(days=1)
    assert described.run_id != first_run, "the plan continued as new"

    run = env.client.get_workflow_handle(plan.id, run_id=described.run_id)
    events = await events_after(run, 0, EventType.EVENT_TYPE_TIMER_STARTED)
    upserts = [
        e.upsert_workflow_search_attributes_event_attributes.search_attributes.indexed_fields
        for e in events
        if e.event_type == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES
    ]
    ours = [key for fields in upserts for key in fields if key.startswith("MutualPlan")]
    assert ours == [], "nothing in the list row changed overnight"
    kinds = Counter(e.event_type for e in events)
    assert kinds[EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED] == 0
    row = (await run.describe()).typed_search_attributes
    assert row.get(sa.PLAN_SELLER) == "alex@acme.example", "the row the first run published"
    await handle.terminate()
