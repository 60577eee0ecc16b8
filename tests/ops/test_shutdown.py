"""SIGTERM stops `mutualplan worker` and `mutualplan dev` like Ctrl-C: in order, exit code 0."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
import time
from pathlib import Path

import pytest

from mutualplan.devstack.ports import free_port as free_loopback_port
from tests.support.tls import Imap, Pki

SECRET = "shutdown-hmac-key-0123456789abcdef"
IMAP_PASSWORD = "shutdown-imap-password"


def clean_env(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MUTUALPLAN_")}
    return env | {f"MUTUALPLAN_{k.upper()}": v for k, v in settings.items()}


async def read_until(stream: asyncio.StreamReader, needle: str, seen: list[str]) -> None:
    async def scan() -> None:
        while line := (await stream.readline()).decode():
            seen.append(line)
            if needle in line:
                return
        raise AssertionError(f"{needle!r} never came: {''.join(seen)}")

    await asyncio.wait_for(scan(), 60)


async def test_worker_drains_and_logs_out_on_sigterm(
    temporal: str, imap_tls: Imap, pki: Pki, tmp_path: Path
) -> None:
    env = clean_env(
        secret=SECRET,
        allowed_sellers='["@acme.example"]',
        temporal_address=temporal,
        task_queue=f"shutdown-{os.getpid()}",
        imap_port=str(imap_tls.starttls_port),
        imap_security="starttls",
        imap_ca_file=str(pki.ca_file),
        imap_password=IMAP_PASSWORD,
        data_dir=str(tmp_path),
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "mutualplan", "--log-format", "json", "worker",
        env=env, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    seen: list[str] = []
    try:
        await read_until(process.stderr, "mail listener: watching", seen)
        process.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        seen.append((await asyncio.wait_for(process.stderr.read(), 60)).decode())
        assert await asyncio.wait_for(process.wait(), 60) == 0
        # the mailbox reader stops at once: no waiting out the 30 s grace for running activities
        assert time.monotonic() - signalled < 10
    finally:
        if process.returncode is None:
            process.kill()
    records = [json.loads(line) for line in "".join(seen).splitlines()]
    messages = [r["message"] for r in records]
    assert {"time", "level", "logger", "message"} <= set(records[0])
    assert "SIGTERM: shutting down" in messages
    assert "mail listener: logged out of plans@mutualplan.localhost" in messages
    assert messages[-1] == "stopped"
    assert SECRET not in "".join(seen) and IMAP_PASSWORD not in "".join(seen)


def _answers(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.e2e
async def test_dev_stops_its_servers_on_sigterm(tmp_path: Path) -> None:
    smtp, imap, temporal, ui, web = (free_loopback_port() for _ in range(5))
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "mutualplan", "--data-dir", str(tmp_path), "dev",
        "--smtp-port", str(smtp), "--imap-port", str(imap),
        "--temporal-port", str(temporal), "--ui-port", str(ui), "--web-port", str(web),
        env=clean_env(), stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert process.stdout is not None
    seen: list[str] = []
    try:
        await read_until(process.stdout, "Metrics ", seen)
        metrics = int(seen[-1].rsplit(":", 1)[1].split("/")[0])
        assert all(_answers(port) for port in (smtp, imap, temporal, metrics))
        process.send_signal(signal.SIGTERM)
        seen.append((await asyncio.wait_for(process.stdout.read(), 60)).decode())
        assert await asyncio.wait_for(process.wait(), 60) == 0
    finally:
        if process.returncode is None:
            process.kill()
    assert "stopped; plans and mail are kept in" in "".join(seen)
    assert not any(_answers(port) for port in (smtp, imap, temporal, metrics))
