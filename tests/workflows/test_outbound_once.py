"""Outbound exactly once, on Temporal's test server with the real send activity: a worker that
"dies" after the SMTP server accepted an email does not make the retry send a second copy; a
permanent refusal reaches the seller; a temporary one is retried until the email goes out."""

from __future__ import annotations

import asyncio
import email
import email.policy
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable
from datetime import date, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from mutualplan.devstack.mailserver import dev_mail_server
from mutualplan.devstack.playground import example_start_email
from mutualplan.errors import MailError
from mutualplan.mail.compose import Renderer
from mutualplan.mail.outbox import RecordedSender, SentFolder, SentLog, SentRecord, sent_record
from mutualplan.mail.receive import open_mailbox
from mutualplan.mail.send import MailSender, SmtpSender
from mutualplan.messages import PlanInput
from mutualplan.models import Plan
from mutualplan.report import format_plan
from mutualplan.settings import Settings
from mutualplan.worker.activities import MailActivities
from mutualplan.worker.inbound import InboundRouter
from mutualplan.worker.run import build_worker, checked_runner
from mutualplan.worker.webhooks import WebhookActivities
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.plans import SECRET, make_plan

ALEX = "alex@acme.example"
JANE = "jane@globex.example"


def message_id(msg: EmailMessage) -> str:
    return str(msg["Message-ID"]).strip()


class WorkerDied(Exception):
    """Stands for a worker killed at this point: the activity never reports its result."""


class FailingOnce:
    """A send record that fails once, at its first `record` (see the subclasses); the first
    message it failed on is in `failed`."""

    def __init__(self, record: SentRecord) -> None:
        self.failed: list[str] = []
        self.inner = record

    async def contains(self, message_id: str) -> bool:
        return await self.inner.contains(message_id)

    def close(self) -> None:
        self.inner.close()


class CrashOnceAfterRecord(FailingOnce):
    """The record is written, then the worker "dies" before the activity completes."""

    async def record(self, message: EmailMessage) -> None:
        await self.inner.record(message)
        if not self.failed:
            self.failed.append(message_id(message))
            raise WorkerDied("killed after the SMTP server accepted and the record was written")


class RecordDownOnce(FailingOnce):
    """The Sent folder's server is down for the first record (the email went out)."""

    async def record(self, message: EmailMessage) -> None:
        if not self.failed:
            self.failed.append(message_id(message))
            raise MailError("Sent folder: IMAP 127.0.0.1:1: connection refused")
        await self.inner.record(message)


class CrashOnceAfterSend:
    """Without a record: the worker "dies" right after the server's 250."""

    def __init__(self, sender: MailSender) -> None:
        self.sender = sender
        self.crashed: list[str] = []

    async def send(self, message: EmailMessage) -> None:
        await self.sender.send(message)
        if not self.crashed:
            self.crashed.append(message_id(message))
            raise WorkerDied("killed after the SMTP server accepted")


class Sink:
    """A loopback SMTP server that refuses or delays by recipient, and counts every DATA."""

    def __init__(self) -> None:
        self.delivered: list[EmailMessage] = []
        self.attempts: Counter[str] = Counter()
        self.refuse: dict[str, str] = {}  # recipient -> reply to RCPT
        self.busy: dict[str, int] = {}  # recipient -> how many DATA to answer 451 first
        self.port = 0

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: object
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        msg = email.message_from_bytes(
            envelope.original_content or b"", policy=email.policy.default
        )
        assert isinstance(msg, EmailMessage)
        (rcpt,) = envelope.rcpt_tos
        self.attempts[message_id(msg)] += 1
        if self.busy.get(rcpt, 0) > 0:
            self.busy[rcpt] -= 1
            return "451 4.3.0 Try again later"
        self.delivered.append(msg)
        return "250 OK"

    def copies(self) -> Counter[str]:
        return Counter(message_id(m) for m in self.delivered)

    async def wait_for(
        self, predicate: Callable[[EmailMessage], bool], timeout: float = 30
    ) -> None:
        await self.wait_until(lambda: any(predicate(m) for m in self.delivered), timeout)

    async def wait_until(self, condition: Callable[[], bool], timeout: float = 30) -> None:
        async with asyncio.timeout(timeout):
            while not condition():
                await asyncio.sleep(0.05)


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
async def settings(
    sink: Sink, tmp_path: Path, free_port: Callable[[], int]
) -> AsyncIterator[Settings]:
    """SMTP to the sink; the plans mailbox (and its Sent folder) on the embedded IMAP server."""
    settings = Settings(
        data_dir=tmp_path,
        secret=SECRET,
        smtp_port=sink.port,
        imap_port=free_port(),
        task_queue=f"once-{uuid.uuid4().hex[:8]}",
    )
    async with dev_mail_server(
        tmp_path / "mail", smtp_port=free_port(), imap_port=settings.imap_port
    ):
        yield settings


async def start(env: WorkflowEnvironment, settings: Settings, plan: Plan) -> WorkflowHandle:  # type: ignore[type-arg]
    return await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )


def sent_folder_ids(settings: Settings) -> Counter[str]:
    with open_mailbox(settings, folder=settings.sent_folder) as mailbox:
        uids = mailbox.client.search("ALL")
        data = mailbox.client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]) if uids else {}
    return Counter(
        next(v for k, v in d.items() if k.startswith(b"BODY")).decode().split(":", 1)[1].strip()
        for d in data.values()
    )


def your_turn(address: str) -> Callable[[EmailMessage], bool]:
    return lambda m: address in str(m["To"]) and "Your turn" in str(m["Subject"])


@pytest.mark.parametrize("record", ["folder", "file"])
async def test_a_send_retried_after_the_worker_died_is_not_delivered_twice(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sink: Sink, record: str
) -> None:
    """With either record: the plans mailbox's Sent folder, or the SQLite file of `dev`."""
    settings = settings.model_copy(update={"sent_record": record})
    sent = CrashOnceAfterRecord(sent_record(settings))
    async with build_worker(settings, time_skipping_env.client, sent=sent):
        handle = await start(time_skipping_env, settings, make_plan("short"))
        # all of the start's emails: the plan to the seller, 5 invites, Jane's turn (they go
        # out side by side, so the one retried 2 s after its "crash" may come last)
        await sink.wait_until(lambda: len(sink.delivered) >= 7)
        await asyncio.sleep(1)  # time for a second copy, were one to be sent
    [crashed] = sent.failed
    assert sink.attempts[crashed] == 1, "the retry found the record and did not send again"
    assert set(sink.copies().values()) == {1}, sink.copies()
    assert len(sink.delivered) == 7
    if record == "folder":
        recorded = await asyncio.to_thread(sent_folder_ids, settings)
        assert recorded == sink.copies(), "every email sent is in the Sent folder, once"
    for copy in sink.copies():
        assert await sent.contains(copy.strip("<>")), copy
    sent.close()
    await handle.terminate()


async def test_without_the_record_the_same_crash_sends_a_second_copy(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sink: Sink
) -> None:
    """The control: the test above would catch an outbox that records nothing."""
    sender = CrashOnceAfterSend(SmtpSender(settings.smtp))
    activities = MailActivities(settings, sender, Renderer(), sent=None)
    async with Worker(
        time_skipping_env.client,
        task_queue=settings.task_queue,
        workflows=[PlanWorkflow],
        activities=[activities.send_plan_emails, WebhookActivities([]).webhook_types_wanted],
        workflow_runner=checked_runner(),
    ):
        handle = await start(time_skipping_env, settings, make_plan("short"))
        await sink.wait_until(lambda: len(sink.delivered) >= 8)
    [crashed] = sender.crashed
    assert sink.copies()[crashed] == 2
    await handle.terminate()


async def test_a_permanent_refusal_is_not_retried_and_the_seller_is_told(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sink: Sink
) -> None:
    sink.refuse["omar@globex.example"] = "550 5.1.1 omar@globex.example: no such user"
    async with build_worker(settings, time_skipping_env.client, sent=SentFolder(settings)):
        plan = make_plan("enterprise")
        handle = await start(time_skipping_env, settings, plan)
        await sink.wait_for(
            lambda m: ALEX in str(m["To"]) and "Could not email omar" in str(m["Subject"])
        )
        current = await handle.query(PlanWorkflow.current_plan)
    notice = next(m for m in sink.delivered if "Could not email omar" in str(m["Subject"]))
    body = notice.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Could not email omar@globex.example: SMTP server refused the message: 550" in body
    assert "no such user" in body
    # refused at RCPT: never retried, so the server saw no DATA for Omar
    assert not [m for m in sink.delivered if "omar@" in str(m["To"])]
    assert "could not email omar@globex.example: SMTP server refused the message: 550" in (
        format_plan(current)
    ), "`mutualplan status` shows it too"
    await handle.terminate()


async def test_a_temporary_refusal_is_retried_with_backoff_then_delivered(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sink: Sink
) -> None:
    sink.busy[JANE] = 2  # her first two deliveries get 451
    async with build_worker(settings, time_skipping_env.client, sent=SentFolder(settings)):
        handle = await start(time_skipping_env, settings, make_plan("short"))
        await sink.wait_for(your_turn(JANE))
        await asyncio.sleep(1)
    jane = [m for m in sink.delivered if JANE in str(m["To"])]
    first = message_id(jane[0])
    assert sink.attempts[first] == 3 and sink.copies()[first] == 1
    assert set(sink.copies().values()) == {1}
    await handle.terminate()


async def test_an_email_the_sent_folder_missed_is_not_sent_again_by_the_batchs_retry(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sink: Sink
) -> None:
    """The IMAP server is down as one email goes out, so its record is missing, and Jane's
    server answers 451, so the batch is tried again: the retry sends Jane's email alone, and
    the missing record is written once IMAP answers again."""
    sink.busy[JANE] = 1
    sent = RecordDownOnce(SentFolder(settings))
    async with build_worker(settings, time_skipping_env.client, sent=sent):
        handle = await start(time_skipping_env, settings, make_plan("short"))
        await sink.wait_for(your_turn(JANE))
        await asyncio.sleep(1)  # time for a second copy, were one to be sent
    [missed] = sent.failed
    assert sink.attempts[missed] == 1, "not sent again"
    assert len(sink.delivered) == 7 and set(sink.copies().values()) == {1}, sink.copies()
    recorded = await asyncio.to_thread(sent_folder_ids, settings)
    assert recorded == sink.copies(), "the missed record was written with the next one"
    sent.close()
    await handle.terminate()


async def test_a_permanent_refusal_in_a_batch_tried_again_is_still_reported(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sink: Sink
) -> None:
    """Omar's address is refused for good in the attempt that Jane's 451 fails: the retry
    sends Jane's email alone, and the seller still hears about Omar's."""
    omar = "omar@globex.example"
    sink.refuse[omar] = "550 5.1.1 omar@globex.example: no such user"
    sink.busy[JANE] = 1
    async with build_worker(settings, time_skipping_env.client, sent=SentFolder(settings)):
        handle = await start(time_skipping_env, settings, make_plan("enterprise"))
        await sink.wait_for(your_turn(JANE))
        await sink.wait_for(
            lambda m: ALEX in str(m["To"]) and "Could not email omar" in str(m["Subject"])
        )
        current = await handle.query(PlanWorkflow.current_plan)
    failures = [e.what for e in current.history if e.what.startswith("could not email")]
    assert len(failures) == 1 and omar in failures[0] and "550" in failures[0], failures
    assert set(sink.copies().values()) == {1}
    await handle.terminate()


async def test_a_day_of_temporary_refusals_is_reported_for_those_emails_only(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sink: Sink
) -> None:
    """Omar's server answers 451 for good: his emails go in the same activity as everyone
    else's, which get theirs; after a day of retries the plan records Omar alone."""
    omar = "omar@globex.example"
    sink.busy[omar] = 10**6
    sent = SentLog(settings.data_dir / "sent.sqlite3")  # ~150 attempts: the cheaper record
    async with build_worker(settings, time_skipping_env.client, sent=sent):
        handle = await start(time_skipping_env, settings, make_plan("enterprise"))
        await sink.wait_for(your_turn(JANE))
        for _ in range(25):  # an hour at a time: each attempt takes real time to run
            await time_skipping_env.sleep(timedelta(hours=1))
        await sink.wait_for(
            lambda m: ALEX in str(m["To"]) and "Could not email omar" in str(m["Subject"])
        )
        current = await handle.query(PlanWorkflow.current_plan)
    failures = [e.what for e in current.history if e.what.startswith("could not email")]
    assert failures and all(omar in what and "451" in what for what in failures), failures
    assert not [m for m in sink.delivered if omar in str(m["To"])]
    assert set(sink.copies().values()) == {1}, "the others got theirs, once"
    sent.close()
    await handle.terminate()


async def test_an_answer_is_not_repeated_when_its_message_is_handled_again(
    time_skipping_env: WorkflowEnvironment, settings: Settings, sink: Sink
) -> None:
    """The listener answers a start email naming no template, then dies before filing it; the
    next process handles the same message again and does not answer twice."""
    start = example_start_email(settings, template="enterprize", today=date.today())
    sent = SentFolder(settings)
    for _ in range(2):
        router = InboundRouter(
            settings,
            time_skipping_env.client,
            RecordedSender(SmtpSender(settings.smtp), sent),
            Renderer(),
        )
        outcome = await router.handle(start.as_bytes())
        assert not outcome.applied and "no plan template named 'enterprize'" in outcome.reason
    answers = [m for m in sink.delivered if "No such plan template" in str(m["Subject"])]
    assert len(answers) == 1
    sent.close()
