"""A plan's draft review on the time-skipping server: the seller and the champion see it first,
change it by email, and nothing goes to anyone else until the seller confirms it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage

import pytest
from temporalio.client import WorkflowHandle, WorkflowUpdateFailedError
from temporalio.testing import WorkflowEnvironment

from mutualplan.mail.reading import read_reply
from mutualplan.mail.tokens import read_token
from mutualplan.messages import PlanInput, ReplyCommand
from mutualplan.models import MilestoneStatus, Plan, PlanStatus
from mutualplan.settings import Settings
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.plans import SECRET, make_plan

SELLER, JANE, SAM, OMAR = (
    "alex@acme.example",
    "jane@globex.example",
    "sam@globex.example",
    "omar@globex.example",
)


async def start(env: WorkflowEnvironment, settings: Settings, plan: Plan) -> WorkflowHandle:
    return await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )


def answer(sender: str, email: EmailMessage, text: str) -> ReplyCommand:
    """What the mail listener makes of `sender` answering `email` with `text`."""
    token = str(email["Reply-To"]).split("+", 1)[1].split("@", 1)[0]
    claims = read_token(SECRET.encode(), token)
    assert claims is not None
    raw = f"From: {sender}\r\nSubject: Re: plan\r\nMessage-ID: <{uuid.uuid4()}@x>\r\n\r\n{text}\r\n"
    reply = read_reply(raw.encode(), today=date.today())
    return ReplyCommand(
        message_id=reply.message_id,
        sender=sender,
        milestone_number=reply.step or claims.milestone_number or None,
        token_stakeholder_id=claims.stakeholder_id,
        intent=reply.intent,
        argument=reply.argument,
        received_at=datetime.now(UTC),
        more=reply.more,
    )


def draft_to(address: str):  # type: ignore[no-untyped-def]
    return lambda m: address in str(m["To"]) and "Draft plan for review" in str(m["Subject"])


async def refused(handle: WorkflowHandle, command: ReplyCommand) -> str:
    with pytest.raises(WorkflowUpdateFailedError) as error:
        await handle.execute_update(PlanWorkflow.apply_reply, command)
    return str(error.value.cause)


async def test_draft_is_reviewed_changed_and_confirmed_before_anyone_else_hears(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    plan = make_plan("short", confirm=False)
    handle = await start(time_skipping_env, settings, plan)
    for_seller = await smtp_sink.wait_for(draft_to(SELLER))
    for_jane = await smtp_sink.wait_for(draft_to(JANE))
    body = for_jane.get_body(("plain",)).get_content()
    assert "#2" in body and "Budget approved" in body and "approve" in body

    # the champion answers with three changes in one reply: one email tells the seller of all
    moved, pilot_due = plan.go_live - timedelta(days=10), plan.go_live - timedelta(days=7)
    changes = (
        f"#2 new date: {moved}\n"
        f"add step: Pilot review, due {pilot_due}, owner omar@globex.example, after #2\n"
        "criterion: 50 stores live in the first month\n\nThanks, Jane"
    )
    outcome = await handle.execute_update(PlanWorkflow.apply_reply, answer(JANE, for_jane, changes))
    assert outcome.changed
    notice = await smtp_sink.wait_for(
        lambda m: SELLER in str(m["To"]) and "Jane Doe" in str(m["Subject"])
    )
    text = notice.get_body(("plain",)).get_content()
    assert str(moved) in text and "50 stores live" in text
    current = await handle.query(PlanWorkflow.current_plan)
    pilot = current.milestones[-1]
    assert (pilot.number, pilot.title, pilot.due) == (6, "Pilot review", pilot_due)
    assert current.owner(pilot).email == OMAR and pilot.after == ["budget-approval"]
    assert current.milestone_by_number(2).due == moved  # type: ignore[union-attr]
    assert current.success_criteria[-1] == "50 stores live in the first month"

    # a reply is applied whole or not at all; the draft cannot be worked on yet
    not_moved = plan.go_live - timedelta(days=28)
    assert "line 2: there is no step #99" in await refused(
        handle, answer(JANE, for_jane, f"#1 new date: {not_moved}\nremove step 99")
    )
    assert "still a draft" in await refused(handle, answer(JANE, for_jane, "#1 done"))
    later = plan.go_live + timedelta(days=31)
    assert "only the seller" in await refused(handle, answer(JANE, for_jane, f"go-live: {later}"))
    current = await handle.query(PlanWorkflow.current_plan)
    assert current.milestone_by_number(1).due != not_moved  # type: ignore[union-attr]

    await handle.execute_update(PlanWorkflow.apply_reply, answer(JANE, for_jane, "Approved!"))
    await smtp_sink.wait_for(
        lambda m: SELLER in str(m["To"]) and "approved the draft" in str(m["Subject"])
    )
    assert (await handle.query(PlanWorkflow.current_plan)).status is PlanStatus.DRAFT
    quiet = {SAM, OMAR, "priya@globex.example"}
    assert not [m for m in smtp_sink.messages if any(p in str(m["To"]) for p in quiet)]

    await handle.execute_update(PlanWorkflow.apply_reply, answer(SELLER, for_seller, "confirm"))
    await smtp_sink.wait_for(lambda m: JANE in str(m["To"]) and "Your turn" in str(m["Subject"]))
    for person in (SELLER, JANE):
        await smtp_sink.wait_for(
            lambda m, p=person: p in str(m["To"]) and "Mutual action plan" in str(m["Subject"])
        )
    for person in (SAM, OMAR):
        await smtp_sink.wait_for(
            lambda m, p=person: p in str(m["To"]) and "Check-in call" in str(m["Subject"])
        )
    current = await handle.query(PlanWorkflow.current_plan)
    assert current.status is PlanStatus.ACTIVE
    assert [e.what for e in current.history if e.by == SELLER] == ["confirmed the plan"]
    await handle.terminate()


async def test_seller_removes_a_step_and_the_one_waiting_for_it_starts(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    plan = make_plan("short")
    handle = await start(time_skipping_env, settings, plan)
    summary = await smtp_sink.wait_for(lambda m: "Mutual action plan" in str(m["Subject"]))
    turn = await smtp_sink.wait_for(lambda m: JANE in str(m["To"]) and "Your turn" in m["Subject"])

    assert "only the seller" in await refused(handle, answer(JANE, turn, "remove step 1"))
    await handle.execute_update(PlanWorkflow.apply_reply, answer(SELLER, summary, "remove step 1"))

    await smtp_sink.wait_for(lambda m: SAM in str(m["To"]) and "Your turn: Budget" in m["Subject"])
    # Jane had her email today and has not acted since: the news waits for tomorrow morning
    await time_skipping_env.sleep(timedelta(days=1))
    held = await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and "1 update since yesterday" in m["Subject"]
    )
    assert "Alex Seller removed step #1" in held.get_body(("plain",)).get_content()
    to_jane = [str(m["Subject"]) for m in smtp_sink.messages if JANE in str(m["To"])]
    assert not [s for s in to_jane if "removed step" in s], "no separate email for it"
    current = await handle.query(PlanWorkflow.current_plan)
    assert [m.number for m in current.milestones] == [2, 3, 4, 5]
    assert current.milestones[0].status is MilestoneStatus.ACTIVE
    assert current.milestones[0].after == []
    assert "is done; it stays" in await refused(
        handle, answer(SELLER, summary, "#2 done\nremove step 2")
    )
    await handle.terminate()
