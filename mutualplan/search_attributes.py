"""The Temporal search attributes of a plan, so plans can be listed without querying each one.

What a list filters on lives here; the rest of a list's row is the workflow's memo
(`plan_rows.PlanCard`). A SQL visibility store (the dev server's SQLite, PostgreSQL, MySQL) holds
at most three custom attributes of type Datetime, three Double and three Int per namespace, and
ten Keyword: the Datetime ones are all taken (the CRM close date is in the memo).
"""

from __future__ import annotations

from typing import Any

from temporalio.common import SearchAttributeIndexedValueType as ValueType
from temporalio.common import SearchAttributeKey, SearchAttributeUpdate

from mutualplan.health import midnight_utc
from mutualplan.models import Plan

PLAN_STATUS = SearchAttributeKey.for_keyword("MutualPlanStatus")
PLAN_SELLER = SearchAttributeKey.for_keyword("MutualPlanSeller")
PLAN_DEAL = SearchAttributeKey.for_keyword("MutualPlanDeal")
PLAN_PROGRESS = SearchAttributeKey.for_int("MutualPlanProgress")
PLAN_GO_LIVE = SearchAttributeKey.for_datetime("MutualPlanGoLive")
PLAN_HEALTH = SearchAttributeKey.for_keyword("MutualPlanHealth")
PLAN_PROJECTED_GO_LIVE = SearchAttributeKey.for_datetime("MutualPlanProjectedGoLive")
# a manager's team may be a whole domain: `@acme.example`
PLAN_SELLER_DOMAIN = SearchAttributeKey.for_keyword("MutualPlanSellerDomain")
PLAN_PROJECTED_CLOSE = SearchAttributeKey.for_datetime("MutualPlanProjectedClose")
PLAN_AMOUNT = SearchAttributeKey.for_float("MutualPlanAmount")

ALL = (
    PLAN_STATUS,
    PLAN_SELLER,
    PLAN_DEAL,
    PLAN_PROGRESS,
    PLAN_GO_LIVE,
    PLAN_HEALTH,
    PLAN_PROJECTED_GO_LIVE,
    PLAN_SELLER_DOMAIN,
    PLAN_PROJECTED_CLOSE,
    PLAN_AMOUNT,
)
# each type as the `temporal` CLI names it (`--type Keyword`): how an operator registers them
TYPE_NAMES = {
    ValueType.KEYWORD: "Keyword",
    ValueType.INT: "Int",
    ValueType.DATETIME: "Datetime",
    ValueType.TEXT: "Text",
    ValueType.DOUBLE: "Double",
}


def of_plan(plan: Plan) -> list[SearchAttributeUpdate[Any]]:
    """The plan's values for every attribute (its health and projections as last read)."""
    projected = plan.projected_go_live or plan.go_live
    return [
        PLAN_STATUS.value_set(plan.status.value),
        PLAN_SELLER.value_set(plan.seller.email),
        PLAN_DEAL.value_set(plan.deal[:200]),
        PLAN_PROGRESS.value_set(plan.progress_percent),
        PLAN_GO_LIVE.value_set(midnight_utc(plan.go_live)),
        PLAN_HEALTH.value_set(plan.health.value),
        PLAN_PROJECTED_GO_LIVE.value_set(midnight_utc(projected)),
        PLAN_SELLER_DOMAIN.value_set("@" + plan.seller.email.rpartition("@")[2]),
        PLAN_PROJECTED_CLOSE.value_set(midnight_utc(plan.projected_close))
        if plan.projected_close
        else PLAN_PROJECTED_CLOSE.value_unset(),
        PLAN_AMOUNT.value_set(float(plan.amount))
        if plan.amount is not None
        else PLAN_AMOUNT.value_unset(),
    ]
