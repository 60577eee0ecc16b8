"""The Sent-folder record against the embedded IMAP server and Dovecot, and the SQLite record of
the dev stack: what was recorded is found by its exact Message-ID, and nothing else is (not an
id it is a prefix of), across reconnects and restarts."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from mutualplan.mail.outbox import Outbox, SentFolder, SentLog
from mutualplan.mail.send import SmtpSender
from mutualplan.settings import Settings
from tests.support.mailservers import PASSWORD, ImapServer


@pytest.fixture(params=["embedded", "dovecot"])
def imap(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    free_port: Callable[[], int],
    require_program: Callable[[str], str],
) -> Iterator[ImapServer]:
    if request.param == "dovecot":
        require_program("dovecot")
    server = ImapServer(request.param, tmp_path, free_port())
    server.start()
    yield server
    server.cleanup()


def email(message_id: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "plans@mutualplan.localhost"
    msg["To"] = "jane@globex.example"
    msg["Subject"] = "[Globex rollout] Your turn"
    msg["Message-ID"] = f"<{message_id}>"
    msg.set_content("It is your turn.")
    return msg


async def test_recorded_mail_is_found_by_its_exact_message_id(imap: ImapServer) -> None:
    settings = Settings(secret="x" * 16, imap_port=imap.port, imap_password=PASSWORD)
    sent = SentFolder(settings)
    first = "tok1.milestone-started.1.1@mutualplan.localhost"
    try:
        assert not await sent.contains(first)
        await sent.record(email(first))
        assert await sent.contains(first)
        assert not await sent.contains("tok1.milestone-started.1.11@mutualplan.localhost")
        assert not await sent.contains("tok1.milestone-started.1@mutualplan.localhost")
        await asyncio.to_thread(imap.stop)  # the server restarts; the record is reopened
        await asyncio.to_thread(imap.start)
        assert await sent.contains(first)
    finally:
        sent.close()


async def test_the_dev_stacks_file_record_works_the_same_and_keeps_tokens_out(
    tmp_path: Path,
) -> None:
    first = "tok1.milestone-started.1.1@mutualplan.localhost"
    sent = SentLog(tmp_path / "sent.sqlite3")
    assert not await sent.contains(first)
    await sent.record(email(first))
    await sent.record(email(first))  # recorded twice (a retry that found nothing): one row
    assert await sent.contains(first)
    assert not await sent.contains("tok1.milestone-started.1.11@mutualplan.localhost")
    sent.close()
    reopened = SentLog(tmp_path / "sent.sqlite3")  # a restarted worker
    assert await reopened.contains(first)
    reopened.close()
    assert b"tok1" not in b"".join(p.read_bytes() for p in tmp_path.iterdir())


async def test_two_attempts_at_one_email_in_one_process_send_it_once(
    tmp_path: Path,
    smtp_sink,  # type: ignore[no-untyped-def]
) -> None:
    """A workflow task that timed out while its local send was slow runs the send again in the
    same worker before the first attempt is done: the two look at the record before either has
    written it. They take turns, and the second finds the first one's record."""
    settings = Settings(secret="x" * 16, smtp_port=smtp_sink.port)
    sent = SentLog(tmp_path / "sent.sqlite3")
    outbox = Outbox(SmtpSender(settings.smtp), sent)
    message_id = "tok1.milestone-started.1.1@mutualplan.localhost"
    outcomes = await asyncio.gather(
        *(outbox.send(email(message_id), message_id=message_id, retry=True) for _ in range(3))
    )
    other = "tok1.milestone-started.2.1@mutualplan.localhost"
    assert await outbox.send(email(other), message_id=other, retry=True)
    await asyncio.sleep(0.2)
    assert sorted(outcomes) == [False, False, True]
    assert [str(m["Message-ID"]) for m in smtp_sink.messages] == [f"<{message_id}>", f"<{other}>"]
    sent.close()
