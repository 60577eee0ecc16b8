"""A one-line "new date:" on a Sunday, through the real router and plan workflow (Temporal's
time-skipping server; the engine's emails caught by a loopback SMTP server): the date is taken,
its sender gets a confirmation that says it is a Sunday (a one-line command is otherwise not
confirmed), and the seller's "Changed" email says so too."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from temporalio.testing import WorkflowEnvironment

from mutualplan.client.plans import get_plan
from mutualplan.devstack.playground import compose_reply, example_start_email
from mutualplan.settings import Settings
from mutualplan.worker.inbound import InboundRouter

JANE, ALEX = "jane@globex.example", "alex@acme.example"


@pytest.fixture
def settings(smtp_sink: Any) -> Settings:
    return Settings(
        secret="day-off-secret",
        smtp_port=smtp_sink.port,
        task_queue=f"day-off-{uuid.uuid4().hex[:8]}",
    )


def next_sunday(today: date) -> date:
    """The first Sunday at least a week ahead: never in the past, whatever day the test runs."""
    day = today + timedelta(days=7)
    return day + timedelta(days=(6 - day.weekday()) % 7)


def body(msg: EmailMessage) -> str:
    part = msg.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


async def test_a_sunday_is_taken_and_both_sides_are_told_it_is_a_sunday(
    router: InboundRouter,
    settings: Settings,
    smtp_sink: Any,
    time_skipping_env: WorkflowEnvironment,
) -> None:
    today = (await time_skipping_env.get_current_time()).date()
    start = example_start_email(settings, template="short", today=today, confirm=True)
    started = await router.handle(start.as_bytes())
    assert started.applied, started.reason
    plan_id = started.reason.rsplit(" ", 1)[1]
    turn: EmailMessage = await smtp_sink.wait_for(
        lambda m: JANE in str(m["To"]) and "Your turn" in str(m["Subject"])
    )
    sunday = next_sunday(today)
    told = f"The new date, {sunday.day} {sunday:%B %Y}, is a Sunday."

    reply = compose_reply(turn.as_bytes(), sender=JANE, text=f"new date: {sunday.isoformat()}")
    assert (await router.handle(reply.as_bytes())).applied

    confirmed = await smtp_sink.wait_for(lambda m: m["In-Reply-To"] == reply["Message-ID"])
    assert JANE in str(confirmed["To"]) and told in body(confirmed), body(confirmed)
    changed = await smtp_sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Changed" in str(m["Subject"])
    )
    assert told in body(changed)
    plan = await get_plan(time_skipping_env.client, plan_id)
    assert plan.milestones[0].due == sunday, "taken as asked"
