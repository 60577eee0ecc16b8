"""Fixtures for the operations tests: mail servers with TLS and XOAUTH2 (tests/support/tls.py),
the session's Temporal dev server, and the dev stack for `mutualplan worker` processes."""

from __future__ import annotations

import logging
from argparse import Namespace
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import pytest
from pymap.backend.maildir import Config, MaildirBackend
from pymap.imap import IMAPService
from pysasl import SASLAuth
from temporalio.testing import WorkflowEnvironment

from mutualplan.devstack.mailserver import start_imap
from mutualplan.settings import Settings
from tests.support.stack import mail_stack
from tests.support.temporal import address_of
from tests.support.tls import (
    GmailLikeXOAuth2,
    Imap,
    Pki,
    SaslLog,
    TlsSmtp,
    TokenLogin,
    XOAuth2Imap,
    XOAuth2Smtp,
    tls_terminator,
)


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return Pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
async def smtps(pki: Pki) -> AsyncIterator[TlsSmtp]:
    sink = TlsSmtp()
    server = await sink.start(pki, "tls")
    yield sink
    server.close()
    await server.wait_closed()


@pytest.fixture
async def smtp_starttls(pki: Pki) -> AsyncIterator[TlsSmtp]:
    sink = TlsSmtp()
    server = await sink.start(pki, "starttls")
    yield sink
    server.close()
    await server.wait_closed()


@pytest.fixture
async def imap_tls(pki: Pki, tmp_path: Path, free_port: Callable[[], int]) -> AsyncIterator[Imap]:
    """pymap twice on one Maildir tree: with STARTTLS, and plain behind a TLS terminator."""
    async with AsyncExitStack() as stack:
        starttls_port, plain_port = free_port(), free_port()
        root = tmp_path / "mail"
        root.mkdir()
        await start_imap(
            stack, root, host="127.0.0.1", port=starttls_port, cert_chain=pki.chain_file
        )
        await start_imap(stack, root, host="127.0.0.1", port=plain_port)
        tls_port = await tls_terminator(stack, pki.server_context(), plain_port)
        yield Imap(starttls_port, tls_port, root)


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Tests that configure logging leave the root logger as they found it."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
async def smtp_xoauth2(pki: Pki) -> AsyncIterator[XOAuth2Smtp]:
    sink = XOAuth2Smtp()
    server = await sink.start(pki, "starttls")
    yield sink
    server.close()
    await server.wait_closed()


@pytest.fixture
async def imap_xoauth2(
    pki: Pki, tmp_path: Path, free_port: Callable[[], int]
) -> AsyncIterator[XOAuth2Imap]:
    """pymap with STARTTLS offering only AUTHENTICATE XOAUTH2 (LOGINDISABLED), as Microsoft 365
    does once basic auth is off; a wrong token gets Gmail's error challenge."""
    sasl = SaslLog()

    class XOAuth2Config(Config):
        @property
        def tls_auth(self) -> SASLAuth:
            return SASLAuth([GmailLikeXOAuth2(sasl)])

    port = free_port()
    root = tmp_path / "xoauth2-mail"
    root.mkdir()
    args = Namespace(
        host="127.0.0.1", port=port, debug=False, cert=str(pki.chain_file), key=None, tls=True,
        base_dir=str(root), concurrency=None, layout="++", colon=None, passlib_cfg=None,
        proxy_protocol=None, inherited_sockets=None,
    )  # fmt: skip
    config = XOAuth2Config.from_args(
        args, reject_dnsbl=False, secure_auth=False, invalid_user_sleep=0
    )
    config.apply_context()
    async with AsyncExitStack() as stack:
        backend = MaildirBackend(TokenLogin(config), config)
        await backend.start(stack)
        await IMAPService(backend, config).start(stack)
        yield XOAuth2Imap(port, sasl)


@pytest.fixture(scope="session")
def temporal(dev_server: WorkflowEnvironment) -> str:
    """A real Temporal frontend (the session's dev server, search attributes registered in its
    default namespace): its address."""
    return address_of(dev_server)


@pytest.fixture
async def stack(
    tmp_path: Path, dev_server: WorkflowEnvironment, temporal_namespace: str
) -> AsyncIterator[Settings]:
    """The embedded mail servers of this test alone, and a namespace of its own on the
    session's Temporal dev server."""
    async with mail_stack(
        tmp_path,
        address_of(dev_server),
        temporal_namespace,
        secret="ops-stack-secret-0123456789",
        mailbox_takeover_seconds=5,
        shutdown_grace_seconds=5,
    ) as settings:
        yield settings
