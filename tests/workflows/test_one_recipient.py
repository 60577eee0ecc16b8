"""One recipient never holds up a plan: an address whose server answers 451 (greylisting) is
retried on its own while every other email and step goes on, and one that needs SMTPUTF8 the
server lacks is refused for good at once (time-skipping server, a loopback SMTP sink)."""

from __future__ import annotations

import asyncio
import email
import email.policy
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from email.message import EmailMessage

import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from mutualplan.messages import ReplyCommand
from mutualplan.models import Intent, NewStep
from mutualplan.settings import Settings
from mutualplan.worker.run import build_worker
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.plans import SECRET, command_of, done_by, make_plan, start

ALEX, JANE, SAM = "alex@acme.example", "jane@globex.example", "sam@globex.example"
KIM = "kim@globex.example"


class Sink:
    """Answers 451 at RCPT for the addresses in `greylisted`; without SMTPUTF8."""

    def __init__(self) -> None:
        self.delivered: list[EmailMessage] = []
        self.greylisted: set[str] = set()
        self.tries: Counter[str] = Counter()
        self.port = 0

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: object
    ) -> str:
        self.tries[address] += 1
        if address in self.greylisted:
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        self.delivered.append(msg)
        return "250 OK"

    async def wait_for(
        self, predicate: Callable[[EmailMessage], bool], timeout: float = 20
    ) -> EmailMessage:
        async with asyncio.timeout(timeout):
            while not (found := [m for m in self.delivered if predicate(m)]):
                await asyncio.sleep(0.05)
        return found[0]


@pytest.fixture
async def sink() -> AsyncIterator[Sink]:
    sink = Sink()
    server = await asyncio.get_running_loop().create_server(
        lambda: SMTP(sink), host="127.0.0.1", port=0
    )
    sink.port = server.sockets[0].getsockname()[1]
    yield sink
    server.close()
    await server.wait_closed()


@pytest.fixture
def settings(sink: Sink) -> Settings:
    return Settings(secret=SECRET, smtp_port=sink.port, task_queue=f"one-{uuid.uuid4().hex[:8]}")


@pytest.fixture
async def worker(
    time_skipping_env: WorkflowEnvironment, settings: Settings
) -> AsyncIterator[Worker]:
    async with build_worker(settings, time_skipping_env.client) as running:
        yield running


def turn(address: str, title: str = "") -> Callable[[EmailMessage], bool]:
    return lambda m: address in str(m["To"]) and f"Your turn: {title}" in str(m["Subject"])


def by(
    sender: str,
    intent: Intent,
    argument: str = "",
    step: int | None = None,
    details: NewStep | None = None,
) -> ReplyCommand:
    return command_of(sender, intent, argument, step=step, details=details)


async def plan_at_janes_turn(
    env: WorkflowEnvironment, settings: Settings, sink: Sink
) -> WorkflowHandle:  # type: ignore[type-arg]
    plan = make_plan("short")
    plan.checkin = None
    handle = await start(env, settings, plan)
    await sink.wait_for(turn(JANE))
    return handle


async def test_a_greylisted_recipient_is_retried_on_its_own_while_the_plan_goes_on(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sink: Sink, worker: Worker
) -> None:
    env = time_skipping_env
    handle = await plan_at_janes_turn(env, settings, sink)
    sink.greylisted.add(KIM)
    await handle.execute_update(PlanWorkflow.apply_reply, by(JANE, Intent.REASSIGN, KIM, 1))
    await asyncio.sleep(0.5)
    assert sink.tries[KIM] >= 1 and not [m for m in sink.delivered if KIM in str(m["To"])]

    # the seller marks the step done: the next owner hears of it at once
    asked = time.monotonic()
    await handle.execute_update(PlanWorkflow.apply_reply, done_by(ALEX))
    await sink.wait_for(turn(SAM, "Budget approved"), timeout=10)
    assert time.monotonic() - asked < 10
    await sink.wait_for(lambda m: ALEX in str(m["To"]) and "Done:" in str(m["Subject"]))

    # a new step for Kim waits behind Kim's first email; both go once Kim's server accepts
    due = (await env.get_current_time()).date() + timedelta(days=20)
    step = NewStep(title="Pilot review", due=due, owner=KIM)
    await handle.execute_update(PlanWorkflow.apply_reply, by(ALEX, Intent.ADD_STEP, details=step))
    sink.greylisted.clear()
    await env.sleep(timedelta(hours=1))
    await sink.wait_for(turn(KIM, "Pilot review"))
    # (the hour skipped may cross the plan's morning, which brings Kim the day's news: not a turn)
    to_kim = [str(m["Subject"]) for m in sink.delivered if KIM in str(m["To"])]
    turns = [subject for subject in to_kim if "Your turn:" in subject]
    assert len(turns) == 1, f"the turn for the step done meanwhile is not sent: {to_kim}"
    current = await handle.query(PlanWorkflow.current_plan)
    assert not [e for e in current.history if e.what.startswith("could not")]
    assert Counter(str(m["Message-ID"]) for m in sink.delivered).most_common(1)[0][1] == 1
    await handle.terminate()


async def test_an_address_the_server_cannot_take_is_refused_at_once_and_the_seller_told(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sink: Sink, worker: Worker
) -> None:
    env = time_skipping_env
    handle = await plan_at_janes_turn(env, settings, sink)
    kim = "kim@bücher.example"  # the sink offers no SMTPUTF8
    await handle.execute_update(PlanWorkflow.apply_reply, by(JANE, Intent.REASSIGN, kim, 1))
    notice = await sink.wait_for(
        lambda m: ALEX in str(m["To"]) and "Could not email kim@bücher" in str(m["Subject"])
    )
    body = notice.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "SMTPUTF8" in body
    await handle.execute_update(PlanWorkflow.apply_reply, done_by(ALEX))
    await sink.wait_for(turn(SAM, "Budget approved"), timeout=10)
    await handle.terminate()
