"""The check-in call of a plan: invites out to everyone, answers recorded, a decline flagged."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
from icalendar import Calendar
from temporalio.client import WorkflowHandle, WorkflowUpdateFailedError
from temporalio.testing import WorkflowEnvironment

from mutualplan.mail.tokens import read_token
from mutualplan.messages import PlanInput, RsvpCommand
from mutualplan.settings import Settings
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.plans import SECRET, make_plan


def calendar_of(email: EmailMessage) -> Calendar:
    part = next(p for p in email.walk() if p.get_content_type() == "text/calendar")
    return Calendar.from_ical(part.get_payload(decode=True))


def answer_to(email: EmailMessage, attendee: str, partstat: str, **extra: object) -> RsvpCommand:
    """What the listener makes of `attendee` pressing Accept/Decline on `email`'s invite."""
    event = calendar_of(email).walk("VEVENT")[0]
    organizer = str(event["ORGANIZER"]).lower().removeprefix("mailto:")
    claims = read_token(SECRET.encode(), organizer.split("+", 1)[1].split("@")[0])
    assert claims is not None, "the ORGANIZER carries the recipient's token"
    values = {
        "message_id": f"{uuid.uuid4()}@globex.example",
        "sender": attendee,
        "token_stakeholder_id": claims.stakeholder_id,
        "uid": str(event["UID"]),
        "sequence": int(event.get("SEQUENCE", 0)),
        "attendee": attendee,
        "partstat": partstat,
    }
    return RsvpCommand.model_validate({**values, **extra})


async def start(env: WorkflowEnvironment, settings: Settings) -> tuple[WorkflowHandle, object]:
    plan = make_plan("short")
    handle = await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )
    return handle, plan


def invite_for(address: str):  # type: ignore[no-untyped-def]
    return lambda m: address in str(m["To"]) and "Check-in call" in str(m["Subject"])


async def test_every_stakeholder_is_invited_and_answers_are_recorded(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    handle, plan = await start(time_skipping_env, settings)
    for person in plan.stakeholders:  # type: ignore[attr-defined]
        invite = await smtp_sink.wait_for(invite_for(person.email))
        event = calendar_of(invite).walk("VEVENT")[0]
        assert calendar_of(invite)["METHOD"] == "REQUEST"
        assert len(event.get("ATTENDEE")) == len(plan.stakeholders)  # type: ignore[attr-defined]
        assert "RRULE" in event

    jane_invite = await smtp_sink.wait_for(invite_for("jane@globex.example"))
    sam_invite = await smtp_sink.wait_for(invite_for("sam@globex.example"))
    await handle.execute_update(
        PlanWorkflow.record_rsvp, answer_to(jane_invite, "jane@globex.example", "ACCEPTED")
    )
    await handle.execute_update(
        PlanWorkflow.record_rsvp, answer_to(sam_invite, "sam@globex.example", "DECLINED")
    )

    current = await handle.query(PlanWorkflow.current_plan)
    assert current.checkin is not None
    by_email = {current.stakeholder(i).email: a for i, a in current.checkin.answers.items()}  # type: ignore[union-attr]
    assert by_email == {"jane@globex.example": "ACCEPTED", "sam@globex.example": "DECLINED"}
    # the Economic Buyer skipping the check-ins is flagged to the seller
    flag = await smtp_sink.wait_for(
        lambda m: (
            "alex@acme.example" in str(m["To"]) and "declined the check-in" in str(m["Subject"])
        )
    )
    assert "Sam Lee (Economic Buyer)" in flag.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    await handle.terminate()


async def test_answers_from_the_wrong_person_or_an_older_invite_are_refused(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    handle, _ = await start(time_skipping_env, settings)
    invite = await smtp_sink.wait_for(invite_for("jane@globex.example"))

    with pytest.raises(WorkflowUpdateFailedError) as other:
        await handle.execute_update(
            PlanWorkflow.record_rsvp, answer_to(invite, "sam@globex.example", "ACCEPTED")
        )
    assert "was sent to jane@globex.example" in str(other.value.cause)
    with pytest.raises(WorkflowUpdateFailedError) as other_event:
        await handle.execute_update(
            PlanWorkflow.record_rsvp,
            answer_to(invite, "jane@globex.example", "ACCEPTED", uid="something-else@x"),
        )
    assert "another calendar event" in str(other_event.value.cause)
    current = await handle.query(PlanWorkflow.current_plan)
    assert current.checkin is not None and current.checkin.answers == {}
    await handle.terminate()


def test_invites_name_when_the_call_is() -> None:
    plan = make_plan("short")
    assert plan.checkin is not None
    assert plan.checkin.cadence.weekday == "TU"
    assert plan.created_at <= datetime.now(UTC)


async def test_declining_one_call_is_recorded_for_that_call_and_no_risk(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    """Outlook's "decline this occurrence": the Economic Buyer misses one call. The plan is
    not at risk, their series answer stands, and the seller hears which call they miss."""
    handle, _ = await start(time_skipping_env, settings)
    invite = await smtp_sink.wait_for(invite_for("sam@globex.example"))
    first = calendar_of(invite).walk("VEVENT")[0]["DTSTART"].dt
    second = first + timedelta(weeks=1)
    await handle.execute_update(
        PlanWorkflow.record_rsvp, answer_to(invite, "sam@globex.example", "ACCEPTED")
    )
    await handle.execute_update(
        PlanWorkflow.record_rsvp,
        answer_to(invite, "sam@globex.example", "DECLINED", recurrence_id=second.isoformat()),
    )
    current = await handle.query(PlanWorkflow.current_plan)
    assert current.checkin is not None
    sam = current.stakeholder_by_email("sam@globex.example")
    assert sam is not None and current.checkin.answers == {sam.id: "ACCEPTED"}
    assert [(a.stakeholder_id, a.partstat) for a in current.checkin.call_answers] == [
        (sam.id, "DECLINED")
    ]
    assert current.health != "at risk"
    await smtp_sink.wait_for(
        lambda m: "alex@acme.example" in str(m["To"]) and "cannot come" in str(m["Subject"])
    )
    assert not [m for m in smtp_sink.messages if "declined the check-in" in str(m["Subject"])]
    with pytest.raises(WorkflowUpdateFailedError) as wrong_call:
        await handle.execute_update(
            PlanWorkflow.record_rsvp,
            answer_to(
                invite,
                "sam@globex.example",
                "DECLINED",
                recurrence_id=(second + timedelta(hours=1)).isoformat(),
            ),
        )
    assert "a call the series does not have" in str(wrong_call.value.cause)
    await handle.terminate()
