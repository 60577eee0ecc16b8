"""The IMAP listener: read the plans mailbox with IDLE and hand each message to the router.

It catches up on everything still in the inbox after every (re)connect, so nothing that arrived
while it was away is missed; it files a message only after the router says its effect is
durable, so a crash in between means the message is simply handled again (and deduplicated).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from imapclient.exceptions import IMAPClientError

from mutualplan.errors import ConfigError, LoginRefused, MailError
from mutualplan.mail.receive import Envelope, Mailbox, connect
from mutualplan.mail.tokens import TOKEN_PATTERN, plan_id_for
from mutualplan.routing.outcomes import Disposition, Outcome
from mutualplan.settings import Settings
from mutualplan.worker.inbound import InboundRouter, TryLater
from mutualplan.worker.metrics import Metrics

log = logging.getLogger(__name__)
R = TypeVar("R")
BATCH = 100  # messages routed in one go
ROUND_SECONDS = 1.0  # mail arriving this long after a round began waits for the next one
POLL_SECONDS = 0.1  # while messages are routed and none came, how soon to look again
_CONNECTION_ERRORS = (MailError, IMAPClientError, OSError)
GOODBYE_SECONDS = 2.0  # for ending IDLE and LOGOUT when the listener stops
# tries in a row to get into the mailbox (connect, TLS, login) before another worker should
# read it: enough to ride out a server's restart, few enough for an account's lockout counter
HANDOVER_AFTER = 3


class MailboxUnreadable(MailError):
    """This worker tried to get into the mailbox a few times in a row and could not: another
    worker should read it. `reason`: login_refused (the server said no to the login itself),
    misconfigured (a setting of this worker is wrong) or unreachable."""

    def __init__(self, cause: Exception) -> None:
        self.cause = cause
        if isinstance(cause, LoginRefused):
            self.reason = "login_refused"
        elif isinstance(cause, ConfigError):
            self.reason = "misconfigured"
        else:
            self.reason = "unreachable"
        super().__init__(str(cause))

    @property
    def lasting(self) -> bool:
        """Trying again soon will not help: only a change of settings (or password) will."""
        return self.reason != "unreachable"


class MailListener:
    def __init__(
        self,
        settings: Settings,
        router: InboundRouter,
        *,
        idle_seconds: float = 300.0,
        max_backoff: float = 60.0,
        metrics: Metrics | None = None,
    ) -> None:
        self._settings = settings
        self._router = router
        self._metrics = metrics or Metrics()
        self._idle_seconds = idle_seconds
        self._max_backoff = max_backoff
        self._uidvalidity: int | None = None
        self.serving = False  # logged in and reading: the mailbox's lease is heartbeated
        self._got_in = False  # this try logged in
        self.logins = 0  # how many times it got into the mailbox
        self._refused_last_time = False  # the last try ended with the login refused
        self._thread: ThreadPoolExecutor | None = None  # the connection's own (see `_serve`)

    async def run(self) -> None:
        """Serve until cancelled, reconnecting with backoff and jitter when the server goes away.
        MailboxUnreadable once it could not get in HANDOVER_AFTER times in a row, or at once if
        its last try (in an earlier run) ended with the login refused: a wrong password stays
        wrong, and every refused login counts towards the account's lockout."""
        backoff = 1.0
        loop = asyncio.get_running_loop()
        failures = 0
        tries = 1 if self._refused_last_time else HANDOVER_AFTER
        while True:
            started = loop.time()
            self._got_in = False
            try:
                await self._serve()
            except ConfigError as exc:  # e.g. an unreadable CA file: no retry will read it
                raise MailboxUnreadable(exc) from None
            except (*_CONNECTION_ERRORS, TryLater) as exc:
                if self._got_in:  # it was reading: the server (or Temporal) went away
                    failures, tries = 0, HANDOVER_AFTER
                else:
                    failures += 1
                    self._refused_last_time = isinstance(exc, LoginRefused)
                    if failures >= tries:
                        raise MailboxUnreadable(exc) from None
                log.warning("mail listener: %s; retrying in about %.0fs", exc, backoff)
            if loop.time() - started > self._max_backoff:  # it was healthy for a while
                backoff = 1.0
            await asyncio.sleep(backoff * random.uniform(0.5, 1.5))
            backoff = min(backoff * 2, self._max_backoff)

    async def _serve(self) -> None:
        # Each connection's blocking calls run on a thread of its own, one after another: the
        # IMAP client is not thread-safe, and in the loop's shared pool (a handful of threads)
        # they queued behind the worker's other blocking work, or behind calls of a connection
        # given up that were still waiting out their socket's timeout, while mail waited.
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="mail-listener")
        try:
            # Mailbox() asks the server for its capabilities: blocking, so on the thread too
            mailbox = await self._blocking(lambda: Mailbox(connect(self._settings), self._settings))
            self._got_in, self._refused_last_time = True, False
            self.logins += 1
            self._reading(True)
            try:
                await self._read(mailbox)
            finally:
                self._reading(False)
        finally:
            self._thread.shutdown(wait=False)  # a call stuck on a dead socket ends on its own

    async def _blocking(self, call: Callable[..., R], *args: object) -> R:
        """`call(*args)` on this connection's thread."""
        return await asyncio.get_running_loop().run_in_executor(self._thread, call, *args)

    def _reading(self, reading: bool) -> None:
        self.serving = reading
        self._metrics.mailbox_reading(reading)

    async def _read(self, mailbox: Mailbox) -> None:
        log.info("mail listener: watching %s", self._settings.imap_login)
        if self._uidvalidity not in (None, mailbox.uidvalidity):
            log.warning("mail listener: the inbox was renumbered (UIDVALIDITY changed): rescanning")
        self._uidvalidity = mailbox.uidvalidity
        stop = threading.Event()
        waiting: asyncio.Future[None] | None = None
        # The checkpoint: UIDVALIDITY and the last UID handled, kept for this connection only.
        # Each (re)connect starts again from 0, a full catch-up: the inbox itself is the durable,
        # shared record (a message leaves it only once its effect is durable), and a renumbered
        # inbox is handled like any other rescan, each message deduplicated by its Message-ID.
        seen = 0
        try:
            while True:
                seen = await self._drain(mailbox, seen)
                waiting = asyncio.ensure_future(
                    self._blocking(mailbox.wait, self._idle_seconds, stop)
                )
                await asyncio.shield(waiting)
        finally:
            # a server that stopped answering must not hold up a shutdown (SIGTERM) for long
            with contextlib.suppress(OSError):
                mailbox.client.socket().settimeout(GOODBYE_SECONDS)
            stop.set()
            if waiting is not None:  # let the IDLE thread finish before the socket closes
                await asyncio.wait([waiting])
            await self._blocking(_logout_quietly, mailbox)
            log.info("mail listener: logged out of %s", self._settings.imap_login)

    async def _drain(self, mailbox: Mailbox, seen: int) -> int:
        """Handle mail with a UID above `seen` until the inbox has nothing new; the last UID
        taken. Mail that lands meanwhile is announced only in the answers to our own FETCH and
        MOVE, which the client library drops, so an IDLE started now would never report it: look
        again until a search finds nothing."""
        checkpoint = _Checkpoint(seen)
        while fresh := await self._fresh(mailbox, checkpoint):
            await self._handle(mailbox, fresh, checkpoint)
        return checkpoint.seen

    async def _fresh(self, mailbox: Mailbox, checkpoint: _Checkpoint) -> list[Envelope]:
        """The next messages past the checkpoint, which moves past them."""
        batch = await self._blocking(mailbox.pending, checkpoint.seen, BATCH)
        if batch:
            checkpoint.seen = batch[-1].uid
        return batch

    async def _handle(
        self, mailbox: Mailbox, batch: list[Envelope], checkpoint: _Checkpoint
    ) -> None:
        """One round: messages about different plans are routed at the same time, those about
        one plan in the order they came (one person's "done" then "blocked"). Mail arriving
        while they are routed joins the round at once, for up to ROUND_SECONDS; then one MOVE
        files all that were applied, and the rest are set aside."""
        routed: list[tuple[Envelope, bytes, Disposition]] = []
        last: dict[str, asyncio.Task[None]] = {}  # each plan's latest message being routed
        started: list[asyncio.Task[None]] = []
        deadline = asyncio.get_running_loop().time() + ROUND_SECONDS
        try:
            while True:
                if batch:
                    for envelope, raw in await self._fetch(mailbox, batch):
                        key = plan_key(raw) or f"message {envelope.uid}"
                        after = last.get(key)
                        task = asyncio.create_task(self._route_after(after, envelope, raw, routed))
                        last[key] = task
                        started.append(task)
                elif started:  # nothing new came: give what is being routed a moment
                    await asyncio.wait(started, timeout=POLL_SECONDS)
                if not started:
                    return
                failed = any(t.done() and (t.cancelled() or t.exception()) for t in started)
                if failed or all(t.done() for t in started) or _past(deadline):
                    break
                # look for more at once: the search runs on its thread while the rest is routed
                batch = await self._fresh(mailbox, checkpoint)
            await asyncio.wait(started)
        except BaseException:  # cancelled: what is still being routed stays in the inbox
            for task in started:
                task.cancel()
            raise
        finally:  # file what was decided even when the rest must wait: its effects are durable
            await self._file(mailbox, routed)
        for task in started:
            if not task.cancelled() and (failure := task.exception()) is not None:
                raise failure

    async def _fetch(self, mailbox: Mailbox, batch: list[Envelope]) -> list[tuple[Envelope, bytes]]:
        """The messages, as `pending` read them; an oversized one is fetched alone, only to be
        set aside."""
        found = []
        for envelope in batch:
            raw = envelope.raw
            if raw is None:
                raw = await self._blocking(mailbox.fetch, envelope.uid)
            if raw is not None:
                found.append((envelope, raw))
        return found

    async def _route_after(
        self,
        previous: asyncio.Task[None] | None,
        envelope: Envelope,
        raw: bytes,
        routed: list[tuple[Envelope, bytes, Disposition]],
    ) -> None:
        """Route once the plan's previous message is routed; if that one has to wait (TryLater),
        so does this one, staying in the inbox behind it."""
        if previous is not None:
            await asyncio.wait([previous])
            if previous.cancelled() or previous.exception() is not None:
                return
        routed.append((envelope, raw, await self._route(envelope, raw)))

    async def _file(
        self, mailbox: Mailbox, routed: list[tuple[Envelope, bytes, Disposition]]
    ) -> None:
        await self._blocking(mailbox.mark_processed, [e.uid for e, _, d in routed if d.applied])
        for envelope, raw, disposition in routed:
            self._metrics.message_handled(raw, disposition)
            if disposition.applied:
                log.info("applied message %s: %s", envelope.uid, disposition.reason)
            else:
                await self._blocking(mailbox.set_aside, envelope.uid, raw, disposition.reason)
                log.info("set aside message %s: %s", envelope.uid, disposition.reason)

    async def _route(self, envelope: Envelope, raw: bytes) -> Disposition:
        if envelope.size > self._settings.max_message_bytes:
            limit = self._settings.max_message_bytes
            reason = f"too large to read ({envelope.size} bytes; the limit is {limit})"
            return Disposition(outcome=Outcome.TOO_LARGE, reason=reason)
        try:
            return await self._router.handle(raw)
        except TryLater:
            raise
        except Exception as exc:  # a bug must not wedge the mailbox: keep the message, say why
            log.exception("could not process a message")
            reason = f"internal error: {type(exc).__name__}"
            return Disposition(outcome=Outcome.INTERNAL_ERROR, reason=reason)


# The plan part of a reply token (`<plan>-<milestone>-<person>-<mac>`), in a plus-address or in
# the Message-IDs of our emails; unchecked, as it only decides what is routed in turn.
_TOKEN_PLAN = re.compile(rb"(?<![a-z2-7])" + TOKEN_PATTERN.encode() + rb"(?![a-z2-7])")
_ADDRESSED = re.compile(
    rb"^(?:delivered-to|to|cc|in-reply-to|references):(.*(?:\r?\n[ \t].*)*)", re.I | re.M
)


_THREAD = re.compile(rb"^(in-reply-to|message-id):[ \t]*<([^<>\s\x00-\x1f\x7f]+)>", re.I | re.M)


def plan_key(raw: bytes) -> str | None:
    """The plan a message is about, as far as its headers tell, for keeping its order. With no
    token: the plan a start email starts (its Message-ID names it), and a reply to that email
    the same, so a Reply-All waiting in the inbox beside its start email is routed after it and
    finds its plan (it is conversation, never a second plan)."""
    head = raw[:65536]  # on the event loop: a megabyte of header fields took a second
    end = min((i for i in (head.find(b"\n\r\n"), head.find(b"\n\n")) if i >= 0), default=65536)
    head = head[:end]
    for field in _ADDRESSED.finditer(head.lower()):
        if found := _TOKEN_PLAN.search(field.group(1)):
            return found.group(1).decode()
    ids = {name.lower(): value for name, value in _THREAD.findall(head)}
    thread = ids.get(b"in-reply-to") or ids.get(b"message-id")
    return plan_id_for(thread.decode("ascii", "surrogateescape")) if thread else None


class _Checkpoint:
    """The last UID taken on this connection (see `_serve`)."""

    def __init__(self, seen: int) -> None:
        self.seen = seen


def _past(deadline: float) -> bool:
    return asyncio.get_running_loop().time() > deadline


def _logout_quietly(mailbox: Mailbox) -> None:
    with contextlib.suppress(IMAPClientError, OSError):
        mailbox.client.logout()
