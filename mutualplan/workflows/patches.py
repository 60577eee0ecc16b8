"""Which changes of the plan workflow a run was recorded with, at the cost of one marker.

`workflow.patched` records a marker the first time a run asks for a patch, and Temporal's core
upserts the `TemporalChangeVersion` search attribute with it: two events in the history and a
write of the plan's list row, for each patch, in every run's first task (at each start and each
continue-as-new). Seven patches cost a new run fourteen events of nothing.

So a run started since `ALL_OF_2026_12` records that one marker and takes every patch before it
(`EARLIER`) without a marker of its own; a run recorded before it has no such marker, and asks
each patch apart as it always did. `PlanWorkflow.__init__` asks for a patch, so for the bundle,
in the run's first activation: a run from before is being replayed then, so the bundle is
memoized false for the whole run. A patch added later is asked apart, until it joins the next
bundle (docs/development.md).
"""

from __future__ import annotations

from temporalio import workflow

# every patch below, taken by a run started since, with one marker
ALL_OF_2026_12 = "all-of-2026-12"
EARLIER = frozenset(
    {
        "steady-mornings",
        "quiet-mornings",
        "kept-dates",
        "kept-added-dates",
        "cockpit",
        "forecast-days-off",
        "working-days-late",
    }
)


def patched(patch_id: str) -> bool:
    """`workflow.patched(patch_id)`, without a marker of its own in a run with the bundle."""
    if patch_id in EARLIER and workflow.patched(ALL_OF_2026_12):
        return True
    return workflow.patched(patch_id)
