"""With `log_format = json`, everything `mutualplan worker` writes to stderr is a JSON log record,
in plain words: the Temporal SDK core's own lines while Temporal is down, a refused IMAP login,
and the error it stops on. A log pipeline reading the journal never meets a colour code, a
Python repr (`b'...'`) or a raw `tonic::transport::Error`."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from mutualplan.devstack.ports import free_port as free_loopback_port
from mutualplan.devstack.temporal import temporal_dev_server

SECRET = "json-logs-hmac-key-0123456789"
NOT_PLAIN = ("\x1b[", "b'", 'b"', "tonic::", "Error(", "Os {")


def worker_env(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MUTUALPLAN_")}
    return env | {f"MUTUALPLAN_{k.upper()}": v for k, v in settings.items()}


def records(stderr: bytes) -> list[dict[str, str]]:
    """Every line as a JSON object (the test fails on the first that is not one)."""
    found = []
    for line in stderr.decode().splitlines():
        try:
            found.append(json.loads(line))
        except json.JSONDecodeError:
            raise AssertionError(f"not a JSON line: {line!r}") from None
    return found


def assert_plain(messages: list[str]) -> None:
    for message in messages:
        assert not any(mark in message for mark in NOT_PLAIN), message


@pytest.mark.slow  # `mutualplan worker` as a process
async def test_the_error_a_worker_stops_on_is_a_json_record_in_words(tmp_path: Path) -> None:
    closed = free_loopback_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "mutualplan", "worker",
        env=worker_env(
            secret=SECRET, allowed_sellers='["*"]', log_format="json",
            temporal_address=f"127.0.0.1:{closed}", data_dir=str(tmp_path),
        ),
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 1
    logged = records(stderr)
    assert [(r["level"], r["message"]) for r in logged] == [
        ("WARNING", logged[0]["message"]),
        (
            "CRITICAL",
            f"cannot connect to Temporal at 127.0.0.1:{closed} (MUTUALPLAN_TEMPORAL_ADDRESS): "
            "Connection refused",
        ),
    ]
    assert "ANYONE may start plans" in logged[0]["message"]


@pytest.mark.slow  # `mutualplan worker` processes
async def test_a_worker_refused_by_both_still_refuses_in_json(tmp_path: Path) -> None:
    """Settings that cannot be read, and a production worker open to nobody: JSON too."""
    bad = tmp_path / "bad.toml"
    bad.write_text("smtp_prot = 587\n", "utf-8")
    for args, env, said in [
        (["--config", str(bad)], {}, "invalid settings: smtp_prot: Extra inputs are not permitted"),
        ([], {"secret": SECRET}, "MUTUALPLAN_ALLOWED_SELLERS is empty"),
        ([], {"allowed_sellers": '["@acme.example"]'}, "MUTUALPLAN_SECRET is not set"),
    ]:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "mutualplan", *args, "worker",
            env=worker_env(log_format="json", data_dir=str(tmp_path), **env),
            stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, stderr = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 1
        [record] = records(stderr)
        assert record["level"] == "CRITICAL" and said in record["message"], record


async def _refusing_imap(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """An IMAP server that refuses every login, in Dovecot's words."""
    writer.write(b"* OK [CAPABILITY IMAP4rev1 LOGIN-REFERRALS AUTH=PLAIN] ready\r\n")
    await writer.drain()
    while line := await reader.readline():
        tag, _, command = line.decode().partition(" ")
        if command.upper().startswith("CAPABILITY"):
            writer.write(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + f"{tag} OK done\r\n".encode())
        elif command.upper().startswith("LOGIN"):
            writer.write(f"{tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n".encode())
        else:
            writer.write(f"{tag} BAD what\r\n".encode())
        await writer.drain()
    writer.close()


@pytest.fixture
async def refusing_imap() -> AsyncIterator[int]:
    server = await asyncio.start_server(_refusing_imap, "127.0.0.1", 0)
    yield server.sockets[0].getsockname()[1]
    server.close()


async def read_until(stream: asyncio.StreamReader, seen: list[bytes], found: Callable[[], bool]):  # type: ignore[no-untyped-def]
    async def scan() -> None:
        while not found():
            line = await stream.readline()
            if not line:
                raise AssertionError(b"".join(seen).decode())
            seen.append(line)

    await asyncio.wait_for(scan(), 90)


@pytest.mark.e2e
async def test_temporal_down_and_a_refused_login_log_json_in_words(
    tmp_path: Path, refusing_imap: int
) -> None:
    port, ui_port = free_loopback_port(), free_loopback_port()
    temporal = temporal_dev_server(tmp_path / "temporal", port=port, ui_port=ui_port)
    await temporal.__aenter__()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "mutualplan", "--log-format", "json", "-v", "worker",
        env=worker_env(
            secret=SECRET, allowed_sellers='["@acme.example"]', data_dir=str(tmp_path),
            temporal_address=f"127.0.0.1:{port}", imap_port=str(refusing_imap),
            imap_password="wrong-password", shutdown_grace_seconds="2",
        ),
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    seen: list[bytes] = []

    def said(text: str) -> bool:
        return any(text in line.decode() for line in seen)

    try:
        await read_until(process.stderr, seen, lambda: said("this worker cannot read it"))
        await temporal.__aexit__(None, None, None)  # Temporal goes away under the worker
        await read_until(process.stderr, seen, lambda: said('"logger": "temporalio.core'))
        process.send_signal(signal.SIGTERM)
        seen.append(await asyncio.wait_for(process.stderr.read(), 60))
        await asyncio.wait_for(process.wait(), 60)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await temporal.__aexit__(None, None, None)

    logged = records(b"".join(seen))
    messages = [r["message"] for r in logged]
    assert_plain(messages)
    refused = "IMAP 127.0.0.1:{}: login refused for plans@mutualplan.localhost: " + (
        "[AUTHENTICATIONFAILED] Authentication failed."
    )
    assert any(refused.format(refusing_imap) in m for m in messages), messages
    core = [r for r in logged if r["logger"].startswith("temporalio.core")]
    assert core and all(r["level"] in ("WARNING", "ERROR") for r in core), core
