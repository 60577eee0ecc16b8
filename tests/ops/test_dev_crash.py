"""`mutualplan dev` comes back from a crash: killed with SIGKILL (its whole process group, as a
terminal's job control or an OOM killer of a container would, or the parent alone), the next
`mutualplan dev` on the same data directory starts, carries the plan on, and sends nothing twice.
A Temporal dev server a dead run left behind is found by its pid file and stopped."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from mutualplan.devstack.playground import inbox, reply_as, send_as
from mutualplan.devstack.ports import free_port
from mutualplan.devstack.temporal import PID_FILE, dev_server_args, temporal_cli
from mutualplan.settings import Settings
from tests.support.stack import start_email, wait_for_mail, wait_until

pytestmark = pytest.mark.e2e
ALEX, JANE, SAM = "alex@acme.example", "jane@globex.example", "sam@globex.example"
READING = "mail listener: watching"


class Dev:
    """`python -m mutualplan dev` in its own session (a process group of its own, as a shell
    job is), its output appended to `log`."""

    def __init__(self, settings: Settings, log: Path) -> None:
        self.settings = settings
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        s = self.settings
        temporal_port = s.temporal_address.rsplit(":", 1)[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith("MUTUALPLAN_")}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable, "-m", "mutualplan", "--data-dir", str(s.data_dir), "dev",
                    "--smtp-port", str(s.smtp_port), "--imap-port", str(s.imap_port),
                    "--temporal-port", temporal_port, "--ui-port", str(s.temporal_ui_port),
                    "--web-port", str(s.web_port),
                ],
                env=env | {"MUTUALPLAN_METRICS_BIND_ADDRESS": f"127.0.0.1:{free_port()}"},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def said(self, text: str) -> int:
        return self.log.read_text("utf-8", "replace").count(text)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """What the test's mail client needs to reach the dev stack (the stack keeps its secret)."""
    return Settings(
        data_dir=tmp_path / "data",
        smtp_port=free_port(),
        imap_port=free_port(),
        temporal_address=f"127.0.0.1:{free_port()}",
        temporal_ui_port=free_port(),
        web_port=free_port(),
    )


def servers_on(database: Path) -> list[int]:
    """Pids of the processes whose command line names `database` (Temporal servers on it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(database).encode() in command:
                found.append(int(entry.name))
    return found


async def assert_nothing_twice(settings: Settings) -> None:
    for address in (ALEX, JANE, SAM):
        items = await asyncio.to_thread(inbox, settings, address)
        twice = [s for s, n in Counter(i.subject for i in items).items() if n > 1]
        assert not twice, f"{address} got these twice: {twice}"


@pytest.mark.parametrize("kill", ["process group", "parent alone"])
async def test_dev_carries_on_after_sigkill(kill: str, settings: Settings, tmp_path: Path) -> None:
    database = settings.data_dir / "temporal" / "temporal.db"
    first = Dev(settings, tmp_path / "dev-1.log")
    second = Dev(settings, tmp_path / "dev-2.log")
    first.start()
    try:
        await wait_until(lambda: first.said(READING) == 1, "the first dev stack", timeout=60)
        await send_as(settings, start_email(settings, "Globex rollout"))
        turn = await wait_for_mail(settings, JANE, "[Globex rollout] Your turn: Proposal")
        assert first.process is not None
        if kill == "process group":
            os.killpg(first.process.pid, signal.SIGKILL)
        else:
            first.process.kill()
        first.process.wait()
        # the Temporal server went with it (it runs in a session of its own)
        await wait_until(lambda: not servers_on(database), "the old Temporal server stops")

        second.start()
        # the dead run's mailbox lease is released at once, not after the takeover time
        await wait_until(lambda: second.said(READING) == 1, "the second dev stack", timeout=25)
        assert second.said("releasing the lease of a run that was killed") == 1
        await reply_as(settings, JANE, turn, "Done - agreed with Sam")
        await wait_for_mail(settings, SAM, "[Globex rollout] Your turn: Budget")
        await wait_for_mail(settings, ALEX, "[Globex rollout] Done: Proposal")
        await asyncio.sleep(1)  # time for a duplicate to show, were there one
        await assert_nothing_twice(settings)
    finally:
        for dev in (second, first):
            await asyncio.to_thread(dev.stop)
    assert not servers_on(database)


async def test_a_server_left_running_on_the_data_directory_is_stopped(
    settings: Settings, tmp_path: Path
) -> None:
    """As if a `mutualplan dev` died where the kernel could not stop its server (not Linux):
    the server still runs on the database, its pid file names an owner that is gone."""
    temporal_dir = settings.data_dir / "temporal"
    temporal_dir.mkdir(parents=True)
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale_port = free_port()
    stale = subprocess.Popen(
        [
            str(temporal_cli()),
            *dev_server_args(temporal_dir, host="127.0.0.1", port=stale_port, ui_port=free_port()),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    (temporal_dir / PID_FILE).write_text(f"{stale.pid} {gone.pid}\n")
    dev = Dev(settings, tmp_path / "dev.log")
    try:
        await wait_until(lambda: stale_port_answers(stale_port), "the stale server", timeout=30)
        dev.start()
        await wait_until(lambda: dev.said(READING) == 1, "the dev stack", timeout=60)
        assert stale.poll() is not None, "the stale server was stopped"
        assert "stopping the Temporal dev server a killed run left" in dev.log.read_text()
        await send_as(settings, start_email(settings, "Initech pilot"))
        await wait_for_mail(settings, JANE, "[Initech pilot] Your turn: Proposal")
    finally:
        await asyncio.to_thread(dev.stop)
        if stale.poll() is None:
            stale.kill()
        stale.wait()


def stale_port_answers(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0
