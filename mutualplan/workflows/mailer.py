"""A plan's outgoing mail, for the plan workflow: queue, pace, send, retry, record failures.

Workflow code (deterministic): it runs inside the plan's workflow, which owns one PlanMailer as
samples-python's `UpdatableTimer` is owned by its workflow. Its state lives in the run state
(`Mailing`), so a run that continues as new sends on where the last one stopped.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError, FailureError
from temporalio.exceptions import TimeoutError as ActivityTimeout

from mutualplan import pacing
from mutualplan.edits.changes import Change
from mutualplan.messages import EmailBatch, Mailing, QueuedEmail, Retry, SentBatch
from mutualplan.models import (
    ENGINE,
    EmailKind,
    Event,
    Milestone,
    MilestoneStatus,
    Phrase,
    Plan,
    phrase,
    plural_phrase,
)

# activities are named, not imported: their module pulls in SMTP and Jinja, which stay out of here
SEND_PLAN_EMAILS = "send_plan_emails"
# A recipient's emails that failed for now (greylisting, a server down) are tried again on
# their own, 2 s after, then twice as long each time up to half an hour, for a day; after that
# the failure is recorded on the plan and the seller told. Everyone else's mail goes meanwhile.
SEND_RETRY = RetryPolicy(initial_interval=timedelta(seconds=2), backoff_coefficient=2.0)
LONGEST_WAIT = timedelta(minutes=30)
SEND_DEADLINE = timedelta(days=1)
SEND_TIMEOUT = timedelta(seconds=60)
ONE_ATTEMPT = RetryPolicy(maximum_attempts=1)  # the workflow retries, per recipient
# how a send fails: a local activity's last attempt reaches the workflow as its own error
SEND_FAILED = (ActivityError, ApplicationError, ActivityTimeout)


class PlanMailer:
    def __init__(self, plan: Plan, mailing: Mailing) -> None:
        self._plan = plan
        self._mailing = mailing

    @property
    def has_queued(self) -> bool:
        """Emails wait to be sent: the workflow's loop should `flush`."""
        return bool(self._mailing.outbox)

    def notify(
        self,
        kind: EmailKind,
        recipient_id: int,
        milestone: Milestone | None = None,
        *,
        note: str = "",
        said: list[Phrase] | None = None,
        held: list[str | Phrase] | None = None,
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
                said=said or [],
                held=held or [],
            )
        )

    def tell(self, change: Change, *, cause: str) -> None:
        """Queue the emails of a change a message (`cause`, its Message-ID) made."""
        for n, notice in enumerate(change.notices):
            key = notice.milestone_key
            milestone = self._plan.milestone(key) if key else None
            self.notify(
                notice.kind,
                notice.recipient_id,
                milestone,
                note=notice.note,
                said=notice.said,
                cause=(cause, n),
            )

    def acted(self, address: str) -> None:
        pacing.acted(self._mailing.pacing, address)

    def new_day(self) -> dict[int, list[str | Phrase]]:
        """The morning: the news held for each person, to go with their first email today."""
        return pacing.new_day(self._mailing.pacing)

    @property
    def holds_news(self) -> bool:
        """News waits for someone's next morning."""
        return bool(self._mailing.pacing.held)

    @property
    def next_retry(self) -> datetime | None:
        """When the next recipient's emails are due to be tried again, if any wait."""
        return min((r.at for r in self._mailing.retries.values()), default=None)

    async def flush(self) -> None:
        """Send what is queued and the retries that are due, in one local activity at a time:
        to different people at the same time, to each in turn. Emails for someone whose
        earlier ones wait to be tried again join them, in order."""
        while emails := self._take_queued() + self._take_due():
            await self._send(emails)

    def _take_queued(self) -> list[QueuedEmail]:
        queued, self._mailing.outbox = self._mailing.outbox, []
        going = []
        for email in queued:
            if pacing.holds(self._mailing.pacing, self._plan, email):
                continue
            if (retry := self._mailing.retries.get(email.recipient_id)) is not None:
                retry.emails.append(email)
            else:
                going.append(email)
        return going

    def _take_due(self) -> list[QueuedEmail]:
        due = []
        for retry in self._mailing.retries.values():
            if retry.at <= workflow.now():
                due += retry.emails
                retry.emails = []
        return due

    async def _send(self, emails: list[QueuedEmail]) -> None:
        emails = [e for e in emails if self._still_meant(e)]
        sent = await self._deliver(emails) if emails else SentBatch()
        for email in emails:
            if email.key in sent.refused:
                self._record_failure(email.recipient_id, sent.refused[email.key])
        self._retry_later([e for e in emails if e.key in sent.failed], sent.failed)
        for person, retry in list(self._mailing.retries.items()):
            if not retry.emails and retry.at <= workflow.now():  # all of theirs went out
                del self._mailing.retries[person]

    async def _deliver(self, emails: list[QueuedEmail]) -> SentBatch:
        """In a local activity: it runs on this worker within the workflow task that queued the
        emails, which saves Temporal a second workflow task and an activity task per batch. A
        worker killed meanwhile loses the task, and the next worker sends the batch again:
        the send record then skips what went out (a local activity always looks it up)."""
        snapshot = self._snapshot(emails)
        batch = EmailBatch(plan=snapshot, emails=emails, queued_at=workflow.now())
        try:
            sent: SentBatch = await workflow.execute_local_activity(
                SEND_PLAN_EMAILS,
                batch,
                result_type=SentBatch,
                start_to_close_timeout=SEND_TIMEOUT,
                retry_policy=ONE_ATTEMPT,
            )
        except SEND_FAILED as exc:  # the attempt as a whole failed (timed out): all again
            return SentBatch(failed={e.key: _cause(exc) for e in emails})
        return sent

    def _retry_later(self, emails: list[QueuedEmail], why: dict[str, str]) -> None:
        """Each recipient's failed emails wait for their own next attempt, SEND_RETRY's backoff
        apart; after SEND_DEADLINE of failures they are given up and the seller is told."""
        now = workflow.now()
        for person in dict.fromkeys(e.recipient_id for e in emails):
            theirs = [e for e in emails if e.recipient_id == person]
            error = why[theirs[0].key]
            retry = self._mailing.retries.get(person) or Retry(
                since=now, at=now, wait=SEND_RETRY.initial_interval
            )
            if now - retry.since >= SEND_DEADLINE:
                self._mailing.retries.pop(person, None)
                self._record_failure(person, error, len(theirs) + len(retry.emails))
                continue
            retry.emails[:0] = theirs  # before any queued for them meanwhile
            retry.at, retry.error = now + retry.wait, error
            retry.wait = min(retry.wait * SEND_RETRY.backoff_coefficient, LONGEST_WAIT)
            self._mailing.retries[person] = retry

    def _still_meant(self, email: QueuedEmail) -> bool:
        """A call to act that no longer applies is not sent: its step was removed or done, or
        someone else owns it now (a retry can come hours after the email was queued)."""
        if email.milestone_key is None:
            return True
        milestone = self._plan.milestone(email.milestone_key)
        if milestone is None:
            return False
        if email.kind in (EmailKind.MILESTONE_STARTED, EmailKind.MILESTONE_REMINDER):
            done = milestone.status is MilestoneStatus.DONE
            return not done and milestone.owner_id == email.recipient_id
        return True

    def _snapshot(self, emails: list[QueuedEmail]) -> Plan:
        """The plan as an email shows it now: without the history, the files and the open
        questions, which no email shows, and with only the comments the emails forward: all
        of them would make every email's payload (and so the plan's own history) grow. A
        shallow copy: `execute_local_activity` turns its argument into a payload at once, before
        the plan can change again."""
        plan = self._plan
        milestones = [m.model_copy(update={"history": []}) for m in plan.milestones]
        forwarded = {e.note for e in emails if e.kind is EmailKind.PLAN_COMMENT}
        comments = [c for c in plan.comments if c.message_id in forwarded]
        shown = {"history": [], "milestones": milestones, "comments": comments}
        files = [a for a in plan.attachments if a.message_id in forwarded]
        shown |= {"attachments": files, "questions": []}
        return plan.model_copy(update=shown)

    def _record_failure(self, recipient_id: int, cause: str, emails: int = 1) -> None:
        plan = self._plan
        who = plan.stakeholder(recipient_id)
        address = who.email if who else str(recipient_id)
        if emails > 1:
            failed = plural_phrase(
                "Could not email {address}: {cause} ({count} email)",
                "Could not email {address}: {cause} ({count} emails)",
                emails,
                address=address,
                cause=cause,
            )
        else:
            failed = phrase("Could not email {address}: {cause}", address=address, cause=cause)
        what = f"could not email {address}: {cause}" + (f" ({emails} emails)" if emails > 1 else "")
        plan.history.append(Event(at=workflow.now(), by=ENGINE, what=what))
        # the seller hears of it by email (a failure emailing the seller is not mailed: no loop)
        if recipient_id != plan.seller_id:
            self.notify(EmailKind.PLAN_NOTICE, plan.seller_id, note=failed.english(), said=[failed])


def _cause(exc: FailureError) -> str:
    failure = _last_failure(exc)
    return failure.message if failure is not None else str(exc)


def _last_failure(exc: FailureError) -> ApplicationError | None:
    """What the last attempt raised, also under the timeout that ended the retries."""
    cause: BaseException | None = exc  # a local activity's may be the ApplicationError itself
    while isinstance(cause, FailureError) and not isinstance(cause, ApplicationError):
        cause = cause.cause
    return cause if isinstance(cause, ApplicationError) else None
