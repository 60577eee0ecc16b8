"""Read plans from Temporal for the CLI: one plan by query, all plans by search attributes."""

from __future__ import annotations

from datetime import datetime

from temporalio.client import Client
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


async def list_plans(client: Client, *, seller: str | None = None) -> list[PlanSummary]:
    query = "WorkflowType = 'PlanWorkflow'"
    if seller:
        query += f" AND {sa.PLAN_SELLER.name} = '{seller.replace(chr(39), '')}'"
    summaries = []
    async for execution in client.list_workflows(query):
        found = execution.typed_search_attributes
        go_live: datetime | None = found.get(sa.PLAN_GO_LIVE)
        summaries.append(
            PlanSummary(
                id=execution.id,
                deal=found.get(sa.PLAN_DEAL) or "",
                seller=found.get(sa.PLAN_SELLER) or "",
                status=found.get(sa.PLAN_STATUS) or execution.status.name.lower()
                if execution.status
                else "",
                progress=found.get(sa.PLAN_PROGRESS) or 0,
                go_live=go_live.date() if go_live else None,
                started=execution.start_time,
            )
        )
    return summaries
