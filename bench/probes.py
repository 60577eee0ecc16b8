"""What a run reads off the machine and the server, never off what the measured system serves
over the network: CPU seconds and memory from /proc, py-spy profiles, and event times from the
workflows' histories."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from temporalio.api.enums.v1 import EventType, TimeoutType
from temporalio.client import WorkflowHandle

from bench.report import RESULTS, reading_column


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants_cpu_seconds(pid: int) -> float:
    """CPU seconds the living descendants of `pid` have used (the worker's reading processes)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                ppid = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0.0, list(children.get(pid, []))
    while todo:
        child = todo.pop()
        total += 0.0 if (used := cpu_seconds(child)) != used else used  # gone: nan
        todo += children.get(child, [])
    return total


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
        # a worker's reading processes are children of it: counted apart, not as "other"
        readers = {reading_column(k): p for k, p in pids.items() if k.startswith("worker")}
        before |= {k: descendants_cpu_seconds(p) for k, p in readers.items()}
        machine_before = machine_busy_seconds()
        started = time.monotonic()
        sampler = asyncio.ensure_future(self._sample_rss(record))
        try:
            yield record
        finally:
            sampler.cancel()
            record.wall = time.monotonic() - started
            record.cpu = {k: cpu_seconds(p) - before[k] for k, p in pids.items()}
            record.cpu |= {k: descendants_cpu_seconds(p) - before[k] for k, p in readers.items()}
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
        running = []
        for name, pid in pids.items():
            out = RESULTS / f"profile-{self.tag}-{phase}-{name}.txt"
            self.files.append(out)
            running.append(py_spy(pid, out, gil=True))  # time holding the GIL: the code's cost
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


def py_spy(pid: int, out: Path, *, gil: bool) -> subprocess.Popen[bytes]:
    """py-spy recording `pid` at 100 samples a second, every thread, into `out` (raw stacks) until
    it gets SIGINT; `gil`: only the time holding the GIL, without the waits for it."""
    command = [str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(pid)]
    command += ["--rate", "100", "--format", "raw", "--nonblocking", "--threads"]
    command += ["--gil"] * gil + ["--output", str(out)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# --- reading histories ------------------------------------------------------------------------


def _ts(event: Any) -> float:
    return float(event.event_time.seconds + event.event_time.nanos / 1e9)


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
