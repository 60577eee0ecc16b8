"""One durable workflow per plan: milestones run in order, people answer by email.

Deterministic: time comes from workflow.now(), I/O happens only in activities. Handlers never
raise plain exceptions (that would retry the task forever): a request that is not allowed is
refused by the update validator with a reason, which the mail listener records when it sets the
message aside. Handlers only change state and queue emails; the main loop sends them, so an
update answers at once even while the mail server is down.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, NoReturn

from pydantic import ValidationError
from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributeUpdate
from temporalio.exceptions import ActivityError, ApplicationError, FailureError
from temporalio.exceptions import TimeoutError as ActivityTimeout

from mutualplan import editing, health, limits, stalling
from mutualplan import search_attributes as sa
from mutualplan.models import (
    EmailBatch,
    EmailKind,
    EmailRequest,
    Event,
    Milestone,
    MilestoneStatus,
    Plan,
    PlanInput,
    PlanResult,
    PlanRun,
    PlanStatus,
    QueuedEmail,
    ReplyCommand,
    ReplyOutcome,
    RsvpCommand,
    SentBatch,
    Unsent,
    ViewRecord,
)
from mutualplan.web import engagement

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
# A run continues as new at a morning wake once it is this old or its history this long (or
# when Temporal suggests it), so replaying a plan never replays more than about a week of it.
RUN_DAYS = timedelta(days=7)
RUN_EVENTS = 1_000
# how long a message's Message-ID is remembered: a redelivery (a worker died before filing the
# message) comes within minutes; the emails it caused keep their Message-IDs regardless
APPLIED_KEPT = timedelta(days=30)


@workflow.defn
class PlanWorkflow:
    @workflow.init
    def __init__(self, input: PlanInput) -> None:
        self.plan: Plan = input.plan
        self.state: PlanRun = input.run or _first_run(input.plan)
        self._run_started: datetime = workflow.now()
        self._published: list[SearchAttributeUpdate[Any]] = []

    @workflow.run
    async def run(self, input: PlanInput) -> PlanResult:
        self._publish()
        if input.run is None:  # the plan's first run (a later one goes on where it stopped)
            await self._review_draft()
        if self.plan.status is PlanStatus.ACTIVE:
            await self._run_plan()
        self._publish()
        await self._flush()
        await workflow.wait_condition(workflow.all_handlers_finished)
        return PlanResult(plan=self.plan)

    async def _review_draft(self) -> None:
        """A draft goes to the seller and the champion, who answer with changes until the
        seller confirms it (or cancels it); nobody else hears of the plan before that. Once it
        is confirmed (or at once, without a draft), the plan and the check-in go out."""
        reviewers: list[int] = []
        if self.plan.status is PlanStatus.DRAFT:
            reviewers = [self.plan.seller_id] + [
                s.id for s in self.plan.stakeholders if s.role == "Champion"
            ]
        for person_id in reviewers:
            self._notify(EmailKind.PLAN_DRAFT, person_id)
        while self.plan.status is PlanStatus.DRAFT:
            await self._flush()
            await workflow.wait_condition(
                lambda: bool(self.state.outbox) or self.plan.status is not PlanStatus.DRAFT
            )
        if self.plan.status is not PlanStatus.ACTIVE:
            return
        for person_id in reviewers or [self.plan.seller_id]:
            self._notify(EmailKind.PLAN_CREATED, person_id)
        if self.plan.checkin is not None:
            for person in self.plan.stakeholders:
                self._notify(EmailKind.CHECKIN_INVITE, person.id)

    async def _run_plan(self) -> None:
        await self._run_milestones()
        while self.plan.status is PlanStatus.STALLED and await self._resumed():
            await self._run_milestones()
        if self.plan.status is PlanStatus.ACTIVE:
            self.plan.status = PlanStatus.COMPLETED
            self.plan.history.append(Event(at=workflow.now(), by="engine", what="plan completed"))
            self._notify(EmailKind.PLAN_COMPLETED, self.plan.seller_id)
        elif self.plan.checkin is None and self.plan.status is PlanStatus.CANCELLED:
            for person in self.plan.stakeholders:  # without a calendar, tell everyone by email
                self._notify(EmailKind.PLAN_NOTICE, person.id, note="The plan was cancelled.")
        self._publish()
        if self.plan.checkin is not None:  # the series ends with the plan: cancel it for everyone
            self.plan.checkin.sequence += 1
            why = {PlanStatus.CANCELLED: "the plan was cancelled", PlanStatus.STALLED: "the plan "
                   "stalled"}.get(self.plan.status, "")  # fmt: skip
            for person in self.plan.stakeholders:
                self._notify(EmailKind.CHECKIN_CANCEL, person.id, note=why)

    async def _resumed(self) -> bool:
        """A stalled plan waits for its seller's "resume" until `resume_until`; True if it came."""
        until = self.plan.resume_until or workflow.now()
        while self.plan.status is PlanStatus.STALLED and workflow.now() < until:
            await self._flush()
            with contextlib.suppress(TimeoutError):
                await workflow.wait_condition(
                    lambda: bool(self.state.outbox) or self.plan.status is not PlanStatus.STALLED,
                    timeout=until - workflow.now(),
                )
        return self.plan.status is PlanStatus.ACTIVE

    async def _run_milestones(self) -> None:
        """Start each milestone once the ones it comes `after` are done (independent buyer and
        seller steps run side by side); tell the seller as each one is done."""
        while self.plan.status is PlanStatus.ACTIVE:
            for milestone in self._newly_done():
                self.state.announced.append(milestone.key)
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
                        bool(self._newly_done() or self.state.outbox or self._ready())
                        or self.plan.status is not PlanStatus.ACTIVE
                    ),
                    timeout=wake - workflow.now(),
                )
            except TimeoutError:
                self._daily()
                if self.plan.status is PlanStatus.ACTIVE and self._run_is_long():
                    await self._continue_as_new()

    def _run_is_long(self) -> bool:
        info = workflow.info()
        return (
            info.is_continue_as_new_suggested()
            or info.get_current_history_length() >= RUN_EVENTS
            or workflow.now() - self._run_started >= RUN_DAYS
        )

    async def _continue_as_new(self) -> NoReturn:
        """Go on in a fresh run that carries the plan and its run state: the history of one
        run stays small. At a quiet moment: the morning's emails sent, no handler under way."""
        await self._flush()
        await workflow.wait_condition(workflow.all_handlers_finished)
        workflow.continue_as_new(PlanInput(plan=self.plan, run=self.state))

    def _newly_done(self) -> list[Milestone]:
        return [
            m
            for m in self.plan.milestones
            if m.status is MilestoneStatus.DONE and m.key not in self.state.announced
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
        """The plan with its most recent events: a query answer must stay small."""
        return limits.recent(self.plan)

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
        if message_id in self.state.applied:
            return ReplyOutcome(changed=False, summary="already applied")
        self.state.applied[message_id] = workflow.now()
        if sender not in self.state.pacing.acted_today:
            self.state.pacing.acted_today.append(sender)
        applied = change()
        self._queue(applied, cause=message_id)
        self._publish()
        return ReplyOutcome(changed=True, summary=applied.summary)

    @record_rsvp.validator
    def _validate_rsvp(self, command: RsvpCommand) -> None:
        if command.message_id in self.state.applied:
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
                notice.kind, notice.recipient_id, milestone, note=notice.note, cause=(cause, n)
            )

    @apply_reply.validator
    def _validate_reply(self, command: ReplyCommand) -> None:
        if command.message_id in self.state.applied:
            return
        try:
            editing.check_reply(self.plan, command, workflow.now())
        except editing.Refused as refused:
            raise ApplicationError(
                str(refused), type=type(refused).__name__, non_retryable=True
            ) from None

    def _daily(self) -> None:
        """Every morning in the plan's time zone: remind, escalate, and read the health again."""
        self._publish()
        pacing = self.state.pacing
        held, pacing.held, pacing.emailed_today, pacing.acted_today = pacing.held, {}, [], []
        kept_from = workflow.now() - APPLIED_KEPT
        self.state.applied = {m: at for m, at in self.state.applied.items() if at >= kept_from}
        today = health.local_day(self.plan, workflow.now())
        if today >= stalling.stalls_on(self.plan):  # no more nudges: the seller is told once
            stalling.stall(self.plan, workflow.now())
            self._publish()
            seller = self.plan.seller_id
            self._notify(EmailKind.PLAN_STALLED, seller, held=held.pop(seller, []))
        else:
            for nudge in health.nudges_for(self.plan, today):
                milestone = self.plan.milestone(nudge.milestone_key)
                person = nudge.recipient_id
                self._notify(nudge.kind, person, milestone, held=held.pop(person, []))
        for person_id, lines in held.items():
            self._notify(EmailKind.PLAN_UPDATES, person_id, held=lines)

    def _notify(
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
            count = self.state.queued[name] = self.state.queued.get(name, 0) + 1
            key = f"{name}.{count}"
        self.state.outbox.append(
            QueuedEmail(
                kind=kind,
                recipient_id=recipient_id,
                milestone_key=milestone.key if milestone else None,
                key=key,
                note=note,
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
        """Send what is queued, in one local activity: to different people at the same time,
        to each in turn."""
        while self.state.outbox:
            queued, self.state.outbox = self.state.outbox, []
            emails = [email for email in queued if not self._hold(email)]
            if emails:
                await self._send_batch(emails)

    async def _send_batch(self, emails: list[QueuedEmail]) -> None:
        """In a local activity: it runs on this worker within the workflow task that queued the
        emails, which saves Temporal a second workflow task and an activity task per batch. A
        worker killed meanwhile loses the task, and the next worker sends the batch again:
        the send record then skips what went out (a local activity always looks it up)."""
        batch = EmailBatch(plan=self._snapshot(), emails=emails, queued_at=workflow.now())
        sent = await self._send_locally(batch)
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

    def _hold(self, email: QueuedEmail) -> bool:
        """Keep news for tomorrow morning if the person had their email today and did not act
        since; calls to act (your turn, invites, the plan itself) always go at once."""
        person, pacing = email.recipient_id, self.state.pacing
        if email.kind in health.HOLDABLE and person in pacing.emailed_today:
            who = self.plan.stakeholder(person)
            if who is not None and who.email not in pacing.acted_today:
                line = health.news_line(EmailRequest(plan=self.plan, **email.model_dump()))
                pacing.held.setdefault(person, []).append(line)
                return True
        if person not in pacing.emailed_today:
            pacing.emailed_today.append(person)
        return False

    def _record_failure(self, request: QueuedEmail, cause: str) -> None:
        who = self.plan.stakeholder(request.recipient_id)
        failed = f"email {who.email if who else request.recipient_id}: {cause}"
        self.plan.history.append(Event(at=workflow.now(), by="engine", what=f"could not {failed}"))
        # the seller hears of it by email (a failure emailing the seller is not mailed: no loop)
        if request.recipient_id != self.plan.seller_id:
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
        if updates != self._published:
            workflow.upsert_search_attributes(updates)
            self._published = updates


def _first_run(plan: Plan) -> PlanRun:
    run = PlanRun(announced=[m.key for m in plan.milestones if m.status is MilestoneStatus.DONE])
    run.pacing.acted_today.append(plan.seller.email)  # starting the plan is acting
    return run


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
