"""One durable workflow per plan: milestones run in order, people answer by email.

Deterministic: time comes from workflow.now(), I/O happens only in activities. Handlers never
raise plain exceptions (that would retry the task forever): a request that is not allowed is
refused by the update validator with a reason, which the mail listener records when it sets the
message aside. Handlers only change state and queue emails; the main loop sends them, so an
update answers at once even while the mail server is down.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from pydantic import ValidationError
from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributeUpdate
from temporalio.exceptions import ActivityError, ApplicationError, FailureError
from temporalio.exceptions import TimeoutError as ActivityTimeout

from mutualplan import checkins, editing, health
from mutualplan import search_attributes as sa
from mutualplan.models import (
    EmailBatch,
    EmailKind,
    EmailRequest,
    Event,
    Milestone,
    MilestoneStatus,
    Phrase,
    Plan,
    PlanInput,
    PlanResult,
    PlanStatus,
    ReplyCommand,
    ReplyOutcome,
    RsvpCommand,
    SentBatch,
    SentEmail,
    Unsent,
    ViewRecord,
    phrase,
)
from mutualplan.web import engagement

# activities are named, not imported: their module pulls in SMTP and Jinja, which stay out of here
SEND_PLAN_EMAILS = "send_plan_emails"
SEND_PLAN_EMAIL = "send_plan_email"  # one per activity, before BATCH_MAIL
SEND_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=2),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(minutes=10),
    non_retryable_error_types=["PermanentMailError"],
)
SEND_TIMEOUT = timedelta(seconds=60)
SEND_HEARTBEAT = timedelta(seconds=10)  # a worker killed mid-send: retried after this, not 60 s
# a temporary outage is retried for a day; after that the failure is recorded on the plan
SEND_DEADLINE = timedelta(days=1)
# Plans started before this version sent their emails one at a time and published their search
# attributes even when unchanged; a replay of their history must do the same.
PARALLEL_MAIL = "parallel-mail"
# ... and, before this one, one activity per email rather than one for all the emails queued
BATCH_MAIL = "batch-mail"
# ... and, before this one, the batch in an activity of its own rather than a local activity
LOCAL_MAIL = "local-mail"
ONE_ATTEMPT = RetryPolicy(maximum_attempts=1)  # a local batch is retried by the workflow
# how a send fails: a local activity's last attempt reaches the workflow as its own error
SEND_FAILED = (ActivityError, ApplicationError, ActivityTimeout)


@workflow.defn
class PlanWorkflow:
    @workflow.init
    def __init__(self, input: PlanInput) -> None:
        self.plan: Plan = input.plan
        self._applied: set[str] = set()
        self._outbox: list[EmailRequest] = []
        self._announced = {m.key for m in self.plan.milestones if m.status.value == "done"}
        # how many emails of each kind, milestone and recipient were queued (see `_notify`)
        self._queued: dict[str, int] = {}
        # one email a day per person (the day runs from one morning wake to the next): news
        # beyond that is held for the next morning's email, unless the person acted that day
        self._emailed_today: set[int] = set()
        self._acted_today: set[str] = {self.plan.seller.email}  # starting the plan is acting
        self._held: dict[int, list[str | Phrase]] = {}
        self._published: list[SearchAttributeUpdate[Any]] = []

    @workflow.run
    async def run(self, input: PlanInput) -> PlanResult:
        self._publish()
        reviewed = await self._review_draft()
        if self.plan.status is PlanStatus.ACTIVE:
            await self._run_plan(reviewed)
        self._publish()
        await self._flush()
        await workflow.wait_condition(workflow.all_handlers_finished)
        return PlanResult(plan=self.plan)

    async def _review_draft(self) -> list[int]:
        """A draft goes to the seller and the champion, who answer with changes until the
        seller confirms it (or cancels it); nobody else hears of the plan before that."""
        if self.plan.status is not PlanStatus.DRAFT:
            return []
        reviewers = [self.plan.seller_id] + [
            s.id for s in self.plan.stakeholders if s.role == "Champion"
        ]
        for person_id in reviewers:
            self._notify(EmailKind.PLAN_DRAFT, person_id)
        while self.plan.status is PlanStatus.DRAFT:
            await self._flush()
            await workflow.wait_condition(
                lambda: bool(self._outbox) or self.plan.status is not PlanStatus.DRAFT
            )
        return reviewers

    async def _run_plan(self, reviewed: list[int]) -> None:
        for person_id in reviewed or [self.plan.seller_id]:
            self._notify(EmailKind.PLAN_CREATED, person_id)
        for notice in checkins.start_series(self.plan, workflow.now()):
            self._notify(notice.kind, notice.recipient_id)
        await self._run_milestones()
        if self.plan.status is PlanStatus.ACTIVE:
            self.plan.status = PlanStatus.COMPLETED
            self.plan.history.append(Event(at=workflow.now(), by="engine", what="plan completed"))
            self._notify(EmailKind.PLAN_COMPLETED, self.plan.seller_id)
        elif self.plan.checkin is None:  # cancelled: without a calendar, tell everyone by email
            for person in self.plan.stakeholders:
                cancelled = phrase("The plan was cancelled.")
                self._notify(
                    EmailKind.PLAN_NOTICE, person.id, note=cancelled.english(), said=[cancelled]
                )
        self._publish()
        # the series ends with the plan; the calls held stay on calendars
        for notice in checkins.end_series(self.plan, workflow.now()):
            self._notify(notice.kind, notice.recipient_id, note=notice.note, said=notice.said)

    async def _run_milestones(self) -> None:
        """Start each milestone once the ones it comes `after` are done (independent buyer and
        seller steps run side by side); tell the seller as each one is done."""
        while self.plan.status is PlanStatus.ACTIVE:
            for milestone in self._newly_done():
                self._announced.add(milestone.key)
                self._notify(EmailKind.MILESTONE_DONE, self.plan.seller_id, milestone)
            self._start_ready()
            self._publish()
            if all(m.status is MilestoneStatus.DONE for m in self.plan.milestones):
                return
            await self._flush()
            wake = health.next_wake(self.plan, workflow.now())
            try:
                await workflow.wait_condition(
                    lambda: (
                        bool(self._newly_done() or self._outbox or self._ready())
                        or self.plan.status is not PlanStatus.ACTIVE
                    ),
                    timeout=wake - workflow.now(),
                )
            except TimeoutError:
                self._daily()

    def _newly_done(self) -> list[Milestone]:
        return [
            m
            for m in self.plan.milestones
            if m.status is MilestoneStatus.DONE and m.key not in self._announced
        ]

    def _ready(self) -> list[Milestone]:
        """Steps waiting for nothing that is not done (a step removed or added can make one)."""
        done = {m.key for m in self.plan.milestones if m.status is MilestoneStatus.DONE}
        return [
            m
            for m in self.plan.milestones
            if m.status is MilestoneStatus.PENDING and set(m.after) <= done
        ]

    def _start_ready(self) -> None:
        for milestone in self._ready():
            milestone.status = MilestoneStatus.ACTIVE
            milestone.started_at = workflow.now()
            milestone.history.append(Event(at=workflow.now(), by="engine", what="started"))
            self._notify(EmailKind.MILESTONE_STARTED, milestone.owner_id, milestone)

    @workflow.query
    def current_plan(self) -> Plan:
        return self.plan

    @workflow.update
    def apply_reply(self, command: ReplyCommand) -> ReplyOutcome:
        return self._apply_once(
            command.message_id,
            command.sender,
            lambda: editing.apply(self.plan, command, workflow.now()),
        )

    @workflow.update
    def record_rsvp(self, command: RsvpCommand) -> ReplyOutcome:
        return self._apply_once(
            command.message_id,
            command.sender,
            lambda: editing.record_rsvp(self.plan, command, workflow.now()),
        )

    @workflow.signal
    def record_view(self, view: ViewRecord) -> None:
        """The plan page was opened (the web app signals it; engagement keeps one a day)."""
        engagement.record_view(self.plan, view.stakeholder_id, workflow.now())

    def _apply_once(
        self, message_id: str, sender: str, change: Callable[[], editing.Change]
    ) -> ReplyOutcome:
        """Apply a message's change unless that message was applied before (a redelivery)."""
        if message_id in self._applied:
            return ReplyOutcome(changed=False, summary="already applied")
        self._applied.add(message_id)
        self._acted_today.add(sender)
        applied = change()
        self._queue(applied, cause=message_id)
        self._publish()
        return ReplyOutcome(changed=True, summary=applied.summary, said=applied.said)

    @record_rsvp.validator
    def _validate_rsvp(self, command: RsvpCommand) -> None:
        if command.message_id in self._applied:
            return
        try:
            editing.check_rsvp(self.plan, command)
        except editing.Refused as refused:
            raise ApplicationError(
                str(refused), type=type(refused).__name__, non_retryable=True
            ) from None

    def _queue(self, change: editing.Change, *, cause: str) -> None:
        for n, notice in enumerate(change.notices):
            milestone = self.plan.milestone(notice.milestone_key) if notice.milestone_key else None
            self._notify(
                notice.kind,
                notice.recipient_id,
                milestone,
                note=notice.note,
                said=notice.said,
                cause=(cause, n),
            )

    @apply_reply.validator
    def _validate_reply(self, command: ReplyCommand) -> None:
        if command.message_id in self._applied:
            return
        try:
            editing.check_reply(self.plan, command, workflow.now())
        except editing.Refused as refused:
            # the reason's phrase rides along, so the answer can say it in the sender's language
            said = [refused.said.model_dump(mode="json")] if refused.said else []
            raise ApplicationError(
                str(refused), *said, type=type(refused).__name__, non_retryable=True
            ) from None

    def _daily(self) -> None:
        """Every morning in the plan's time zone: remind, escalate, and read the health again."""
        self._publish()
        held, self._held = self._held, {}
        self._emailed_today, self._acted_today = set(), set()
        today = health.local_day(self.plan, workflow.now())
        for nudge in health.nudges_for(self.plan, today):
            milestone = self.plan.milestone(nudge.milestone_key)
            self._notify(
                nudge.kind, nudge.recipient_id, milestone, held=held.pop(nudge.recipient_id, [])
            )
        for person_id, lines in held.items():
            self._notify(EmailKind.PLAN_UPDATES, person_id, held=lines)

    def _notify(
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
            count = self._queued[name] = self._queued.get(name, 0) + 1
            key = f"{name}.{count}"
        self._outbox.append(
            EmailRequest(
                kind=kind,
                plan=self.plan,
                recipient_id=recipient_id,
                milestone_key=milestone.key if milestone else None,
                key=key,
                note=note,
                said=said or [],
                held=held or [],
            )
        )

    def _snapshot(self) -> Plan:
        """The plan as an email shows it now: without the history, which no email shows and
        which would make every email's payload (and so the plan's own history) grow."""
        plan = self.plan
        milestones = [m.model_copy(update={"history": []}) for m in plan.milestones]
        return plan.model_copy(update={"history": [], "milestones": milestones}).model_copy(
            deep=True
        )

    async def _flush(self) -> None:
        """Send what is queued: in one (local) activity, to different people at the same time,
        to each in turn."""
        local = workflow.patched(LOCAL_MAIL)
        if local or workflow.patched(BATCH_MAIL):
            while self._outbox:
                queued, self._outbox = self._outbox, []
                emails = [request for request in queued if not self._hold(request)]
                if emails:
                    await self._send_batch(emails, local=local)
        elif workflow.patched(PARALLEL_MAIL):
            while self._outbox:
                queued, self._outbox = self._outbox, []
                by_recipient: dict[int, list[EmailRequest]] = {}
                for request in queued:
                    if not self._hold(request):
                        by_recipient.setdefault(request.recipient_id, []).append(request)
                await asyncio.gather(*(self._send_in_turn(r) for r in by_recipient.values()))
        else:
            while self._outbox:
                await self._send(self._outbox.pop(0))

    async def _send_batch(self, emails: list[EmailRequest], *, local: bool = False) -> None:
        """In a local activity: it runs on this worker within the workflow task that queued the
        emails, which saves Temporal a second workflow task and an activity task per batch. A
        worker killed meanwhile loses the task, and the next worker sends the batch again:
        the send record then skips what went out (a local activity always looks it up)."""
        batch = EmailBatch.of(emails, self._snapshot(), workflow.now() if local else None)
        if local:
            sent = await self._send_locally(batch)
        else:
            try:
                sent = await workflow.execute_activity(
                    SEND_PLAN_EMAILS,
                    batch,
                    result_type=SentBatch,
                    start_to_close_timeout=SEND_TIMEOUT,
                    heartbeat_timeout=SEND_HEARTBEAT,
                    schedule_to_close_timeout=SEND_DEADLINE,
                    retry_policy=SEND_RETRY,
                )
            except ActivityError as exc:  # a day of temporary failures: the server never came back
                unsent = _unsent(exc)
                for request in emails:
                    if unsent is None or request.key in unsent.keys:
                        self._record_failure(request, _cause(exc))
                return
        for request in emails:
            if request.key in sent.refused:
                self._record_failure(request, sent.refused[request.key])

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

    async def _send_in_turn(self, requests: list[EmailRequest]) -> None:
        for request in requests:
            await self._send(request)

    async def _send(self, request: EmailRequest) -> None:
        try:
            await workflow.execute_activity(
                SEND_PLAN_EMAIL,
                request.model_copy(update={"plan": self._snapshot()}),
                result_type=SentEmail,
                start_to_close_timeout=SEND_TIMEOUT,
                heartbeat_timeout=SEND_HEARTBEAT,
                schedule_to_close_timeout=SEND_DEADLINE,
                retry_policy=SEND_RETRY,
            )
        except ActivityError as exc:
            self._record_failure(request, _cause(exc))

    def _hold(self, request: EmailRequest) -> bool:
        """Keep news for tomorrow morning if the person had their email today and did not act
        since; calls to act (your turn, invites, the plan itself) always go at once."""
        person = request.recipient_id
        if request.kind in health.HOLDABLE and person in self._emailed_today:
            who = self.plan.stakeholder(person)
            if who is not None and who.email not in self._acted_today:
                self._held.setdefault(person, []).append(health.news_line(request))
                return True
        self._emailed_today.add(person)
        return False

    def _record_failure(self, request: EmailRequest, cause: str) -> None:
        who = self.plan.stakeholder(request.recipient_id)
        failed = f"email {who.email if who else request.recipient_id}: {cause}"
        self.plan.history.append(Event(at=workflow.now(), by="engine", what=f"could not {failed}"))
        # the seller hears of it by email (a failure emailing the seller is not mailed: no loop)
        if request.recipient_id != self.plan.seller_id and workflow.patched("tell-seller-failed"):
            self._notify(EmailKind.PLAN_NOTICE, self.plan.seller_id, note=f"Could not {failed}")

    def _publish(self) -> None:
        plan = self.plan
        plan.health = health.read_health(plan, workflow.now())
        plan.projected_go_live = health.projected_go_live(plan, workflow.now())
        go_live = health.midnight_utc(plan.go_live)
        projected = health.midnight_utc(plan.projected_go_live)
        updates: list[SearchAttributeUpdate[Any]] = [
            sa.PLAN_STATUS.value_set(plan.status.value),
            sa.PLAN_SELLER.value_set(plan.seller.email),
            sa.PLAN_DEAL.value_set(plan.deal[:200]),
            sa.PLAN_PROGRESS.value_set(plan.progress_percent),
            sa.PLAN_GO_LIVE.value_set(go_live),
            sa.PLAN_HEALTH.value_set(plan.health),
            sa.PLAN_PROJECTED_GO_LIVE.value_set(projected),
        ]
        if updates != self._published or not workflow.patched(PARALLEL_MAIL):
            workflow.upsert_search_attributes(updates)
            self._published = updates


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
