"""Activities: the only place a plan workflow's effects touch the outside world.

Clients are injected, so tests can run the real activity against a loopback SMTP server.
"""

from __future__ import annotations

from temporalio import activity
from temporalio.exceptions import ApplicationError

from mutualplan.mail.compose import Renderer, compose
from mutualplan.mail.plan_emails import plan_email
from mutualplan.mail.send import SmtpRefused, SmtpSender
from mutualplan.models import EmailRequest, SentEmail
from mutualplan.settings import Settings


class MailActivities:
    def __init__(self, settings: Settings, sender: SmtpSender, renderer: Renderer) -> None:
        self._settings = settings
        self._sender = sender
        self._renderer = renderer

    @activity.defn
    async def send_plan_email(self, request: EmailRequest) -> SentEmail:
        # the server's clock, not ours: the same instant a replay or a time-skipping test sees
        now = activity.info().current_attempt_scheduled_time
        outgoing = plan_email(request, settings=self._settings, renderer=self._renderer, now=now)
        try:
            await self._sender.send(compose(outgoing))
        except SmtpRefused as exc:
            if exc.permanent:
                raise ApplicationError(
                    str(exc), type="PermanentMailError", non_retryable=True
                ) from None
            raise
        return SentEmail(message_id=outgoing.message_id)
