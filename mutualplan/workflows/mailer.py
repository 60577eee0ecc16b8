"""A plan's outgoing mail, for the plan workflow: queue, pace, send, retry, record failures.

Workflow code (deterministic): it runs inside the plan's workflow, which owns one PlanMailer as
samples-python's `UpdatableTimer` is owned by its workflow. Its state lives in the run state
(`Mailing`), so a run that continues as new sends on where the last one stopped.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from pydantic import ValidationError
from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError, FailureError
from temporalio.exceptions import TimeoutError as ActivityTimeout

from mutualplan import pacing
from mutualplan.changes import Change
from mutualplan.models import (
    EmailBatch,
    EmailKind,
    Event,
    Mailing,
    Milestone,
    Plan,
    QueuedEmail,
    SentBatch,
    Unsent,
)

# activities are named, not imported: their module pulls in SMTP and Jinja, which stay out of here
SEND_PLAN_EMAILS = "send_plan_emails"
SEND_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=2),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(minutes=10),
    non_retryable_error_types=["PermanentMailError"],
)
SEND_TIMEOUT = timedelta(seconds=60)
# a temporary outage is retried for a day; after that the failure is recorded on the plan
SEND_DEADLINE = timedelta(days=1)
ONE_ATTEMPT = RetryPolicy(maximum_attempts=1)  # a local batch is retried by the workflow
# how a send fails: a local activity's last attempt reaches the workflow as its own error
SEND_FAILED = (ActivityError, ApplicationError, ActivityTimeout)


class PlanMailer:
    def __init__(self, plan: Plan, mailing: Mailing) -> None:
        self._plan = plan
        self._mailing = mailing

    @property
    def queued(self) -> bool:
        """Emails wait to be sent: the workflow's loop should `flush`."""
        return bool(self._mailing.outbox)

    def notify(
        self,
        kind: EmailKind,
        recipient_id: int,
        milestone: Milestone | None = None,
        *,
        note: str = "",
        held: list[str] | None = None,
        cause: tuple[str, int] | None = None,
    ) -> None:
        """Queue one email; its key (and so its Message-ID) is fixed here, once. It shows the
        plan as it is when it is sent (`_snapshot`), with whatever else changed meanwhile.

        The key must come out the same when a workflow task is lost after its emails went out
        (a killed worker) and its updates are applied again, maybe in another order: so it
        never counts emails across the plan. An email a message caused is named by that
        message (`cause`: its Message-ID and the email's place among the message's); any other
        by how many of its kind, milestone and recipient came before it."""
        name = f"{kind.value}.{milestone.number if milestone else 0}.{recipient_id}"
        if cause is not None:
            digest = hashlib.sha256(cause[0].encode()).hexdigest()[:16]
            key = f"{name}.{digest}.{cause[1]}"
        else:
            queued = self._mailing.queued
            count = queued[name] = queued.get(name, 0) + 1
            key = f"{name}.{count}"
        self._mailing.outbox.append(
            QueuedEmail(
                kind=kind,
                recipient_id=recipient_id,
                milestone_key=milestone.key if milestone else None,
                key=key,
                note=note,
                held=held or [],
            )
        )

    def tell(self, change: Change, *, cause: str) -> None:
        """Queue the emails of a change a message (`cause`, its Message-ID) made."""
        for n, notice in enumerate(change.notices):
            key = notice.milestone_key
            milestone = self._plan.milestone(key) if key else None
            self.notify(
                notice.kind, notice.recipient_id, milestone, note=notice.note, cause=(cause, n)
            )

    def acted(self, address: str) -> None:
        pacing.acted(self._mailing.pacing, address)

    def new_day(self) -> dict[int, list[str]]:
        """The morning: the news held for each person, to go with their first email today."""
        return pacing.new_day(self._mailing.pacing)

    async def flush(self) -> None:
        """Send what is queued, in one local activity: to different people at the same time,
        to each in turn."""
        while self._mailing.outbox:
            queued, self._mailing.outbox = self._mailing.outbox, []
            emails = [e for e in queued if not pacing.holds(self._mailing.pacing, self._plan, e)]
            if emails:
                await self._send_batch(emails)

    async def _send_batch(self, emails: list[QueuedEmail]) -> None:
        """In a local activity: it runs on this worker within the workflow task that queued the
        emails, which saves Temporal a second workflow task and an activity task per batch. A
        worker killed meanwhile loses the task, and the next worker sends the batch again:
        the send record then skips what went out (a local activity always looks it up)."""
        batch = EmailBatch(plan=self._snapshot(), emails=emails, queued_at=workflow.now())
        sent = await self._send_locally(batch)
        for email in emails:
            if email.key in sent.refused:
                self._record_failure(email, sent.refused[email.key])

    async def _send_locally(self, batch: EmailBatch) -> SentBatch:
        """One attempt at a time, with SEND_RETRY's backoff on the workflow's timers and its
        deadline on the workflow's clock: between attempts the task completes (updates go on
        being applied), and a time-skipping test skips the waits as it would an activity's.

        A retry sends only what the failed attempt names as still to go: what it sent may be
        missing from the send record (the Sent folder's server went down with the SMTP one).
        Refused for good, or still not sent at the deadline: reported as refused."""
        deadline = workflow.now() + SEND_DEADLINE
        wait, longest = SEND_RETRY.initial_interval, SEND_RETRY.maximum_interval or SEND_DEADLINE
        refused: dict[str, str] = {}
        while True:
            try:
                sent: SentBatch = await workflow.execute_local_activity(
                    SEND_PLAN_EMAILS,
                    batch,
                    result_type=SentBatch,
                    start_to_close_timeout=SEND_TIMEOUT,
                    retry_policy=ONE_ATTEMPT,
                )
                return SentBatch(refused=refused | sent.refused)
            except SEND_FAILED as exc:
                unsent = _unsent(exc)
                if unsent is not None:
                    refused |= unsent.refused
                    batch = batch.only(set(unsent.keys))
                if not batch.emails:
                    return SentBatch(refused=refused)
                if workflow.now() + wait > deadline:
                    return SentBatch(refused=refused | {e.key: _cause(exc) for e in batch.emails})
            await workflow.sleep(wait)
            wait = min(wait * SEND_RETRY.backoff_coefficient, longest)

    def _snapshot(self) -> Plan:
        """The plan as an email shows it now: without the history, which no email shows and
        which would make every email's payload (and so the plan's own history) grow."""
        plan = self._plan
        milestones = [m.model_copy(update={"history": []}) for m in plan.milestones]
        return plan.model_copy(update={"history": [], "milestones": milestones}).model_copy(
            deep=True
        )

    def _record_failure(self, email: QueuedEmail, cause: str) -> None:
        plan = self._plan
        who = plan.stakeholder(email.recipient_id)
        failed = f"email {who.email if who else email.recipient_id}: {cause}"
        plan.history.append(Event(at=workflow.now(), by="engine", what=f"could not {failed}"))
        # the seller hears of it by email (a failure emailing the seller is not mailed: no loop)
        if email.recipient_id != plan.seller_id:
            self.notify(EmailKind.PLAN_NOTICE, plan.seller_id, note=f"Could not {failed}")


def _cause(exc: FailureError) -> str:
    failure = _last_failure(exc)
    return failure.message if failure is not None else str(exc)


def _unsent(exc: FailureError) -> Unsent | None:
    """What the batch's last attempt named as not sent; None if it named nothing."""
    cause = _last_failure(exc)
    if cause is None or not cause.details:
        return None
    try:
        return Unsent.model_validate(cause.details[0])
    except ValidationError:
        return None


def _last_failure(exc: FailureError) -> ApplicationError | None:
    """What the last attempt raised, also under the timeout that ended the retries."""
    cause: BaseException | None = exc  # a local activity's may be the ApplicationError itself
    while isinstance(cause, FailureError) and not isinstance(cause, ApplicationError):
        cause = cause.cause
    return cause if isinstance(cause, ApplicationError) else None
