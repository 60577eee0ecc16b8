"""The Temporal search attributes of a plan, so plans can be listed without querying each one."""

from __future__ import annotations

from typing import Any

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

ALL = (
    PLAN_STATUS,
    PLAN_SELLER,
    PLAN_DEAL,
    PLAN_PROGRESS,
    PLAN_GO_LIVE,
    PLAN_HEALTH,
    PLAN_PROJECTED_GO_LIVE,
)


def of_plan(plan: Plan) -> list[SearchAttributeUpdate[Any]]:
    """The plan's values for every attribute (its health as last read)."""
    projected = plan.projected_go_live or plan.go_live
    return [
        PLAN_STATUS.value_set(plan.status.value),
        PLAN_SELLER.value_set(plan.seller.email),
        PLAN_DEAL.value_set(plan.deal[:200]),
        PLAN_PROGRESS.value_set(plan.progress_percent),
        PLAN_GO_LIVE.value_set(midnight_utc(plan.go_live)),
        PLAN_HEALTH.value_set(plan.health),
        PLAN_PROJECTED_GO_LIVE.value_set(midnight_utc(projected)),
    ]
