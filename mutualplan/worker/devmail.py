"""The embedded mail server of `mutualplan dev`: catch-all SMTP (aiosmtpd) and IMAP (pymap).

Every recipient gets a Maildir under the data directory; anyone can read it over IMAP by logging
in as that address with any password (dev only: it listens on loopback). Sub-addressing works as
on Postfix: mail to `plans+anything@domain` lands in `plans@domain`, with the full address kept
in a `Delivered-To` header.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import re
import time
from argparse import Namespace
from collections.abc import AsyncIterator, Iterable
from contextlib import AsyncExitStack, asynccontextmanager
from mailbox import MaildirMessage
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session
from pymap.backend.mailbox import MailboxDataInterface
from pymap.backend.maildir import Config, Identity, Login, MaildirBackend
from pymap.backend.maildir import Session as MaildirSession
from pymap.backend.maildir.mailbox import LoadedMessage, MailboxData, Message
from pymap.backend.maildir.uidlist import Record, UidList
from pymap.concurrent import Event
from pymap.context import subsystem
from pymap.exceptions import MailboxReadOnly
from pymap.imap import IMAPService
from pymap.interfaces.login import IdentityInterface
from pymap.mime import MessageContent
from pymap.parsing.message import AppendMessage
from pymap.parsing.response.code import CopyUid
from pymap.parsing.specials import FetchRequirement, ObjectId, SequenceSet
from pymap.selected import SelectedMailbox
from pysasl.creds.server import ServerCredentials

log = logging.getLogger(__name__)
_ADDRESS = re.compile(r"^[a-z0-9._%+-]{1,64}@[a-z0-9.-]{1,253}$")


def mailbox_name(address: str) -> str | None:
    """The mailbox an address delivers to (`a+tag@d` -> `a@d`), or None if it is not safe."""
    address = address.strip().lower()
    if not _ADDRESS.match(address) or ".." in address:
        return None
    local, _, domain = address.partition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


_DELIVERIES = itertools.count()


def deliver(root: Path, recipient: str, mail_from: str, content: bytes) -> None:
    """Into the recipient's Maildir the Maildir way: written in tmp/, then renamed into new/.
    Not fsynced (the Temporal dev server runs with synchronous=normal alike): mail survives a
    killed server, not a power cut; a real MTA pays for the fsync, a dev stack need not."""
    name = mailbox_name(recipient)
    assert name is not None, "recipients are checked at RCPT time"
    folder = root / name
    # both, each: a first login may be making the folder's parts at this moment (a delivery that
    # saw new/ before tmp/ was made failed with FileNotFoundError)
    if not (folder / "tmp").is_dir() or not (folder / "new").is_dir():
        for part in _MAILDIR_PARTS:
            os.makedirs(folder / part, mode=0o700, exist_ok=True)
    trace = f"Return-Path: <{mail_from}>\r\nDelivered-To: {recipient.lower()}\r\n".encode()
    unique = f"{time.time_ns()}.P{os.getpid()}Q{next(_DELIVERIES)}.mutualplan"
    with open(folder / "tmp" / unique, "xb") as file:  # x: never over another delivery
        file.write(trace + content)
    os.rename(folder / "tmp" / unique, folder / "new" / unique)
    _wake_idlers(folder)


# pymap's Maildir backend notices new mail by polling every second while a client IDLEs. The dev
# server delivers in the same process, so it wakes those IDLE sessions itself: a reply reaches the
# engine in milliseconds instead of half a second on average. Keyed by Maildir path, which is
# unique per server, so several dev servers in one process (tests) stay apart.
_idling: dict[str, set[Event]] = {}
_MAILDIR_PARTS = ("tmp", "new", "cur")  # tmp/ first: a delivery writes there before new/


def _wake_idlers(path: Path) -> None:
    for waiting in list(_idling.get(os.path.realpath(path), ())):
        waiting.set()


IDLE_POLL_SECONDS = 1.0  # while a client IDLEs, how often the folder is listed without a wake


async def _update_selected(
    self: MailboxData, selected: SelectedMailbox, *, wait_on: Event | None = None
) -> SelectedMailbox:
    if wait_on is None or wait_on.is_set():  # not IDLE, or the client already sent DONE
        selected.set_messages(await _renumber(self))
        return selected
    # IDLE waits for a delivery only if nothing came since the client last looked: mail
    # delivered between its last command and its IDLE woke nobody, and waited for the next poll
    # (up to a second) before it was reported. Listening (for a delivery, or for the client's
    # DONE) starts before that look, so either one during it ends the wait at once.
    delivered = subsystem.get().new_event()
    woken = wait_on.or_event(delivered)
    waiting = _idling.setdefault(os.path.realpath(self._path), set())
    waiting.add(delivered)
    try:
        messages = await _renumber(self)
        if (messages[-1].uid if messages else 0) <= selected.messages.max_uid:
            await woken.wait(timeout=IDLE_POLL_SECONDS)
            messages = await _renumber(self)
    finally:
        waiting.discard(delivered)
    selected.set_messages(messages)
    return selected


async def _renumber(self: MailboxData) -> list[Message]:
    """pymap's `reset()` then `messages()`, in one listing of the folder instead of three: new
    files get a UID, and the UIDs of moved and deleted mail are dropped (pymap keeps them until
    the session ends, and every lookup of one re-reads the whole Maildir). The folder is listed
    under the UID list's lock: mail delivered meanwhile (its file in place, its UID recorded under
    this lock) must not look removed. (pymap's own cleanup() would also sweep tmp/, racing with
    deliveries.)"""
    async with UidList.with_write(self._path) as uids:
        async with self.messages_lock.read_lock():
            found = _metadata(self)
        for record in list(uids.records):
            if record.key not in found:
                uids.remove(record.uid)
        known = {record.key for record in uids.records}
        for key, metadata in found.items():
            if key not in known:
                ids = {"E": str(ObjectId.random_email_id()), "T": str(ObjectId.random_thread_id())}
                uids.set(Record(uids.next_uid, ids, f"{key}:{metadata.get_info()}"))
                uids.next_uid += 1
        self._uid_validity, self._next_uid = uids.uid_validity, uids.next_uid
        records = list(uids.records)
    return [_message(self, record, found[record.key]) for record in records]


def _metadata(self: MailboxData) -> dict[str, MaildirMessage]:
    """Each message file's flags, folder (new/cur) and time, by key, from one listing of the
    folder. A file's metadata is read once and kept under its name: a message file never
    changes, only its name does (when its flags change, or it moves from new/ to cur/)."""
    maildir = self._maildir
    keys = maildir.keys()  # lists new/ and cur/, and so brings the table of contents up to date
    toc: dict[str, str] = maildir._toc  # type: ignore[attr-defined]  # key -> "cur/<name>"
    known: dict[str, MaildirMessage] = getattr(self, "_mutualplan_metadata", {})
    kept: dict[str, MaildirMessage] = {}
    found: dict[str, MaildirMessage] = {}
    for key in keys:
        subpath = toc.get(key)
        if subpath is None:
            continue
        metadata = known.get(subpath)
        if metadata is None:
            try:
                metadata = maildir.get_message_metadata(key)
            except (KeyError, FileNotFoundError):  # moved or deleted since the listing
                continue
        kept[subpath] = found[key] = metadata
    self._mutualplan_metadata = kept  # type: ignore[attr-defined]
    return found


def _message(self: MailboxData, record: Record, metadata: MaildirMessage) -> Message:
    email_id, thread_id = self._get_object_id(record, "E"), self._get_object_id(record, "T")
    return Message.from_maildir(
        record.uid, metadata, self._maildir, record.key, email_id, thread_id, self.maildir_flags
    )


async def _find(
    self: MailboxData, seq_set: SequenceSet, selected: SelectedMailbox
) -> AsyncIterator[tuple[int, Message]]:
    """pymap's find, reading the UID list once per command rather than once per message (a
    SEARCH of the inbox cost time in the square of its size: 0.9 s at 500 messages)."""
    async with UidList.with_read(self._path) as uids:
        records = {record.uid: record for record in uids.records}
    maildir = self._maildir
    found: list[tuple[int, Message]] = []
    async with self.messages_lock.read_lock():
        for seq, cached in selected.messages.get_all(seq_set):
            record = records.get(cached.uid)
            try:
                metadata = maildir.get_message_metadata(record.key) if record else None
            except (KeyError, FileNotFoundError):
                metadata = None
            if record is None or metadata is None:
                found.append((seq, Message.copy_expunged(cached)))
            else:
                found.append((seq, _message(self, record, metadata)))
    for item in found:
        yield item


async def _append(self: MailboxData, append_msg: AppendMessage, *, recent: bool = False) -> Message:
    """pymap's append, but the file is added while the UID list is locked: otherwise a
    `reset()` on another connection (which numbers files that have no UID yet) can number the
    new file in between, and the message then has two UIDs."""
    email_id, thread_id = ObjectId.random_email_id(), ObjectId.random_thread_id()
    async with UidList.with_write(self._path) as uids:
        async with self.messages_lock.write_lock():
            maildir_msg = Message.to_maildir(append_msg, recent, self.maildir_flags)
            key = self._maildir.add(maildir_msg)
        record = Record(uids.next_uid, {"E": str(email_id), "T": str(thread_id)},
                        f"{key}:{maildir_msg.get_info()}")  # fmt: skip
        uids.next_uid += 1
        uids.set(record)
    return Message.from_maildir(
        record.uid, maildir_msg, self._maildir, key, email_id, thread_id, self.maildir_flags
    )


async def _move_all(
    self: MailboxData, uids: list[int], destination: MailboxData, *, recent: bool
) -> list[tuple[int, int]]:
    """pymap's move, with the same care as `_append` in the destination folder, for all the
    messages of one MOVE under one lock of each UID list (pymap reads the source's and rewrites
    the destination's whole list for each message): (source UID, destination UID) pairs."""
    async with UidList.with_read(self._path) as source_uids:
        records = {record.uid: record for record in source_uids.records}
    moved: list[tuple[int, int]] = []
    async with (
        UidList.with_write(destination._path) as dest_uids,
        destination.messages_lock.write_lock(),
        self.messages_lock.write_lock(),
    ):
        for uid in uids:
            record = records.get(uid)
            if record is None:
                continue
            try:
                filename = self._maildir.move_message(
                    record.key, destination._maildir, "new" if recent else "cur"
                )
            except (KeyError, FileNotFoundError):
                continue
            dest_uids.set(Record(dest_uids.next_uid, record.fields, filename))
            moved.append((uid, dest_uids.next_uid))
            dest_uids.next_uid += 1
    return moved


async def _move_messages(
    self: MaildirSession, selected: SelectedMailbox, sequence_set: SequenceSet, mailbox: str
) -> tuple[CopyUid | None, SelectedMailbox]:
    """pymap's MOVE, moving the messages together (`_move_all`)."""
    source = await self._get_selected(selected)
    destination = await self._get_mailbox(mailbox, try_create=True)
    assert isinstance(source, MailboxData) and isinstance(destination, MailboxData)
    if destination.readonly:
        raise MailboxReadOnly(mailbox)
    dest_selected = self._pick_selected(selected, destination)
    uids = [uid for _, uid in selected.messages.get_uids(sequence_set)]
    moved = await _move_all(source, uids, destination, recent=not dest_selected)
    if dest_selected:
        for _, dest_uid in moved:
            dest_selected.session_flags.add_recent(dest_uid)
    copy_uid = CopyUid(destination.uid_validity, moved) if moved else None
    return copy_uid, await source.update_selected(selected)


async def _fetch_messages(
    self: MaildirSession, selected: SelectedMailbox, sequence_set: SequenceSet, set_seen: bool
) -> tuple[Iterable[tuple[int, Message]], SelectedMailbox]:
    """pymap's FETCH; without setting \\Seen (BODY.PEEK, what the engine asks for) it looks the
    messages up together (`_find`), not re-reading the UID list for each one."""
    if set_seen:
        return await _pymap_fetch_messages(self, selected, sequence_set, set_seen)
    mailbox = await self._get_selected(selected)
    found = [item async for item in mailbox.find(sequence_set, selected)]
    return found, await mailbox.update_selected(selected)


async def _load_content(self: Message, requirement: FetchRequirement) -> LoadedMessage:
    """pymap's, reading the file as it is: pymap parses it into an `email` message and writes
    that out again first (most of the time of a FETCH, and long headers came back refolded)."""
    if self._key is None or self._maildir is None or requirement.has_none(FetchRequirement.CONTENT):
        return LoadedMessage(self, requirement, None)
    try:
        path = os.path.join(self._maildir._path, self._maildir._lookup(self._key))
        with open(path, "rb") as file:
            raw = file.read()
    except (KeyError, FileNotFoundError):
        return LoadedMessage(self, requirement, None)
    return LoadedMessage(self, requirement, MessageContent.parse(raw))


async def _get_mailbox(
    self: MaildirSession, name: str, *, try_create: bool = False
) -> MailboxDataInterface[Message]:
    """pymap's lookup, without numbering the folder again when it is only written to (APPEND,
    COPY and MOVE ask with `try_create`). pymap lists the whole folder on every lookup, so each
    reply filed into `Processed` cost more than the last. Written-to folders need no numbering:
    `_append` and `_move_all` give the new message its UID under the UID list's lock."""
    if try_create:
        known = self.mailbox_set._cache.get(name)
        if known is not None:
            return known
    return await _pymap_get_mailbox(self, name, try_create=try_create)


async def _get_selected(
    self: MaildirSession, selected: SelectedMailbox
) -> MailboxDataInterface[Message]:
    """The selected folder without pymap's `reset()` before every command: `_update_selected`
    numbers new mail after every command anyway (the client learns of it only then)."""
    known = self.mailbox_set._cache.get(selected.lookup)
    if known is not None and os.path.isdir(known._path):
        return known
    return await _pymap_get_selected(self, selected)


MailboxData.update_selected = _update_selected  # type: ignore[method-assign]
MailboxData.find = _find  # type: ignore[method-assign, assignment]
MailboxData.append = _append  # type: ignore[method-assign]
Message.load_content = _load_content  # type: ignore[method-assign]
_pymap_get_mailbox = MaildirSession._get_mailbox
MaildirSession._get_mailbox = _get_mailbox  # type: ignore[method-assign, assignment]
_pymap_get_selected = MaildirSession._get_selected
MaildirSession._get_selected = _get_selected  # type: ignore[method-assign, assignment]
MaildirSession.move_messages = _move_messages  # type: ignore[method-assign, assignment]
_pymap_fetch_messages = MaildirSession.fetch_messages
MaildirSession.fetch_messages = _fetch_messages  # type: ignore[method-assign, assignment]


class _CatchAll:
    def __init__(self, root: Path) -> None:
        self._root = root

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if mailbox_name(address) is None:
            return "550 5.1.3 Bad recipient address syntax"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        for recipient in envelope.rcpt_tos:
            deliver(self._root, recipient, envelope.mail_from or "", content)
        return "250 OK delivered"


class _AnyPasswordLogin(Login):
    """Dev only: any address logs in with any password and sees its own Maildir."""

    async def authenticate(self, credentials: ServerCredentials) -> Identity:
        name = mailbox_name(credentials.authcid)
        if name is None:
            from pymap.exceptions import InvalidAuth

            raise InvalidAuth()
        return _MaildirIdentity(self.config, self.tokens, name, None, frozenset())

    async def authorize(self, authenticated: IdentityInterface, authzid: str) -> Identity:
        from pymap.exceptions import AuthorizationFailure

        if mailbox_name(authzid) != authenticated.name:
            raise AuthorizationFailure()
        return _MaildirIdentity(self.config, self.tokens, authenticated.name, None, frozenset())


class _MaildirIdentity(Identity):
    @asynccontextmanager
    async def new_session(self) -> AsyncIterator[Any]:
        from pymap.backend.maildir import FilterSet
        from pymap.backend.maildir.mailbox import MailboxSet

        # made here, as it may already be: pymap makes it only if it is missing, and so fails
        # when several connections of a new address log in at once
        for part in _MAILDIR_PARTS:
            os.makedirs(os.path.join(self._base_dir, self.name, part), exist_ok=True)
        maildir, layout = self._load_maildir(self.name)
        mailboxes = MailboxSet(maildir, layout)
        yield MaildirSession(self.name, self.config, mailboxes, FilterSet(layout.path))


@asynccontextmanager
async def dev_mail_server(
    root: Path, *, host: str = "127.0.0.1", smtp_port: int = 2525, imap_port: int = 1143
) -> AsyncIterator[None]:
    """Run SMTP and IMAP on loopback until the context exits."""
    root.mkdir(parents=True, exist_ok=True)
    loop = asyncio.get_running_loop()
    smtp = await loop.create_server(
        lambda: SMTP(_CatchAll(root), hostname="mutualplan-dev", data_size_limit=50_000_000),
        host=host,
        port=smtp_port,
    )
    async with AsyncExitStack() as stack:
        stack.push_async_callback(_close, smtp)
        await start_imap(stack, root, host=host, port=imap_port)
        log.info(
            "dev mail: SMTP %s:%s, IMAP %s:%s, mail in %s", host, smtp_port, host, imap_port, root
        )
        yield


async def _close(server: asyncio.Server) -> None:
    server.close()
    await server.wait_closed()


def _remove_stale_locks(root: Path) -> None:
    """pymap locks a folder's UID list with a lock file. A server killed while it held one (a
    crash, SIGKILL) leaves it behind, and every write to that folder then times out until the
    file is 10 minutes old. This server is the only one serving `root`, so at its start any
    lock file is stale."""
    for name in (UidList.LOCK_FILE, "subscriptions.lock"):
        for stale in root.rglob(name):
            log.warning("dev mail: removing a stale lock left by a stopped server: %s", stale)
            stale.unlink(missing_ok=True)


async def start_imap(
    stack: AsyncExitStack, root: Path, *, host: str, port: int, cert_chain: Path | None = None
) -> None:
    """pymap on `port` until `stack` closes; with `cert_chain` (key and certificates in one PEM)
    it offers STARTTLS (pymap still takes a login in the clear from loopback)."""
    args = Namespace(
        host=host, port=port, debug=False, cert=cert_chain and str(cert_chain), key=None,
        tls=cert_chain is not None, base_dir=str(root), concurrency=None, layout="++",
        colon=None, passlib_cfg=None, proxy_protocol=None, inherited_sockets=None,
    )  # fmt: skip
    _remove_stale_locks(root)
    config = Config.from_args(args, reject_dnsbl=False, secure_auth=False, invalid_user_sleep=0)
    config.apply_context()
    backend = MaildirBackend(_AnyPasswordLogin(config), config)
    await backend.start(stack)
    await IMAPService(backend, config).start(stack)
