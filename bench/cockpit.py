"""Benchmark the cockpit and the digest's reading: 10,000 plans' list rows.

    .venv/bin/python bench/cockpit.py                 # render 10,000 rows (no server)
    .venv/bin/python bench/cockpit.py --language de   # the same page in German
    .venv/bin/python bench/cockpit.py --list          # also: a dev server holding 10,000 plans'
                                                      # rows, read by list calls
    .venv/bin/python bench/cockpit.py --list --plans 2000 --sellers 50

Not a pass/fail test: it prints the figures (milliseconds, the median of --rounds).

- "render": the cockpit of one person whose view holds every plan (a manager of the whole
  company), from list rows to HTML: sorting, filtering, the forecast, the Jinja template; and
  the CSV of the same table.
- "list": the rows read from a Temporal dev server by one paginated list call, as the cockpit
  reads them (search attributes and memo decoded, no query). The plans are stand-in workflows
  registered under the name PlanWorkflow that carry the memo and search attributes real plans
  publish (made from real plans by `plan_rows.summary_of`), so the list is what a real one is.
- "digest": the Monday digest's gathering (one list for the sellers, one per seller).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from temporalio import workflow
from temporalio.client import Client
from temporalio.common import SearchAttributePair, TypedSearchAttributes
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from mutualplan import forecast, plan_rows
from mutualplan import search_attributes as sa
from mutualplan.client.plan_list import PlanFilter
from mutualplan.client.plan_list import plan_rows as list_rows
from mutualplan.devstack.ports import free_port
from mutualplan.devstack.temporal import temporal_dev_server
from mutualplan.digest import seller_digest
from mutualplan.languages import ENGLISH
from mutualplan.models import Event, MilestoneStatus, Plan
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.template_files import load_template
from mutualplan.web.cockpit import cockpit_csv, cockpit_view, collector_paused
from mutualplan.web.rendering import page_templates
from mutualplan.worker.digests import TemporalPlans


def make_plans(count: int, sellers: int, now: datetime) -> list[Plan]:
    """Plans of `sellers` sellers, in every state the cockpit shows: some late, some done."""
    template = load_template("enterprise")
    plans = []
    for n in range(count):
        seller = f"seller{n % sellers}@acme.example"
        request = StartRequest(
            message_id=f"{uuid.uuid4()}@acme.example", template="enterprise",
            seller=Person(name=f"Seller {n % sellers}", email=seller), deal=f"Deal {n}",
            go_live=(now + timedelta(days=40 + n % 90)).date(),
            people=[Person(name="Jane Doe", email=f"jane@buyer{n % 500}.example",
                           role="champion")],
            confirm=True, amount=Decimal(10_000 + 137 * n), currency="USD",
            close=(now + timedelta(days=20 + n % 120)).date(),
        )  # fmt: skip
        plan = build_plan(template, request, plan_id=f"p{n:07d}", now=now - timedelta(days=30))
        done = n % len(plan.milestones)
        for m in plan.milestones[:done]:
            m.status, m.done_at = MilestoneStatus.DONE, now - timedelta(days=3)
            m.history.append(Event(at=m.done_at, by=f"jane@buyer{n % 500}.example",
                                   what="marked done"))  # fmt: skip
        for m in plan.milestones[done:]:
            if set(m.after) <= {d.key for d in plan.milestones[:done]}:
                m.status = MilestoneStatus.ACTIVE
                if n % 7 == 0:
                    m.due = (now - timedelta(days=n % 12)).date()
                if n % 11 == 0:
                    m.blocked = "waiting for the security team"
        plan.projected_close = forecast.projected_close(plan, now)
        plans.append(plan)
    return plans


def timed(rounds: int, work: object) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def bench_render(
    rows: list[plan_rows.PlanSummary], now: datetime, rounds: int, language: str
) -> None:
    templates, _ = page_templates()
    template = templates(language).env.get_template("cockpit.html.j2")
    by_id = {r.id: r for r in rows}

    def page(sort: str = "") -> str:
        view = cockpit_view(rows, person="ceo@acme.example", team=True, now=now, sort=sort,
                            descending=True, base_url="/c/x")  # fmt: skip
        return template.render(view=view, expires=now.date())

    def paused(work: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            with collector_paused():  # as the page does
                work()

        return run

    def csv() -> None:
        cockpit_csv(cockpit_view(rows, person="a", team=True, now=now), by_id)

    size = len(page()) / 1e6
    print(f"render {len(rows):,} rows to HTML ({language}): {timed(rounds, paused(page)):.0f} ms "
          f"({size:.1f} MB of HTML)")  # fmt: skip
    sort = paused(lambda: page("acted"))
    print(f"render, sorted by a column: {timed(rounds, sort):.0f} ms")
    print(f"render with the garbage collector on: {timed(rounds, page):.0f} ms")
    print(f"CSV of {len(rows):,} rows: {timed(rounds, paused(csv)):.0f} ms")


@workflow.defn(name="PlanWorkflow")
class StandIn:
    """Holds a plan's list row (memo and search attributes given at its start) and waits."""

    @workflow.run
    async def run(self) -> None:
        await workflow.wait_condition(lambda: False)


async def bench_list(plans: list[Plan], now: datetime, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as data:
        port, ui = free_port(), free_port()
        async with temporal_dev_server(Path(data), port=port, ui_port=ui) as address:
            client = await Client.connect(address, data_converter=pydantic_data_converter)
            queue = f"bench-{uuid.uuid4().hex[:6]}"
            async with Worker(client, task_queue=queue, workflows=[StandIn],
                              workflow_runner=UnsandboxedWorkflowRunner()):  # fmt: skip
                started = time.perf_counter()
                await start_all(client, plans, queue, now)
                print(f"started {len(plans):,} stand-in plans in "
                      f"{time.perf_counter() - started:.0f} s")  # fmt: skip
                await until_listed(client, len(plans))
                await measure_lists(client, plans, now, rounds)


async def start_all(client: Client, plans: list[Plan], queue: str, now: datetime) -> None:
    gate = asyncio.Semaphore(64)

    async def start(plan: Plan) -> None:
        card = plan_rows.card_of(plan, now)
        plan.health = "at risk" if int(plan.id[1:]) % 7 == 0 else "on track"
        plan.projected_go_live = plan.go_live
        pairs = [
            SearchAttributePair(u.key, u.value) for u in sa.of_plan(plan) if u.value is not None
        ]
        attributes = TypedSearchAttributes(pairs)
        async with gate:
            await client.start_workflow(
                StandIn.run, id=plan.id, task_queue=queue,
                memo={plan_rows.MEMO_KEY: card}, search_attributes=attributes,
            )  # fmt: skip

    await asyncio.gather(*(start(p) for p in plans))


async def until_listed(client: Client, count: int) -> None:
    for _ in range(600):
        if (await client.count_workflows("WorkflowType = 'PlanWorkflow'")).count >= count:
            return
        await asyncio.sleep(0.5)


async def measure_lists(client: Client, plans: list[Plan], now: datetime, rounds: int) -> None:
    everyone = PlanFilter(domains=["@acme.example"])
    one = PlanFilter(sellers=["seller0@acme.example"])
    times, rows = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        rows = [row async for row in list_rows(client, everyone)]
        times.append(time.perf_counter() - started)
    print(f"list {len(rows):,} rows (one paginated list call, 1,000 a page): "
          f"{statistics.median(times) * 1000:.0f} ms")  # fmt: skip
    templates, _ = page_templates()
    template = templates(ENGLISH).env.get_template("cockpit.html.j2")
    started = time.perf_counter()
    rows = [row async for row in list_rows(client, everyone)]
    view = cockpit_view(rows, person="ceo@acme.example", team=True, now=now, base_url="/c/x")
    template.render(view=view, expires=now.date())
    print(f"the cockpit of {len(rows):,} plans, list call to HTML: "
          f"{(time.perf_counter() - started) * 1000:.0f} ms")  # fmt: skip
    started = time.perf_counter()
    mine = [row async for row in list_rows(client, one)]
    print(f"one seller's cockpit list ({len(mine)} plans): "
          f"{(time.perf_counter() - started) * 1000:.0f} ms")  # fmt: skip
    directory = TemporalPlans(client)
    since = now - timedelta(days=7)
    started = time.perf_counter()
    digests = 0
    async for rows in directory.by_seller(since):
        if seller_digest(rows, since, now) is not None:
            digests += 1
    print(f"the Monday digest gathered from the list (one pass): {digests} sellers' digests "
          f"of {len(plans):,} plans in {time.perf_counter() - started:.1f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--sellers", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--list", action="store_true", help="also read them from a dev server")
    parser.add_argument("--language", default=ENGLISH, help="the page's language (de, ja, ...)")
    args = parser.parse_args()
    now = datetime.now(UTC)
    started = time.perf_counter()
    plans = make_plans(args.plans, args.sellers, now)
    rows = [plan_rows.summary_of(p, now) for p in plans]
    print(f"made {len(plans):,} plans' rows in {time.perf_counter() - started:.1f} s")
    bench_render(rows, now, args.rounds, args.language)
    if args.list:
        asyncio.run(bench_list(plans, now, max(args.rounds // 2, 1)))


if __name__ == "__main__":
    main()
