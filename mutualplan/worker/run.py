"""The worker process: a Temporal worker for plans plus the IMAP listener on the plans mailbox."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import gc
import logging
import signal
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any

from temporalio.client import Client
from temporalio.common import WorkflowIDConflictPolicy
from temporalio.worker import UnsandboxedWorkflowRunner, Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from mutualplan.client.connection import connect_temporal
from mutualplan.errors import ConfigError
from mutualplan.mail.compose import Renderer
from mutualplan.mail.outbox import RecordedSender, SentRecord, sent_record
from mutualplan.mail.reading_pool import ReadingPool
from mutualplan.mail.send import MailSender, SmtpSender
from mutualplan.messages import DigestSchedule
from mutualplan.routing.facts import read_inbound
from mutualplan.settings import Settings
from mutualplan.worker.activities import MailActivities
from mutualplan.worker.digests import DigestActivities, PlanDirectory, TemporalPlans
from mutualplan.worker.inbound import InboundRouter
from mutualplan.worker.listener import MailListener
from mutualplan.worker.mailbox import offer_to_read_mail
from mutualplan.worker.metrics import MeteredSender, Metrics, worker_runtime
from mutualplan.worker.webhooks import WebhookActivities
from mutualplan.workflows.digest import DIGEST_WORKFLOW_ID, SellerDigestWorkflow
from mutualplan.workflows.mailbox import MailboxWorkflow
from mutualplan.workflows.plan import PlanWorkflow

log = logging.getLogger(__name__)


async def connect_worker(settings: Settings) -> tuple[Client, Metrics]:
    """Connect for a worker: the SDK core's logs go through Python logging, and Prometheus
    metrics are served if metrics_bind_address is set."""
    runtime = worker_runtime(settings.metrics_bind_address)
    if settings.metrics_bind_address is None:
        return await connect_temporal(settings, runtime=runtime), Metrics()
    log.info("metrics on http://%s/metrics", settings.metrics_bind_address)
    return await connect_temporal(settings, runtime=runtime), Metrics(runtime.metric_meter)


# Plans run outside Temporal's sandbox, which checks a workflow's code by loading it anew for
# every plan and watching what it calls. Loaded once for all plans (a fresh copy per plan costs
# time at each start and memory for each cached plan), our code escapes those checks: the
# sandbox would then only add a round of bookkeeping to each workflow task, about a seventh of
# the worker's CPU under a burst of replies. The tests run every plan in the checking sandbox
# (`checked_runner`), so a workflow change that reads the clock or a file fails there.
WORKFLOW_RUNNER = UnsandboxedWorkflowRunner()


def checked_runner() -> SandboxedWorkflowRunner:
    """Temporal's sandbox with our modules loaded inside it, so it checks our workflow code.
    Plans read their reminder times in the plan's zone; the sandbox wraps ZoneInfo (it can
    read files), which breaks datetime.astimezone(). Zone data is fixed for a process's life.
    Babel is passed through for the same reason: a phrase's English (`Phrase.english`, the
    note a workflow keeps) names a country from CLDR's data ("in Germany"), loaded once per
    process and fixed for its life; loaded anew inside the sandbox, its lock is refused."""
    members = SandboxRestrictions.invalid_module_members_default.with_child_unrestricted("zoneinfo")
    return SandboxedWorkflowRunner(
        restrictions=dataclasses.replace(
            SandboxRestrictions.default.with_passthrough_modules("babel"),
            invalid_module_members=members,
        )
    )


# Every email is composed on the event loop that also reads the mailbox and drives the plans;
# sixteen emails at a time keep the four SMTP sessions that carry them (SmtpSender) busy and
# keep the listener and the plans from queueing behind a hundred of them. Plans wait days
# between answers, so caching 500 of them (not Temporal's 1,000) costs a replay now and then
# and keeps the worker's memory down when it holds thousands.
WORKER_TUNING: dict[str, Any] = {"max_concurrent_activities": 16, "max_cached_workflows": 500}


def build_worker(
    settings: Settings,
    client: Client,
    *,
    plan_directory: PlanDirectory | None = None,
    metrics: Metrics | None = None,
    sent: SentRecord | None = None,
    sender: MailSender | None = None,
    clock: Callable[[], datetime] | None = None,
    **options: Any,
) -> Worker:
    """`sent`: where sent mail is recorded (see mail/outbox.py); the worker process passes the
    plans mailbox's Sent folder, and one `sender` shared with the mail listener. `clock`: the
    digests' (a test's), else the system's."""
    sender = sender or MeteredSender(SmtpSender(settings.smtp), metrics or Metrics())
    renderer = Renderer()
    activities = MailActivities(settings, sender, renderer, sent)
    directory = plan_directory or TemporalPlans(client)
    digests = DigestActivities(settings, directory, sender, renderer, clock)
    webhooks = WebhookActivities(settings.webhooks)
    return Worker(
        client,
        task_queue=settings.task_queue,
        workflows=[PlanWorkflow, SellerDigestWorkflow, MailboxWorkflow],
        activities=[
            activities.send_plan_emails,
            digests.send_seller_digests,
            webhooks.webhook_types_wanted,
            webhooks.deliver_webhooks,
        ],
        **{"workflow_runner": WORKFLOW_RUNNER, **WORKER_TUNING, **options},
    )


NOBODY_ALLOWED = (
    "MUTUALPLAN_ALLOWED_SELLERS is empty, so anyone on the internet could start plans (and "
    "mail everyone they copy): set it to your sellers' addresses or @domains, e.g. "
    """MUTUALPLAN_ALLOWED_SELLERS='["@acme.example"]' (or allowed_sellers in the TOML file); """
    """'["*"]' lets anyone, on purpose"""
)
ANYONE_ALLOWED = (
    'allowed_sellers is ["*"]: ANYONE may start plans, and the engine mails whoever they '
    "copy; set MUTUALPLAN_ALLOWED_SELLERS to your sellers' addresses or @domains"
)


def check_who_may_start_plans(settings: Settings) -> None:
    """A production worker is closed by default: ConfigError while nobody is named, a warning
    when the operator let anyone in on purpose (["*"])."""
    if not settings.allowed_sellers:
        raise ConfigError(NOBODY_ALLOWED)
    if settings.anyone_may_start_plans:
        log.warning(ANYONE_ALLOWED)


async def run_worker(
    settings: Settings,
    client: Client,
    *,
    listen: bool = True,
    plans: bool = True,
    metrics: Metrics | None = None,
) -> None:
    """Run until cancelled: execute plans (with `plans`), and read the plans mailbox (with
    `listen`). A reader without plans leaves its CPU to reading mail and starting plans, which
    other workers then run."""
    metrics = metrics or Metrics()
    smtp = SmtpSender(settings.smtp)  # one set of kept-open SMTP sessions for all mail
    sender = MeteredSender(smtp, metrics)
    sent = sent_record(settings)
    # inbound mail is read in child processes, each message within the budget
    reader = ReadingPool(
        read_inbound,
        processes=settings.read_processes,
        budget_seconds=settings.read_budget_seconds,
        preload=["mutualplan.mail.warm"],  # the reader's patterns compiled once, not per reader
    )
    recorded = RecordedSender(sender, sent)
    router = InboundRouter(settings, client, recorded, Renderer(), read=reader.read)
    grace = timedelta(seconds=settings.shutdown_grace_seconds)
    try:
        async with reader, smtp, contextlib.AsyncExitStack() as stack:
            if plans:
                worker = build_worker(
                    settings,
                    client,
                    metrics=metrics,
                    sent=sent,
                    sender=sender,
                    graceful_shutdown_timeout=grace,
                )
                await stack.enter_async_context(worker)
                log.info("worker running on task queue %s", settings.task_queue)
            await start_seller_digests(settings, client)
            if settings.web_enabled:
                from mutualplan.web.server import serve_web

                await stack.enter_async_context(serve_web(settings, client))
            # What it took to start (modules, templates, schemas: about 100,000 objects) lives
            # as long as the process: kept out of the collector's sight, a full collection no
            # longer walks it every time (0.15-0.25 s each, several a minute under load).
            gc.freeze()
            if listen:  # only one worker at a time reads the mailbox (workflows/mailbox.py)
                listener = MailListener(settings, router, metrics=metrics)
                await offer_to_read_mail(settings, client, listener, metrics)
            else:
                await asyncio.Event().wait()
    finally:
        await asyncio.to_thread(sent.close)


async def start_seller_digests(settings: Settings, client: Client) -> None:
    """Every worker asks for the Monday digest; Temporal keeps exactly one running."""
    await client.start_workflow(
        SellerDigestWorkflow.run,
        DigestSchedule(timezone=settings.timezone),
        id=DIGEST_WORKFLOW_ID,
        task_queue=settings.task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
    )


async def run_until_terminated(main: Coroutine[Any, Any, None]) -> bool:
    """Run `main`; SIGTERM cancels it like Ctrl-C, so every `finally` and `async with` unwinds
    (the worker drains, the listener logs out, dev servers stop). True if SIGTERM stopped it."""
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    assert task is not None
    terminated = asyncio.Event()

    def on_sigterm() -> None:
        log.info("SIGTERM: shutting down")
        terminated.set()
        task.cancel()

    loop.add_signal_handler(signal.SIGTERM, on_sigterm)
    try:
        await main
    except asyncio.CancelledError:
        if not terminated.is_set():
            raise
        task.uncancel()
    finally:
        loop.remove_signal_handler(signal.SIGTERM)
    if terminated.is_set():
        log.info("stopped")
    return terminated.is_set()
