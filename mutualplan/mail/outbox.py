"""Outbound exactly once: the plans mailbox's Sent folder is the record every worker shares.

Temporal retries a send activity whose worker died before reporting it done; SMTP has no way to
ask "did you already take this message?". So once the SMTP server has accepted an email, a copy
is APPENDed to the Sent folder of the plans mailbox (where people expect to find sent mail), and
a retried attempt first searches that folder for the email's Message-ID: if it is there, the
email went out and is not sent again. Every worker, on any machine, reads the same mailbox, so
the record is shared without a database.

What remains: a worker that dies after the server's 250 reply and before the APPEND completes
(one IMAP round trip, started at once) leaves no record, and the retry sends a second copy. Its
Message-ID is the same, so mail clients that deduplicate show it once. An APPEND that fails
(the IMAP server is down) is written with the next one that succeeds; meanwhile the process
that sent the email remembers it, so its own retries skip it.

Workers that all run on one machine can keep the record in a SQLite file instead (SentLog): the
`dev` stack does, because its embedded IMAP server re-reads a folder's whole UID list and
Maildir on every APPEND, which grows slower with every email ever sent.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import sqlite3
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol, TypeVar

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from mutualplan.errors import MailError
from mutualplan.mail.receive import log_in, open_connection
from mutualplan.mail.send import MailSender
from mutualplan.settings import Settings

log = logging.getLogger(__name__)
A = TypeVar("A")
R = TypeVar("R")


class SentRecord(Protocol):
    async def contains(self, message_id: str) -> bool: ...
    async def record(self, message: EmailMessage) -> None: ...
    def close(self) -> None: ...


def sent_record(settings: Settings) -> SentRecord:
    """The record the settings ask for (`sent_record`)."""
    if settings.sent_record == "file":
        return SentLog(settings.data_dir / "sent.sqlite3")
    return SentFolder(settings)


class SentLog:
    """The record as a SQLite table of sent Message-IDs (hashed: they hold reply tokens), for
    workers on one machine. A row is committed before `record` returns; WAL with synchronous=
    NORMAL keeps it through a killed process (not through a power cut)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=5000")  # several workers of one machine
        self._db.execute("CREATE TABLE IF NOT EXISTS sent (id TEXT PRIMARY KEY) WITHOUT ROWID")

    async def contains(self, message_id: str) -> bool:
        query = "SELECT 1 FROM sent WHERE id = ?"
        return self._db.execute(query, (_hashed(message_id),)).fetchone() is not None

    async def record(self, message: EmailMessage) -> None:
        message_id = str(message["Message-ID"]).strip().strip("<>")
        self._db.execute("INSERT OR IGNORE INTO sent VALUES (?)", (_hashed(message_id),))

    def close(self) -> None:
        self._db.close()


def _hashed(message_id: str) -> str:
    return hashlib.sha256(message_id.encode()).hexdigest()


class SentFolder:
    """The Sent folder over a few IMAP connections, kept open and reopened when they break.

    Records run on threads of their own, one connection each, so a send that has just been
    accepted waits neither for other blocking calls of the process nor, up to `connections` at a
    time, for other sends' records: that wait would be part of the window described above.
    """

    def __init__(self, settings: Settings, *, connections: int = 4) -> None:
        self._settings = settings
        self._idle: list[IMAPClient] = []
        self._lock = threading.Lock()  # guards _idle; imapclient itself is not thread-safe
        self._creating = threading.Lock()
        self._folder_known = False
        self._threads = ThreadPoolExecutor(connections, thread_name_prefix="sent-folder")

    async def contains(self, message_id: str) -> bool:
        """Whether an email with this Message-ID (without <>) was recorded as sent."""
        return await self._run(self._search, message_id)

    async def record(self, message: EmailMessage) -> None:
        raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        await self._run(self._append, raw)

    def close(self) -> None:
        self._threads.shutdown(wait=True)
        with self._lock:
            idle, self._idle = self._idle, []
        for client in idle:
            _shut(client)

    async def _run(self, action: Callable[[IMAPClient, A], R], arg: A) -> R:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, self._on_a_connection, action, arg)

    def _search(self, client: IMAPClient, message_id: str) -> bool:
        client.select_folder(self._settings.sent_folder, readonly=True)
        found = bool(client.search(["HEADER", "Message-ID", f"<{message_id}>"]))
        if client.has_capability("UNSELECT"):  # APPENDs on this connection stay cheap after
            client.unselect_folder()
        return found

    def _append(self, client: IMAPClient, raw: bytes) -> None:
        client.append(self._settings.sent_folder, raw, flags=[b"\\Seen"])

    def _on_a_connection(self, action: Callable[[IMAPClient, A], R], arg: A) -> R:
        for attempt in (1, 2):  # an idle connection that went stale is replaced once
            client = self._take()
            try:
                result = action(client, arg)
            except (IMAPClientError, OSError) as exc:
                _shut(client)
                if attempt == 2:
                    raise MailError(f"Sent folder: {_masked(exc, self._settings)}") from None
                continue
            with self._lock:
                self._idle.append(client)
            return result
        raise AssertionError("unreachable")

    def _take(self) -> IMAPClient:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        client = open_connection(self._settings)  # MailError, password masked, if it fails
        try:
            log_in(client, self._settings)
            with self._creating:  # connections opened together must not all CREATE it
                self._ensure_folder(client)
        except (IMAPClientError, OSError) as exc:
            _shut(client)
            raise MailError(f"Sent folder: {_masked(exc, self._settings)}") from None
        except MailError:
            _shut(client)
            raise
        return client

    def _ensure_folder(self, client: IMAPClient) -> None:
        folder = self._settings.sent_folder
        if self._folder_known or client.folder_exists(folder):
            self._folder_known = True
            return
        try:
            client.create_folder(folder)
        except IMAPClientError:
            if not client.folder_exists(folder):  # another process made it meanwhile: fine
                raise
        self._folder_known = True


def _shut(client: IMAPClient) -> None:
    with suppress(IMAPClientError, OSError):
        client.shutdown()


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

    def __init__(self, sender: MailSender, sent: SentRecord | None) -> None:
        self._sender = sender
        self._sent = sent
        # sent, but the record could not be written (its server was down): this process still
        # knows (a lost workflow task sends its local batch again at once), and writes it later
        self._sent_here: set[str] = set()
        self._to_record: list[tuple[str, EmailMessage]] = []
        # attempts at one email under way here: a workflow task that timed out while its local
        # send was slow runs the send again in this process before the first one has finished
        self._sending: weakref.WeakValueDictionary[str, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    async def send(self, message: EmailMessage, *, message_id: str, retry: bool) -> bool:
        """Send, then record; False if a previous attempt (`retry`) had already sent it. A
        failure to look raises MailError (try again later); a failure to record is logged and
        the record written with the next one that succeeds. Two attempts at one email in this
        process take turns, so the second finds the first one's record."""
        # kept while an attempt holds or awaits it, and gone with the last one
        async with self._sending.setdefault(message_id, asyncio.Lock()):
            if message_id in self._sent_here or (
                retry and self._sent is not None and await self._sent.contains(message_id)
            ):
                log.info("not sending %s again: it was sent before", without_token(message_id))
                return False
            await self._sender.send(message)
            if self._sent is not None:
                await self._record(message_id, message)
            return True

    async def _record(self, message_id: str, message: EmailMessage) -> None:
        assert self._sent is not None
        try:
            await self._sent.record(message)
        except MailError as exc:
            log.warning("sent %s but could not record it yet: %s", without_token(message_id), exc)
            self._sent_here.add(message_id)
            self._to_record.append((message_id, message))
            return
        owed, self._to_record = self._to_record, []
        for n, (earlier_id, earlier) in enumerate(owed):
            try:
                await self._sent.record(earlier)
            except MailError:
                self._to_record.extend(owed[n:])
                return
            self._sent_here.discard(earlier_id)


class RecordedSender:
    """A sender for mail sent outside activities (the listener's answers): it always looks
    in the record first, since it cannot know whether an earlier process sent it before
    dying; the answer's Message-ID comes from the message it answers."""

    def __init__(self, sender: MailSender, sent: SentRecord) -> None:
        self._outbox = Outbox(sender, sent)

    async def send(self, message: EmailMessage) -> None:
        message_id = str(message["Message-ID"]).strip().strip("<>")
        await self._outbox.send(message, message_id=message_id, retry=True)
