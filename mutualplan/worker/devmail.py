"""The embedded mail server of `mutualplan dev`: catch-all SMTP (aiosmtpd) and IMAP (pymap).

Every recipient gets a Maildir under the data directory; anyone can read it over IMAP by logging
in as that address with any password (dev only: it listens on loopback). Sub-addressing works as
on Postfix: mail to `plans+anything@domain` lands in `plans@domain`, with the full address kept
in a `Delivered-To` header.
"""

from __future__ import annotations

import asyncio
import logging
import mailbox
import os
import re
from argparse import Namespace
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session
from pymap.backend.mailbox import MailboxDataInterface
from pymap.backend.maildir import Config, Identity, Login, MaildirBackend
from pymap.backend.maildir import Session as MaildirSession
from pymap.backend.maildir.mailbox import MailboxData, Message
from pymap.backend.maildir.uidlist import Record, UidList
from pymap.concurrent import Event
from pymap.context import subsystem
from pymap.imap import IMAPService
from pymap.interfaces.login import IdentityInterface
from pymap.parsing.message import AppendMessage
from pymap.parsing.specials import ObjectId
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


def deliver(root: Path, recipient: str, mail_from: str, content: bytes) -> None:
    name = mailbox_name(recipient)
    assert name is not None, "recipients are checked at RCPT time"
    trace = f"Return-Path: <{mail_from}>\r\nDelivered-To: {recipient.lower()}\r\n".encode()
    mailbox.Maildir(root / name, create=True).add(trace + content)
    _wake_idlers(root / name)


# pymap's Maildir backend notices new mail by polling every second while a client IDLEs. The dev
# server delivers in the same process, so it wakes those IDLE sessions itself: a reply reaches the
# engine in milliseconds instead of half a second on average. Keyed by Maildir path, which is
# unique per server, so several dev servers in one process (tests) stay apart.
_idling: dict[str, set[Event]] = {}


def _wake_idlers(path: Path) -> None:
    for waiting in list(_idling.get(os.path.realpath(path), ())):
        waiting.set()


async def _update_selected(
    self: MailboxData, selected: SelectedMailbox, *, wait_on: Event | None = None
) -> SelectedMailbox:
    if wait_on is not None and not wait_on.is_set():  # set: the client already sent DONE
        delivered = subsystem.get().new_event()
        waiting = _idling.setdefault(os.path.realpath(self._path), set())
        waiting.add(delivered)
        try:
            await wait_on.or_event(delivered).wait(timeout=1.0)
        finally:
            waiting.discard(delivered)
    await _forget_removed(self)
    await self.reset()  # number new mail now
    selected.set_messages([msg async for msg in self.messages()])
    return selected


async def _forget_removed(self: MailboxData) -> None:
    """Drop moved and deleted mail from the folder's UID list. pymap keeps it there until the
    session ends, and every lookup of it re-reads the whole Maildir (mailbox.Maildir._refresh),
    so each command cost more than the last. (pymap's own cleanup() would also sweep tmp/,
    racing with deliveries.)"""
    async with UidList.with_write(self._path) as uids:
        # the keys are read under the UID list's lock: mail delivered meanwhile (its file in
        # place, its UID recorded under this lock) must not look removed
        keys = await self._get_keys()
        for record in list(uids.records):
            if record.key not in keys:
                uids.remove(record.uid)


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


async def _move(
    self: MailboxData, uid: int, destination: MailboxData, *, recent: bool = False
) -> int | None:
    """pymap's move, with the same care as `_append` in the destination folder."""
    async with UidList.with_read(self._path) as uids:
        try:
            record = uids.get(uid)
        except KeyError:
            return None
    async with UidList.with_write(destination._path) as dest_uids:
        async with destination.messages_lock.write_lock(), self.messages_lock.write_lock():
            try:
                filename = self._maildir.move_message(
                    record.key, destination._maildir, "new" if recent else "cur"
                )
            except (KeyError, FileNotFoundError):
                return None
        moved = Record(dest_uids.next_uid, record.fields, filename)
        dest_uids.next_uid += 1
        dest_uids.set(moved)
    return moved.uid


async def _get_mailbox(
    self: MaildirSession, name: str, *, try_create: bool = False
) -> MailboxDataInterface[Message]:
    """pymap's lookup, without numbering the folder again when it is only written to (APPEND,
    COPY and MOVE ask with `try_create`). pymap lists the whole folder on every lookup, so each
    reply filed into `Processed` cost more than the last. Written-to folders need no numbering:
    `_append` and `_move` give the new message its UID under the UID list's lock."""
    if try_create:
        known = self.mailbox_set._cache.get(name)
        if known is not None:
            return known
    return await _pymap_get_mailbox(self, name, try_create=try_create)


MailboxData.update_selected = _update_selected  # type: ignore[method-assign]
MailboxData.append = _append  # type: ignore[method-assign]
MailboxData.move = _move  # type: ignore[method-assign]
_pymap_get_mailbox = MaildirSession._get_mailbox
MaildirSession._get_mailbox = _get_mailbox  # type: ignore[method-assign, assignment]


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
