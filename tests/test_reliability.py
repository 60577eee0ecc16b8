"""Break it on purpose: `python -m mutualplan worker` as its own process, the Temporal dev server
(SQLite, WAL), an IMAP server (the embedded one, or Dovecot from Debian) and an SMTP sink, each
killed or stopped in the middle of real work and brought back. Every reply must be applied
exactly once and every email the plans call for must reach the sink exactly once, counted by
Message-ID and by (recipient, subject).

Mail comes in as a mail server delivers it (APPENDed to the plans inbox); what the engine sends
is what the SMTP sink accepted.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import signal
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from temporalio.client import Client

from mutualplan.business_days import add_business_days
from mutualplan.client.connection import connect_temporal
from mutualplan.client.plan_list import list_plans
from mutualplan.client.plans import get_plan
from mutualplan.devstack.playground import EXAMPLE_BUYERS, EXAMPLE_SELLER, compose_reply
from mutualplan.devstack.temporal import temporal_dev_server
from mutualplan.mail.receive import open_mailbox
from mutualplan.models import MilestoneStatus
from mutualplan.settings import Settings
from tests.support.mailservers import PASSWORD, ImapServer, Postfix, SmtpSink
from tests.support.processes import WorkerProcess

pytestmark = pytest.mark.e2e
log = logging.getLogger(__name__)
ALEX = "alex@acme.example"
TITLES = ["Proposal reviewed and agreed", "Budget approved", "Order form signed"]
EMAILS_AT_START = 7  # the plan to the seller, 5 check-in invites, the first owner's turn
EMAILS_PER_DONE = 2  # "Done" to the seller, "Your turn" to the next owner


class Temporal:
    """The dev server on fixed ports and one SQLite file, stoppable and started again."""

    def __init__(self, data: Path, port: int, ui_port: int) -> None:
        self.data, self.port, self.ui_port = data, port, ui_port
        self._stack: AsyncExitStack | None = None

    async def start(self) -> None:
        self._stack = AsyncExitStack()
        await self._stack.enter_async_context(
            temporal_dev_server(self.data, port=self.port, ui_port=self.ui_port)
        )

    async def stop(self) -> None:
        if self._stack is not None:
            await self._stack.aclose()
            self._stack = None


class Stack:
    def __init__(
        self,
        settings: Settings,
        sink: SmtpSink,
        imap: ImapServer,
        temporal: Temporal,
        tmp: Path,
        postfix: Postfix | None,
    ) -> None:
        self.settings = settings
        self.sink = sink
        self.imap = imap
        self.temporal = temporal
        self.postfix = postfix  # with Debian's servers: the engine's SMTP server, before the sink
        self.worker = WorkerProcess(settings, tmp / "worker.log")
        self.log_file = tmp / "worker.log"

    async def stop_smtp(self) -> None:
        if self.postfix:
            await asyncio.to_thread(self.postfix.stop)
        else:
            await self.sink.stop()

    async def start_smtp(self) -> None:
        if self.postfix:
            await asyncio.to_thread(self.postfix.start)
        else:
            await self.sink.start()

    def accepted(self) -> set[str]:
        """Message-IDs the engine's SMTP server has taken responsibility for."""
        return self.postfix.accepted_ids() if self.postfix else set(self.sink.message_ids())

    def plan_mail(self) -> list[tuple[str, EmailMessage]]:
        """What the plans sent, without the sellers' Monday digest: a run that crosses Monday
        08:00 (the digest's hour) gets one more email, which is the digest's, not a plan's."""
        return [(rcpt, m) for rcpt, m in self.sink.recipients if not is_digest(m)]

    async def client(self) -> Client:
        return await connect_temporal(self.settings)

    async def deliver(self, messages: list[EmailMessage]) -> None:
        """As the receiving mail server does: into the plans inbox."""

        def append() -> None:
            with open_mailbox(self.settings) as mailbox:
                for msg in messages:
                    mailbox.client.append("INBOX", msg.as_bytes())

        await asyncio.to_thread(append)

    async def trickle(self, messages: list[EmailMessage], gap: float) -> None:
        """One message at a time, `gap` seconds apart."""
        for msg in messages:
            await self.deliver([msg])
            await asyncio.sleep(gap)

    def folder_counts(self) -> dict[str, int]:
        with open_mailbox(self.settings) as mailbox:
            counts = {}
            for folder in ("INBOX", "Processed", "Set aside"):
                mailbox.client.select_folder(folder, readonly=True)
                counts[folder] = len(mailbox.client.search("ALL"))
            return counts

    def recorded_as_sent(self) -> set[str]:
        with open_mailbox(self.settings, folder=self.settings.sent_folder) as mailbox:
            uids = mailbox.client.search("ALL")
            data = mailbox.client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
        ids = set()
        for item in data.values():
            header = next(v for k, v in item.items() if k.startswith(b"BODY"))
            ids.add(header.decode().split(":", 1)[1].strip())
        return ids


@pytest.fixture(params=["embedded", "debian"])
async def stack(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    free_port: Callable[[], int],
    require_program: Callable[[str], str],
) -> AsyncIterator[Stack]:
    """Embedded: pymap, and the engine sends straight to the sink. Debian: Dovecot, and the
    engine sends to Postfix, which relays to the sink."""
    debian = request.param == "debian"
    if debian:
        require_program("dovecot")
        require_program("postfix")
        if os.geteuid() != 0:
            (pytest.fail if os.environ.get("CI") else pytest.skip)("Postfix instances need root")
    sink = SmtpSink(free_port())
    postfix = Postfix(free_port(), relay_port=sink.port) if debian else None
    settings = Settings(
        data_dir=tmp_path,
        secret="reliability-secret",
        allowed_sellers=["@acme.example"],
        smtp_port=postfix.port if postfix else sink.port,
        imap_port=free_port(),
        imap_password=PASSWORD,
        temporal_address=f"127.0.0.1:{free_port()}",
        temporal_ui_port=free_port(),
    )
    imap = ImapServer("dovecot" if debian else "embedded", tmp_path, settings.imap_port)
    temporal_port = int(settings.temporal_address.split(":")[1])
    temporal = Temporal(tmp_path / "temporal", temporal_port, settings.temporal_ui_port)
    await sink.start()
    if postfix:
        await asyncio.to_thread(postfix.start)
    await asyncio.to_thread(imap.start)
    await temporal.start()
    stack = Stack(settings, sink, imap, temporal, tmp_path, postfix)
    stack.worker.start()
    try:
        yield stack
    finally:
        await asyncio.to_thread(stack.worker.stop)
        await temporal.stop()
        await asyncio.to_thread(imap.cleanup)
        if postfix:
            await asyncio.to_thread(postfix.cleanup)
        await sink.stop()
        print(stack.log_file.read_text()[-6000:])  # shown when the test fails


def start_email(n: int) -> EmailMessage:
    go_live = add_business_days(datetime.now(UTC).date(), 45)
    msg = EmailMessage()
    msg["From"] = EXAMPLE_SELLER
    msg["To"] = "plans+short@mutualplan.localhost"
    msg["Cc"] = ", ".join(EXAMPLE_BUYERS.values())
    msg["Subject"] = f"Deal {n:02d}"
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = f"<{uuid.uuid4()}@acme.example>"
    roles = "\n".join(f"{role}: {person}" for role, person in EXAMPLE_BUYERS.items())
    msg.set_content(f"Here is our plan.\n\nGo-live: {go_live}\nConfirm: yes\n{roles}\n\nAlex\n")
    return msg


def is_digest(msg: EmailMessage) -> bool:
    return str(msg["Message-ID"]).strip().startswith("<digest.")


def turn_emails(sink: SmtpSink, title: str) -> dict[str, tuple[str, EmailMessage]]:
    """Deal -> (owner, the "Your turn" email for the milestone with this title)."""
    found = {}
    for rcpt, msg in sink.recipients:
        subject = " ".join(str(msg["Subject"]).split())
        if f"Your turn: {title}" in subject:
            found[subject.split("]")[0].lstrip("[")] = (rcpt, msg)
    return found


def done_replies(sink: SmtpSink, title: str) -> list[EmailMessage]:
    return [
        compose_reply(msg.as_bytes(), sender=owner, text="Done")
        for owner, msg in turn_emails(sink, title).values()
    ]


async def wait_for_turns(stack: Stack, title: str, plans: int, timeout: float = 60) -> None:
    await stack.sink.wait_until(
        lambda: len(turn_emails(stack.sink, title)) == plans,
        timeout,
        f"{plans} '{title}' emails (have {len(turn_emails(stack.sink, title))})",
    )


async def assert_exactly_once(stack: Stack, plans: int, rounds: int) -> None:
    expected = plans * (EMAILS_AT_START + EMAILS_PER_DONE * rounds)
    await stack.sink.wait_until(
        lambda: len(stack.plan_mail()) >= expected,
        60,
        f"{expected} emails (have {len(stack.plan_mail())})",
    )
    await asyncio.sleep(2)  # anything sent twice would arrive now
    assert len(stack.plan_mail()) == expected
    twice = {k: n for k, n in stack.sink.message_ids().items() if n > 1}
    assert not twice, f"sent more than once: {twice}"
    same = {k: n for k, n in stack.sink.by_recipient_and_subject().items() if n > 1}
    assert not same, f"the same email to the same person more than once: {same}"
    client = await stack.client()
    summaries = await list_plans(client)
    assert len(summaries) == plans
    for summary in summaries:
        plan = await get_plan(client, summary.id)
        for milestone in plan.milestones[:rounds]:
            assert milestone.status is MilestoneStatus.DONE
            done = [e for e in milestone.history if e.what == "marked done"]
            assert len(done) == 1, f"{plan.deal} {milestone.title}: {milestone.history}"
        assert plan.milestones[rounds].status is MilestoneStatus.ACTIVE
    counts = await asyncio.to_thread(stack.folder_counts)
    assert counts == {"INBOX": 0, "Processed": plans * (1 + rounds), "Set aside": 0}


async def kill_outside_the_window(stack: Stack) -> int:
    """SIGKILL the worker at a moment when every email the sink accepted is recorded in the
    Sent folder: freeze it (SIGSTOP), look, and thaw it and try again a moment later if it froze
    between an SMTP 250 and its record (the documented window). How often it did."""
    for hits in range(100):
        stack.worker.signal(signal.SIGSTOP)
        await asyncio.sleep(0.3)  # let the servers take in what was already on the wire
        accepted = await asyncio.to_thread(stack.accepted)
        if accepted <= await asyncio.to_thread(stack.recorded_as_sent):
            stack.worker.kill()
            return hits
        stack.worker.signal(signal.SIGCONT)
        await asyncio.sleep(random.uniform(0.02, 0.2))
    raise AssertionError("never outside the window")


async def test_worker_killed_mid_run_of_20_plans_and_60_replies(stack: Stack) -> None:
    plans = 20
    await stack.deliver([start_email(n) for n in range(plans)])
    await wait_for_turns(stack, TITLES[0], plans)
    await stack.deliver(done_replies(stack.sink, TITLES[0]))
    await wait_for_turns(stack, TITLES[1], plans)
    # the second round's replies trickle in (as people answer), and the worker is killed in the
    # middle of them: the first of their emails is out, the rest not yet, some not even received
    trickle = asyncio.create_task(stack.trickle(done_replies(stack.sink, TITLES[1]), 0.15))
    await stack.sink.wait_until(lambda: bool(turn_emails(stack.sink, TITLES[2])), 30, "a reply")
    await asyncio.sleep(random.uniform(0, 0.3))
    hits = await kill_outside_the_window(stack)
    outstanding = plans - len(turn_emails(stack.sink, TITLES[2]))
    await trickle
    print(f"killed with {outstanding} of {plans} replies' emails outstanding; froze {hits} times")
    print(f"inside the 250-to-record window first; {len(stack.plan_mail())} emails so far")
    assert outstanding > 0, "the worker was killed in the middle of the run"
    stack.worker.start()
    await wait_for_turns(stack, TITLES[2], plans, timeout=90)
    await stack.deliver(done_replies(stack.sink, TITLES[2]))
    await assert_exactly_once(stack, plans, rounds=3)


async def test_smtp_down_for_a_while_then_every_email_goes_out_late(stack: Stack) -> None:
    plans = 5
    await stack.deliver([start_email(n) for n in range(plans)])
    await wait_for_turns(stack, TITLES[0], plans)
    await asyncio.sleep(1)  # the start's emails are through Postfix too
    before = len(stack.plan_mail())
    await stack.stop_smtp()
    await stack.deliver(done_replies(stack.sink, TITLES[0]))
    await stack.deliver([start_email(n) for n in range(plans, 2 * plans)])
    await asyncio.sleep(10)  # the replies are applied; their emails wait for the server
    assert len(stack.plan_mail()) == before
    client = await stack.client()
    assert len(await list_plans(client)) == 2 * plans, "plans start while SMTP is down"
    await stack.start_smtp()
    await wait_for_turns(stack, TITLES[1], plans)
    await wait_for_turns(stack, TITLES[0], 2 * plans)
    expected = plans * (EMAILS_AT_START + EMAILS_PER_DONE) + plans * EMAILS_AT_START
    await stack.sink.wait_until(lambda: len(stack.plan_mail()) >= expected, 60, "all")
    await asyncio.sleep(2)
    assert len(stack.plan_mail()) == expected
    assert set(stack.sink.message_ids().values()) == {1}
    assert set(stack.sink.by_recipient_and_subject().values()) == {1}


async def test_imap_and_temporal_restarted_and_plans_resume(stack: Stack) -> None:
    plans = 5
    await stack.deliver([start_email(n) for n in range(plans)])
    await wait_for_turns(stack, TITLES[0], plans)
    replies = done_replies(stack.sink, TITLES[0])
    await asyncio.to_thread(stack.imap.stop)
    await stack.temporal.stop()
    await asyncio.sleep(3)  # the listener and the worker find both gone
    await stack.temporal.start()
    await asyncio.to_thread(stack.imap.start)
    await stack.deliver(replies)
    await wait_for_turns(stack, TITLES[1], plans, timeout=60)
    await stack.deliver(done_replies(stack.sink, TITLES[1]))
    await assert_exactly_once(stack, plans, rounds=2)
    assert stack.worker.process is not None and stack.worker.process.poll() is None
