"""Activities: the only place a plan workflow's effects touch the outside world.

Clients are injected, so tests can run the real activity against a loopback SMTP server.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

from temporalio import activity
from temporalio.exceptions import ApplicationError

from mutualplan.mail.compose import Renderer, compose
from mutualplan.mail.outbox import Outbox, SentRecord
from mutualplan.mail.plan_emails import plan_email
from mutualplan.mail.send import SmtpRefused, SmtpSender
from mutualplan.models import EmailBatch, EmailRequest, SentBatch, Unsent
from mutualplan.settings import Settings

# an attempt gives up this long before Temporal would start the next one, so two attempts of
# one email never run at the same time (the next one could not yet see the first one's record)
DEADLINE_MARGIN = timedelta(seconds=10)


class MailActivities:
    def __init__(
        self,
        settings: Settings,
        sender: SmtpSender,
        renderer: Renderer,
        sent: SentRecord | None = None,
    ) -> None:
        """`sent`: the shared record that keeps a retried attempt from sending twice."""
        self._settings = settings
        self._outbox = Outbox(sender, sent)
        self._renderer = renderer

    @activity.defn
    async def send_plan_emails(self, batch: EmailBatch) -> SentBatch:
        """Send a plan's queued emails: to different people at the same time, to each in turn.
        A permanent refusal is reported for its email and the rest still go. A temporary failure
        fails the attempt once the others are sent, naming the emails still to go and those
        refused meanwhile (a local batch's retry sends only the first, and reports the others;
        if the server never comes back, only those still to go are reported); the retry skips
        what went out."""
        info = activity.info()
        by_recipient: dict[int, list[EmailRequest]] = {}
        for request in batch.requests():
            by_recipient.setdefault(request.recipient_id, []).append(request)
        refused: dict[str, str] = {}
        unsent: list[str] = []

        async def in_turn(requests: list[EmailRequest]) -> None:
            for n, request in enumerate(requests):
                try:
                    await self._send(request, info, batch.queued_at)
                except SmtpRefused as exc:
                    if exc.permanent:
                        refused[request.key] = str(exc)
                        continue
                    unsent.extend(r.key for r in requests[n:])
                    raise
                except Exception:
                    unsent.extend(r.key for r in requests[n:])
                    raise

        async with _deadline(info.start_to_close_timeout):
            results = await asyncio.gather(
                *(in_turn(r) for r in by_recipient.values()), return_exceptions=True
            )
        failed = [r for r in results if isinstance(r, BaseException)]
        if failed:
            raise ApplicationError(
                str(failed[0]),
                Unsent(keys=unsent, refused=refused),
                type=type(failed[0]).__name__,
            )
        return SentBatch(refused=refused)

    async def _send(self, request: EmailRequest, info: activity.Info, queued_at: datetime) -> str:
        # the workflow's clock, not ours: the same instant a replay or a time-skipping test sees
        outgoing = plan_email(
            request, settings=self._settings, renderer=self._renderer, now=queued_at
        )
        # a local activity starts again at attempt 1 when its workflow task is lost with its
        # worker: it cannot tell a first attempt from a repeat, so it always looks
        retry = info.attempt > 1 or info.is_local
        await self._outbox.send(compose(outgoing), message_id=outgoing.message_id, retry=retry)
        return outgoing.message_id


@contextlib.asynccontextmanager
async def _deadline(timeout: timedelta | None) -> AsyncIterator[None]:
    seconds = timeout.total_seconds() - DEADLINE_MARGIN.total_seconds() if timeout else None
    async with asyncio.timeout(seconds if seconds and seconds > 0 else None):
        yield
