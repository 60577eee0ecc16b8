"""100,000 plans on one box: the worker's memory, the dev server's, a reply's latency while they
wait, and a morning of reminders spread over half an hour.

    .venv/bin/python -m bench scale --plans 100000     # 1.5 to 3 hours on 2 cores
    .venv/bin/python -m bench scale --plans 20000 --sellers 1000 --no-morning
    .venv/bin/python -m bench scale --plans 2000       # a pilot
    .venv/bin/python -m bench scale --plans 2000 --no-morning   # no waiting for 9:00

Not a test: it prints a table and writes it to bench/results/scale.md. The stack is the main
run's (bench/stack.py: the Temporal dev server on SQLite, the dev mail server in this process,
`python -m mutualplan -v worker` as its own process, the package as committed at HEAD unless
`--working-tree` or `--code REV`).

Phases:

1. Unloaded replies: a few plans (started with the client, people of their own) answer their
   first step, one every `--interval` seconds: SMTP accepted -> milestone done, as the main
   run measures it.
2. The bulk: `--plans` plans started with the client, each as a run that continued as new (a
   plan in the middle of its life: its first step under way since yesterday, due three business
   days after the coming morning, so that morning reminds its owner), with the list row such a
   run starts with (its memo given, its search attributes kept). A plan starts without sending
   anything; its first workflow task sets its morning timer. Plans start no faster than the
   worker takes those first tasks (the workflow-task backlog under MAX_BACKLOG), and the phase
   ends when that backlog is empty. Plan n is seller n % `--sellers`'s.
   Their mail is counted, not stored. The worker's and the dev server's memory, and the dev
   server's database, are read once every plan waits.
3. Loaded replies: as in 1, with every bulk plan waiting. Then the Monday digest over every
   plan (bench/digest_alone.py: the worker's digest activity in a process of its own, timed,
   its memory at its peak) and `mutualplan plans` (first page, `--seller`) as a user runs
   them, three times each.
4. The morning: the bulk plans live in a time zone whose 9:00 comes first after they all
   wait, with a working week under which that day is a business day (reminders go out on
   business days only: a Sunday morning is measured with Israel's Friday-Saturday weekend).
   Each plan wakes at its own moment of the half hour after 9:00 and reminds its step's owner.
   Until every reminder is out (or `--morning-limit` minutes after 9:00): the reminders sent,
   and how many plans had woken but not yet sent theirs (the backlog), every few seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiosmtplib
from temporalio.api.enums.v1 import DescribeTaskQueueMode, TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.client import Client
from temporalio.common import SearchAttributePair, TypedSearchAttributes, WorkflowIDReusePolicy

from bench.load import CONCURRENCY, Sizes, bounded, person, wait_for_count
from bench.phases import Bench
from bench.probes import child_pid, cpu_seconds, machine_busy_seconds, status_kb
from bench.progress import say
from bench.report import RESULTS, ROOT, machine, percentile, verdict
from bench.snapshot import Snapshot
from bench.stack import HEADER_FOLD, WorkerProcess, bench_settings, dev_stack
from mutualplan import forecast, health, plan_rows
from mutualplan import search_attributes as sa
from mutualplan.business_days import add_business_days
from mutualplan.client.connection import connect_temporal
from mutualplan.client.plan_list import PlanFilter, plan_page
from mutualplan.devstack import mailserver
from mutualplan.messages import PlanInput, PlanRun
from mutualplan.models import Event, MilestoneStatus, Plan, PublicHolidays
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template
from mutualplan.workflows.plan import PlanWorkflow

# plans started no faster than the worker takes their first tasks: a task Temporal hands to a
# waiting worker at once costs it far less than one it must store and read back (100,000
# plans started at full speed left 76,000 first tasks stored, handed out at 12 a second)
MAX_BACKLOG = 500
BULK_DOMAIN = "bulk.example"  # the bulk plans' buyers: their mail is counted, not stored
_REMINDER = re.compile(rb"(?im)^subject:[^\r\n]*\bReminder:")
_TO_BULK = re.compile(r"@bulk\.example$", re.I)
# weekends of real calendars; for any day, one of them works it
WEEKENDS = [[5, 6], [4, 5], [4]]
# zones whose 9:00 falls on every quarter hour of UTC that has one, to find the next morning
ZONES = [f"Etc/GMT{-h:+d}" if h else "UTC" for h in range(-12, 15)] + [
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Eucla",
    "Pacific/Chatham",
    "America/St_Johns",
    "Asia/Tehran",
    "Asia/Yangon",
    "Australia/Adelaide",
    "Pacific/Marquesas",
    "Asia/Kabul",
]


@dataclass
class BulkMail:
    """The bulk plans' mail: when each reminder was accepted, by recipient."""

    emails: int = 0
    reminders: dict[str, float] = field(default_factory=dict)

    def install(self) -> None:
        original = mailserver.deliver  # stack.Deliveries' wrapper, for the measured plans

        def deliver(root: Path, recipient: str, mail_from: str, content: bytes) -> None:
            if not _TO_BULK.search(recipient):
                original(root, recipient, mail_from, content)
                return
            self.emails += 1
            head = content[: content.find(b"\r\n\r\n")]
            if _REMINDER.search(HEADER_FOLD.sub(b" ", head)):
                self.reminders.setdefault(recipient.lower(), time.time())

        mailserver.deliver = deliver


def latest_morning(after: datetime) -> str:
    """The zone whose next 9:00 comes last after `after` (its 9:00 has just passed): plans
    living there first wake nearly a day later. `--no-morning` puts the bulk there; a run in
    `UTC` that crossed 9:00 UTC had every waiting plan wake in the middle of it."""

    def next_nine(zone: str) -> datetime:
        local = after.astimezone(ZoneInfo(zone))
        nine = datetime.combine(local.date(), health.REMIND_AT, tzinfo=ZoneInfo(zone))
        return nine if nine > local else nine + timedelta(days=1)

    return max(ZONES, key=next_nine)


def working_week(day: date) -> list[int]:
    """A weekend real calendars keep under which `day` is a business day, so that a morning can
    be measured on any day: Saturday and Sunday off, else Friday and Saturday (Israel), else
    Friday alone (Iran)."""
    return next(w for w in WEEKENDS if day.weekday() not in w)


def next_morning(after: datetime) -> tuple[str, datetime]:
    """The zone whose next 9:00 comes first after `after`, and that 9:00 (the bulk plans keep
    a working week under which it is a business day)."""
    found = []
    for zone in ZONES:
        local = after.astimezone(ZoneInfo(zone))
        nine = datetime.combine(local.date(), health.REMIND_AT, tzinfo=ZoneInfo(zone))
        if nine <= after:
            nine += timedelta(days=1)
        found.append((nine.astimezone(UTC), zone))
    when, zone = min(found)
    return zone, when


def bulk_inputs(
    count: int, sellers: int, zone: str, morning: datetime, now: datetime
) -> Iterator[PlanInput]:
    """Plans in the middle of their life, as a run that continued as new carries them: the first
    step under way since yesterday and due three business days after `morning`'s day. Plan n
    is seller n % `sellers`'s."""
    template = load_template("short").model_copy(update={"checkin": None})
    day = morning.astimezone(ZoneInfo(zone)).date()
    holidays = PublicHolidays(weekend=working_week(day))
    due = add_business_days(day, 3, holidays.days_off)
    for n in range(count):
        request = StartRequest(
            message_id=f"bulk{n}@acme.example",
            template="short",
            seller=Person(name=f"Seller {n % sellers}", email=seller_address(n % sellers)),
            deal=f"Bulk deal {n}",
            go_live=add_business_days(due, 20),
            people=[
                Person(name=f"Jane {n}", email=f"jane{n}@{BULK_DOMAIN}", role="champion"),
                Person(name=f"Sam {n}", email=f"sam{n}@{BULK_DOMAIN}", role="economic-buyer"),
            ],
            confirm=True,
        )
        yesterday = now - timedelta(days=1)
        plan = build_plan(template, request, plan_id=f"b{n:09d}", now=yesterday, timezone=zone)
        plan.holidays = holidays
        first = plan.milestones[0]
        first.status, first.started_at, first.due = MilestoneStatus.ACTIVE, yesterday, due
        first.history.append(Event(at=yesterday, by="engine", what="started"))
        yield PlanInput(plan=plan, run=PlanRun())


def seller_address(n: int) -> str:
    return f"seller{n}@acme.example"


def list_row(plan: Plan) -> tuple[dict[str, Any], TypedSearchAttributes]:
    """The memo and search attributes a run that continued as new starts with: its last run's
    (the memo given with the continue-as-new, the search attributes kept by Temporal)."""
    now = datetime.now(UTC)
    plan.health = health.read_health(plan, now)
    plan.projected_go_live = health.projected_go_live(plan, now)
    plan.projected_close = forecast.projected_close(plan, now)
    pairs = [SearchAttributePair(u.key, u.value) for u in sa.of_plan(plan) if u.value is not None]
    return {plan_rows.MEMO_KEY: plan_rows.card_of(plan, now)}, TypedSearchAttributes(pairs)


def rss_mb(pid: int) -> float:
    return status_kb(pid, "VmRSS") / 1024


def tree_rss_mb(pid: int) -> float:
    """A process and its children (the worker's reading processes, if it has any)."""
    total = rss_mb(pid)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if entry.joinpath("stat").read_text().rpartition(")")[2].split()[1] == str(pid):
                    total += rss_mb(int(entry.name))
    return total


def db_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.glob("temporal.db*")) / 1e6


class Scale:
    def __init__(self, args: argparse.Namespace, settings: Settings, data: Path) -> None:
        self.args = args
        self.settings = settings
        self.data = data
        sizes = Sizes(
            email_starts=0,
            start_rounds=0,
            unloaded=args.replies,
            interval=args.interval,
            burst_plans=0,
            burst_replies=0,
            active=0,
            corpus_seconds=0,
            limit=600,
            wait=600,
            stall=120,
        )
        self.b = Bench(sizes, settings, argparse.Namespace(profile=False, quick=False))
        self.mail = BulkMail()
        self.results: dict[str, Any] = {}
        self.notes: list[str] = []
        self.worker: WorkerProcess | None = None
        self.temporal_pid = 0

    # -- replies, as the main run's spaced ones --

    async def start_repliers(self, client: Client, keys: range) -> None:
        d = self.b.deliveries
        before = d.turn_count
        inputs = [self.b._plan_input(f"r{k}", checkin=False) for k in keys]
        await bounded(inputs, self.b.client_start, CONCURRENCY)
        await wait_for_count("first emails", lambda: d.turn_count - before, len(keys), self.b.sizes)

    async def replies(self, client: Client, keys: range) -> dict[str, Any]:
        d, s = self.b.deliveries, self.b.sizes
        rows: list[tuple[str, Any, float, float | None]] = []

        async def one(k: int) -> None:
            turns = d.turns.get(person("Champion", f"r{k}")[1])
            if not turns:
                return
            reply = self.b._answer(turns[0])
            nxt = d.next_turn(turns[0].plan_id)
            await aiosmtplib.send(
                reply, hostname=self.settings.smtp_host, port=self.settings.smtp_port
            )
            try:
                at: float | None = (await asyncio.wait_for(nxt, timeout=s.stall)).at
            except TimeoutError:
                at = None
            rows.append((turns[0].plan_id, reply, time.time(), at))

        tasks = []
        for k in keys:
            tasks.append(asyncio.ensure_future(one(k)))
            await asyncio.sleep(s.interval)
        await asyncio.gather(*tasks)
        return await self.b._reply_figures(client, rows)

    # -- the bulk --

    async def bulk(self, client: Client, zone: str, morning: datetime) -> None:
        count = self.args.plans
        worker = self.worker
        assert worker is not None
        cpu = {
            "worker": cpu_seconds(worker.pid),
            "temporal": cpu_seconds(self.temporal_pid),
        }
        peak = 0.0
        started = 0
        t0 = time.time()
        gate = asyncio.Semaphore(CONCURRENCY)

        async def start(plan_input: PlanInput) -> None:
            nonlocal started
            memo, attributes = list_row(plan_input.plan)
            async with gate:
                await client.start_workflow(
                    PlanWorkflow.run,
                    plan_input,
                    id=plan_input.plan.id,
                    task_queue=self.settings.task_queue,
                    id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                    memo=memo,
                    search_attributes=attributes,
                )
                started += 1

        pending: set[asyncio.Task[None]] = set()
        last_say = last_look = time.time()
        paused = 0.0
        for plan_input in bulk_inputs(count, self.args.sellers, zone, morning, datetime.now(UTC)):
            while len(pending) >= 4 * CONCURRENCY:
                _, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            if time.time() - last_look > 2:  # no faster than the worker takes first tasks
                last_look = time.time()
                while (await self.backlog(client) or 0) > MAX_BACKLOG:
                    await asyncio.sleep(2)
                paused += time.time() - last_look
            pending.add(asyncio.ensure_future(start(plan_input)))
            if time.time() - last_say > 60:
                last_say = time.time()
                peak = max(peak, rss_mb(worker.pid))
                say(
                    f"bulk: {started:,} started ({started / (last_say - t0):.0f}/s), "
                    f"worker {rss_mb(worker.pid):.0f} MB, "
                    f"dev server {rss_mb(self.temporal_pid):.0f} MB"
                )
        await asyncio.gather(*pending)
        t1 = time.time()
        say(f"bulk: {count:,} started in {t1 - t0:.0f} s; waiting for every first task")
        waiting = await self.until_all_wait(client, count)
        t2 = time.time()
        say(f"bulk: every first task done after {(t2 - t0) / 60:.0f} min")
        self.results["bulk"] = {
            "plans": count,
            "sellers": self.args.sellers,
            "zone": zone,
            "start_seconds": t1 - t0,
            "start_rate": count / (t1 - t0),
            "until_all_wait_seconds": t2 - t0,
            "paused_for_backlog_seconds": paused,
            "waiting": waiting,
            "worker_cpu": cpu_seconds(worker.pid) - cpu["worker"],
            "temporal_cpu": cpu_seconds(self.temporal_pid) - cpu["temporal"],
            "worker_rss_peak_while_starting": max(peak, rss_mb(worker.pid)),
        }

    async def backlog(self, client: Client) -> int | None:
        """Workflow tasks waiting on the plans' task queue (Temporal's approximate count), None
        if the server does not say."""
        request = DescribeTaskQueueRequest(
            namespace=client.namespace,
            task_queue=TaskQueue(name=self.settings.task_queue),
            task_queue_type=TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
            report_stats=True,
            api_mode=DescribeTaskQueueMode.DESCRIBE_TASK_QUEUE_MODE_ENHANCED,
        )
        described = await client.workflow_service.describe_task_queue(request)
        counts = [
            kind.stats.approximate_backlog_count
            for version in described.versions_info.values()
            for number, kind in version.types_info.items()
            if number == TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW and kind.HasField("stats")
        ]
        return sum(counts) if counts else None

    async def until_all_wait(self, client: Client, count: int) -> int:
        """Until every bulk plan has had its first workflow task (set its morning timer): the
        plans start with their list row, so the list cannot tell; the task queue's backlog
        can. Then the count Temporal's list gives."""
        quiet = 0
        while quiet < 3:
            await asyncio.sleep(5)
            left = await self.backlog(client)
            if left is None:
                self.notes.append("the server gave no backlog: first tasks may still have run")
                break
            quiet = quiet + 1 if left == 0 else 0
        query = "WorkflowType = 'PlanWorkflow' AND MutualPlanSeller STARTS_WITH 'seller'"
        return (await client.count_workflows(query)).count

    def memory(self, when: str) -> None:
        assert self.worker is not None
        gc_worker = rss_mb(self.worker.pid)
        self.results[f"memory_{when}"] = {
            "worker_rss": gc_worker,
            "worker_hwm": status_kb(self.worker.pid, "VmHWM") / 1024,
            "worker_tree_rss": tree_rss_mb(self.worker.pid),
            "temporal_rss": rss_mb(self.temporal_pid),
            "temporal_hwm": status_kb(self.temporal_pid, "VmHWM") / 1024,
            "db_mb": db_mb(self.data / "temporal"),
        }
        say(f"memory ({when}): {self.results[f'memory_{when}']}")

    # -- the Monday digest and `mutualplan plans`, over every plan --

    def child_env(self) -> dict[str, str]:
        assert self.worker is not None
        return self.worker.env

    async def digest(self) -> None:
        """The worker's digest activity, in a process of its own (bench/digest_alone.py): its
        time, and its memory at its peak. The worker runs beside it, idle."""
        assert self.worker is not None
        cpu = {
            "worker": cpu_seconds(self.worker.pid),
            "temporal": cpu_seconds(self.temporal_pid),
        }
        busy = machine_busy_seconds()
        t0 = time.time()
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            str(ROOT / "bench" / "digest_alone.py"),
            env=self.child_env(),
            cwd=self.worker.cwd,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await child.communicate()
        wall = time.time() - t0
        if child.returncode != 0:
            self.notes.append(f"the digest failed: {err.decode(errors='replace')[-400:]}")
            say(f"digest failed: {err.decode(errors='replace')[-2000:]}")
            return
        figures = json.loads(out.decode().strip().splitlines()[-1])
        figures.update(
            process_wall_s=wall,
            temporal_cpu=cpu_seconds(self.temporal_pid) - cpu["temporal"],
            worker_cpu=cpu_seconds(self.worker.pid) - cpu["worker"],
            machine_busy_s=machine_busy_seconds() - busy,
        )
        self.results["digest"] = figures
        say(f"digest: {figures}")

    async def cli(self, *options: str) -> dict[str, Any]:
        """`mutualplan plans OPTIONS` as a user runs it: its own process against the dev
        server, timed from launch to exit (the interpreter's start and imports included)."""
        t0 = time.time()
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "mutualplan",
            *options,
            env=self.child_env(),
            cwd=self.worker.cwd,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await child.communicate()
        seconds = time.time() - t0
        if child.returncode != 0:
            say(f"mutualplan {' '.join(options)} failed: {err.decode(errors='replace')}")
        lines = out.decode(errors="replace").splitlines()
        return {"seconds": seconds, "rc": child.returncode, "lines": len(lines)}

    async def list_calls(self, seller: str, rounds: int = 3) -> dict[str, float]:
        """The list call alone, as the command makes it (its first page of 50), from this
        process's open connection: the command's time less the interpreter's start."""
        client = self.b.client
        assert client is not None
        found: dict[str, list[float]] = {"first_page": [], "seller": []}
        for _ in range(rounds):
            for name, where in (
                ("first_page", PlanFilter()),
                ("seller", PlanFilter(sellers=[seller])),
            ):
                t0 = time.time()
                await plan_page(client, where, page_size=50)
                found[name].append(time.time() - t0)
        return {name: statistics.median(seconds) for name, seconds in found.items()}

    async def listing(self, rounds: int = 3) -> None:
        seller = seller_address(0)
        runs: dict[str, list[dict[str, Any]]] = {"startup": [], "first_page": [], "seller": []}
        for _ in range(rounds):
            runs["startup"].append(await self.cli("--help"))
            runs["first_page"].append(await self.cli("plans"))
            runs["seller"].append(await self.cli("plans", "--seller", seller))
        figures: dict[str, Any] = {"address": seller, "list_call": await self.list_calls(seller)}
        for name, found in runs.items():
            seconds = sorted(r["seconds"] for r in found)
            figures[name] = {
                "median_s": statistics.median(seconds),
                "max_s": seconds[-1],
                "lines": found[-1]["lines"],
                "ok": all(r["rc"] == 0 for r in found),
            }
        self.results["plans_cli"] = figures
        say(f"mutualplan plans: {figures}")

    # -- the morning --

    async def morning(self, client: Client, zone: str, wake: datetime) -> None:
        count = self.args.plans
        assert self.worker is not None
        spread = getattr(health, "morning_offset", lambda plan_id: timedelta(0))  # older code
        offsets = sorted((wake + spread(f"b{n:09d}")).timestamp() for n in range(count))
        wait = wake.timestamp() - time.time() - 60
        say(f"morning: 9:00 in {zone} is {wake:%H:%M} UTC, in {wait / 60:.0f} min")
        if wait > 0:
            await asyncio.sleep(wait)
        cpu0 = {
            "worker": cpu_seconds(self.worker.pid),
            "temporal": cpu_seconds(self.temporal_pid),
        }
        samples = []
        woken_index = 0
        peak_rss = 0.0
        last_change, last_sent = time.time(), -1
        while True:
            now = time.time()
            while woken_index < len(offsets) and offsets[woken_index] <= now:
                woken_index += 1
            sent = len(self.mail.reminders)
            tasks = await self.backlog(client) or 0  # workflow tasks Temporal holds for the worker
            samples.append((now - wake.timestamp(), woken_index, sent, woken_index - sent, tasks))
            peak_rss = max(peak_rss, rss_mb(self.worker.pid))
            if sent != last_sent:
                last_sent, last_change = sent, now
            if sent >= count or (now > offsets[-1] and now - last_change > 300):
                break
            if now - wake.timestamp() > self.args.morning_limit * 60:
                self.notes.append(
                    f"the morning was watched for {self.args.morning_limit:g} min after 9:00: "
                    f"{sent:,} of {count:,} reminders were out by then"
                )
                break
            await asyncio.sleep(2)
        times = sorted(self.mail.reminders.values())
        delays = sorted(
            sent - due for sent, due in zip(times, offsets, strict=False)
        )  # the n-th reminder against the n-th wake: how far behind the morning ran
        self.results["morning"] = {
            "wake_utc": wake.isoformat(),
            "reminders": len(times),
            "plans": count,
            "last_reminder_after_nine_s": (times[-1] - wake.timestamp()) if times else float("nan"),
            "first_reminder_after_nine_s": (times[0] - wake.timestamp()) if times else float("nan"),
            "backlog_peak": max(s[3] for s in samples),
            "backlog_peak_at_s": max(samples, key=lambda s: s[3])[0],
            "tasks_peak": max(s[4] for s in samples),
            "tasks_peak_at_s": max(samples, key=lambda s: s[4])[0],
            "behind_p50_s": percentile(delays, 50),
            "behind_max_s": max(delays, default=float("nan")),
            "worker_cpu": cpu_seconds(self.worker.pid) - cpu0["worker"],
            "temporal_cpu": cpu_seconds(self.temporal_pid) - cpu0["temporal"],
            "worker_rss_peak": peak_rss,
            "samples": samples[:: max(len(samples) // 60, 1)],
        }
        say(
            f"morning: {len(times):,} reminders, the last "
            f"{self.results['morning']['last_reminder_after_nine_s'] / 60:.1f} min after 9:00"
        )


def report(scale: Scale, command: str, started: float, code_version: str) -> str:
    r = scale.results
    bulk = r.get("bulk", {})
    before, after = r.get("memory_after_bulk", {}), r.get("memory_after_morning", {})
    lines = [
        f"Command: `{command}`  ",
        f"Run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, code: {code_version}, "
        f"{(time.time() - started) / 60:.0f} minutes  ",
        f"Machine: {machine()}",
        "",
        "| figure | value | target | |",
        "| --- | --- | --- | --- |",
    ]

    def trio(p: dict[str, float]) -> str:
        return " / ".join(f"{p[k] * 1000:,.0f}" for k in ("p50", "p90", "p99")) + " ms"

    unloaded, loaded = r.get("unloaded"), r.get("loaded")
    if unloaded:
        lines.append(
            f"| reply latency, {unloaded['applied']} spaced replies, few plans: SMTP "
            f"accepted -> milestone done, p50 / p90 / p99 | {trio(unloaded['latency_done'])} | | |"
        )
    if bulk:
        lines.append(
            f"| {bulk['plans']:,} plans started (client, 64 at a time) | "
            f"{bulk['start_rate']:.0f} plans/s (paced by the workflow-task backlog), every "
            f"first task done after {bulk['until_all_wait_seconds'] / 60:.0f} min; worker "
            f"{bulk['worker_cpu']:.0f} CPU-s, Temporal {bulk['temporal_cpu']:.0f} CPU-s | | |"
        )
    if before:
        ok = before["worker_rss"] < 500
        lines += [
            f"| worker RSS, {bulk.get('waiting', 0):,} plans waiting | "
            f"{before['worker_rss']:.0f} MB (peak {before['worker_hwm']:.0f} MB; with its "
            "child processes "
            f"{before['worker_tree_rss']:.0f} MB) | < 500 MB | {verdict(ok)} |",
            f"| Temporal dev server RSS | {before['temporal_rss']:.0f} MB (peak "
            f"{before['temporal_hwm']:.0f} MB) | reported | |",
            f"| dev server database (SQLite, with its WAL) | {before['db_mb']:,.0f} MB | "
            "reported | |",
        ]
    if loaded and unloaded:
        ratio = loaded["latency_done"]["p50"] / unloaded["latency_done"]["p50"]
        lines.append(
            f"| reply latency while they wait, p50 / p90 / p99 | "
            f"{trio(loaded['latency_done'])} | within 2x of unloaded (p50) | "
            f"{verdict(ratio <= 2)} ({ratio:.1f}x) |"
        )
    digest = r.get("digest")
    if digest:
        ok = digest["seconds"] < 300
        lines += [
            f"| the Monday digest over every plan ({digest['plans']:,} plans of "
            f"{digest['sellers']:,} sellers; the worker's activity in a process of its own) | "
            f"{digest['seconds']:.0f} s ({digest['cpu_seconds']:.0f} CPU-s; Temporal "
            f"{digest['temporal_cpu']:.0f} CPU-s) | < 5 min | {verdict(ok)} |",
            f"| ... the digest's process: RSS before / at its peak | "
            f"{digest['rss_before_mb']:.0f} MB / {digest['rss_peak_mb']:.0f} MB | bounded "
            f"(streamed per seller) | |",
        ]
    listing = r.get("plans_cli")
    if listing:
        first, theirs, startup = listing["first_page"], listing["seller"], listing["startup"]
        lines += [
            f"| `mutualplan plans`, the first page (its own process, launch to exit), "
            f"median / slowest of 3 | {first['median_s']:.2f} s / {first['max_s']:.2f} s | "
            f"< 5 s | {verdict(first['ok'] and first['max_s'] < 5)} |",
            f"| `mutualplan plans --seller {listing['address']}` (its "
            f"{bulk.get('plans', 0) // max(bulk.get('sellers', 1), 1):,} plans, the first 50), "
            f"median / slowest of 3 | {theirs['median_s']:.2f} s / {theirs['max_s']:.2f} s | "
            f"< 1 s | {verdict(theirs['ok'] and theirs['median_s'] < 1)} |",
            f"| ... of which the interpreter's start (`mutualplan --help`), median | "
            f"{startup['median_s']:.2f} s | | |",
            f"| ... and the list call alone (from an open connection), first page / --seller, "
            f"median | {listing['list_call']['first_page'] * 1000:,.0f} ms / "
            f"{listing['list_call']['seller'] * 1000:,.0f} ms | | |",
        ]
    morning = r.get("morning")
    if morning:
        lines += [
            f"| the morning: {morning['reminders']:,} of {morning['plans']:,} reminders out, "
            f"the last after 9:00 | {morning['last_reminder_after_nine_s'] / 60:.1f} min | "
            f"reported | |",
            f"| ... plans woken and not yet reminded, at the peak | {morning['backlog_peak']:,} "
            f"({morning['backlog_peak_at_s'] / 60:.1f} min after 9:00) | reported | |",
            f"| ... workflow tasks waiting in Temporal, at the peak | "
            f"{morning.get('tasks_peak', 0):,} ({morning.get('tasks_peak_at_s', 0) / 60:.1f} min "
            f"after 9:00) | reported | |",
            f"| ... how far the reminders ran behind the wakes, median / most | "
            f"{morning['behind_p50_s']:.0f} s / {morning['behind_max_s']:.0f} s | | |",
            f"| ... CPU over the morning: worker / Temporal | {morning['worker_cpu']:.0f} s / "
            f"{morning['temporal_cpu']:.0f} s (worker peak RSS "
            f"{morning['worker_rss_peak']:.0f} MB) | | |",
        ]
    if after:
        lines.append(
            f"| after the morning: worker / dev server RSS, database | "
            f"{after['worker_rss']:.0f} MB / {after['temporal_rss']:.0f} MB, "
            f"{after['db_mb']:,.0f} MB | | |"
        )
    if morning:
        lines += [
            "",
            "The morning, sampled (seconds after 9:00: plans woken, reminders out, "
            "woken and not yet reminded, workflow tasks waiting in Temporal):",
            "",
        ]
        lines += [
            f"    {t:7.0f} s  {w:7,} woken  {s:7,} out  {b:6,} behind  {q:6,} tasks"
            for t, w, s, b, q in morning["samples"]
        ]
    lines += ["", *[f"- {n}" for n in scale.notes]]
    return "\n".join(lines) + "\n"


async def run(args: argparse.Namespace, snapshot: Snapshot) -> int:
    """`python -m bench scale`, with the package `snapshot`."""
    args.sellers = args.sellers or max(args.plans // 100, 1)
    started = time.time()
    command = (
        f".venv/bin/python -m bench scale --plans {args.plans}"
        + (f" --sellers {args.sellers}" if args.sellers != max(args.plans // 100, 1) else "")
        + (" --no-morning" if args.no_morning else "")
    )
    data = Path(tempfile.mkdtemp(prefix="mutualplan-scale-"))
    settings = bench_settings(data)
    scale = Scale(args, settings, data)
    scale.b.deliveries.install()
    scale.mail.install()
    worker = WorkerProcess(settings, data / "worker.log", snapshot.path)
    try:
        async with dev_stack(settings):
            scale.temporal_pid = child_pid("temporal") or 0
            gc.freeze()
            await worker.start()
            scale.worker = worker
            client = await connect_temporal(settings)
            scale.b.client = client
            n = args.replies
            await scale.start_repliers(client, range(2 * n))
            await asyncio.sleep(2)
            scale.results["unloaded"] = await scale.replies(client, range(n))
            say(f"unloaded: {scale.results['unloaded']['latency_done']}")
            # the bulk, the replies, the digest and the listings before the morning
            estimate = timedelta(seconds=args.plans / args.expected_rate + 900)
            zone, wake = next_morning(datetime.now(UTC) + estimate)
            if args.no_morning:  # no plan may wake while it runs: 9:00 has just passed there
                zone = latest_morning(datetime.now(UTC))
                wake = datetime.now(UTC) + timedelta(days=30)
            await scale.bulk(client, zone, wake)
            await asyncio.sleep(30)  # the last upserts reach the list, the worker settles
            scale.memory("after_bulk")
            scale.results["loaded"] = await scale.replies(client, range(n, 2 * n))
            say(f"loaded: {scale.results['loaded']['latency_done']}")
            await scale.digest()
            await scale.listing()
            if not args.no_morning:
                if datetime.now(UTC) > wake:
                    scale.notes.append("the bulk took longer than estimated: 9:00 had passed")
                else:
                    await scale.morning(client, zone, wake)
                    scale.memory("after_morning")
            if args.hold:
                write_report(scale, command, started, args, snapshot.version)
                say(
                    f"holding the stack for {args.hold} min: MUTUALPLAN_TEMPORAL_ADDRESS="
                    f"{settings.temporal_address} MUTUALPLAN_SMTP_PORT={settings.smtp_port}"
                )
                await asyncio.sleep(args.hold * 60)
            worker.stop()
    finally:
        worker.stop()
        if args.keep:
            say(f"kept {data}")
        else:
            shutil.rmtree(data, ignore_errors=True)
    write_report(scale, command, started, args, snapshot.version)
    return 0


def write_report(
    scale: Scale, command: str, started: float, args: argparse.Namespace, code_version: str
) -> None:
    text = report(scale, command, started, code_version)
    print(text)
    size = (
        ""
        if args.plans >= 100_000
        else "-pilot"
        if args.plans < 10_000
        else f"-{args.plans // 1000}k"
    )
    out = RESULTS / f"scale{size}.md"
    out.write_text("# bench/scale.py\n\n" + text, "utf-8")
    (RESULTS / (out.stem + ".json")).write_text(json.dumps(scale.results, indent=1, default=str))
    say(f"wrote {out.relative_to(ROOT)}")
