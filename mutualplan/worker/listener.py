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
import threading

from imapclient.exceptions import IMAPClientError

from mutualplan.errors import MailError
from mutualplan.mail.receive import Envelope, Mailbox, connect
from mutualplan.settings import Settings
from mutualplan.worker.inbound import Disposition, InboundRouter, TryLater
from mutualplan.worker.metrics import Metrics

log = logging.getLogger(__name__)
BATCH = 25  # messages fetched in one round trip; a batch is filed once all of it is durable
_CONNECTION_ERRORS = (MailError, IMAPClientError, OSError)
GOODBYE_SECONDS = 2.0  # for ending IDLE and LOGOUT when the listener stops


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

    async def run(self) -> None:
        """Serve until cancelled, reconnecting with backoff and jitter when the server goes away."""
        backoff = 1.0
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            try:
                await self._serve()
            except (*_CONNECTION_ERRORS, TryLater) as exc:
                log.warning("mail listener: %s; retrying in about %.0fs", exc, backoff)
            if loop.time() - started > self._max_backoff:  # it was healthy for a while
                backoff = 1.0
            await asyncio.sleep(backoff * random.uniform(0.5, 1.5))
            backoff = min(backoff * 2, self._max_backoff)

    async def _serve(self) -> None:
        # Mailbox() asks the server for its capabilities: blocking, so in the thread too
        mailbox = await asyncio.to_thread(lambda: Mailbox(connect(self._settings), self._settings))
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
                    asyncio.to_thread(mailbox.wait, self._idle_seconds, stop)
                )
                await asyncio.shield(waiting)
        finally:
            # a server that stopped answering must not hold up a shutdown (SIGTERM) for long
            with contextlib.suppress(OSError):
                mailbox.client.socket().settimeout(GOODBYE_SECONDS)
            stop.set()
            if waiting is not None:  # let the IDLE thread finish before the socket closes
                await asyncio.wait([waiting])
            await asyncio.to_thread(_logout_quietly, mailbox)
            log.info("mail listener: logged out of %s", self._settings.imap_login)

    async def _drain(self, mailbox: Mailbox, seen: int) -> int:
        """Handle mail with a UID above `seen` until the inbox has nothing new; the last UID
        handled. Mail that lands meanwhile is announced only in the answers to our own FETCH and
        MOVE, which the client library drops, so an IDLE started now would never report it: look
        again until a search finds nothing."""
        while fresh := await asyncio.to_thread(mailbox.pending, seen):
            batch = fresh[:BATCH]
            seen = batch[-1].uid
            await self._handle(mailbox, batch)
        return seen

    async def _handle(self, mailbox: Mailbox, batch: list[Envelope]) -> None:
        """A batch in few round trips: one FETCH, each message routed in turn (so one person's
        answers apply in the order they came), then one MOVE for all that were applied."""
        cap = self._settings.max_message_bytes
        bodies = await asyncio.to_thread(
            mailbox.fetch_many, [e.uid for e in batch if e.size <= cap]
        )
        applied: list[int] = []
        for envelope in batch:
            # an oversized message is fetched alone, only to be kept in the set-aside folder
            raw = bodies.get(envelope.uid) or await asyncio.to_thread(mailbox.fetch, envelope.uid)
            if raw is None:
                continue
            disposition = await self._route(envelope, raw)
            self._metrics.message_handled(raw, disposition)
            if disposition.applied:
                applied.append(envelope.uid)
                log.info("applied message %s: %s", envelope.uid, disposition.reason)
            else:
                await asyncio.to_thread(mailbox.set_aside, envelope.uid, raw, disposition.reason)
                log.info("set aside message %s: %s", envelope.uid, disposition.reason)
        await asyncio.to_thread(mailbox.mark_processed, applied)

    async def _route(self, envelope: Envelope, raw: bytes) -> Disposition:
        if envelope.size > self._settings.max_message_bytes:
            limit = self._settings.max_message_bytes
            reason = f"too large to read ({envelope.size} bytes; the limit is {limit})"
            return Disposition(applied=False, reason=reason)
        try:
            return await self._router.handle(raw)
        except TryLater:
            raise
        except Exception as exc:  # a bug must not wedge the mailbox: keep the message, say why
            log.exception("could not process a message")
            return Disposition(applied=False, reason=f"internal error: {type(exc).__name__}")


def _logout_quietly(mailbox: Mailbox) -> None:
    with contextlib.suppress(IMAPClientError, OSError):
        mailbox.client.logout()
