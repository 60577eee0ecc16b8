"""One durable workflow per plan: milestones run in order, owners answer by email.

Deterministic: time comes from workflow.now(), I/O happens only in activities. Handlers never
raise plain exceptions (that would retry the task forever): bad requests are rejected by the
update validator with a reason, which the mail listener records when it sets the message aside.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from mutualplan import search_attributes as sa
    from mutualplan.models import (
        EmailKind,
        EmailRequest,
        Event,
        Intent,
        Milestone,
        MilestoneStatus,
        Plan,
        PlanInput,
        PlanResult,
        PlanStatus,
        ReplyCommand,
        ReplyOutcome,
        SentEmail,
    )

# activities are named, not imported: their module pulls in SMTP and Jinja, which stay out of here
SEND_PLAN_EMAIL = "send_plan_email"

SEND_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=2),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(minutes=10),
    non_retryable_error_types=["PermanentMailError"],
)
SEND_TIMEOUT = timedelta(seconds=60)
# a temporary outage is retried for a day; after that the failure is recorded on the plan
SEND_DEADLINE = timedelta(days=1)


@workflow.defn
class PlanWorkflow:
    @workflow.init
    def __init__(self, input: PlanInput) -> None:
        self.plan: Plan = input.plan
        self._applied: set[str] = set()

    @workflow.run
    async def run(self, input: PlanInput) -> PlanResult:
        self._publish()
        await self._send(EmailKind.PLAN_CREATED, self.plan.seller_id, None)
        for milestone in self.plan.milestones:
            if milestone.status is not MilestoneStatus.DONE:
                await self._run_milestone(milestone)
        self.plan.status = PlanStatus.COMPLETED
        self._record(self.plan.history, "engine", "plan completed")
        self._publish()
        await self._send(EmailKind.PLAN_COMPLETED, self.plan.seller_id, None)
        await workflow.wait_condition(workflow.all_handlers_finished)
        return PlanResult(plan=self.plan)

    async def _run_milestone(self, milestone: Milestone) -> None:
        milestone.status = MilestoneStatus.ACTIVE
        milestone.started_at = workflow.now()
        self._record(milestone.history, "engine", "started")
        self._publish()
        await self._send(EmailKind.MILESTONE_STARTED, milestone.owner_id, milestone.key)
        await workflow.wait_condition(lambda: milestone.status is MilestoneStatus.DONE)
        self._publish()
        await self._send(EmailKind.MILESTONE_DONE, self.plan.seller_id, milestone.key)

    @workflow.query
    def current_plan(self) -> Plan:
        return self.plan

    @workflow.update
    def apply_reply(self, command: ReplyCommand) -> ReplyOutcome:
        if command.message_id in self._applied:
            return ReplyOutcome(changed=False, summary="already applied")
        self._applied.add(command.message_id)
        milestone = self._target(command)
        milestone.status = MilestoneStatus.DONE
        milestone.done_at = workflow.now()
        self._record(milestone.history, command.sender, "marked done")
        return ReplyOutcome(changed=True, summary=f"{milestone.title}: done")

    @apply_reply.validator
    def _validate_reply(self, command: ReplyCommand) -> None:
        if command.message_id in self._applied:
            return
        if self.plan.status is not PlanStatus.ACTIVE:
            raise ApplicationError(f"the plan is {self.plan.status.value}")
        if command.intent is not Intent.DONE:
            raise ApplicationError(f"'{command.intent.value}' is not something a plan can apply")
        self._check_token_holder(command)
        milestone = self._target(command)
        if milestone.status is MilestoneStatus.DONE:
            raise ApplicationError(f"'{milestone.title}' is already done")
        owner = self.plan.owner(milestone)
        if command.sender not in (owner.email, self.plan.seller.email):
            raise ApplicationError(
                f"{command.sender} is not the owner of '{milestone.title}' nor the seller"
            )

    def _check_token_holder(self, command: ReplyCommand) -> None:
        """A token works only for the person it was sent to, and only while they are on the plan."""
        if command.token_stakeholder_id is None:
            return
        holder = self.plan.stakeholder(command.token_stakeholder_id)
        if holder is None:
            raise ApplicationError("the reply address belongs to someone no longer on the plan")
        if holder.email != command.sender:
            raise ApplicationError(
                f"the reply address was sent to {holder.email}, not to {command.sender}"
            )

    def _target(self, command: ReplyCommand) -> Milestone:
        """The milestone a command is about: named by its token, or the sender's only active one."""
        if command.milestone_number:
            found = self.plan.milestone_by_number(command.milestone_number)
            if found is None:
                raise ApplicationError("the milestone this reply answers is no longer on the plan")
            return found
        active = self.plan.active_milestones
        mine = [m for m in active if self.plan.owner(m).email == command.sender] or active
        if len(mine) != 1:
            raise ApplicationError("reply to the email of the milestone you mean")
        return mine[0]

    async def _send(self, kind: EmailKind, recipient_id: int, milestone_key: str | None) -> None:
        key = f"{kind.value}.{milestone_key or 'plan'}.{recipient_id}"
        request = EmailRequest(
            kind=kind,
            plan=self.plan,
            recipient_id=recipient_id,
            milestone_key=milestone_key,
            key=key,
        )
        try:
            await workflow.execute_activity(
                SEND_PLAN_EMAIL,
                request,
                result_type=SentEmail,
                start_to_close_timeout=SEND_TIMEOUT,
                schedule_to_close_timeout=SEND_DEADLINE,
                retry_policy=SEND_RETRY,
            )
        except ActivityError as exc:
            who = self.plan.stakeholder(recipient_id)
            detail = exc.cause.message if isinstance(exc.cause, ApplicationError) else str(exc)
            self._record(
                self.plan.history,
                "engine",
                f"could not email {who.email if who else recipient_id}: {detail}",
            )

    def _record(self, history: list[Event], by: str, what: str) -> None:
        history.append(Event(at=workflow.now(), by=by, what=what))

    def _publish(self) -> None:
        plan = self.plan
        go_live = datetime.combine(plan.go_live, time(), tzinfo=UTC)
        workflow.upsert_search_attributes(
            [
                sa.PLAN_STATUS.value_set(plan.status.value),
                sa.PLAN_SELLER.value_set(plan.seller.email),
                sa.PLAN_DEAL.value_set(plan.deal[:200]),
                sa.PLAN_PROGRESS.value_set(plan.progress_percent),
                sa.PLAN_GO_LIVE.value_set(go_live),
            ]
        )
