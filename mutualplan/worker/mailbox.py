"""Offer to read the plans mailbox: the `consume_mailbox` activity runs the IMAP listener here
when Temporal gives it to this worker (see `workflows/mailbox.py` for why only one runs).

The activity has its own task queue, which only workers that read mail poll, so a worker started
with `--no-listener` never gets it.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import NoReturn

from temporalio import activity
from temporalio.api.enums.v1 import PendingActivityState
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError, ApplicationErrorCategory
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker import Worker

from mutualplan.messages import MailboxConsumer
from mutualplan.settings import Settings
from mutualplan.worker.listener import MailboxUnreadable, MailListener
from mutualplan.worker.metrics import Metrics
from mutualplan.workflows.mailbox import CONSUME_MAILBOX, MailboxWorkflow, consumer_workflow_id

log = logging.getLogger(__name__)
MIN_HEARTBEAT_SECONDS = 1.0
# After handing the mailbox over, this worker stops offering to read it for a while, doubling
# each time it hands over again without having read it in between: a wrong password is tried a
# few times an hour at most (lockouts such as fail2ban's count refused logins), a server that
# cannot be reached from here is tried again within a minute.
PAUSE_FIRST_SECONDS = {"lasting": 30.0, "passing": 5.0}
PAUSE_MAX_SECONDS = {"lasting": 600.0, "passing": 60.0}


class MailboxActivities:
    def __init__(
        self,
        mailbox: str,
        listener: MailListener,
        stopping: asyncio.Event,
        unreadable: asyncio.Future[MailboxUnreadable],
    ) -> None:
        self._mailbox = mailbox
        self._listener = listener
        self._stopping = stopping
        self._unreadable = unreadable

    @activity.defn(name=CONSUME_MAILBOX)
    async def consume_mailbox(self, consumer: MailboxConsumer) -> None:
        """Read the mailbox until this worker stops (then fail, so another worker takes over at
        once), Temporal cancels the attempt, or the mailbox cannot be read from here (then fail,
        so Temporal hands it to another worker). Heartbeats only while it reads the mailbox: a
        worker that cannot loses the lease even if its hand-over never reaches Temporal."""
        if consumer.mailbox != self._mailbox:
            # the workflow of a login no longer configured: end it, or two would read this one
            log.warning("mailbox %s is no longer configured; its reader ends", consumer.mailbox)
            return
        every = max(MIN_HEARTBEAT_SECONDS, consumer.takeover_seconds / 4)
        log.info("mailbox %s: this worker reads it now", consumer.mailbox)
        listening = asyncio.ensure_future(self._listener.run())
        stopping = asyncio.ensure_future(self._stopping.wait())
        try:
            while True:
                if self._listener.serving:
                    activity.heartbeat()
                done, _ = await asyncio.wait(
                    {listening, stopping}, timeout=every, return_when=asyncio.FIRST_COMPLETED
                )
                if stopping in done:
                    raise ApplicationError(  # expected: BENIGN keeps it out of the warnings
                        "this worker is stopping",
                        type="WorkerStopping",
                        category=ApplicationErrorCategory.BENIGN,
                    )
                if listening in done:
                    self._hand_over(listening)
        finally:
            for task in (listening, stopping):
                task.cancel()
            await asyncio.wait({listening, stopping})

    def _hand_over(self, listening: asyncio.Future[None]) -> NoReturn:
        """The listener ended, which it does only on an error: fail the attempt with it."""
        try:
            listening.result()
        except MailboxUnreadable as exc:
            if not self._unreadable.done():
                self._unreadable.set_result(exc)
            raise ApplicationError(  # our own log line says it: BENIGN keeps the SDK's out
                f"this worker cannot read the mailbox: {exc}",
                type="MailboxUnreadable",
                category=ApplicationErrorCategory.BENIGN,
            ) from None
        raise ApplicationError("the mail listener stopped")


async def release_stale_lease(settings: Settings, client: Client) -> None:
    """For the mailbox's only possible reader (the dev stack, alone on its Temporal): a lease
    Temporal still counts as held belongs to a run that was killed, so end it now rather than
    make the mail wait mailbox_takeover_seconds for its heartbeats to be missed."""
    handle = client.get_workflow_handle(
        consumer_workflow_id(settings.task_queue, settings.imap_login)
    )
    try:
        described = await handle.describe()
    except RPCError as exc:
        if exc.status == RPCStatusCode.NOT_FOUND:
            return
        raise
    held = any(
        pending.state == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
        for pending in described.raw_description.pending_activities
    )
    if described.status == WorkflowExecutionStatus.RUNNING and held:
        log.info("mailbox %s: releasing the lease of a run that was killed", settings.imap_login)
        await handle.terminate(reason="the dev stack restarted: the reader before it is gone")


def mailbox_task_queue(settings: Settings) -> str:
    return f"{settings.task_queue}-mailbox"


async def offer_to_read_mail(
    settings: Settings, client: Client, listener: MailListener, metrics: Metrics | None = None
) -> None:
    """Until cancelled: make sure the mailbox's workflow runs, and take its activity when
    Temporal hands it here. When this worker cannot read the mailbox it hands it over, says so
    (log, metric), and stops offering for a pause that doubles while it still cannot.
    Cancelled, the listener here stops at once (no grace period)."""
    metrics = metrics or Metrics()
    handovers = 0  # in a row, without reading the mailbox in between
    while True:
        logins = listener.logins
        unreadable = await _offer_until_unreadable(settings, client, listener)
        handovers = 1 if listener.logins > logins else handovers + 1
        pause = _pause(unreadable, handovers)
        metrics.mailbox_handed_over(unreadable.reason)
        log.error(
            "mailbox %s: this worker cannot read it (%s), so it hands it over to any other "
            "worker, and offers to read it again in %.0fs",
            settings.imap_login,
            unreadable,
            pause,
        )
        await asyncio.sleep(pause)


def _pause(unreadable: MailboxUnreadable, handovers: int) -> float:
    kind = "lasting" if unreadable.lasting else "passing"
    doubled = PAUSE_FIRST_SECONDS[kind] * 2.0 ** (handovers - 1)
    return min(doubled, PAUSE_MAX_SECONDS[kind])


async def _offer_until_unreadable(
    settings: Settings, client: Client, listener: MailListener
) -> MailboxUnreadable:
    """Poll for the mailbox's activity until it finds the mailbox cannot be read from here."""
    stopping = asyncio.Event()
    unreadable: asyncio.Future[MailboxUnreadable] = asyncio.get_running_loop().create_future()
    activities = MailboxActivities(settings.imap_login, listener, stopping, unreadable)
    async with Worker(
        client,
        task_queue=mailbox_task_queue(settings),
        activities=[activities.consume_mailbox],
        graceful_shutdown_timeout=timedelta(seconds=settings.shutdown_grace_seconds),
    ):
        consumer = MailboxConsumer(
            mailbox=settings.imap_login,
            task_queue=mailbox_task_queue(settings),
            takeover_seconds=settings.mailbox_takeover_seconds,
        )
        await client.start_workflow(
            MailboxWorkflow.run,
            consumer,
            id=consumer_workflow_id(settings.task_queue, settings.imap_login),
            task_queue=settings.task_queue,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
        )
        try:
            return await asyncio.shield(unreadable)
        finally:
            stopping.set()
