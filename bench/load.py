"""The load: the people and emails of plan i, sending them, bare Temporal's workflows, and waiting
for what they cause. The sizes of a full and a quick run."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

import aiosmtplib
from temporalio.client import Client, WorkflowHandle

from bench.bare_workflow import BARE_TASK_QUEUE, BareWorkflow
from bench.progress import say
from mutualplan.business_days import add_business_days
from mutualplan.mail.tokens import plan_id_for
from mutualplan.settings import Settings

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


async def bounded(
    items: Iterable[Any], fn: Callable[[Any], Awaitable[Any]], limit: int
) -> list[Any]:
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


def update_id(reply: EmailMessage) -> str:
    """The id the router gives the reply's update (`mail-` + a hash of its Message-ID)."""
    return f"mail-{plan_id_for(message_id(reply))}"
