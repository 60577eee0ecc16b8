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
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session
from pymap.backend.maildir import Config, FilterSet, Identity, Login, MaildirBackend
from pymap.backend.maildir.uidlist import UidList
from pymap.exceptions import AuthorizationFailure, InvalidAuth
from pymap.imap import IMAPService
from pymap.interfaces.login import IdentityInterface
from pysasl.creds.server import ServerCredentials

from mutualplan.devstack.fast_maildir import (
    FastMailboxSet,
    FastSession,
    check_pymap_release,
    wake_idlers,
)

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
_MAILDIR_PARTS = ("tmp", "new", "cur")  # tmp/ first: a delivery writes there before new/


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
    wake_idlers(folder)


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


class AnyPasswordLogin(Login):
    """Dev only: any address logs in with any password and sees its own Maildir."""

    async def authenticate(self, credentials: ServerCredentials) -> Identity:
        name = mailbox_name(credentials.authcid)
        if name is None:
            raise InvalidAuth()
        return DevIdentity(self.config, self.tokens, name, None, frozenset())

    async def authorize(self, authenticated: IdentityInterface, authzid: str) -> Identity:
        if mailbox_name(authzid) != authenticated.name:
            raise AuthorizationFailure()
        return DevIdentity(self.config, self.tokens, authenticated.name, None, frozenset())


class DevIdentity(Identity):
    """A logged-in address: its own Maildir, served by the fast sessions of fast_maildir.py."""

    @asynccontextmanager
    async def new_session(self) -> AsyncIterator[Any]:
        # made here, as it may already be: pymap makes it only if it is missing, and so fails
        # when several connections of a new address log in at once
        for part in _MAILDIR_PARTS:
            os.makedirs(os.path.join(self._base_dir, self.name, part), exist_ok=True)
        maildir, layout = self._load_maildir(self.name)
        mailboxes = FastMailboxSet(maildir, layout)
        yield FastSession(self.name, self.config, mailboxes, FilterSet(layout.path))


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
    check_pymap_release()
    _remove_stale_locks(root)
    config = Config.from_args(args, reject_dnsbl=False, secure_auth=False, invalid_user_sleep=0)
    config.apply_context()
    backend = MaildirBackend(AnyPasswordLogin(config), config)
    await backend.start(stack)
    await IMAPService(backend, config).start(stack)
