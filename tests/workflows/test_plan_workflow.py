"""The plan workflow on Temporal's time-skipping test server, sending real mail to an SMTP sink."""

from __future__ import annotations

from datetime import timedelta

import pytest
from temporalio.client import WorkflowUpdateFailedError
from temporalio.testing import WorkflowEnvironment

from mutualplan.mail.reading import read_reply
from mutualplan.models import Intent, MilestoneStatus, PlanStatus
from mutualplan.settings import Settings
from mutualplan.worker.run import build_worker
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.plans import done_by, make_plan, start, your_turn


async def test_plan_runs_from_first_milestone_to_completion_over_90_days(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    plan = make_plan()
    handle = await start(time_skipping_env, settings, plan)
    summary = await smtp_sink.wait_for(lambda m: "Mutual action plan" in str(m["Subject"]))
    assert "alex@acme.example" in str(summary["To"])
    assert "Jane Doe" in summary.get_body(("plain",)).get_content()

    for milestone in plan.milestones:
        owner = plan.owner(milestone)
        email = await smtp_sink.wait_for(your_turn(owner.email, milestone.title))
        assert str(email["Auto-Submitted"]) == "auto-generated"
        await time_skipping_env.sleep(timedelta(days=13))  # the owner takes two weeks
        outcome = await handle.execute_update(PlanWorkflow.apply_reply, done_by(owner.email, email))
        assert outcome.changed
        await smtp_sink.wait_for(
            lambda m, t=milestone.title: (
                "alex@acme.example" in str(m["To"]) and f"Done: {t}" in str(m["Subject"])
            )
        )

    result = await handle.result()
    assert result.plan.status is PlanStatus.COMPLETED
    assert all(m.status is MilestoneStatus.DONE for m in result.plan.milestones)
    first, last = result.plan.milestones[0].done_at, result.plan.milestones[-1].done_at
    assert first and last and last - first >= timedelta(days=78)
    await smtp_sink.wait_for(lambda m: "Plan complete" in str(m["Subject"]))
    # one email per event: summary, 5 check-in invites, 7 turns, 7 done notices, 1 completion,
    # and the check-in series ended (not cancelled: the calls held stay on calendars) for the 5
    # stakeholders (plus any reminders on the way)
    events = [m for m in smtp_sink.messages if "Reminder:" not in str(m["Subject"])]
    assert len(events) == 1 + 5 + 7 + 7 + 1 + 5
    ended = [
        m
        for m in smtp_sink.messages
        if "Check-in calls end: the plan is complete" in str(m["Subject"])
    ]
    assert {str(m["To"]) for m in ended} == {p.address for p in plan.stakeholders}
    assert not [m for m in smtp_sink.messages if "Cancelled: check-in" in str(m["Subject"])]


async def test_only_the_owner_or_the_seller_can_mark_a_milestone_done(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    plan = make_plan("short")
    handle = await start(time_skipping_env, settings, plan)
    email = await smtp_sink.wait_for(your_turn("jane@globex.example", "Proposal reviewed"))

    with pytest.raises(WorkflowUpdateFailedError) as refused:
        await handle.execute_update(PlanWorkflow.apply_reply, done_by("mallory@evil.example"))
    assert "not the owner" in str(refused.value.cause)
    # Sam forwards Jane's email and answers it: the token was Jane's, so it is refused
    with pytest.raises(WorkflowUpdateFailedError) as forwarded:
        await handle.execute_update(PlanWorkflow.apply_reply, done_by("sam@globex.example", email))
    assert "was sent to jane@globex.example" in str(forwarded.value.cause)
    current = await handle.query(PlanWorkflow.current_plan)
    assert current.milestones[0].status is MilestoneStatus.ACTIVE

    outcome = await handle.execute_update(PlanWorkflow.apply_reply, done_by("alex@acme.example"))
    assert outcome.changed, "the seller may mark any active milestone done"
    current = await handle.query(PlanWorkflow.current_plan)
    assert current.milestones[0].status is MilestoneStatus.DONE
    assert current.milestones[0].history[-1].by == "alex@acme.example"
    await handle.terminate()


async def test_the_same_reply_applied_twice_changes_the_plan_once(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    plan = make_plan("short")
    handle = await start(time_skipping_env, settings, plan)
    email = await smtp_sink.wait_for(your_turn("jane@globex.example", "Proposal reviewed"))
    command = done_by("jane@globex.example", email)

    first = await handle.execute_update(PlanWorkflow.apply_reply, command)
    again = await handle.execute_update(PlanWorkflow.apply_reply, command)

    assert first.changed and not again.changed
    await smtp_sink.wait_for(your_turn("sam@globex.example", "Budget approved"))
    current = await handle.query(PlanWorkflow.current_plan)
    assert [m.status for m in current.milestones[:3]] == [
        MilestoneStatus.DONE,
        MilestoneStatus.ACTIVE,
        MilestoneStatus.PENDING,
    ]
    await handle.terminate()


async def test_a_plan_carries_on_after_the_worker_restarts(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink
) -> None:
    plan = make_plan("short")
    # no workflow cache: the test server never times out a dead worker's sticky queue
    async with build_worker(settings, time_skipping_env.client, max_cached_workflows=0):
        handle = await start(time_skipping_env, settings, plan)
        email = await smtp_sink.wait_for(your_turn("jane@globex.example", "Proposal reviewed"))
    # no worker now: the reply waits in Temporal; a new worker replays the plan and applies it
    async with build_worker(settings, time_skipping_env.client):
        await handle.execute_update(PlanWorkflow.apply_reply, done_by("jane@globex.example", email))
        await smtp_sink.wait_for(your_turn("sam@globex.example", "Budget approved"))
    turns = [m for m in smtp_sink.messages if "Your turn" in str(m["Subject"])]
    assert len(turns) == 2, "the restart sent nothing twice"
    await handle.terminate()


def test_reply_tokens_in_plan_emails_read_back() -> None:
    raw = (
        b"From: jane@globex.example\r\nTo: plans+x@mutualplan.localhost\r\n"
        b"Subject: Re: x\r\n\r\nDone\r\n"
    )
    assert read_reply(raw).intent is Intent.DONE


async def test_independent_steps_run_side_by_side(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    """Enterprise: security review (buyer) runs alongside technical validation (seller); the
    contract waits for both the security review and the business case."""
    plan = make_plan("enterprise")
    handle = await start(time_skipping_env, settings, plan)
    first = await smtp_sink.wait_for(your_turn("jane@globex.example", "Agree success criteria"))
    await handle.execute_update(PlanWorkflow.apply_reply, done_by("jane@globex.example", first))

    await smtp_sink.wait_for(your_turn("alex@acme.example", "Technical validation"))
    security = await smtp_sink.wait_for(your_turn("omar@globex.example", "Security and compliance"))
    await handle.execute_update(PlanWorkflow.apply_reply, done_by("omar@globex.example", security))
    current = await handle.query(PlanWorkflow.current_plan)
    states = {m.key: m.status.value for m in current.milestones}
    assert states["technical-validation"] == "active"
    assert states["business-case"] == "pending", "it waits for technical validation"
    assert states["contract-signed"] == "pending", "it waits for the business case too"
    await handle.terminate()
