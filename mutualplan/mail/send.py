"""Send email over SMTP (aiosmtplib). Errors become MailError, marked permanent or not.

`MailSender` is what the rest of the engine sends with. `SmtpSender` is the one that talks
SMTP; the others wrap a sender and add one thing each, as httpx's transports wrap one another:
counting (`worker.metrics.MeteredSender`) and sending once per Message-ID
(`mail.outbox.RecordedSender`). Whoever opens the `SmtpSender` closes it; a wrapper closes
nothing.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr
from typing import Protocol

import aiosmtplib

from mutualplan.errors import MailError, MailServerError
from mutualplan.mail.oauth2 import TokenCommandError, access_token
from mutualplan.mail.policy import SMTP_POLICY, SMTPUTF8_POLICY
from mutualplan.mail.tls import client_tls_context, describe_connection_error
from mutualplan.settings import SmtpConfig


class MailSender(Protocol):
    async def send(self, message: EmailMessage) -> None:
        """Send one email; SmtpRefused if the server refused it, MailError if it could not be
        sent for now."""


class SmtpRefused(MailError):
    """The server refused the message; `permanent` for 5xx replies, which no retry will fix."""

    def __init__(self, code: int, message: str) -> None:
        self.code = code
        self.permanent = 500 <= code < 600
        super().__init__(f"SMTP server refused the message: {code} {message}")


class SmtpSender:
    """Sends over a few SMTP sessions kept open between messages (at most `max_connections`,
    each carrying one message at a time), so a burst of plan emails is not a burst of TCP, TLS
    and login handshakes. A session idle for `max_idle` seconds is closed; one the server closed
    while it was idle is replaced and the message sent once more on a fresh session."""

    def __init__(
        self,
        server: SmtpConfig,
        *,
        tls_context: ssl.SSLContext | None = None,
        max_connections: int = 4,
        max_idle: float = 30.0,
    ) -> None:
        self._server = server
        self._tls_context = tls_context
        self._slots = asyncio.Semaphore(max_connections)
        self._max_idle = max_idle
        self._idle: list[tuple[aiosmtplib.SMTP, float]] = []  # most recently used last

    async def send(self, message: EmailMessage) -> None:
        try:
            async with self._slots:
                await self._deliver(message)
        except SmtpRefused:
            raise
        except aiosmtplib.SMTPRecipientsRefused as exc:
            first = exc.recipients[0]
            raise SmtpRefused(first.code, f"{first.recipient}: {first.message}") from None
        except (aiosmtplib.SMTPAuthenticationError, aiosmtplib.SMTPConnectError) as exc:
            raise _server_error(self._server, exc) from None
        except aiosmtplib.SMTPResponseException as exc:
            raise SmtpRefused(exc.code, exc.message) from None
        except (aiosmtplib.SMTPException, OSError, MailError) as exc:
            raise _server_error(self._server, exc) from None

    async def close(self) -> None:
        """QUIT the idle sessions (those in use close when their message is sent)."""
        idle, self._idle = self._idle, []
        for smtp, _ in idle:
            await _quit(smtp)

    async def __aenter__(self) -> SmtpSender:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def _deliver(self, message: EmailMessage) -> None:
        kept = await self._take_idle()
        if kept is not None:
            try:
                await _transmit(kept, message)
            except _STALE:  # closed by the server while idle: try a fresh session below
                kept.close()
            except BaseException:
                kept.close()
                raise
            else:
                self._idle.append((kept, time.monotonic()))
                return
        smtp = await _open(self._server, self._tls_context)
        try:
            await _transmit(smtp, message)
        except BaseException:
            smtp.close()
            raise
        self._idle.append((smtp, time.monotonic()))

    async def _take_idle(self) -> aiosmtplib.SMTP | None:
        while self._idle:
            smtp, since = self._idle.pop()
            if time.monotonic() - since < self._max_idle and smtp.is_connected:
                return smtp
            await _quit(smtp)
        return None


async def _transmit(smtp: aiosmtplib.SMTP, message: EmailMessage) -> None:
    """aiosmtplib's `send_message`, but the message written with our policy: aiosmtplib writes
    it with `email.policy.SMTP`, which turns a Message-ID longer than a line (Outlook's are) in
    In-Reply-To or References into RFC 2047 encoded words that no mail client threads on
    (`policy.Prefolded`). The envelope is read from the headers as they were set, not parsed
    again; the ESMTP options are chosen as aiosmtplib chooses them."""
    if "Bcc" in message or "Resent-Date" in message:  # never composed here: its general case
        await smtp.send_message(message)
        return
    fields: dict[str, list[str]] = {}
    for name, value in message.raw_items():  # as set: not parsed into header objects again
        fields.setdefault(name.lower(), []).append(str(value))
    sender = parseaddr(fields.get("from", [""])[0])[1]
    recipients = [a for _, a in getaddresses(fields.get("to", []) + fields.get("cc", [])) if a]
    if not sender or not recipients:
        raise ValueError("a message needs a From and a To or Cc address")
    if smtp.is_ehlo_or_helo_needed:
        await smtp.ehlo()
    options = []
    policy = SMTP_POLICY
    if not (sender + "".join(recipients)).isascii():
        if not smtp.supports_extension("smtputf8"):  # no retry will fix that: refused for good
            raise SmtpRefused(
                553, "5.6.7 the server does not offer SMTPUTF8, which a non-ASCII address needs"
            )
        options.append("SMTPUTF8")
        policy = SMTPUTF8_POLICY
    if smtp.supports_extension("8BITMIME"):
        options.append("BODY=8BITMIME")
    else:
        policy = policy.clone(cte_type="7bit")
    await smtp.sendmail(sender, recipients, message.as_bytes(policy=policy), mail_options=options)


# what a session the server dropped while idle fails with; the message was not taken
_STALE = (aiosmtplib.SMTPServerDisconnected, ConnectionError)


async def check_smtp_login(server: SmtpConfig, *, tls_context: ssl.SSLContext | None = None) -> str:
    """Connect, TLS, EHLO and log in as `send` would, sending nothing; what was done, in words."""
    try:
        async with _session(server, tls_context) as smtp:
            if smtp.is_ehlo_or_helo_needed:  # no login, so nothing has said EHLO yet
                await smtp.ehlo()
            done = {"tls": "TLS", "starttls": "STARTTLS", "none": "no TLS"}[server.security]
            how = " with XOAUTH2" if server.auth == "xoauth2" else ""
            login = f"logged in as {server.username}{how}" if server.username else "no login"
            return f"{done}, EHLO answered, {login}"
    except (aiosmtplib.SMTPException, OSError, MailError) as exc:
        raise _server_error(server, exc) from None


@asynccontextmanager
async def _session(
    server: SmtpConfig, tls_context: ssl.SSLContext | None
) -> AsyncIterator[aiosmtplib.SMTP]:
    """A connected, secured, logged-in SMTP session, closed with QUIT on the way out."""
    smtp = await _open(server, tls_context)
    try:
        yield smtp
    finally:
        await _quit(smtp)


async def _open(server: SmtpConfig, tls_context: ssl.SSLContext | None) -> aiosmtplib.SMTP:
    """Connect, secure and log in; closed again if any of it fails."""
    if tls_context is None and server.security != "none":
        tls_context = client_tls_context(server.ca_file)
    smtp = aiosmtplib.SMTP(
        hostname=server.host,
        port=server.port,
        use_tls=server.security == "tls",
        start_tls=server.security == "starttls",
        tls_context=tls_context,
        timeout=30,
    )
    await smtp.connect()
    try:
        await _log_in(smtp, server)
    except BaseException:
        smtp.close()
        raise
    return smtp


async def _quit(smtp: aiosmtplib.SMTP) -> None:
    with suppress(aiosmtplib.SMTPException, OSError):
        await smtp.quit()
    smtp.close()


async def _log_in(smtp: aiosmtplib.SMTP, server: SmtpConfig) -> None:
    """With the password, or XOAUTH2 with a fresh token (aiosmtplib answers the server's
    334 error challenge with the empty line the protocol asks for, then reports the 535)."""
    if not server.username:
        return
    if server.auth == "xoauth2":
        token = await asyncio.to_thread(access_token, server.token_command or "")
        if smtp.is_ehlo_or_helo_needed:
            await smtp.ehlo()
        if not smtp.supports_extension("auth") or "xoauth2" not in smtp.server_auth_methods:
            raise MailError(
                "the server does not offer AUTH XOAUTH2 (set MUTUALPLAN_SMTP_AUTH=password?)"
            )
        try:
            await smtp.auth_xoauth2(server.username, token)
        except aiosmtplib.SMTPAuthenticationError as exc:
            message = exc.message.replace(token, "********")
            raise aiosmtplib.SMTPAuthenticationError(exc.code, message) from None
        return
    password = server.password.get_secret_value() if server.password else ""
    await smtp.login(server.username, password)


def _server_error(server: SmtpConfig, exc: BaseException) -> MailServerError:
    """One line saying what failed: the login (with the server's reply), TLS, or the connection."""
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
        how = "XOAUTH2 login" if server.auth == "xoauth2" else "login"
        problem = f"{how} refused for {server.username}: {exc.code} {exc.message}"
    elif isinstance(exc, TokenCommandError):
        problem = f"XOAUTH2: {exc}"
    elif isinstance(exc, MailError):
        problem = str(exc)
    elif isinstance(exc, aiosmtplib.SMTPResponseException):
        problem = f"{exc.code} {exc.message}"
    else:
        cause = _root_cause(exc)
        problem = describe_connection_error(cause, ca_setting="MUTUALPLAN_SMTP_CA_FILE")
    password = server.password.get_secret_value() if server.password else ""
    if password:
        problem = problem.replace(password, "********")
    return MailServerError("SMTP", server.host, server.port, problem)


def _root_cause(exc: BaseException) -> BaseException:
    """aiosmtplib wraps socket and TLS errors in its own; the original says more."""
    while exc.__cause__ is not None and isinstance(exc, aiosmtplib.SMTPException):
        exc = exc.__cause__
    return exc
