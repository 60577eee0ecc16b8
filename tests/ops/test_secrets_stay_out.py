"""Passwords never reach logs or error messages, even from servers that echo them back.

Two hostile servers on loopback: an IMAP server whose refusal repeats the LOGIN line it got, and
an SMTP server whose 535 repeats the decoded AUTH PLAIN. The listener, the Sent-folder record and
the SMTP sender all fail against them; every log record (as caplog captures it, before any
masking formatter) and every error message is searched for the password.
"""

from __future__ import annotations

import asyncio
import base64
import io
import logging
from collections.abc import AsyncIterator
from email.message import EmailMessage

import pytest

from mutualplan.errors import MailError
from mutualplan.logs import configure_logging
from mutualplan.mail.outbox import SentFolder
from mutualplan.mail.send import SmtpSender
from mutualplan.routing.outcomes import Disposition
from mutualplan.settings import Settings
from mutualplan.worker.listener import MailListener

IMAP_PASSWORD = "imap-pw-7c1d9e0b"
SMTP_PASSWORD = "smtp-pw-52ab3f17"


async def _echoing_imap(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(b"* OK [CAPABILITY IMAP4rev1 IDLE] hostile server ready\r\n")
    while line := await reader.readline():
        tag, _, rest = line.decode(errors="replace").strip().partition(" ")
        if rest.upper().startswith("LOGIN"):
            writer.write(f"{tag} NO [AUTHENTICATIONFAILED] rejected: {rest}\r\n".encode())
        elif rest.upper().startswith("CAPABILITY"):
            writer.write(f"* CAPABILITY IMAP4rev1 IDLE\r\n{tag} OK done\r\n".encode())
        else:
            writer.write(f"{tag} BAD {rest}\r\n".encode())
        await writer.drain()
    writer.close()


async def _echoing_smtp(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(b"220 hostile ESMTP\r\n")
    while line := await reader.readline():
        command = line.decode(errors="replace").strip()
        if command.upper().startswith("EHLO"):
            writer.write(b"250-hostile\r\n250 AUTH PLAIN LOGIN\r\n")
        elif command.upper().startswith("AUTH PLAIN"):
            decoded = base64.b64decode(command.split()[-1]).replace(b"\0", b" ").decode()
            writer.write(f"535 5.7.8 credentials {decoded} are wrong\r\n".encode())
        elif command.upper().startswith("AUTH LOGIN"):
            writer.write(b"334 UGFzc3dvcmQ6\r\n")  # "Password:"
            await writer.drain()
            password = base64.b64decode((await reader.readline()).strip()).decode()
            writer.write(f"535 5.7.8 password {password} is wrong\r\n".encode())
        elif command.upper().startswith("QUIT"):
            writer.write(b"221 bye\r\n")
        else:
            writer.write(f"500 what is {command}\r\n".encode())
        await writer.drain()
    writer.close()


@pytest.fixture
async def settings() -> AsyncIterator[Settings]:
    imap = await asyncio.start_server(_echoing_imap, "127.0.0.1", 0)
    smtp = await asyncio.start_server(_echoing_smtp, "127.0.0.1", 0)
    yield Settings(
        secret="hmac-key-3e8f0a2b",
        imap_port=imap.sockets[0].getsockname()[1],
        imap_password=IMAP_PASSWORD,
        smtp_port=smtp.sockets[0].getsockname()[1],
        smtp_username="plans@mutualplan.localhost",
        smtp_password=SMTP_PASSWORD,
    )
    for server in (imap, smtp):
        server.close()


class Unused:
    async def handle(self, raw: bytes) -> Disposition:
        raise AssertionError("nothing to read")


async def fail_everything(settings: Settings) -> list[str]:
    """The listener (retrying for 2 s), the Sent-folder record and a send, all refused; the
    error messages they raised."""
    listener = asyncio.create_task(MailListener(settings, Unused(), max_backoff=0.5).run())  # type: ignore[arg-type]
    await asyncio.sleep(2)
    listener.cancel()
    await asyncio.gather(listener, return_exceptions=True)
    errors = []
    with pytest.raises(MailError) as caught:
        await SentFolder(settings).contains("x.y@mutualplan.localhost")
    errors.append(str(caught.value))
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = settings.plans_address, "jane@globex.example", "x"
    msg.set_content("x")
    with pytest.raises(MailError) as refused:
        await SmtpSender(settings.smtp).send(msg)
    errors.append(str(refused.value))
    return errors


def assert_no_secret(text: str) -> None:
    for secret in (IMAP_PASSWORD, SMTP_PASSWORD, "hmac-key-3e8f0a2b"):
        assert secret not in text


async def test_failed_logins_never_show_the_password(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """At INFO (what `mutualplan -v worker` logs), not even the raw log records hold it."""
    caplog.set_level(logging.INFO)
    errors = await fail_everything(settings)
    assert "login refused" in caplog.text, "the listener did try and log its failure"
    assert "535 5.7.8 password ******** is wrong" in errors[1], errors
    assert_no_secret("\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records))
    assert_no_secret("\n".join(errors))


async def test_debug_logs_of_the_libraries_are_masked_on_the_way_out(
    settings: Settings, restore_logging: None
) -> None:
    """imapclient's DEBUG lines repeat what the server said: the log handler masks them."""
    out = io.StringIO()
    configure_logging(
        level=logging.DEBUG, log_format="text", secrets=settings.secret_values(), stream=out
    )
    await fail_everything(settings)
    assert "AUTHENTICATIONFAILED" in out.getvalue(), "the library's debug lines were there"
    assert_no_secret(out.getvalue())
