"""Mail servers with TLS on loopback, signed by a throwaway CA (trustme), and the XOAUTH2
exchange as Gmail and Microsoft 365 run it, for the operations tests."""

from __future__ import annotations

import asyncio
import base64
import email
import email.policy
import json
import re
import ssl
from collections.abc import Callable, Sequence
from contextlib import AsyncExitStack
from pathlib import Path

import trustme
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from pymap.backend.maildir import Identity
from pymap.exceptions import InvalidAuth
from pysasl.creds.external import ExternalCredentials, ExternalVerificationRequired
from pysasl.creds.server import ServerCredentials
from pysasl.exception import AuthenticationError, InvalidResponse
from pysasl.mechanism import ChallengeResponse, ServerChallenge
from pysasl.mechanism.oauth import OAuth2Mechanism

from mutualplan.devstack.mailserver import AnyPasswordLogin, DevIdentity, mailbox_name

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


class GmailLikeXOAuth2(OAuth2Mechanism):
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


class TokenLogin(AnyPasswordLogin):
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
