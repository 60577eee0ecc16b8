"""Activities: the only place a plan workflow's effects touch the outside world.

Clients are injected, so tests can run the real activity against a loopback SMTP server.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import timedelta

from temporalio import activity
from temporalio.exceptions import ApplicationError

from mutualplan.mail.compose import Renderer, compose
from mutualplan.mail.outbox import Outbox, SentFolder, without_token
from mutualplan.mail.plan_emails import plan_email
from mutualplan.mail.send import SmtpRefused, SmtpSender
from mutualplan.models import EmailRequest, SentEmail
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
        sent: SentFolder | None = None,
    ) -> None:
        """`sent`: the shared record that keeps a retried attempt from sending twice."""
        self._settings = settings
        self._outbox = Outbox(sender, sent)
        self._renderer = renderer

    @activity.defn
    async def send_plan_email(self, request: EmailRequest) -> SentEmail:
        info = activity.info()
        # the server's clock, not ours: the same instant a replay or a time-skipping test sees
        now = info.current_attempt_scheduled_time
        outgoing = plan_email(request, settings=self._settings, renderer=self._renderer, now=now)
        async with _heartbeating(), _deadline(info.start_to_close_timeout):
            try:
                await self._outbox.send(
                    compose(outgoing), message_id=outgoing.message_id, retry=info.attempt > 1
                )
            except SmtpRefused as exc:
                if exc.permanent:
                    raise ApplicationError(
                        str(exc), type="PermanentMailError", non_retryable=True
                    ) from None
                raise
        return SentEmail(message_id=without_token(outgoing.message_id))


@contextlib.asynccontextmanager
async def _deadline(timeout: timedelta | None) -> AsyncIterator[None]:
    seconds = timeout.total_seconds() - DEADLINE_MARGIN.total_seconds() if timeout else None
    async with asyncio.timeout(seconds if seconds and seconds > 0 else None):
        yield


@contextlib.asynccontextmanager
async def _heartbeating(every: float = 2.0) -> AsyncIterator[None]:
    """Heartbeat while sending, so a worker killed mid-send is noticed in seconds, not minutes."""

    async def beat() -> None:
        while True:
            activity.heartbeat()
            await asyncio.sleep(every)

    task = asyncio.create_task(beat())
    try:
        yield
    finally:
        task.cancel()
