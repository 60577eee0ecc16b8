"""The ceiling's workflow: wait for one signal, complete. No activities, no mail, no payloads.

In a module of its own (not bench/phases.py) so the workflow sandbox can import it by name.
"""

from __future__ import annotations

from temporalio import workflow

BARE_TASK_QUEUE = "bench-bare"


@workflow.defn
class BareWorkflow:
    def __init__(self) -> None:
        self._done = False

    @workflow.run
    async def run(self) -> None:
        await workflow.wait_condition(lambda: self._done)

    @workflow.signal
    def finish(self) -> None:
        self._done = True
