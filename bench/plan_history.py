"""How big a plan nobody answers grows: events and bytes of its longest run, emails sent.

Runs an `enterprise` plan on Temporal's time-skipping test server with the real worker and an
SMTP sink on loopback, lets `--days` pass with no answer from anyone, then walks the plan's runs
(it continues as new) and prints, for the longest one, its events and the size of its history
as JSON (what `temporal workflow show --output json` writes), and how often the plan woke.

    .venv/bin/python bench/plan_history.py --days 365
    .venv/bin/python bench/plan_history.py --days 365 --go-live-days 365

By default the go-live is the template's horizon (60 business days), as a start email without a
`Go-live:` line sets it.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

from aiosmtpd.smtp import SMTP, Envelope, Session
from temporalio.api.enums.v1 import EventType, IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHistory
from temporalio.common import SearchAttributeIndexedValueType
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from mutualplan import search_attributes as sa
from mutualplan.business_days import add_business_days
from mutualplan.mail.tokens import plan_id_for
from mutualplan.messages import PlanInput
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template
from mutualplan.worker.run import build_worker
from mutualplan.workflows.plan import PlanWorkflow

BIN = Path(sys.executable).parent
PEOPLE = [
    Person(name="Jane Doe", email="jane@globex.example", role="champion"),
    Person(name="Sam Lee", email="sam@globex.example", role="economic-buyer"),
    Person(name="Priya Patel", email="priya@globex.example", role="legal"),
    Person(name="Omar Haddad", email="omar@globex.example", role="security"),
]
INDEXED = {
    SearchAttributeIndexedValueType.KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    SearchAttributeIndexedValueType.INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
    SearchAttributeIndexedValueType.DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
    SearchAttributeIndexedValueType.TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
    SearchAttributeIndexedValueType.DOUBLE: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
    SearchAttributeIndexedValueType.BOOL: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
    SearchAttributeIndexedValueType.KEYWORD_LIST: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
}


class Counter:
    def __init__(self) -> None:
        self.emails = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.emails += 1
        return "250 OK"


async def runs_of(client: Client, plan_id: str, first_run: str) -> list[WorkflowHistory]:
    """Each run's history, following continue-as-new from the first run."""
    histories, run_id = [], first_run
    while run_id:
        history = await client.get_workflow_handle(plan_id, run_id=run_id).fetch_history()
        histories.append(history)
        last = history.events[-1]
        continued = last.event_type is EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
        attributes = last.workflow_execution_continued_as_new_event_attributes
        run_id = attributes.new_execution_run_id if continued else ""
    return histories


async def measure(days: int, go_live_days: int | None) -> None:
    counter = Counter()
    loop = asyncio.get_running_loop()
    smtp = await loop.create_server(lambda: SMTP(counter), host="127.0.0.1", port=0)
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=str(BIN / "temporal-test-server"),
        data_converter=pydantic_data_converter,
    )
    try:
        await env.client.operator_service.add_search_attributes(
            AddSearchAttributesRequest(
                namespace=env.client.namespace,
                search_attributes={k.name: INDEXED[k.indexed_value_type] for k in sa.ALL},
            )
        )
        settings = Settings(
            secret="bench-secret",
            smtp_port=smtp.sockets[0].getsockname()[1],
            task_queue=f"history-{uuid.uuid4().hex[:8]}",
        )
        now = await env.get_current_time()
        request = StartRequest(
            message_id=f"{uuid.uuid4()}@acme.example",
            template="enterprise",
            seller=Person(name="Alex Seller", email="alex@acme.example"),
            deal="Globex rollout",
            go_live=add_business_days(now.date(), go_live_days * 5 // 7) if go_live_days else None,
            people=PEOPLE,
            confirm=True,
        )
        plan = build_plan(
            load_template("enterprise"), request, plan_id=plan_id_for(request.message_id), now=now
        )
        started = time.monotonic()
        async with build_worker(settings, env.client):
            handle = await env.client.start_workflow(
                PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
            )
            first_run = (await handle.describe()).run_id
            await env.sleep(timedelta(days=days))
            described = await handle.describe()
            status, closed = described.status, described.close_time
            histories = await runs_of(env.client, plan.id, first_run)
        longest = max(histories, key=lambda h: len(h.events))
        biggest = max(len(h.to_json()) for h in histories)
        print(f"plan: enterprise, go-live {plan.go_live} ({(plan.go_live - now.date()).days} days)")
        print(f"after {days} days with no answer: workflow {status.name if status else '?'}")
        if closed is not None and status is not WorkflowExecutionStatus.RUNNING:
            result = await handle.result()
            print(f"  ended {result.plan.status.value} on day {(closed - now).days}")
        print(f"runs: {len(histories)}, events in all: {sum(len(h.events) for h in histories)}")
        fired = EventType.EVENT_TYPE_TIMER_FIRED
        wakes = sum(e.event_type == fired for h in histories for e in h.events)
        print(f"timers fired (morning wakes and email retries): {wakes}")
        print(f"longest run: {len(longest.events)} events; biggest run: {biggest:,} bytes of JSON")
        print(f"emails sent: {counter.emails}")
        print(f"(took {time.monotonic() - started:.0f} s)")
    finally:
        await env.shutdown()
        smtp.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--days", type=int, default=365, help="days with no answer")
    parser.add_argument("--go-live-days", type=int, default=None, help="go-live this many days on")
    args = parser.parse_args()
    asyncio.run(measure(args.days, args.go_live_days))


if __name__ == "__main__":
    main()
