"""One durable workflow per plan: milestones run in order, people answer by email.

Deterministic: time comes from workflow.now(), I/O happens only in activities. Handlers never
raise plain exceptions (that would retry the task forever): a request that is not allowed is
refused by the update validator with a reason, which the mail listener records when it sets the
message aside. Handlers only change state and queue emails; the main loop sends them (through
`PlanMailer`), so an update answers at once even while the mail server is down.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import NoReturn

from temporalio import workflow
from temporalio.exceptions import ApplicationError

from mutualplan import checkins, conversation, engagement, health, limits, stalling
from mutualplan.edits import editing, history
from mutualplan.edits.changes import Change
from mutualplan.edits.go_live import KeptDates
from mutualplan.errors import Refused
from mutualplan.messages import (
    AskCommand,
    CommentCommand,
    PlanInput,
    PlanResult,
    PlanRun,
    ReplyCommand,
    ReplyOutcome,
    RsvpCommand,
    ViewRecord,
)
from mutualplan.models import (
    ENGINE,
    EmailKind,
    Event,
    Milestone,
    MilestoneStatus,
    Plan,
    PlanStatus,
    phrase,
)
from mutualplan.workflows import patches
from mutualplan.workflows.broadcast import PlanBroadcast
from mutualplan.workflows.mailer import PlanMailer

# A run continues as new at a morning wake once it is this old or its history this long (or
# when Temporal suggests it), so replaying a plan never replays more than about a week of it.
RUN_DAYS = timedelta(days=7)
RUN_EVENTS = 1_000
# how long a message's Message-ID is remembered: a redelivery (a worker died before filing the
# message) comes within minutes; the emails it caused keep their Message-IDs regardless
APPLIED_KEPT = timedelta(days=30)
ALREADY_APPLIED = "already applied"  # a message seen before: nothing happens again
# why the check-in series ends, as its cancellation says (a completed plan needs no reason)
SERIES_ENDS = {
    PlanStatus.CANCELLED: "the plan was cancelled",
    PlanStatus.STALLED: "the plan stalled",
}
# Runs started before it had one timer per wait and published after every change; since, a
# run keeps one timer until the morning (a reply no longer cancels and starts one), wakes at
# its own moment of the half hour after 9:00, publishes once per workflow task, and takes the
# list row its last run left as published.
STEADY_MORNINGS = "steady-mornings"
# Since, a run sleeps through mornings with nothing to do: it wakes on the first morning that
# reminds or escalates, stalls the plan, sends held news or changes its list row or events (a
# step gone late, the health read again), and no later than QUIET_DAYS mornings on. A change
# that makes an earlier morning busy brings the wake forward. A change asks again which events
# the endpoints want if the plan last asked over ASK_AGAIN ago (one may have been added since).
QUIET_MORNINGS = "quiet-mornings"
QUIET_DAYS = 14
# Since, a go-live moved leaves the dates people set by hand ("new date: ...") where they set
# them; runs started before moved every open step with go-live (their timers followed).
KEPT_DATES = "kept-dates"
# Since, a step added with its date ("add step: ..., due ...") keeps that date too; runs started
# before moved it with go-live.
KEPT_ADDED_DATES = "kept-added-dates"
ASK_AGAIN = timedelta(hours=1)
# A moment to wait until: fixed, or read again each time the plan waits (its next morning)
Deadline = datetime | Callable[[], datetime] | None


@workflow.defn
class PlanWorkflow:
    @workflow.init
    def __init__(self, input: PlanInput) -> None:
        self.plan: Plan = input.plan
        self.state: PlanRun = input.run or _first_run(input.plan)
        self.mailer = PlanMailer(self.plan, self.state.mail)
        self._run_started: datetime = workflow.now()
        self._steady = patches.patched(STEADY_MORNINGS)
        self._quiet = self._steady and patches.patched(QUIET_MORNINGS)
        self._kept_dates = _kept_dates()
        self._wake: datetime | None = None  # the next morning, while the steps run
        # when the endpoints' wanted events were last asked: a first run asks at its start, a
        # later one continued at a morning that asked
        self._asked_at = workflow.now()
        self.broadcast = PlanBroadcast(self.plan, self.state.broadcast, inherit=self._steady)
        self._publish_due = False  # a handler changed the plan; the main loop publishes it
        self._timer: tuple[datetime, asyncio.Task[None]] | None = None

    @workflow.run
    async def run(self, input: PlanInput) -> PlanResult:
        if input.run is None:  # a later run knows already; every morning asks again
            await self.broadcast.learn_wanted(input.webhook_types)
        delivery = asyncio.create_task(self.broadcast.deliver())
        if self._steady:  # published at the first wait, with the first step under way
            self._publish_due = True
        else:
            self._publish()
        if input.run is None:  # the plan's first run (a later one goes on where it stopped)
            await self._review_draft()
        if self.plan.status is PlanStatus.ACTIVE:
            await self._run_plan()
        self._publish()
        await self._until(lambda: self.mailer.next_retry is None)  # the last emails go too
        await workflow.wait_condition(workflow.all_handlers_finished)
        if self._publish_due:  # a handler's last change
            self._publish()
        await workflow.wait_condition(lambda: self.broadcast.idle)  # and the last events
        delivery.cancel()
        return PlanResult(plan=self.plan)

    async def _review_draft(self) -> None:
        """A draft goes to the seller and the champion, who answer with changes until the
        seller confirms it (or cancels it); nobody else hears of the plan before that. Once it
        is confirmed (or at once, without a draft), the plan and the check-in go out."""
        plan = self.plan
        reviewers = []
        if plan.status is PlanStatus.DRAFT:
            champion = plan.champion
            reviewers = [plan.seller_id, *([champion.id] if champion else [])]
        for person_id in reviewers:
            self.mailer.notify(EmailKind.PLAN_DRAFT, person_id)
        await self._until(lambda: plan.status is not PlanStatus.DRAFT)
        if plan.status is not PlanStatus.ACTIVE:
            return
        for person_id in reviewers or [plan.seller_id]:
            self.mailer.notify(EmailKind.PLAN_CREATED, person_id)
        for notice in checkins.start_series(plan, workflow.now()):
            self.mailer.notify(notice.kind, notice.recipient_id)

    async def _run_plan(self) -> None:
        plan = self.plan
        await self._run_milestones()
        while plan.status is PlanStatus.STALLED and await self._resumed():
            await self._run_milestones()
        if plan.status is PlanStatus.ACTIVE:
            plan.status = PlanStatus.COMPLETED
            plan.history.append(Event(at=workflow.now(), by=ENGINE, what="plan completed"))
            self.mailer.notify(EmailKind.PLAN_COMPLETED, plan.seller_id)
        elif plan.checkin is None and plan.status is PlanStatus.CANCELLED:
            cancelled = phrase("The plan was cancelled.")
            for person in plan.stakeholders:  # without a calendar, tell everyone by email
                self.mailer.notify(
                    EmailKind.PLAN_NOTICE, person.id, note=cancelled.english(), said=[cancelled]
                )
        self._publish()
        # the series ends with the plan; the calls held stay on calendars
        for notice in checkins.end_series(plan, workflow.now()):
            self.mailer.notify(notice.kind, notice.recipient_id, note=notice.note, said=notice.said)

    async def _resumed(self) -> bool:
        """A stalled plan waits for its seller's "resume" until `resume_until`; True if it came."""
        await self._until(
            lambda: self.plan.status is not PlanStatus.STALLED, self.plan.resume_until
        )
        return self.plan.status is PlanStatus.ACTIVE

    async def _run_milestones(self) -> None:
        """Start each milestone once the ones it comes `after` are done (independent buyer and
        seller steps run side by side); tell the seller as each one is done; every morning,
        remind and escalate."""
        self._wake = self._next_wake()
        try:
            while self.plan.status is PlanStatus.ACTIVE:
                for milestone in self._newly_done():
                    self.state.announced.append(milestone.key)
                    self.mailer.notify(EmailKind.MILESTONE_DONE, self.plan.seller_id, milestone)
                self._start_ready()
                self._publish()
                if all(m.status is MilestoneStatus.DONE for m in self.plan.milestones):
                    return
                if not self._steady:
                    self._wake = health.next_wake(self.plan, workflow.now())
                if not await self._until(self._moved, self._morning_due):
                    self._morning()
                    await self.broadcast.learn_wanted()
                    self._asked_at = workflow.now()
                    if self.plan.status is PlanStatus.ACTIVE and self._run_is_long():
                        await self._continue_as_new()
                    self._wake = self._next_wake()
        finally:
            self._wake = None

    def _morning_due(self) -> datetime:
        assert self._wake is not None
        return self._wake

    def _next_wake(self) -> datetime:
        """The next morning (with QUIET_MORNINGS, the next that has anything to do); kept until
        it comes, as a reply between 9:00 and the plan's own moment must not move it to
        tomorrow."""
        if not self._quiet:
            offset = health.morning_offset(self.plan.id) if self._steady else timedelta(0)
            return health.next_wake(self.plan, workflow.now(), offset)
        return self._first_busy_morning(self._first_morning())

    def _first_morning(self) -> datetime:
        """The plan's next morning at its own moment of the half hour after 9:00."""
        return health.next_wake(self.plan, workflow.now(), health.morning_offset(self.plan.id))

    def _first_busy_morning(self, first: datetime, before: datetime | None = None) -> datetime:
        """The first morning from `first` on that has anything to do; QUIET_DAYS mornings on
        if none has, or `before` if none before it has."""
        if self.mailer.holds_news or self._history_is_long():
            return first if before is None else min(first, before)
        morning = first
        for _ in range(QUIET_DAYS):
            if before is not None and morning >= before:
                return before
            if self._busy(morning):
                return morning
            morning = health.next_wake(self.plan, morning, health.morning_offset(self.plan.id))
        return morning if before is None else min(morning, before)

    def _busy(self, morning: datetime) -> bool:
        """Would that morning, the plan as it is, remind, escalate, stall it or change what it
        publishes?"""
        day = health.local_day(self.plan, morning)
        return (
            day >= stalling.stalls_on(self.plan)
            or bool(health.nudges_for(self.plan, day))
            or self.broadcast.changes_at(morning)
        )

    def _morning(self) -> None:
        """Every morning in the plan's time zone: read the health again, then remind and
        escalate, or close the plan as stalled when nobody acted for weeks past its dates."""
        self._publish()
        held = self.mailer.new_day()
        kept_from = workflow.now() - APPLIED_KEPT
        self.state.applied = {m: at for m, at in self.state.applied.items() if at >= kept_from}
        today = health.local_day(self.plan, workflow.now())
        if today >= stalling.stalls_on(self.plan):  # no more nudges: the seller is told once
            stalling.stall(self.plan, workflow.now())
            self._publish()
            seller = self.plan.seller_id
            self.mailer.notify(EmailKind.PLAN_STALLED, seller, held=held.pop(seller, []))
        else:
            for nudge in health.nudges_for(self.plan, today):
                milestone = self.plan.milestone(nudge.milestone_key)
                person = nudge.recipient_id
                self.mailer.notify(nudge.kind, person, milestone, held=held.pop(person, []))
        for person_id, lines in held.items():
            self.mailer.notify(EmailKind.PLAN_UPDATES, person_id, held=lines)

    def _run_is_long(self) -> bool:
        return self._history_is_long() or workflow.now() - self._run_started >= RUN_DAYS

    def _history_is_long(self) -> bool:
        info = workflow.info()
        long = info.get_current_history_length() >= RUN_EVENTS
        return long or info.is_continue_as_new_suggested()

    async def _continue_as_new(self) -> NoReturn:
        """Go on in a fresh run that carries the plan and its run state: the history of one
        run stays small. At a quiet moment: the morning's emails sent, no handler under way."""
        await self.mailer.flush()
        await self.broadcast.hold()  # undelivered events go on in the next run
        await workflow.wait_condition(workflow.all_handlers_finished)
        memo = self.broadcast.memo() if self._steady else None
        workflow.continue_as_new(PlanInput(plan=self.plan, run=self.state), memo=memo)

    async def _until(self, done: Callable[[], bool], until: Deadline = None) -> bool:
        """Send what is queued and wait until `done()` or the deadline `until` (read again each
        time: a change may bring the next morning forward), sending whatever the handlers queue
        meanwhile and each recipient's retries when they are due, and publishing what they
        change; True if `done()`."""
        if not self._steady:
            return await self._until_each_timer(done, until() if callable(until) else until)
        while True:
            if self._publish_due and self._quiet:
                await self._ask_wanted_again()
            if self._publish_due and not done():  # done: the caller goes on and publishes
                self._publish()
            await self.mailer.flush()
            if self._quiet and self._wake is not None and self.mailer.holds_news:
                self._wake = min(self._wake, self._first_morning())  # held news goes then
            deadline = until() if callable(until) else until
            if done():
                return True
            if deadline is not None and workflow.now() >= deadline:
                return False
            timer = self._timer_until(deadline) if deadline is not None else None
            if timer is not None and timer.done():
                return False
            retry = self.mailer.next_retry
            with contextlib.suppress(TimeoutError):
                await workflow.wait_condition(
                    partial(self._stirred, done, timer),
                    timeout=retry - workflow.now() if retry is not None else None,
                )

    def _stirred(self, done: Callable[[], bool], timer: asyncio.Task[None] | None) -> bool:
        """What `_until` wakes for: done, emails to send, a change to publish, the deadline."""
        deadline = timer is not None and timer.done()
        return done() or self.mailer.has_queued or self._publish_due or deadline

    def _timer_until(self, deadline: datetime) -> asyncio.Task[None]:
        """One timer per deadline, however often the plan waits for it: a reply wakes the plan
        without cancelling the morning's timer and starting another."""
        if self._timer is None or self._timer[0] != deadline:
            if self._timer is not None:
                self._timer[1].cancel()
            wait = deadline - workflow.now()
            self._timer = (deadline, asyncio.create_task(workflow.sleep(wait)))
        return self._timer[1]

    async def _until_each_timer(
        self, done: Callable[[], bool], deadline: datetime | None = None
    ) -> bool:
        """`_until` as runs started before STEADY_MORNINGS wait: a timer for every wait."""
        while True:
            await self.mailer.flush()
            if done():
                return True
            if deadline is not None and workflow.now() >= deadline:
                return False
            wakes = [t for t in (deadline, self.mailer.next_retry) if t is not None]
            timeout = min(wakes) - workflow.now() if wakes else None
            with contextlib.suppress(TimeoutError):
                await workflow.wait_condition(
                    lambda: done() or self.mailer.has_queued, timeout=timeout
                )

    def _moved(self) -> bool:
        """A step was done or can start, or the plan is no longer active."""
        active = self.plan.status is PlanStatus.ACTIVE
        return bool(self._newly_done() or self._ready()) or not active

    def _newly_done(self) -> list[Milestone]:
        announced = self.state.announced
        return [
            m
            for m in self.plan.milestones
            if m.status is MilestoneStatus.DONE and m.key not in announced
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
            milestone.history.append(Event(at=workflow.now(), by=ENGINE, what="started"))
            self.mailer.notify(EmailKind.MILESTONE_STARTED, milestone.owner_id, milestone)

    @workflow.query
    def current_plan(self) -> Plan:
        """The plan with its most recent events: a query answer must stay small."""
        return limits.recent(self.plan)

    @workflow.update
    def apply_reply(self, command: ReplyCommand) -> ReplyOutcome:
        change = partial(
            conversation.apply_reply,
            self.plan,
            command,
            workflow.now(),
            kept=self._kept_dates,
        )
        return self._apply_once(command.message_id, command.sender, change)

    @apply_reply.validator
    def _check_reply(self, command: ReplyCommand) -> None:
        check = partial(editing.check_reply, self.plan, command, workflow.now())
        self._refuse_unless(command.message_id, check)

    @workflow.update
    def record_rsvp(self, command: RsvpCommand) -> ReplyOutcome:
        change = partial(conversation.record_rsvp, self.plan, command, workflow.now())
        return self._apply_once(command.message_id, command.sender, change)

    @record_rsvp.validator
    def _check_rsvp(self, command: RsvpCommand) -> None:
        check = partial(conversation.check_rsvp, self.plan, command)
        self._refuse_unless(command.message_id, check)

    @workflow.update
    def add_comment(self, command: CommentCommand) -> ReplyOutcome:
        """Someone on the plan wrote something that is not a command: keep it, tell the seller."""
        change = partial(conversation.add_comment, self.plan, command, workflow.now())
        return self._apply_once(command.message_id, command.sender, change)

    @add_comment.validator
    def _check_comment(self, command: CommentCommand) -> None:
        check = partial(conversation.check_comment, self.plan, command)
        self._refuse_unless(command.message_id, check)

    @workflow.update
    def ask(self, command: AskCommand) -> ReplyOutcome:
        """A reply read as probably a command: keep the question the router asks about it."""
        change = partial(conversation.ask, self.plan, command, workflow.now())
        return self._apply_once(command.message_id, command.sender, change)

    @ask.validator
    def _check_ask(self, command: AskCommand) -> None:
        check = partial(conversation.check_ask, self.plan, command, workflow.now())
        self._refuse_unless(command.message_id, check)

    @workflow.signal
    def record_view(self, view: ViewRecord) -> None:
        """The plan page was opened (the web app signals it; engagement keeps one a day)."""
        engagement.record_view(self.plan, view.stakeholder_id, workflow.now())

    def _apply_once(
        self, message_id: str, sender: str, change: Callable[[], Change]
    ) -> ReplyOutcome:
        """Apply a message's change unless that message was applied before (a redelivery)."""
        if message_id in self.state.applied:
            return ReplyOutcome(changed=False, summary=ALREADY_APPLIED)
        self.state.applied[message_id] = workflow.now()
        self.mailer.acted(sender)
        applied = change()
        self.mailer.tell(applied, cause=message_id)
        if self._steady:  # the main loop publishes, once for all of this workflow task
            self._publish_due = True
        else:
            self._publish()
        return ReplyOutcome(
            changed=True,
            summary=applied.summary,
            said=applied.said,
            tell_sender=applied.tell_sender,
        )

    def _refuse_unless(self, message_id: str, check: Callable[[], object]) -> None:
        """A validator: a refused change never enters the history. A message applied before
        passes, to be answered "already applied"."""
        if message_id in self.state.applied:
            return
        try:
            check()
        except Refused as refused:
            # the reason's phrase rides along, so the answer can say it in the sender's language
            said = [refused.said.model_dump(mode="json")] if refused.said else []
            raise ApplicationError(
                str(refused), *said, type=type(refused).__name__, non_retryable=True
            ) from None

    def _publish(self) -> None:
        """Read the health again; publish the list row and the webhook events of any change;
        bring the next morning forward if the change gives an earlier one something to do."""
        self._publish_due = False
        history.keep_recent(self.plan)  # a plan travels whole: its history must not grow unbounded
        self.broadcast.publish()
        if self._quiet and self._wake is not None:
            self._wake = self._first_busy_morning(self._first_morning(), before=self._wake)

    async def _ask_wanted_again(self) -> None:
        """Before publishing a change, ask which events the endpoints want if the plan last
        asked over ASK_AGAIN ago: an endpoint added since hears of it."""
        if workflow.now() - self._asked_at >= ASK_AGAIN:
            self._asked_at = workflow.now()
            await self.broadcast.learn_wanted()


def _kept_dates() -> KeptDates:
    """The dates a go-live move leaves, by the rule the run's history was recorded under."""
    if not patches.patched(KEPT_DATES):
        return KeptDates.NONE
    return KeptDates.SET_DATES if patches.patched(KEPT_ADDED_DATES) else KeptDates.NEW_DATES


def _first_run(plan: Plan) -> PlanRun:
    run = PlanRun(announced=[m.key for m in plan.milestones if m.status is MilestoneStatus.DONE])
    run.mail.pacing.acted_today.append(plan.seller.email)  # starting the plan is acting
    return run
