"""Lists of plans from Temporal: one (paginated) list call, each row read from the plan's
search attributes and memo, never by querying a plan."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import datetime

from pydantic import BaseModel, Field, ValidationError
from temporalio.client import Client, WorkflowExecution

from mutualplan import search_attributes as sa
from mutualplan.models import Health
from mutualplan.plan_rows import MEMO_KEY, PlanCard, PlanSummary

# a plan's earlier runs (it continues as new every week or so) are not plans of their own
PLANS = "WorkflowType = 'PlanWorkflow' AND ExecutionStatus != 'ContinuedAsNew'"
PAGE_SIZE = 1000
AT_RISK = (Health.AT_RISK, Health.STALLED)


class PlanFilter(BaseModel):
    """Which plans a list shows. Sellers and `@domains` are alternatives (a manager's team)."""

    sellers: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list, description="'@acme.example'")
    health: list[str] = Field(default_factory=list)
    status: list[str] = Field(default_factory=list)
    open_or_closed_since: datetime | None = Field(
        default=None, description="only open plans and those closed since then"
    )

    def query(self) -> str:
        parts = [PLANS]
        team = [_in(sa.PLAN_SELLER.name, self.sellers), _in(sa.PLAN_SELLER_DOMAIN.name,
                                                             self.domains)]  # fmt: skip
        team = [t for t in team if t]
        if team:
            parts.append("(" + " OR ".join(team) + ")")
        parts += [_in(sa.PLAN_HEALTH.name, self.health), _in(sa.PLAN_STATUS.name, self.status)]
        if self.open_or_closed_since is not None:
            since = self.open_or_closed_since.isoformat()
            parts.append(f"(ExecutionStatus = 'Running' OR CloseTime >= '{since}')")
        return " AND ".join(p for p in parts if p)


async def plan_rows(
    client: Client, where: PlanFilter, *, page_size: int = PAGE_SIZE
) -> AsyncIterator[PlanSummary]:
    """Every plan `where` names, streamed page by page (memory holds one page)."""
    async for execution in client.list_workflows(where.query(), page_size=page_size):
        yield summary_of_execution(execution)


async def plan_page(
    client: Client, where: PlanFilter, *, page_size: int, page: bytes | None = None
) -> tuple[list[PlanSummary], bytes | None]:
    """One page of rows and the token of the next (None: the last page)."""
    listing = client.list_workflows(where.query(), page_size=page_size, next_page_token=page)
    await listing.fetch_next_page()
    rows = [summary_of_execution(e) for e in listing.current_page or []]
    return rows, listing.next_page_token


async def list_plans(
    client: Client, *, seller: str | None = None, at_risk: bool = False
) -> list[PlanSummary]:
    """Every plan, read from its search attributes and memo: one list call, no query per plan."""
    where = PlanFilter(sellers=[seller] if seller else [], health=list(AT_RISK) if at_risk else [])
    return [row async for row in plan_rows(client, where)]


def summary_of_execution(execution: WorkflowExecution) -> PlanSummary:
    found = execution.typed_search_attributes
    go_live = found.get(sa.PLAN_GO_LIVE)
    projected = found.get(sa.PLAN_PROJECTED_GO_LIVE)
    closed = execution.status.name.lower() if execution.status else ""
    card = _card(execution)
    return PlanSummary(
        **dict(card),
        id=execution.id,
        deal=found.get(sa.PLAN_DEAL) or "",
        seller=found.get(sa.PLAN_SELLER) or "",
        status=found.get(sa.PLAN_STATUS) or closed,
        health=found.get(sa.PLAN_HEALTH) or "",
        progress=found.get(sa.PLAN_PROGRESS) or 0,
        go_live=go_live.date() if go_live else None,
        projected_go_live=projected.date() if projected else None,
        started=execution.start_time,
        closed=execution.close_time,
    )


def _card(execution: WorkflowExecution) -> PlanCard:
    """The memo's card, read straight from its JSON (the pydantic converter's encoding); a
    plan from before the memo, or one that cannot be read, has an empty card."""
    payload = execution.raw_info.memo.fields.get(MEMO_KEY)
    if payload is None or payload.metadata.get("encoding") != b"json/plain":
        return PlanCard()
    try:
        return PlanCard.model_validate_json(payload.data)
    except ValidationError:
        return PlanCard()


def _in(name: str, values: Iterable[str]) -> str:
    quoted = [f"'{_quoted(v)}'" for v in values]
    if not quoted:
        return ""
    return f"{name} = {quoted[0]}" if len(quoted) == 1 else f"{name} IN ({', '.join(quoted)})"


def _quoted(value: str) -> str:
    """A value inside a single-quoted list-filter string, escaped as the server reads it back
    (dropping quotes instead made o'brien@ read as obrien@: one seller saw another's plans)."""
    return value.replace("\\", "\\\\").replace("'", "\\'")
