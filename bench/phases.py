"""The phases of a run, in order: bare Temporal's ceiling, plan starts from seller emails in
rounds, spaced replies, a burst of replies, then plans topped up with the client until the
worker's memory is read (`Bench`); and the run itself (`run`)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import gc
import os
import shutil
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib
from temporalio.client import Client
from temporalio.common import WorkflowIDReusePolicy
from temporalio.worker import Worker

from bench.bare_workflow import BARE_TASK_QUEUE, BareWorkflow
from bench.load import (
    CONCURRENCY,
    FULL,
    QUICK,
    SMTP_CONNECTIONS,
    TEMPLATE,
    Sizes,
    bare_starts,
    bounded,
    message_id,
    person,
    send_many,
    start_address,
    start_email,
    update_id,
    wait_for_count,
)
from bench.probes import Profiler, Resources, child_pid, history_times, status_kb
from bench.progress import say
from bench.reading import pool_latency, read_reply_throughput, worst_read
from bench.report import RESULTS, ROOT, pcts, reading_report, report
from bench.snapshot import Snapshot
from bench.stack import (
    Deliveries,
    Turn,
    WorkerProcess,
    bench_settings,
    dev_stack,
    patch_pymap_idle,
)
from mutualplan.client.connection import connect_temporal
from mutualplan.devstack.playground import compose_reply
from mutualplan.mail.reading import read_start_email
from mutualplan.mail.tokens import plan_id_for
from mutualplan.messages import PlanInput
from mutualplan.models import MilestoneStatus
from mutualplan.planning import build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template
from mutualplan.workflows.plan import PlanWorkflow


class Bench:
    def __init__(self, sizes: Sizes, settings: Settings, args: argparse.Namespace) -> None:
        self.sizes = sizes
        self.settings = settings
        self.args = args
        self.deliveries = Deliveries(settings.plans_mailbox, settings.domain)
        self.resources = Resources()
        self.profiler = Profiler(args.profile, "quick" if args.quick else "full")
        self.results: dict[str, Any] = {}
        self.notes: list[str] = []
        self.worker: WorkerProcess | None = None
        self.client: Client | None = None

    # -- the ceiling --

    async def bare(self, client: Client) -> None:
        s = self.sizes
        run = f"{int(time.time())}"

        async with Worker(client, task_queue=BARE_TASK_QUEUE, workflows=[BareWorkflow]):
            handles = await bare_starts(
                client, [f"bare-{run}-{i}" for i in range(s.unloaded + s.burst)]
            )
            await asyncio.sleep(2)

            async with self.resources.phase(f"bare: {s.unloaded} spaced signals"):
                for handle in handles[: s.unloaded]:
                    await handle.signal(BareWorkflow.finish)
                    await handle.result()
                    await asyncio.sleep(0.05)
            spaced = await bounded(handles[: s.unloaded], history_times, CONCURRENCY)
            self.results["bare_latency"] = pcts([h["completed"] - h["signaled"] for h in spaced])

            burst = handles[s.unloaded : s.unloaded + s.burst]
            async with self.resources.phase(f"bare: burst of {len(burst)} signals"):
                await bounded(burst, lambda h: h.signal(BareWorkflow.finish), CONCURRENCY)
                await bounded(burst, lambda h: h.result(), CONCURRENCY)
            times = await bounded(burst, history_times, CONCURRENCY)
            first = min(h["signaled"] for h in times)
            last = max(h["completed"] for h in times)
            self.results["bare_signal_rate"] = len(burst) / (last - first)
            self.results["bare_burst_latency"] = pcts(
                [h["completed"] - h["signaled"] for h in times]
            )
            say(f"bare: burst of {len(burst)} signals in {last - first:.1f}s")

    # -- mutualplan --

    async def starts(self, client: Client, bare: Client) -> list[str]:
        """Plan starts from seller emails, in rounds: bare Temporal starts as many workflows,
        then the seller emails go; each round's ratio is taken against the bare rate measured
        just before it, as the machine's speed drifts over a run. Returns the plan ids, plan i
        being the one of person i."""
        s, d = self.sizes, self.deliveries
        rounds: list[dict[str, Any]] = []
        accepted_all: list[float] = []
        started_all: list[float] = []
        first_email_all: list[float] = []
        plan_ids: list[str] = []
        delivered_before = d.count
        phase = (
            f"plan starts: {s.start_rounds} rounds of {s.email_starts} bare starts, then "
            f"{s.email_starts} seller emails"
        )
        async with (
            Worker(bare, task_queue=BARE_TASK_QUEUE, workflows=[BareWorkflow]),
            self.resources.phase(phase),
        ):
            with self.profiler.record("starts", self._profiled()):
                for n in range(s.start_rounds):
                    await asyncio.sleep(2)
                    bare_rate = await self._bare_starts(bare, n)
                    await asyncio.sleep(2)
                    keys = range(n * s.email_starts, (n + 1) * s.email_starts)
                    row = await self._email_starts(client, keys)
                    row["bare_rate"] = bare_rate
                    row["ratio"] = row["rate_started"] / bare_rate
                    # an engine that started each plan the moment its email was accepted
                    row["ceiling"] = s.email_starts / row["seconds_accepting"] / bare_rate
                    rounds.append(row)
                    accepted_all += row.pop("accepted")
                    started_all += row.pop("started")
                    first_email_all += row.pop("first_email")
                    plan_ids += row.pop("plan_ids")
                    say(
                        f"starts, round {n + 1}: {row['ratio']:.0%} of bare "
                        f"({row['rate_started']:.1f} against {bare_rate:.1f}/s)"
                    )
        ratios = [row["ratio"] for row in rounds]
        self.results["starts"] = {
            "count": s.email_starts,
            "rounds": rounds,
            "ratio": statistics.median(ratios),
            "ceiling": statistics.median(r["ceiling"] for r in rounds),
            "rate_started": statistics.median(r["rate_started"] for r in rounds),
            "bare_rate": statistics.median(r["bare_rate"] for r in rounds),
            "rate_first_email": statistics.median(r["rate_first_email"] for r in rounds),
            "complete": all(r["complete"] for r in rounds),
            "latency_started": pcts(
                [b - a for a, b in zip(accepted_all, started_all, strict=True) if b]
            ),
            "latency_first_email": pcts(
                [b - a for a, b in zip(accepted_all, first_email_all, strict=True) if b]
            ),
            "emails_per_plan": (d.count - delivered_before) / (s.email_starts * s.start_rounds),
        }
        # the rest of the plans the reply phases need, started directly (same people, emails)
        rest = range(s.email_starts * s.start_rounds, s.starts)
        turns_before = d.turn_count
        await bounded(
            [self._plan_input(str(i), checkin=True) for i in rest], self._start, CONCURRENCY
        )
        await wait_for_count("first milestone emails", lambda: d.turn_count - turns_before,
                             len(rest), s)  # fmt: skip
        for i in rest:
            turn = d.turns.get(person("Champion", i)[1])
            plan_ids.append(turn[0].plan_id if turn else "")
        return plan_ids

    async def _bare_starts(self, bare: Client, n: int) -> float:
        """Start as many bare workflows as a round has seller emails; the rate."""
        count = self.sizes.email_starts
        t0 = time.time()
        await bare_starts(bare, [f"bare-start-{n}-{i}" for i in range(count)])
        return count / (time.time() - t0)

    async def _email_starts(self, client: Client, keys: range) -> dict[str, Any]:
        """One round: a seller email per key at once, each sent to the plans address alone (the
        envelope), as the engine's mail server receives it: the copies for the buyers it names
        in Cc go to their own servers. Waits until every plan sent its first milestone email."""
        s, d = self.sizes, self.deliveries
        emails = [start_email(self.settings, str(key)) for key in keys]
        turns_before = d.turn_count
        await send_many(self.settings, emails, recipients=[start_address(self.settings)])
        ok = await wait_for_count(
            "first milestone emails", lambda: d.turn_count - turns_before, len(emails), s
        )
        accepted = [d.inbound[message_id(m)] for m in emails]
        turns = [d.turns[c][0] if d.turns.get(c) else None for c in
                 (person("Champion", key)[1] for key in keys)]  # fmt: skip
        plan_ids = [t.plan_id if t else "" for t in turns]
        started = {}
        async for execution in client.list_workflows("WorkflowType = 'PlanWorkflow'"):
            started[execution.id] = execution.start_time.timestamp()
        begin = min(accepted)
        durable = [started[p] for p in plan_ids if p in started]
        first_email = [t.at for t in turns if t]
        say(
            f"starts: {len(first_email)}/{len(emails)} plans; all first milestone emails "
            f"{max(first_email) - begin:.1f}s after the first start email"
        )
        return {
            "complete": ok,
            "rate_started": len(durable) / (max(durable) - begin),
            "rate_first_email": len(first_email) / (max(first_email) - begin),
            "seconds_accepting": max(accepted) - begin,
            "seconds_until_all_first_emails": max(first_email) - begin,
            "accepted": accepted,
            "started": [started.get(p, 0.0) for p in plan_ids],
            "first_email": [t.at if t else 0.0 for t in turns],
            "plan_ids": plan_ids,
        }

    def _plan_input(self, key: str, *, checkin: bool) -> PlanInput:
        """What the router would start from plan `key`'s seller email."""
        raw = start_email(self.settings, key).as_bytes()
        own = {self.settings.plans_address.lower()}
        request = read_start_email(raw, template=TEMPLATE, own_addresses=own)
        plan = build_plan(
            load_template(TEMPLATE),
            request,
            plan_id=plan_id_for(request.message_id),
            now=datetime.now(UTC),
        )
        return PlanInput(plan=plan if checkin else plan.model_copy(update={"checkin": None}))

    def _start(self, plan_input: PlanInput) -> Awaitable[Any]:
        return self.client_start(plan_input)

    async def client_start(self, plan_input: PlanInput) -> Any:
        assert self.client is not None
        return await self.client.start_workflow(
            PlanWorkflow.run,
            plan_input,
            id=plan_input.plan.id,
            task_queue=self.settings.task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        )

    @staticmethod
    def _answer(turn: Turn) -> EmailMessage:
        """The owner's "Done", written like a mail client's reply to the "Your turn" email."""
        assert turn.raw is not None
        return compose_reply(turn.raw, sender=turn.recipient, text="Done")

    async def spaced_replies(self, client: Client, plan_ids: list[str]) -> None:
        s, d = self.sizes, self.deliveries
        rows: list[tuple[str, EmailMessage, float, float | None]] = []

        async def one(i: int) -> None:
            if not d.turns.get(person("Champion", i)[1]):
                return
            turn = d.turns[person("Champion", i)[1]][0]
            reply = self._answer(turn)
            nxt = d.next_turn(turn.plan_id)
            await aiosmtplib.send(
                reply, hostname=self.settings.smtp_host, port=self.settings.smtp_port
            )
            sent = time.time()
            try:
                at: float | None = (await asyncio.wait_for(nxt, timeout=s.stall)).at
            except TimeoutError:
                at = None
            rows.append((turn.plan_id, reply, sent, at))

        async with self.resources.phase(f"{s.unloaded} spaced replies"):
            with self.profiler.record("spaced", self._profiled()):
                tasks = []
                for i in range(s.unloaded):
                    tasks.append(asyncio.ensure_future(one(i)))
                    await asyncio.sleep(s.interval)
                await asyncio.gather(*tasks)
        self.results["spaced"] = await self._reply_figures(client, rows)
        plan = await client.get_workflow_handle(rows[0][0]).query(PlanWorkflow.current_plan)
        assert plan.milestones[0].status is MilestoneStatus.DONE, plan.milestones[0]
        say(f"spaced replies: {self.results['spaced']['applied']}/{s.unloaded} applied")

    async def burst_replies(self, client: Client, plan_ids: list[str]) -> None:
        """Every burst plan answers its milestones one after another, all plans at once."""
        s, d = self.sizes, self.deliveries
        outbox: asyncio.Queue[tuple[EmailMessage, asyncio.Future[float]]] = asyncio.Queue()
        rows: list[tuple[str, EmailMessage, float, float | None]] = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + s.limit

        async def session() -> None:  # a few SMTP sessions carry all the replies
            smtp = aiosmtplib.SMTP(
                hostname=self.settings.smtp_host, port=self.settings.smtp_port, timeout=120
            )
            await smtp.connect()
            try:
                while True:
                    message, sent = await outbox.get()
                    await smtp.send_message(message)
                    sent.set_result(time.time())
            finally:
                with contextlib.suppress(aiosmtplib.SMTPException):
                    await smtp.quit()

        async def plan_actor(plan_id: str, turn: Turn) -> None:
            for _ in range(s.burst_replies):
                if loop.time() > deadline:
                    return
                reply = self._answer(turn)
                nxt = d.next_turn(plan_id)
                sent: asyncio.Future[float] = loop.create_future()
                await outbox.put((reply, sent))
                await sent
                try:
                    turn = await asyncio.wait_for(nxt, timeout=s.stall)
                except TimeoutError:
                    rows.append((plan_id, reply, 0.0, None))
                    return
                rows.append((plan_id, reply, 0.0, turn.at))

        champions = [person("Champion", i)[1] for i in range(s.unloaded, s.starts)]
        firsts = [d.turns[c][0] for c in champions if d.turns.get(c)]
        async with self.resources.phase(
            f"burst: {s.burst_plans} plans x {s.burst_replies} replies"
        ):
            with self.profiler.record("burst", self._profiled()):
                sessions = [asyncio.ensure_future(session()) for _ in range(SMTP_CONNECTIONS)]
                await asyncio.gather(*(plan_actor(t.plan_id, t) for t in firsts))
                for task in sessions:
                    task.cancel()
                await asyncio.gather(*sessions, return_exceptions=True)
        figures = await self._reply_figures(client, rows)
        figures["cut"] = len(rows) < s.burst
        self.results["burst"] = figures
        say(f"burst: {figures['applied']}/{s.burst} replies applied")

    async def _reply_figures(
        self, client: Client, rows: list[tuple[str, EmailMessage, float, float | None]]
    ) -> dict[str, Any]:
        histories = dict(
            zip(
                sorted({r[0] for r in rows}),
                await bounded(
                    sorted({r[0] for r in rows}),
                    lambda p: history_times(client.get_workflow_handle(p)),
                    CONCURRENCY,
                ),
                strict=True,
            )
        )
        accepted, done, arrived, in_temporal, emails, session = [], [], [], [], [], []
        for plan_id, reply, sent, next_email in rows:
            at = self.deliveries.inbound.get(message_id(reply))
            if at is None:
                continue
            accepted.append(at)
            update = histories[plan_id]["updates"].get(update_id(reply), {})
            if "completed" in update:
                done.append((at, update["completed"]))
            if "arrived" in update:
                arrived.append(update["arrived"] - at)
                if "completed" in update:
                    in_temporal.append(update["completed"] - update["arrived"])
            if next_email is not None:
                emails.append((at, next_email))
            if sent:
                session.append(sent - at)
        begin = min(accepted)
        return {
            "sent": len(rows),
            "applied": len(done),
            "rate_done": len(done) / (max(t for _, t in done) - begin),
            "rate_next_email": len(emails) / (max(t for _, t in emails) - begin),
            "seconds": max(t for _, t in done) - begin,
            "latency_done": pcts([t - a for a, t in done]),
            "latency_next_email": pcts([t - a for a, t in emails]),
            # where the time goes: until the update reached Temporal / until it completed there
            "until_update_arrived": pcts(arrived),
            "update_in_temporal": pcts(in_temporal),
            "smtp_session": pcts(session),
            "task_timeouts": sum((h["task_timeouts"] for h in histories.values()), Counter()),
        }

    async def many_plans(self, client: Client) -> None:
        """Top up to `active` plans with the Temporal client, then read the worker's RSS."""
        s, d = self.sizes, self.deliveries
        extra = max(0, s.active - s.starts)
        # no check-in series: two emails a plan (the plan, the first milestone), not seven
        inputs = [self._plan_input(f"c{j}", checkin=False) for j in range(extra)]
        d.keep_raw = False
        turns_before, delivered_before = d.turn_count, d.count
        pid = self.worker.pid if self.worker else 0
        rss_before = status_kb(pid, "VmRSS") / 1024
        phase = self.resources.phase(f"{extra} plans started by the client")
        async with phase, contextlib.AsyncExitStack() as stack:
            stack.enter_context(self.profiler.record("memory", self._profiled()))
            t0 = time.time()
            await bounded(inputs, self.client_start, CONCURRENCY)
            t1 = time.time()
            # every plan waiting, its first emails sent: that takes minutes at this count
            patient = dataclasses.replace(s, wait=max(s.wait, extra / 8))
            ok = await wait_for_count(
                "first milestone emails", lambda: d.turn_count - turns_before, extra, patient
            )
            t2 = time.time()
        await asyncio.sleep(3)
        running = (
            await client.count_workflows(
                "WorkflowType = 'PlanWorkflow' AND ExecutionStatus = 'Running'"
            )
        ).count
        self.results["memory"] = {
            "started_by_client": extra,
            "client_start_rate": extra / (t1 - t0) if extra else float("nan"),
            "seconds_until_all_first_emails": t2 - t0,
            "waiting": d.turn_count - turns_before,
            "complete": ok,
            "emails": d.count - delivered_before,
            "emails_per_second": (d.count - delivered_before) / (t2 - t0),
            "active_plans": running,
            "rss_mb": status_kb(pid, "VmRSS") / 1024,
            "hwm_mb": status_kb(pid, "VmHWM") / 1024,
            "rss_before_mb": rss_before,
            "temporal_rss_mb": status_kb(self.resources.pids.get("temporal", 0), "VmRSS") / 1024,
        }
        say(
            f"memory: {running} active plans, "
            f"worker VmRSS {self.results['memory']['rss_mb']:.0f} MB"
        )

    def _profiled(self) -> dict[str, int]:
        pids = {"bench": os.getpid()}
        if self.worker:
            pids["worker"] = self.worker.pid
        return pids


async def run(args: argparse.Namespace, snapshot: Snapshot) -> int:
    """The run `python -m bench` makes (see bench/__init__.py), with the package `snapshot`."""
    sizes = QUICK if args.quick else FULL
    started = time.time()
    command = ".venv/bin/python -m bench" + (" --quick" if args.quick else "")
    command += " --reading" if args.reading else ""
    if args.code:
        command += f" --code {args.code}"
    if args.profile:
        command += " --profile"
    if args.workers > 1:
        command += f" --workers {args.workers}"
    if args.reader:
        command += " --reader"
    if args.pymap_idle_poll is not None:
        command += f" --pymap-idle-poll {args.pymap_idle_poll}"
        patch_pymap_idle(args.pymap_idle_poll)
    RESULTS.mkdir(exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="mutualplan-bench-"))
    settings = bench_settings(data)
    bench = Bench(sizes, settings, args)
    say(f"read_reply over the corpora ({sizes.corpus_seconds:.1f} s each)")
    bench.results["read_reply"] = read_reply_throughput(sizes.corpus_seconds)
    for name, row in bench.results["read_reply"].items():
        say(f"  {name}: {row['rate']:,.0f} messages/s")
    if args.read_reply_only:
        shutil.rmtree(data, ignore_errors=True)
        return 0
    say("the hostile shapes at 1 MB, each read once")
    worst = bench.results["worst_read"] = worst_read()
    say(f"  worst: {worst['seconds'][worst['worst']]:.2f} CPU s ({worst['worst']})")
    if args.reading:
        bench.results["pool"] = await pool_latency(settings, sizes.corpus_seconds)
        text = reading_report(bench, command, started, snapshot.version)
        print()
        print(text)
        out = RESULTS / "reading.md"
        out.write_text("# mutualplan benchmark: reading\n\n" + text, "utf-8")
        say(f"wrote {out.relative_to(ROOT)}")
        shutil.rmtree(data, ignore_errors=True)
        return 0

    bench.deliveries.install()
    worker = WorkerProcess(settings, data / "worker.log", snapshot.path, plans=not args.reader)
    others = [
        WorkerProcess(settings, data / f"worker-{n}.log", snapshot.path, listen=False)
        for n in range(2, args.workers + 1)
    ]
    try:
        async with dev_stack(settings):
            temporal = child_pid("temporal")
            if temporal:
                bench.resources.pids["temporal"] = temporal
            say(f"stack up in {data}")
            # the mail servers and the load live here: their modules and the corpora read for
            # read_reply stay out of the collector's full passes, as the worker's do
            gc.freeze()
            bare_client = await Client.connect(settings.temporal_address)
            await bench.bare(bare_client)

            # a reader without plans waits for a plan worker to run the mailbox's lease
            for process in [*others, worker] if args.reader else [worker, *others]:
                await process.start()
            bench.resources.pids["worker"] = worker.pid
            for n, other in enumerate(others, start=2):
                bench.resources.pids[f"worker {n}"] = other.pid
            # memory is read where the plans are: with --reader, the second worker
            bench.worker = others[0] if args.reader else worker
            bench.resources.worker_pid = bench.worker.pid
            client = await connect_temporal(settings)
            bench.client = client
            plan_ids = await bench.starts(client, bare_client)
            await asyncio.sleep(2)
            await bench.spaced_replies(client, plan_ids)
            await asyncio.sleep(2)
            await bench.burst_replies(client, plan_ids)
            await bench.many_plans(client)
            worker.stop()
    finally:
        for process in (worker, *others):
            process.stop()
        if args.keep:
            say(f"kept {data}")
        else:
            shutil.rmtree(data, ignore_errors=True)
    text = report(bench, command, started, snapshot.version)
    print()
    print(text)
    if args.pymap_idle_poll is not None or args.profile:
        out = RESULTS / f"diagnostic-{'quick' if args.quick else 'full'}.md"
    elif args.workers > 1:
        name = f"workers-{args.workers}{'-reader' if args.reader else ''}"
        out = RESULTS / f"{name}{'-quick' if args.quick else ''}.md"
    else:
        out = RESULTS / ("quick.md" if args.quick else "latest.md")
    out.write_text("# mutualplan benchmark\n\n" + text, "utf-8")
    say(f"wrote {out.relative_to(ROOT)}")
    return 0
