"""CPU per reply, A/B: `python -m bench.reply_cpu [--code REV ...] [--working-tree] [options]`.

The burst of `python -m bench` in small, on one stack, for comparing versions of the engine in
the same minutes on a shared machine. The Temporal dev server and the dev mail server start
once; then, for each round, each version in turn (A, B, A, B, ...) gets a worker process of its
own (`python -m mutualplan -v worker`, the package as committed at REV, or a copy of the working
tree taken at the start), `--plans` plans started with the Temporal client, and, once every plan
sent its first "Your turn" email, a burst: every plan answers `--replies` milestones in turn
over SMTP ("Done", written as a mail client replies; the next as soon as the plan's next "Your
turn" email is accepted). What is printed is the CPU time (user + system, from /proc) the worker,
its reading processes and the Temporal dev server used over the burst, per reply: process CPU,
not wall time, as other engineers' tests share the machine. The worker is stopped after its
round, so every round's worker starts cold, with only its own plans.

    .venv/bin/python -m bench.reply_cpu --code main --working-tree --rounds 3
    .venv/bin/python -m bench.reply_cpu --working-tree --rounds 1 --profile   # py-spy the worker

`--profile` records the worker with py-spy during each burst (raw stacks, sampled every 10 ms;
no `--idle`, no `--native`; with `--gil`, only the thread holding the GIL) into
bench/results/profile-reply-cpu-<version>-<round>.txt; it slows the worker, so the figures of a
profiled run are not comparable with others.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib
from temporalio.api.enums.v1 import EventType

from bench.load import CONCURRENCY, FULL, SMTP_CONNECTIONS, bounded, person
from bench.probes import (
    child_pid,
    cpu_seconds,
    descendants_cpu_seconds,
    machine_busy_seconds,
    py_spy,
)
from bench.progress import say
from bench.report import RESULTS
from bench.snapshot import ROOT, Snapshot, take_snapshot
from bench.stack import Deliveries, Turn, WorkerProcess, bench_settings, dev_stack


@dataclass
class Round:
    version: str
    replies: int = 0
    emails: int = 0  # accepted by SMTP during the burst
    seconds: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)
    events: Counter[str] = field(default_factory=Counter)  # one plan's history, by event type

    def per_reply_ms(self, process: str) -> float:
        return 1000 * self.cpu[process] / self.replies if self.replies else float("nan")


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.reply_cpu", description=__doc__)
    parser.add_argument(
        "--code",
        action="append",
        default=[],
        metavar="REV",
        help="a version to measure: the package as committed at REV (repeat)",
    )
    parser.add_argument(
        "--working-tree",
        action="store_true",
        help="a version to measure: the working tree, copied at the start",
    )
    parser.add_argument("--plans", type=int, default=100, help="plans per round")
    parser.add_argument("--replies", type=int, default=4, help="replies per plan, in turn")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of every version")
    parser.add_argument("--profile", action="store_true", help="py-spy the worker in each burst")
    parser.add_argument(
        "--gil",
        action="store_true",
        help="with --profile: sample only the thread holding the GIL (py-spy --gil)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    return parser.parse_args(argv)


def snapshots(args: argparse.Namespace) -> list[Snapshot]:
    versions = [take_snapshot(rev) for rev in args.code]
    if args.working_tree:  # a copy: edits made while it runs do not leak into later rounds
        copy = Path(tempfile.mkdtemp(prefix="mutualplan-bench-code-"))
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(ROOT / "mutualplan", copy / "mutualplan", ignore=ignore)
        versions.append(Snapshot(copy, "working tree"))
    return versions or [take_snapshot(None)]


class ReplyBench:
    def __init__(self, args: argparse.Namespace, data: Path) -> None:
        from bench.phases import Bench  # imports `mutualplan`: after the stack's settings

        self.args = args
        self.data = data
        self.settings = bench_settings(data)
        self.deliveries = Deliveries(self.settings.plans_mailbox, self.settings.domain)
        self.bench = Bench(FULL, self.settings, argparse.Namespace(profile=False, quick=False))
        self.bench.deliveries = self.deliveries
        self.temporal = 0

    async def round(self, n: int, snapshot: Snapshot) -> Round:
        """One version's round: a fresh worker, its plans, their burst."""
        from mutualplan.client.connection import connect_temporal

        result = Round(snapshot.version)
        log = self.data / f"worker-{n}.log"
        worker = WorkerProcess(self.settings, log, snapshot.path)
        await worker.start()
        try:
            client = await connect_temporal(self.settings)
            self.bench.client = client
            firsts = await self._start_plans(n)
            await asyncio.sleep(2)  # the plans' first emails all out; the worker idle
            pids = {"worker": worker.pid, "temporal": self.temporal}
            before = {k: cpu_seconds(p) for k, p in pids.items()}
            reading = descendants_cpu_seconds(worker.pid)
            busy = machine_busy_seconds()
            started, emails = time.monotonic(), self.deliveries.count
            with self._profiled(worker.pid, f"{_slug(snapshot.version)}-{n}"):
                result.replies = await self._burst(firsts)
            result.seconds = time.monotonic() - started
            result.emails = self.deliveries.count - emails - result.replies  # not the replies
            result.cpu = {k: cpu_seconds(p) - before[k] for k, p in pids.items()}
            # its reading processes (they stay up between messages)
            result.cpu["reading"] = descendants_cpu_seconds(worker.pid) - reading
            # the rest of the machine meanwhile (the mail servers and load here, others' tests):
            # figures taken while it is high are less sure
            result.cpu["rest"] = machine_busy_seconds() - busy - sum(result.cpu.values())
            if firsts:
                result.events = await _event_counts(client, firsts[0].plan_id)
        finally:
            worker.stop()
        return result

    async def _start_plans(self, n: int) -> list[Turn]:
        """`--plans` plans of their own people, started with the client; their first turns."""
        d = self.deliveries
        keys = [f"r{n}p{i}" for i in range(self.args.plans)]
        inputs = [self.bench._plan_input(key, checkin=True) for key in keys]
        champions = [person("Champion", key)[1] for key in keys]
        await bounded(inputs, self.bench.client_start, CONCURRENCY)
        for _ in range(1200):  # 120 s
            if all(d.turns.get(c) for c in champions):
                break
            await asyncio.sleep(0.1)
        return [d.turns[c][0] for c in champions if d.turns.get(c)]

    async def _burst(self, firsts: list[Turn]) -> int:
        """Every plan answers its milestones in turn, all at once, over a few SMTP sessions;
        the replies whose next "Your turn" email came."""
        settings, d = self.settings, self.deliveries
        outbox: asyncio.Queue[tuple[EmailMessage, asyncio.Future[None]]] = asyncio.Queue()
        answered = 0

        async def session() -> None:
            smtp = aiosmtplib.SMTP(hostname=settings.smtp_host, port=settings.smtp_port)
            await smtp.connect()
            try:
                while True:
                    message, sent = await outbox.get()
                    await smtp.send_message(message)
                    sent.set_result(None)
            finally:
                with contextlib.suppress(aiosmtplib.SMTPException):
                    await smtp.quit()

        async def plan_actor(turn: Turn) -> None:
            nonlocal answered
            for _ in range(self.args.replies):
                nxt = d.next_turn(turn.plan_id)
                sent: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                await outbox.put((self.bench._answer(turn), sent))
                await sent
                try:
                    turn = await asyncio.wait_for(nxt, timeout=60)
                except TimeoutError:
                    say(f"no next turn from {turn.plan_id} within 60 s")
                    return
                answered += 1

        sessions = [asyncio.ensure_future(session()) for _ in range(SMTP_CONNECTIONS)]
        try:
            await asyncio.gather(*(plan_actor(t) for t in firsts))
        finally:
            for task in sessions:
                task.cancel()
            await asyncio.gather(*sessions, return_exceptions=True)
        return answered

    @contextlib.contextmanager
    def _profiled(self, pid: int, tag: str) -> Any:
        if not self.args.profile:
            yield
            return
        out = RESULTS / f"profile-reply-cpu-{tag}.txt"
        process = py_spy(pid, out, gil=self.args.gil)
        try:
            yield
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=60)
            say(f"profile: {out.relative_to(ROOT)}")


async def _event_counts(client: Any, plan_id: str) -> Counter[str]:
    """What one plan's history holds, by event type (its start, then every reply's)."""
    counts: Counter[str] = Counter()
    async for event in client.get_workflow_handle(plan_id).fetch_history_events():
        counts[EventType.Name(event.event_type).removeprefix("EVENT_TYPE_")] += 1
    return counts


def _slug(version: str) -> str:
    return version.replace("commit ", "").replace(" ", "-")


def table(rounds: list[Round]) -> str:
    lines = [
        "| version | replies | engine emails | wall s | worker CPU ms/reply "
        "| its reading processes, CPU ms/reply | Temporal CPU ms/reply "
        "| rest of the machine, CPU s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rounds:
        lines.append(
            f"| {r.version} | {r.replies} | {r.emails} | {r.seconds:.1f} "
            f"| {r.per_reply_ms('worker'):.2f} | {r.per_reply_ms('reading'):.2f} "
            f"| {r.per_reply_ms('temporal'):.2f} | {r.cpu['rest']:.1f} |"
        )
    lines += ["", "One plan's history after its replies, by event type:", ""]
    for version in dict.fromkeys(r.version for r in rounds):
        first = next(r for r in rounds if r.version == version)
        counts = ", ".join(f"{name} {n}" for name, n in sorted(first.events.items()))
        lines.append(f"- {version}: {counts}")
    lines += ["", "Medians:", ""]
    for version in dict.fromkeys(r.version for r in rounds):
        mine = [r for r in rounds if r.version == version]
        worker = statistics.median(r.per_reply_ms("worker") for r in mine)
        reading = statistics.median(r.per_reply_ms("reading") for r in mine)
        temporal = statistics.median(r.per_reply_ms("temporal") for r in mine)
        lines.append(
            f"- {version}: worker {worker:.2f} ms/reply (and its reading processes "
            f"{reading:.2f}), Temporal {temporal:.2f} ms/reply ({len(mine)} rounds)"
        )
    return "\n".join(lines)


async def run(args: argparse.Namespace, versions: list[Snapshot]) -> int:
    data = Path(tempfile.mkdtemp(prefix="mutualplan-bench-"))
    reply_bench = ReplyBench(args, data)
    reply_bench.deliveries.install()
    rounds: list[Round] = []
    try:
        async with dev_stack(reply_bench.settings):
            reply_bench.temporal = child_pid("temporal") or 0
            say(f"stack up in {data}")
            for _ in range(args.rounds):
                for snapshot in versions:
                    result = await reply_bench.round(len(rounds), snapshot)
                    rounds.append(result)
                    say(
                        f"{result.version}: {result.replies} replies in {result.seconds:.1f} s; "
                        f"worker {result.per_reply_ms('worker'):.2f} ms/reply, Temporal "
                        f"{result.per_reply_ms('temporal'):.2f} ms/reply"
                    )
    finally:
        if args.keep:
            say(f"kept {data}")
        else:
            shutil.rmtree(data, ignore_errors=True)
    print()
    print(table(rounds))
    return 0


def main(argv: list[str]) -> int:
    args = parse(argv)
    versions = snapshots(args)
    try:
        return asyncio.run(run(args, versions))
    finally:
        for snapshot in versions:
            snapshot.remove()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
