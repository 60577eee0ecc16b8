"""Activities: the only place a plan workflow's effects touch the outside world.

Clients are injected, so tests can run the real activity against a loopback SMTP server.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from temporalio import activity

from mutualplan.mail.compose import Renderer, compose
from mutualplan.mail.outbox import Outbox, SentRecord
from mutualplan.mail.plan_emails import plan_email
from mutualplan.mail.send import MailSender, SmtpRefused
from mutualplan.messages import EmailBatch, EmailRequest, SentBatch
from mutualplan.settings import Settings

# an attempt gives up this long before Temporal would start the next one, so two attempts of
# one email never run at the same time (the next one could not yet see the first one's record)
DEADLINE_MARGIN = timedelta(seconds=10)


class MailActivities:
    def __init__(
        self,
        settings: Settings,
        sender: MailSender,
        renderer: Renderer,
        sent: SentRecord | None = None,
    ) -> None:
        """`sent`: the shared record that keeps a retried attempt from sending twice."""
        self._settings = settings
        self._outbox = Outbox(sender, sent)
        self._renderer = renderer

    @activity.defn
    async def send_plan_emails(self, batch: EmailBatch) -> SentBatch:
        """Send a plan's emails: to different people at the same time, to each in turn. Each
        email's fate is in the result, so one recipient never holds up the others: a permanent
        refusal (5xx, an address the server cannot take) is `refused` and that person's next
        email still goes; a temporary failure (4xx, a server down, no time left) is `failed`,
        with that person's later emails, to be tried again in order. A retry skips what went
        out (the send record)."""
        info = activity.info()
        by_recipient: dict[int, list[EmailRequest]] = {}
        for request in batch.requests():
            by_recipient.setdefault(request.recipient_id, []).append(request)
        result = SentBatch()
        deadline = _deadline(info.start_to_close_timeout)

        async def in_turn(requests: list[EmailRequest]) -> None:
            for n, request in enumerate(requests):
                try:
                    async with asyncio.timeout_at(deadline):
                        await self._send(request, info, batch.queued_at)
                except SmtpRefused as exc:
                    if exc.permanent:
                        result.refused[request.key] = str(exc)
                        continue
                    why = str(exc)
                except TimeoutError:
                    why = "no answer from the SMTP server in time"
                except Exception as exc:  # the server down, a bug: the workflow tries again
                    why = str(exc) or type(exc).__name__
                else:
                    continue
                result.failed |= {r.key: why for r in requests[n:]}
                return

        await asyncio.gather(*(in_turn(r) for r in by_recipient.values()))
        return result

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


def _deadline(timeout: timedelta | None) -> float | None:
    """When an attempt gives up (the event loop's clock): before Temporal would start the next."""
    if timeout is None:
        return None
    seconds = max(timeout.total_seconds() - DEADLINE_MARGIN.total_seconds(), 1.0)
    return asyncio.get_running_loop().time() + seconds
