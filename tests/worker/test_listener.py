"""The IMAP listener against the embedded IMAP server: nothing that arrives while it is busy
waits for the next IDLE wake-up, and every message is filed where it belongs."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from email.message import EmailMessage
from pathlib import Path

import pytest

from mutualplan.devstack import fast_maildir
from mutualplan.devstack.mailserver import deliver, dev_mail_server
from mutualplan.mail.receive import Mailbox, open_mailbox
from mutualplan.mail.send import SmtpSender
from mutualplan.mail.tokens import plan_id_for
from mutualplan.routing.outcomes import Disposition, Outcome
from mutualplan.settings import Settings
from mutualplan.worker.listener import MailListener, plan_key
from tests.support.mailservers import PASSWORD, ImapServer


class SlowRouter:
    """Takes its time over each message, as a real one waiting on Temporal does under load."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    async def handle(self, raw: bytes) -> Disposition:
        await asyncio.sleep(0.3)
        subject = next(line for line in raw.decode().splitlines() if line.startswith("Subject:"))
        self.seen.append(subject.removeprefix("Subject: "))
        applied = "keep" in subject
        return Disposition(
            outcome=Outcome.APPLIED if applied else Outcome.UNMATCHED,
            reason="ok" if applied else "not for us",
        )


@pytest.fixture
async def settings(tmp_path: Path, free_port: Callable[[], int]) -> AsyncIterator[Settings]:
    settings = Settings(
        data_dir=tmp_path, secret="listener-secret", smtp_port=free_port(), imap_port=free_port()
    )
    async with dev_mail_server(
        tmp_path / "mail", smtp_port=settings.smtp_port, imap_port=settings.imap_port
    ):
        yield settings


def message(subject: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "jane@globex.example"
    msg["To"] = "plans@mutualplan.localhost"
    msg["Subject"] = subject
    msg.set_content("done")
    return msg


async def test_mail_arriving_while_the_listener_is_busy_is_handled_at_once(
    settings: Settings,
) -> None:
    router = SlowRouter()

    def folders() -> dict[str, int]:
        with open_mailbox(settings) as mailbox:
            counts = {}
            for folder in ("INBOX", "Processed", "Set aside"):
                counts[folder] = len(
                    mailbox.client.select_folder(folder) and mailbox.client.search("ALL")
                )
            return counts

    listener = asyncio.create_task(
        MailListener(settings, router, idle_seconds=300).run()  # type: ignore[arg-type]
    )
    sender = SmtpSender(settings.smtp)
    try:
        await sender.send(message("keep 1"))
        await asyncio.sleep(0.5)  # the listener is now busy with the first one
        for n in (2, 3, 4):
            await sender.send(message(f"keep {n}" if n != 3 else "drop 3"))
        for _ in range(50):
            if len(router.seen) == 4 and (await asyncio.to_thread(folders))["INBOX"] == 0:
                break
            await asyncio.sleep(0.1)
        assert sorted(router.seen) == ["drop 3", "keep 1", "keep 2", "keep 4"]
    finally:
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)

    assert await asyncio.to_thread(folders) == {"INBOX": 0, "Processed": 3, "Set aside": 1}


class OrderRecordingRouter:
    """Records which messages are being routed at the same time, and in what order."""

    def __init__(self) -> None:
        self.running: set[str] = set()
        self.overlaps: list[set[str]] = []
        self.seen: list[str] = []

    async def handle(self, raw: bytes) -> Disposition:
        subject = next(line for line in raw.decode().splitlines() if line.startswith("Subject:"))
        subject = subject.removeprefix("Subject: ")
        self.running.add(subject)
        self.overlaps.append(set(self.running))
        await asyncio.sleep(0.2)
        self.running.discard(subject)
        self.seen.append(subject)
        return Disposition(outcome=Outcome.APPLIED, reason="ok")


def reply_to_plan(plan: str, subject: str) -> EmailMessage:
    msg = message(subject)
    del msg["To"]
    msg["To"] = f"plans+{plan}-1-2-{'b' * 16}@mutualplan.localhost"
    return msg


async def test_replies_about_different_plans_are_routed_together_each_plans_in_order(
    settings: Settings,
) -> None:
    sender = SmtpSender(settings.smtp)

    def look() -> None:  # the server numbers new mail when a client looks: one at a time here
        with open_mailbox(settings) as mailbox:
            mailbox.client.noop()

    # a plan's answers ("done" then "blocked") and other plans' answers, all in the inbox
    for subject in ("a done", "b done", "a blocked", "c done", "a note"):
        plan = subject[0] * 10
        await sender.send(reply_to_plan(plan, subject))
        await asyncio.to_thread(look)
    router = OrderRecordingRouter()
    listener = asyncio.create_task(
        MailListener(settings, router, idle_seconds=300).run()  # type: ignore[arg-type]
    )
    try:
        for _ in range(50):
            if len(router.seen) == 5:
                break
            await asyncio.sleep(0.1)
    finally:
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)
        await sender.close()
    assert [s for s in router.seen if s.startswith("a ")] == ["a done", "a blocked", "a note"]
    assert not any(
        len({s for s in running if s.startswith("a ")}) > 1 for running in router.overlaps
    )
    assert max(len(running) for running in router.overlaps) == 3  # plans a, b and c at once


async def test_mail_that_comes_with_the_idle_reply_wakes_the_listener(
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    timed_idle: Callable[[Mailbox], tuple[float, int]],
) -> None:
    """New mail reported right behind the server's "+ idling" is read along with that line
    into imaplib's buffer, where select() on the socket does not see it: the listener slept
    through it until the server spoke again (Dovecot: two minutes; a reliability test waited 60
    s for replies that sat in the inbox). Here the client reads that line late, as a busy
    worker's thread does, so both come in one read."""
    monkeypatch.setattr(fast_maildir, "IDLE_POLL_SECONDS", 60.0)  # no later word from the server
    root = settings.data_dir / "mail"

    def idle_once() -> tuple[float, int]:
        with open_mailbox(settings) as mailbox:
            assert mailbox.pending() == []
            imap = mailbox.client._imap
            read_reply = imap._get_response

            def late_read() -> object:
                imap._get_response = read_reply
                deliver(
                    root,
                    settings.plans_address,
                    "jane@globex.example",
                    b"Subject: done\r\n\r\nok\r\n",
                )
                time.sleep(1)  # the server's "+ idling" and "* 1 EXISTS" are both here now
                return read_reply()

            imap._get_response = late_read
            return timed_idle(mailbox)

    waited, pending = await asyncio.to_thread(idle_once)
    assert pending == 1
    assert waited < 5, f"the listener woke after {waited:.1f} s"


@pytest.mark.parametrize("kind", ["embedded", "dovecot"])
async def test_mail_announced_in_the_answer_to_an_empty_search_wakes_the_listener(
    kind: str,
    tmp_path: Path,
    free_port: Callable[[], int],
    require_program: Callable[[str], str],
    timed_idle: Callable[[Mailbox], tuple[float, int]],
) -> None:
    """A server answers a SEARCH from the folder as it last looked at it, then looks again and
    announces what landed meanwhile (`* 1 EXISTS`) behind results that lack it; the client
    library keeps that line to itself, and the IDLE after it has nothing new to report. The
    mail sat in the inbox until the next delivery or the IDLE's end (five minutes): a seller's
    start email waited so in a test, with every worker idle. Dovecot and the dev server alike."""
    if kind == "dovecot":
        require_program("dovecot")
    port = free_port()
    settings = Settings(
        data_dir=tmp_path, secret="listener-secret", imap_port=port, imap_password=PASSWORD
    )
    server = ImapServer(kind, tmp_path, port)
    await asyncio.to_thread(server.start)

    def search_then_idle() -> tuple[float, int]:
        with open_mailbox(settings) as mailbox, open_mailbox(settings) as delivery:
            assert mailbox.pending() == []
            delivery.client.append(settings.imap_folder, b"Subject: go\r\n\r\nx")
            assert mailbox.pending() == []  # the race, every time: the answer announced it
            return timed_idle(mailbox)

    try:
        waited, pending = await asyncio.to_thread(search_then_idle)
    finally:
        await asyncio.to_thread(server.cleanup)
    assert pending == 1
    assert waited < 5, f"the listener woke after {waited:.1f} s"


def test_a_reply_to_a_start_email_is_routed_after_it() -> None:
    """Keys that order routing: a start email's is the plan it starts, and a Reply-All to it
    (still in the inbox beside it after a restart) has the same, so it finds the plan started."""
    start = b"Message-ID: <start-1@acme.example>\r\nTo: plans+short@mutualplan.localhost\r\n\r\nhi"
    reply_all = (
        b"Message-ID: <r-1@globex.example>\r\nIn-Reply-To: <start-1@acme.example>\r\n"
        b"Cc: plans+short@mutualplan.localhost\r\n\r\nthanks"
    )
    other = b"Message-ID: <start-2@acme.example>\r\nTo: plans+short@mutualplan.localhost\r\n\r\n"
    token = b"To: plans+abcdefghij-1-2-" + b"b" * 16 + b"@mutualplan.localhost\r\n"
    assert plan_key(start) == plan_key(reply_all) == plan_id_for("start-1@acme.example")
    assert plan_key(other) not in (None, plan_key(start))
    assert plan_key(token + b"In-Reply-To: <start-1@acme.example>\r\n\r\n") == "abcdefghij"
    assert plan_key(b"Subject: no ids\r\n\r\n") is None
