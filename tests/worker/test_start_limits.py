"""Nobody outside starts plans, and no one email mails a crowd: a start email copying more people
than a plan takes starts nothing, and only the seller hears why; `add` stops at the same limit.
Routed for real on Temporal's time-skipping server, mail caught by a loopback SMTP server."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from temporalio.client import WorkflowExecutionStatus
from temporalio.service import RPCError

from mutualplan.client.plans import get_plan
from mutualplan.devstack.playground import compose_reply
from mutualplan.mail.compose import Renderer
from mutualplan.mail.policy import POLICY
from mutualplan.mail.send import SmtpSender
from mutualplan.mail.tokens import plan_id_for
from mutualplan.settings import Settings
from mutualplan.worker.inbound import InboundRouter

ALEX = "alex@acme.example"


@pytest.fixture
def settings(smtp_sink: object) -> Settings:
    return Settings(
        secret="start-limits-secret",
        allowed_sellers=["@acme.example"],
        smtp_port=smtp_sink.port,  # type: ignore[attr-defined]
        task_queue=f"limits-{uuid.uuid4().hex[:8]}",
    )


def start_email(settings: Settings, sender: str, copied: list[str], subject: str) -> EmailMessage:
    """A start email that confirms at once, copying `copied`."""
    msg = EmailMessage(policy=POLICY)
    msg["From"] = sender
    msg["To"] = f"{settings.plans_mailbox}+short@{settings.domain}"
    msg["Cc"] = ", ".join(copied)
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = f"<{uuid.uuid4()}@acme.example>"
    go_live = datetime.now(UTC).date() + timedelta(days=90)
    msg.set_content(f"Hi all,\n\nGo-live: {go_live.isoformat()}\nConfirm: yes\n\nAlex\n")
    return msg


async def test_a_start_email_copying_200_people_mails_only_the_seller(
    router: InboundRouter, settings: Settings, smtp_sink: object, time_skipping_env: object
) -> None:
    crowd = [f"victim{n}@thirdparty.example" for n in range(200)]
    msg = start_email(settings, f"Alex Seller <{ALEX}>", crowd, "ACTION REQUIRED: verify")

    outcome = await router.handle(msg.as_bytes())

    assert not outcome.applied
    assert "names 201 people" in outcome.reason and "at most 30" in outcome.reason
    await asyncio.sleep(1)  # time for any other email to show, were there one
    sent: list[EmailMessage] = smtp_sink.messages  # type: ignore[attr-defined]
    assert [str(m["To"]) for m in sent] == [ALEX]
    [told] = sent
    assert str(told["Subject"]) == "No plan was started: ACTION REQUIRED: verify"
    assert "at most 30" in told.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    client = time_skipping_env.client  # type: ignore[attr-defined]
    with pytest.raises(RPCError):  # no plan exists
        await client.get_workflow_handle(plan_id_for(str(msg["Message-ID"]))).describe()


async def test_an_outsider_is_not_answered_and_starts_nothing(
    router: InboundRouter, settings: Settings, smtp_sink: object
) -> None:
    crowd = [f"victim{n}@thirdparty.example" for n in range(5)]
    msg = start_email(settings, "IT Helpdesk <mallory@evil.example>", crowd, "verify now")

    outcome = await router.handle(msg.as_bytes())

    assert not outcome.applied and outcome.reason == "mallory@evil.example may not start plans"
    await asyncio.sleep(1)
    assert smtp_sink.messages == []  # type: ignore[attr-defined]


async def test_people_are_added_up_to_the_limit(
    router: InboundRouter, settings: Settings, smtp_sink: object, time_skipping_env: object
) -> None:
    """Five people at the start; the seller adds one a line, in one reply: all or nothing."""
    limited = settings.model_copy(update={"max_stakeholders": 7})
    router = InboundRouter(
        limited,
        time_skipping_env.client,  # type: ignore[attr-defined]
        SmtpSender(limited.smtp),
        Renderer(),
    )
    buyers = [f"buyer{n}@globex.example" for n in range(4)]
    started = await router.handle(start_email(settings, ALEX, buyers, "Globex").as_bytes())
    assert started.applied, started.reason
    plan_id = started.reason.rsplit(" ", 1)[1]
    summary = await smtp_sink.wait_for(  # type: ignore[attr-defined]
        lambda m: ALEX in str(m["To"]) and "Mutual action plan" in str(m["Subject"])
    )

    def seller(text: str) -> bytes:
        return compose_reply(summary.as_bytes(), sender=ALEX, text=text).as_bytes()

    three = "\n".join(f"add kim{n}@globex.example" for n in range(3))
    too_many = await router.handle(seller(three))
    assert not too_many.applied
    assert "line 3: the plan has 7 people, the most it takes" in too_many.reason
    two = await router.handle(seller("add kim0@globex.example\nadd kim1@globex.example"))
    assert two.applied, two.reason

    plan = await get_plan(time_skipping_env.client, plan_id)  # type: ignore[attr-defined]
    assert len(plan.stakeholders) == 7
    handle = time_skipping_env.client.get_workflow_handle(plan_id)  # type: ignore[attr-defined]
    assert (await handle.describe()).status == WorkflowExecutionStatus.RUNNING
