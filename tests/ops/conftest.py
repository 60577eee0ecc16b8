"""Mail servers with TLS on loopback, signed by a throwaway CA (trustme), for the ops tests."""

from __future__ import annotations

import asyncio
import email
import email.policy
import logging
import socket
import ssl
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import pytest
import trustme
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from mutualplan.worker.devmail import start_imap
from mutualplan.worker.devtemporal import temporal_dev_server

SMTP_USER = "alex@acme.example"
SMTP_PASSWORD = "correct-horse-battery"


class Pki:
    """A test CA, the server certificate it signed, and a CA nobody trusts, as files."""

    def __init__(self, root: Path) -> None:
        self.ca = trustme.CA()
        self.server = self.ca.issue_cert("127.0.0.1", "localhost")
        self.ca_file = root / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        self.chain_file = root / "server.pem"
        self.server.private_key_and_cert_chain_pem.write_to_path(str(self.chain_file))
        self.other_ca_file = root / "other-ca.pem"
        trustme.CA().cert_pem.write_to_path(str(self.other_ca_file))

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.server.configure_cert(context)
        return context


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return Pki(tmp_path_factory.mktemp("pki"))


def _authenticator(
    server: SMTP, session: object, envelope: object, mechanism: str, data: object
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        SMTP_USER.encode(),
        SMTP_PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


class TlsSmtp:
    """An SMTP server keeping what it receives, speaking implicit TLS (`tls`) or requiring
    STARTTLS and AUTH (`starttls`)."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.port = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(msg, email.message.EmailMessage)
        self.messages.append(msg)
        return "250 OK"

    async def start(self, pki: Pki, security: str) -> asyncio.Server:
        context = pki.server_context()
        if security == "tls":
            factory: Callable[[], SMTP] = lambda: SMTP(  # noqa: E731
                self, authenticator=_authenticator, auth_require_tls=False
            )
        else:
            factory = lambda: SMTP(  # noqa: E731
                self,
                tls_context=context,
                require_starttls=True,
                authenticator=_authenticator,
                auth_required=True,
            )
        server = await asyncio.get_running_loop().create_server(
            factory, "127.0.0.1", 0, ssl=context if security == "tls" else None
        )
        self.port = server.sockets[0].getsockname()[1]
        return server


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


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, ssl.SSLError):
        pass
    finally:
        writer.close()


async def tls_terminator(stack: AsyncExitStack, context: ssl.SSLContext, backend_port: int) -> int:
    """A port speaking implicit TLS in front of a plain one: pymap only offers STARTTLS."""

    async def relay(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        server_r, server_w = await asyncio.open_connection("127.0.0.1", backend_port)
        await asyncio.gather(_pipe(client_r, server_w), _pipe(server_r, client_w))

    server = await asyncio.start_server(relay, "127.0.0.1", 0, ssl=context)
    await stack.enter_async_context(server)
    return int(server.sockets[0].getsockname()[1])


class Imap:
    def __init__(self, starttls_port: int, tls_port: int, root: Path) -> None:
        self.starttls_port = starttls_port
        self.tls_port = tls_port
        self.root = root


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


def free_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
async def temporal(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    """A real Temporal frontend (the dev server, search attributes registered): its address."""
    data = tmp_path_factory.mktemp("temporal")
    port, ui_port = free_loopback_port(), free_loopback_port()
    async with temporal_dev_server(data, port=port, ui_port=ui_port) as address:
        yield address


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Tests that configure logging leave the root logger as they found it."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
