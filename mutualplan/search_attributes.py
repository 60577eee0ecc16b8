"""The Temporal search attributes of a plan, so plans can be listed without querying each one."""

from __future__ import annotations

from temporalio.common import SearchAttributeKey

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
