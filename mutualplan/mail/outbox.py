"""Outbound exactly once: the plans mailbox's Sent folder is the record every worker shares.

Temporal retries a send activity whose worker died before reporting it done; SMTP has no way to
ask "did you already take this message?". So once the SMTP server has accepted an email, a copy
is APPENDed to the Sent folder of the plans mailbox (where people expect to find sent mail), and
a retried attempt first searches that folder for the email's Message-ID: if it is there, the
email went out and is not sent again. Every worker, on any machine, reads the same mailbox, so
the record is shared without a database.

What remains: a worker that dies after the server's 250 reply and before the APPEND completes
(one IMAP round trip, started at once) leaves no record, and the retry sends a second copy. Its
Message-ID is the same, so mail clients that deduplicate show it once.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from contextlib import suppress
from email.message import EmailMessage
from typing import TypeVar

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from mutualplan.errors import MailError
from mutualplan.mail.receive import log_in, open_connection
from mutualplan.mail.send import SmtpSender
from mutualplan.settings import Settings

log = logging.getLogger(__name__)
A = TypeVar("A")
R = TypeVar("R")


class SentFolder:
    """The Sent folder over one IMAP connection, kept open and reopened when it breaks."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client: IMAPClient | None = None
        self._lock = threading.Lock()  # imapclient is blocking and not thread-safe

    async def contains(self, message_id: str) -> bool:
        """Whether an email with this Message-ID (without <>) was recorded as sent."""
        return await asyncio.to_thread(self._locked, self._search, message_id)

    async def record(self, message: EmailMessage) -> None:
        raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        await asyncio.to_thread(self._locked, self._append, raw)

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _search(self, client: IMAPClient, message_id: str) -> bool:
        client.select_folder(self._settings.sent_folder, readonly=True)
        return bool(client.search(["HEADER", "Message-ID", f"<{message_id}>"]))

    def _append(self, client: IMAPClient, raw: bytes) -> None:
        client.append(self._settings.sent_folder, raw, flags=[b"\\Seen"])

    def _locked(self, action: Callable[[IMAPClient, A], R], arg: A) -> R:
        with self._lock:
            for attempt in (1, 2):  # a connection that went stale is reopened once
                try:
                    return action(self._connection(), arg)
                except (IMAPClientError, OSError) as exc:
                    self._drop()
                    if attempt == 2:
                        raise MailError(f"Sent folder: {_masked(exc, self._settings)}") from None
            raise AssertionError("unreachable")

    def _connection(self) -> IMAPClient:
        if self._client is None:
            client = open_connection(self._settings)
            try:
                log_in(client, self._settings)
                if not client.folder_exists(self._settings.sent_folder):
                    client.create_folder(self._settings.sent_folder)
            except (IMAPClientError, OSError, MailError):
                with suppress(IMAPClientError, OSError):
                    client.shutdown()
                raise
            self._client = client
        return self._client

    def _drop(self) -> None:
        if self._client is not None:
            with suppress(IMAPClientError, OSError):
                self._client.shutdown()
            self._client = None


def without_token(message_id: str) -> str:
    """Our Message-IDs start with the recipient's reply token, which must stay out of logs and
    of the plan's history in Temporal (whoever holds a token can answer as its recipient)."""
    rest = message_id.partition(".")[2]
    return f"...{rest}" if rest else "..."


def _masked(exc: BaseException, settings: Settings) -> str:
    text = str(exc) or type(exc).__name__
    for secret in settings.secret_values():
        if secret:
            text = text.replace(secret, "********")
    return text


class Outbox:
    """Send an email at most once per Message-ID (but for the window described above)."""

    def __init__(self, sender: SmtpSender, sent: SentFolder | None) -> None:
        self._sender = sender
        self._sent = sent

    async def send(self, message: EmailMessage, *, message_id: str, retry: bool) -> bool:
        """Send, then record; False if a previous attempt (`retry`) had already sent it. A
        failure to look raises MailError (try again later); a failure to record is only logged:
        the activity completing is then the record."""
        if retry and self._sent is not None and await self._sent.contains(message_id):
            log.info("not sending %s again: it is in the Sent folder", without_token(message_id))
            return False
        await self._sender.send(message)
        if self._sent is not None:
            try:
                await self._sent.record(message)
            except MailError as exc:
                log.warning("sent %s but could not record it: %s", without_token(message_id), exc)
        return True


class RecordedSender(SmtpSender):
    """An SmtpSender for mail sent outside activities (the listener's answers): it always looks
    in the Sent folder first, since it cannot know whether an earlier process sent it before
    dying; the answer's Message-ID comes from the message it answers."""

    def __init__(self, settings: Settings, sent: SentFolder) -> None:
        super().__init__(settings)
        self._outbox = Outbox(SmtpSender(settings), sent)

    async def send(self, message: EmailMessage) -> None:
        message_id = str(message["Message-ID"]).strip().strip("<>")
        await self._outbox.send(message, message_id=message_id, retry=True)
