"""Read plans from Temporal for the CLI: one plan by query, all plans by search attributes."""

from __future__ import annotations

from temporalio.client import Client, WorkflowExecution
from temporalio.service import RPCError, RPCStatusCode

from mutualplan import search_attributes as sa
from mutualplan.errors import PlanNotFound
from mutualplan.models import Plan
from mutualplan.report import PlanSummary
from mutualplan.workflows.plan import PlanWorkflow


async def get_plan(client: Client, plan_id: str) -> Plan:
    try:
        return await client.get_workflow_handle(plan_id).query(PlanWorkflow.current_plan)
    except RPCError as exc:
        if exc.status is RPCStatusCode.NOT_FOUND:
            raise PlanNotFound(plan_id) from None
        raise


async def list_plans(
    client: Client, *, seller: str | None = None, at_risk: bool = False
) -> list[PlanSummary]:
    """Every plan, read from its search attributes: one list call, no query per plan."""
    # a plan's earlier runs (it continues as new every week or so) are not plans of their own
    query = "WorkflowType = 'PlanWorkflow' AND ExecutionStatus != 'ContinuedAsNew'"
    if seller:
        query += f" AND {sa.PLAN_SELLER.name} = '{_quoted(seller)}'"
    if at_risk:
        query += f" AND {sa.PLAN_HEALTH.name} IN ('at risk', 'stalled')"
    return [_summary(execution) async for execution in client.list_workflows(query)]


def _summary(execution: WorkflowExecution) -> PlanSummary:
    found = execution.typed_search_attributes
    go_live = found.get(sa.PLAN_GO_LIVE)
    projected = found.get(sa.PLAN_PROJECTED_GO_LIVE)
    closed = execution.status.name.lower() if execution.status else ""
    return PlanSummary(
        id=execution.id,
        deal=found.get(sa.PLAN_DEAL) or "",
        seller=found.get(sa.PLAN_SELLER) or "",
        status=found.get(sa.PLAN_STATUS) or closed,
        health=found.get(sa.PLAN_HEALTH) or "",
        progress=found.get(sa.PLAN_PROGRESS) or 0,
        go_live=go_live.date() if go_live else None,
        projected_go_live=projected.date() if projected else None,
        started=execution.start_time,
    )


def _quoted(value: str) -> str:
    """A value safe inside a single-quoted list-filter string."""
    return value.replace("\\", "").replace("'", "")
