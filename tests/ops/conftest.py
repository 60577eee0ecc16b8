"""Mail servers with TLS on loopback, signed by a throwaway CA (trustme), for the ops tests."""

from __future__ import annotations

import asyncio
import base64
import email
import email.policy
import json
import logging
import re
import ssl
from argparse import Namespace
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
import trustme
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from pymap.backend.maildir import Config, Identity, MaildirBackend
from pymap.exceptions import InvalidAuth
from pymap.imap import IMAPService
from pysasl import SASLAuth
from pysasl.creds.external import ExternalCredentials, ExternalVerificationRequired
from pysasl.creds.server import ServerCredentials
from pysasl.exception import AuthenticationError, InvalidResponse
from pysasl.mechanism import ChallengeResponse, ServerChallenge
from pysasl.mechanism.oauth import OAuth2Mechanism

from mutualplan.devstack.mailserver import (
    AnyPasswordLogin,
    DevIdentity,
    dev_mail_server,
    mailbox_name,
    start_imap,
)
from mutualplan.devstack.playground import example_start_email, inbox
from mutualplan.devstack.ports import free_port
from mutualplan.devstack.temporal import temporal_dev_server
from mutualplan.settings import Settings

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


@pytest.fixture(scope="session")
async def temporal(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    """A real Temporal frontend (the dev server, search attributes registered): its address."""
    data = tmp_path_factory.mktemp("temporal")
    port, ui_port = free_port(), free_port()
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


# --- XOAUTH2 -------------------------------------------------------------------------------------

XOAUTH2_USER = "plans@acme.example"
GOOD_TOKEN = "ya29.a0-good-access-token-0123456789"
# what Gmail sends as the error challenge when the token is refused
ERROR_CHALLENGE = json.dumps(
    {"status": "401", "schemes": "bearer", "scope": "https://mail.google.com/"}
).encode()
_XOAUTH2 = re.compile(rb"^user=([^\x01]+)\x01auth=Bearer ([^\x01]+)\x01\x01$")


class SaslLog:
    """What a test server saw of the XOAUTH2 exchange (never the token itself)."""

    def __init__(self) -> None:
        self.events: list[str] = []

    def check(self, response: bytes, *, again: bool = False) -> tuple[str, str] | None:
        """The user and token of a well-formed initial response, else None (and say so)."""
        match = _XOAUTH2.match(response)
        if match is None:
            self.events.append("malformed")
            return None
        user, token = (part.decode() for part in match.groups())
        if not again:
            self.events.append(f"user={user} token={'good' if token == GOOD_TOKEN else 'wrong'}")
        return user, token

    def error_answer(self, answer: bytes) -> None:
        self.events.append("empty answer to the error challenge" if not answer else "non-empty")


class XOAuth2Smtp(TlsSmtp):
    """STARTTLS + XOAUTH2 the way Gmail does it: a bad token gets a 334 error challenge (JSON),
    the client must answer it with an empty line, then 535."""

    def __init__(self) -> None:
        super().__init__()
        self.sasl = SaslLog()

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        initial = args[1] if len(args) > 1 else await server.challenge_auth("", False)
        assert isinstance(initial, bytes | str)
        found = self.sasl.check(base64.b64decode(initial))
        if found is None:
            return AuthResult(
                success=False, handled=False, message="501 5.5.2 Cannot decode response"
            )
        user, token = found
        if token == GOOD_TOKEN and user == XOAUTH2_USER:
            return AuthResult(success=True, auth_data=user)
        answer = await server.challenge_auth(ERROR_CHALLENGE)
        self.sasl.error_answer(answer if isinstance(answer, bytes) else b"*")
        return AuthResult(
            success=False,
            handled=False,
            message="535 5.7.8 Username and Password not accepted (test)",
        )


@pytest.fixture
async def smtp_xoauth2(pki: Pki) -> AsyncIterator[XOAuth2Smtp]:
    sink = XOAuth2Smtp()
    server = await sink.start(pki, "starttls")
    yield sink
    server.close()
    await server.wait_closed()


class _GmailLikeXOAuth2(OAuth2Mechanism):
    """pysasl's XOAUTH2 with Gmail's error challenge when the token is wrong."""

    def __init__(self, sasl: SaslLog) -> None:
        super().__init__(b"XOAUTH2")
        self._sasl = sasl

    def server_attempt(
        self, responses: Sequence[ChallengeResponse]
    ) -> tuple[ExternalCredentials, None]:
        if not responses:
            raise ServerChallenge(b"")
        found = self._sasl.check(responses[0].response, again=len(responses) > 1)
        if found is None:
            raise InvalidResponse()
        user, token = found
        if token != GOOD_TOKEN and len(responses) == 1:
            raise ServerChallenge(ERROR_CHALLENGE)
        if token != GOOD_TOKEN:
            self._sasl.error_answer(responses[1].response)
        return ExternalCredentials(user, token), None


class _TokenLogin(AnyPasswordLogin):
    """Only XOAUTH2 with the good token logs in."""

    async def authenticate(self, credentials: ServerCredentials) -> Identity:
        try:
            credentials.verify(None)
        except ExternalVerificationRequired as needed:
            if needed.token == GOOD_TOKEN and mailbox_name(credentials.authzid):
                name = mailbox_name(credentials.authzid) or ""
                return DevIdentity(self.config, self.tokens, name, None, frozenset())
        except AuthenticationError:
            pass
        raise InvalidAuth()


class XOAuth2Imap:
    def __init__(self, port: int, sasl: SaslLog) -> None:
        self.port = port
        self.sasl = sasl


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
            return SASLAuth([_GmailLikeXOAuth2(sasl)])

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
        backend = MaildirBackend(_TokenLogin(config), config)
        await backend.start(stack)
        await IMAPService(backend, config).start(stack)
        yield XOAuth2Imap(port, sasl)


# --- the dev stack with `mutualplan worker` processes --------------------------------------------


@pytest.fixture
async def stack(tmp_path: Path, free_port: Callable[[], int]) -> AsyncIterator[Settings]:
    """A Temporal dev server and the embedded mail servers of this test alone."""
    settings = Settings(
        data_dir=tmp_path,
        secret="ops-stack-secret-0123456789",
        allowed_sellers=["@acme.example"],
        smtp_port=free_port(),
        imap_port=free_port(),
        temporal_address=f"127.0.0.1:{free_port()}",
        temporal_ui_port=free_port(),
        mailbox_takeover_seconds=5,
        shutdown_grace_seconds=5,
    )
    host, port = settings.temporal_address.split(":")
    async with (
        temporal_dev_server(
            tmp_path / "temporal", host=host, port=int(port), ui_port=settings.temporal_ui_port
        ),
        dev_mail_server(
            tmp_path / "mail", smtp_port=settings.smtp_port, imap_port=settings.imap_port
        ),
    ):
        yield settings


async def wait_until(condition: Callable[[], bool], what: str, timeout: float = 30) -> float:
    """Poll until `condition` holds; the seconds it took."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    while not condition():
        if loop.time() - started > timeout:
            raise AssertionError(f"{what}: not within {timeout}s")
        await asyncio.sleep(0.1)
    return loop.time() - started


async def wait_for_mail(settings: Settings, address: str, subject: str, timeout: float = 30) -> int:
    """Poll ADDRESS's mailbox over IMAP until a message with SUBJECT arrives; its number."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        items = await asyncio.to_thread(inbox, settings, address)
        for item in items:
            if subject in item.subject:
                return item.number
        if asyncio.get_running_loop().time() > deadline:
            seen = [i.subject for i in items]
            raise AssertionError(f"no '{subject}' for {address} within {timeout}s; has {seen}")
        await asyncio.sleep(0.3)


async def count_mail(settings: Settings, address: str, subject: str) -> int:
    items = await asyncio.to_thread(inbox, settings, address)
    return sum(subject in item.subject for item in items)


def start_email(settings: Settings, deal: str) -> EmailMessage:
    """The example seller's start email for `deal`, confirmed (plans start at once)."""
    msg = example_start_email(settings, template="short", today=datetime.now(UTC).date())
    msg.replace_header("Subject", deal)
    body = msg.get_content().replace("Hi all,\n", "Hi all,\n\nConfirm: yes\n")
    msg.set_content(body)
    return msg
