"""An IMAP mailbox the engine reads (imapclient; blocking, so callers run it in a thread).

A message leaves the inbox only once it has been dealt with: moved to the processed folder, or
copied to the set-aside folder with an `X-Mutualplan-Set-Aside` header saying why, then removed.
"""

from __future__ import annotations

import ast
import re
import select
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from email.parser import BytesParser

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError
from pydantic import BaseModel

from mutualplan.errors import LoginRefused, MailError, MailServerError
from mutualplan.header_text import one_line
from mutualplan.mail.headers import header
from mutualplan.mail.oauth2 import TokenCommandError, access_token, xoauth2_string
from mutualplan.mail.policy import POLICY
from mutualplan.mail.reading import message_id_of
from mutualplan.mail.tls import client_tls_context, describe_connection_error
from mutualplan.settings import Settings

SET_ASIDE_HEADER = "X-Mutualplan-Set-Aside"


class Envelope(BaseModel):
    uid: int
    size: int
    raw: bytes | None = None  # the whole message, read with its size unless over the limit


class SetAside(BaseModel):
    """One message the engine did not act on, and why."""

    uid: int
    sent: str
    sender: str
    subject: str
    reason: str


class Mailbox:
    """One logged-in IMAP connection with the inbox selected."""

    def __init__(self, client: IMAPClient, settings: Settings) -> None:
        self.client = client
        self._settings = settings
        self._can_move = client.has_capability("MOVE")
        status = client.folder_status(settings.imap_folder, [b"UIDVALIDITY"])
        self.uidvalidity = int(status[b"UIDVALIDITY"])
        self._announced_new_mail()  # SELECT's count of what is there is no news

    def pending(self, after: int = 0, limit: int = 100) -> list[Envelope]:
        """The oldest `limit` messages in the inbox with a UID above `after` (0: all of them),
        in order, each read whole in the same round trip as its size, unless over
        `max_message_bytes` (of such a one, only as many bytes as the limit come, unused)."""
        self._announced_new_mail()  # what was announced before this search, it finds
        found = self.client.search(["UID", f"{after + 1}:*"] if after else "ALL")
        uids = sorted(uid for uid in found if uid > after)[:limit]  # `n:*` matches the last one
        if not uids:
            return []
        cap = self._settings.max_message_bytes
        fetched = self.client.fetch(uids, ["RFC822.SIZE", f"BODY.PEEK[]<0.{cap}>"])
        envelopes = []
        for uid, data in sorted(fetched.items()):
            size = data[b"RFC822.SIZE"]
            raw = data.get(b"BODY[]<0>") if size <= cap else None
            envelopes.append(Envelope(uid=uid, size=size, raw=raw))
        return envelopes

    def fetch(self, uid: int) -> bytes | None:
        """The whole message; None if it vanished meanwhile."""
        raw: bytes | None = self.client.fetch([uid], ["BODY.PEEK[]"]).get(uid, {}).get(b"BODY[]")
        return raw

    def find(self, message_id: str) -> bytes | None:
        """The message known by this Message-ID in the selected folder: the first filed of those
        whose Message-ID is exactly this one. (SEARCH HEADER matches any Message-ID field that
        holds the text, so a later message could hold ours in a comment, or copy it whole, to
        have its own files served in place of the ones listed.)"""
        wanted = f"<{message_id}>"
        charset = None if wanted.isascii() else "UTF-8"
        uids = self.client.search(["HEADER", "Message-ID", wanted], charset=charset)
        if not uids:
            return None
        heads = self.client.fetch(sorted(uids), ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
        for uid in sorted(heads):
            if message_id_of(_header_bytes(heads[uid])) == message_id:
                return self.fetch(uid)
        return None

    def mark_processed(self, uids: list[int]) -> None:
        if uids:
            self._move(uids, self._settings.processed_folder)

    def set_aside(self, uid: int, raw: bytes, reason: str) -> None:
        """Keep the message, with the reason on top, in the set-aside folder."""
        newline = b"\r\n" if b"\r\n" in raw[:2000] else b"\n"
        header = f"{SET_ASIDE_HEADER}: {one_line(reason)[:900]}".encode() + newline
        self.client.append(self._settings.set_aside_folder, header + raw, flags=[b"\\Seen"])
        self._delete([uid])

    def set_aside_messages(self) -> list[SetAside]:
        """What is in the set-aside folder, oldest first, with the reason each was set aside."""
        self.client.select_folder(self._settings.set_aside_folder, readonly=True)
        try:
            uids = self.client.search("ALL")
            if not uids:
                return []
            fields = f"BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE {SET_ASIDE_HEADER})]"
            data = self.client.fetch(uids, [fields])
        finally:
            self.client.select_folder(self._settings.imap_folder)
            self._announced_new_mail()  # the count SELECT gives again is no news either
        return [_set_aside_item(uid, _header_bytes(data[uid])) for uid in sorted(data)]

    def wait(self, seconds: float, stop: threading.Event) -> None:
        """IDLE until the server says something, `seconds` pass, or `stop` is set.

        The socket is watched with poll() and the responses are read by idle_done() in
        blocking mode: idle_check() can fail on a response that arrives in two TCP segments.
        (Not select(): it refuses a descriptor numbered 1024 or more, which a worker holding
        many connections and files reaches.)
        """
        if self._announced_new_mail():
            return
        self.client.idle()
        try:
            if self._read_ahead():
                return
            watch = select.poll()
            watch.register(self.client.socket(), select.POLLIN)
            deadline = time.monotonic() + seconds
            while not stop.is_set() and time.monotonic() < deadline:
                if watch.poll(500):  # milliseconds: readable, or closed, or in error
                    break
        finally:
            self.client.idle_done()

    def _announced_new_mail(self) -> bool:
        """Whether the server announced mail (`* n EXISTS`) in its answer to one of our commands
        since the last search (`pending`), which imaplib keeps aside and nobody asked for. A
        server answers a SEARCH from the folder as it last looked at it and only then looks
        again (Dovecot, pymap): mail landing meanwhile is announced behind results that lack
        it, and the IDLE after them has nothing new to say."""
        kept = self.client._imap.untagged_responses
        for unused in ("RECENT", "EXPUNGE"):  # kept, they grow with every delivery and MOVE
            kept.pop(unused, None)
        return bool(kept.pop("EXISTS", None))

    def _read_ahead(self) -> bool:
        """Whether the server already said something that came in with IDLE's "+" line.
        imaplib reads the socket a block at a time, so a response sent right after that line
        (new mail, delivered as the IDLE began) can sit in its buffer, or in TLS's, where
        select() on the socket never sees it: the listener then slept through it until the
        server spoke again (Dovecot: two minutes later). Looked at without blocking."""
        sock = self.client.socket()
        timeout = sock.gettimeout()
        sock.setblocking(False)
        try:
            return bool(self.client._imap.file.peek(1))
        except (BlockingIOError, ssl.SSLWantReadError):
            return False
        finally:
            sock.settimeout(timeout)

    def _move(self, uids: list[int], folder: str) -> None:
        if self._can_move:
            self.client.move(uids, folder)
        else:
            self.client.copy(uids, folder)
            self._delete(uids)

    def _delete(self, uids: list[int]) -> None:
        self.client.delete_messages(uids)
        if self.client.has_capability("UIDPLUS"):
            self.client.uid_expunge(uids)
        else:
            self.client.expunge()


def _header_bytes(fetched: dict[bytes, object]) -> bytes:
    """The BODY[HEADER.FIELDS ...] item of a FETCH response, whatever the server names it."""
    for key, value in fetched.items():
        if key.startswith(b"BODY") and isinstance(value, bytes):
            return value
    return b""


def _set_aside_item(uid: int, header_bytes: bytes) -> SetAside:
    """Anyone's words, shown to the operator (`mutualplan mail set-aside` prints them to a
    terminal): on one line, without the escapes (ESC, BEL) an encoded subject can hold."""
    headers = BytesParser(policy=POLICY).parsebytes(header_bytes, headersonly=True)
    return SetAside(
        uid=uid,
        sent=one_line(header(headers, "date")),
        sender=one_line(header(headers, "from")),
        subject=one_line(header(headers, "subject")),
        reason=one_line(header(headers, SET_ASIDE_HEADER)) or "(no reason recorded)",
    )


def connect(
    settings: Settings,
    *,
    username: str | None = None,
    folder: str | None = None,
    tls_context: ssl.SSLContext | None = None,
) -> IMAPClient:
    """Log in and select `folder`; any failure becomes a MailError without the password in it."""
    client = open_connection(settings, tls_context=tls_context)
    try:
        log_in(client, settings, username=username)
        ensure_folders(client, settings)
        select_folder(client, settings, folder or settings.imap_folder)
    except MailError:
        with suppress(IMAPClientError, OSError):
            client.shutdown()
        raise
    return client


def open_connection(settings: Settings, *, tls_context: ssl.SSLContext | None = None) -> IMAPClient:
    """Connect, with TLS from the first byte (`tls`) or upgraded by STARTTLS (`starttls`)."""
    security = settings.imap_security
    if tls_context is None and security != "none":
        tls_context = client_tls_context(settings.imap_ca_file)
    try:
        client = IMAPClient(
            settings.imap_host,
            port=settings.imap_port,
            ssl=security == "tls",
            ssl_context=tls_context,
            timeout=30,
        )
    except (OSError, IMAPClientError) as exc:
        raise _server_error(settings, exc) from None
    # IMAP is small request/response turns (IDLE, DONE, FETCH): without this, delayed ACKs can
    # hold each turn back 40 ms
    with suppress(OSError):
        client.socket().setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if security == "starttls":
        try:
            client.starttls(tls_context)
        except (OSError, IMAPClientError) as exc:
            with suppress(IMAPClientError, OSError):
                client.shutdown()
            raise _server_error(settings, exc, step="STARTTLS failed: ") from None
    return client


def log_in(client: IMAPClient, settings: Settings, *, username: str | None = None) -> str:
    """Log in; the login name on success, a MailServerError saying the server's answer if not."""
    login = username or settings.imap_login
    if settings.imap_auth == "xoauth2" and username is None:
        _log_in_xoauth2(client, settings, login)
        return login
    try:
        client.login(login, settings.imap_password.get_secret_value())
    except IMAPClientError as exc:  # the server answered NO: the credentials are wrong
        error = _server_error(settings, exc, step=f"login refused for {login}: ")
        raise LoginRefused(error.protocol, error.host, error.port, error.problem) from None
    except OSError as exc:
        raise _server_error(settings, exc, step=f"login failed for {login}: ") from None
    return login


def _log_in_xoauth2(client: IMAPClient, settings: Settings, login: str) -> None:
    """AUTHENTICATE XOAUTH2 with a fresh token. imapclient's oauth2_login answers the server's
    error challenge with the credentials again; the protocol wants an empty line, after which
    the server says NO. The challenge (JSON with a status) says why, so it goes in the error."""
    try:
        token = access_token(settings.imap_token_command or "")
    except TokenCommandError as exc:
        raise _server_error(settings, exc, step="XOAUTH2: ") from None
    if not client.has_capability("AUTH=XOAUTH2"):
        problem = "the server does not offer AUTH=XOAUTH2 (set MUTUALPLAN_IMAP_AUTH=password?)"
        raise MailServerError("IMAP", settings.imap_host, settings.imap_port, problem)
    challenges: list[str] = []

    def respond(challenge: bytes) -> bytes:
        if challenges or challenge:  # the error challenge: answer empty to get the NO
            challenges.append(challenge.decode("utf-8", "replace"))
            return b""
        challenges.append("")
        return xoauth2_string(login, token)

    try:
        client._imap.authenticate("XOAUTH2", respond)
    except (OSError, IMAPClientError) as exc:
        said = next((c for c in challenges if c), "")
        step = f"XOAUTH2 login refused for {login}: "
        error = _server_error(settings, exc, step=step, also=(said,), hide=(token,))
        if isinstance(exc, OSError):
            raise error from None
        raise LoginRefused(error.protocol, error.host, error.port, error.problem) from None


def ensure_folders(client: IMAPClient, settings: Settings) -> list[str]:
    """Create the processed and set-aside folders where missing; the names of those created."""
    created = []
    for name in (settings.processed_folder, settings.set_aside_folder):
        try:
            if not client.folder_exists(name):
                client.create_folder(name)
                created.append(name)
        except (OSError, IMAPClientError) as exc:
            raise _server_error(settings, exc, step=f"cannot create folder {name!r}: ") from None
    return created


def select_folder(client: IMAPClient, settings: Settings, folder: str) -> int:
    """Select `folder`; how many messages it holds."""
    try:
        response = client.select_folder(folder)
    except (OSError, IMAPClientError) as exc:
        raise _server_error(settings, exc, step=f"cannot select folder {folder!r}: ") from None
    return int(response.get(b"EXISTS", 0))


def _server_error(
    settings: Settings,
    exc: BaseException,
    *,
    step: str = "",
    also: tuple[str, ...] = (),
    hide: tuple[str, ...] = (),
) -> MailServerError:
    if isinstance(exc, IMAPClientError | MailError):
        problem = server_words(str(exc))
    else:
        problem = describe_connection_error(exc, ca_setting="MUTUALPLAN_IMAP_CA_FILE")
    problem += "".join(f" (server said: {one_line(said)[:300]})" for said in also if said)
    for secret in (settings.imap_password.get_secret_value(), *hide):
        if secret:
            problem = problem.replace(secret, "********")
    return MailServerError("IMAP", settings.imap_host, settings.imap_port, step + problem)


_BYTES_REPR = re.compile(r"""\bb('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")


def server_words(error: str) -> str:
    """The server's answer as it wrote it: imaplib passes it on as a bytes repr
    (`b'[AUTHENTICATIONFAILED] Authentication failed.'`)."""
    return _BYTES_REPR.sub(_bytes_as_text, error)


def _bytes_as_text(found: re.Match[str]) -> str:
    try:
        said = ast.literal_eval("b" + found.group(1))
    except (ValueError, SyntaxError):
        return found.group(0)
    return said.decode("utf-8", "replace") if isinstance(said, bytes) else found.group(0)


@contextmanager
def open_mailbox(settings: Settings, **kwargs: object) -> Iterator[Mailbox]:
    client = connect(settings, **kwargs)  # type: ignore[arg-type]
    try:
        yield Mailbox(client, settings)
    finally:
        with suppress(IMAPClientError, OSError):
            client.logout()
