"""Plans on Temporal, for the CLI, the router and the web app: one plan by query, and a change
to a plan as an update whose failures read as outcomes. Lists of plans: `plan_list.py`."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import TypeVar

from temporalio.client import (
    Client,
    WorkflowUpdateFailedError,
    WorkflowUpdateRPCTimeoutOrCancelledError,
)
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode
from temporalio.workflow import UpdateMethodMultiParam

from mutualplan.edits.changes import refusal_said
from mutualplan.errors import NotTheirs, NotThisAttendee, PlanNotFound, Refused, TemporalUnavailable
from mutualplan.messages import AskCommand, CommentCommand, ReplyCommand, ReplyOutcome, RsvpCommand
from mutualplan.models import Plan, joined
from mutualplan.routing.outcomes import Disposition, Outcome
from mutualplan.workflows.plan import PlanWorkflow

# how long a change may take to be applied before the message waits for a later round: a plan
# that never takes it must not hold up everyone else's mail (the listener files a round at once)
UPDATE_WAIT = timedelta(seconds=60)
TRANSIENT = {RPCStatusCode.UNAVAILABLE, RPCStatusCode.DEADLINE_EXCEEDED, RPCStatusCode.CANCELLED}
# the ApplicationError types the plan's update validators refuse with
_REFUSALS = {
    Refused.__name__: Outcome.REFUSED,
    NotTheirs.__name__: Outcome.NOT_THEIRS,
    NotThisAttendee.__name__: Outcome.NOT_THEIRS,  # conversation: nobody is told off
}
Command = TypeVar("Command", ReplyCommand, RsvpCommand, CommentCommand, AskCommand)


async def get_plan(client: Client, plan_id: str) -> Plan:
    try:
        return await client.get_workflow_handle(plan_id).query(PlanWorkflow.current_plan)
    except RPCError as exc:
        if exc.status is RPCStatusCode.NOT_FOUND:
            raise PlanNotFound(plan_id) from None
        raise


async def update_plan(
    client: Client,
    plan_id: str,
    update: UpdateMethodMultiParam[[PlanWorkflow, Command], ReplyOutcome],
    command: Command,
    *,
    update_id: str,
) -> Disposition:
    """Run one update on a plan: APPLIED with its summary, or why not (REFUSED: the plan said
    no, and the sender may be told why; NOT_THEIRS: nobody is told). An update id seen before
    gets the first one's result, so a retry is applied once. TemporalUnavailable: try later
    (Temporal down, or the update not done within UPDATE_WAIT, or this call cancelled)."""
    try:
        async with asyncio.timeout(UPDATE_WAIT.total_seconds()):
            outcome = await client.get_workflow_handle(plan_id).execute_update(
                update, command, id=update_id
            )
    except (WorkflowUpdateRPCTimeoutOrCancelledError, TimeoutError):
        # not done in time (a plan whose workflow tasks keep failing, a worker gone), or this
        # call cancelled (a worker stopping): whether or not it was applied, the message waits
        # to be tried again, under the same update id (applied once)
        raise TemporalUnavailable(
            f"Temporal: plan {plan_id} did not take the update in time"
        ) from None
    except WorkflowUpdateFailedError as exc:
        cause = exc.cause
        if isinstance(cause, ApplicationError) and cause.type in _REFUSALS:
            said = refusal_said(cause.details)
            return Disposition(outcome=_REFUSALS[cause.type], reason=cause.message, said=said)
        return Disposition(outcome=Outcome.INTERNAL_ERROR, reason=f"plan {plan_id}: {cause}")
    except RPCError as exc:
        if exc.status in TRANSIENT:
            raise TemporalUnavailable(f"Temporal: {_status(exc)} {exc.message}") from None
        ended = exc.status in (RPCStatusCode.NOT_FOUND, RPCStatusCode.FAILED_PRECONDITION)
        found = Outcome.UNMATCHED if ended else Outcome.INTERNAL_ERROR
        return Disposition(outcome=found, reason=f"plan {plan_id}: {exc.message}")
    said = joined(outcome.said, "\n") if outcome.said else None  # a change a line
    return Disposition(
        outcome=Outcome.APPLIED, reason=outcome.summary, said=said, tell_sender=outcome.tell_sender
    )


def _status(exc: RPCError) -> str:
    return exc.status.name if exc.status else ""
