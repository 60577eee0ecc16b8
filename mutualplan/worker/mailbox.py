"""Offer to read the plans mailbox: the `consume_mailbox` activity runs the IMAP listener here
when Temporal gives it to this worker (see `workflows/mailbox.py` for why only one runs).

The activity has its own task queue, which only workers that read mail poll, so a worker started
with `--no-listener` never gets it.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from temporalio import activity
from temporalio.client import Client
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError, ApplicationErrorCategory
from temporalio.worker import Worker

from mutualplan.models import MailboxConsumer
from mutualplan.settings import Settings
from mutualplan.worker.listener import MailListener
from mutualplan.workflows.mailbox import CONSUME_MAILBOX, MailboxWorkflow, consumer_workflow_id

log = logging.getLogger(__name__)
MIN_HEARTBEAT_SECONDS = 1.0


class MailboxActivities:
    def __init__(self, mailbox: str, listener: MailListener, stopping: asyncio.Event) -> None:
        self._mailbox = mailbox
        self._listener = listener
        self._stopping = stopping

    @activity.defn(name=CONSUME_MAILBOX)
    async def consume_mailbox(self, consumer: MailboxConsumer) -> None:
        """Read the mailbox until this worker stops (then fail, so another worker takes over at
        once) or Temporal cancels the attempt, heartbeating all along."""
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
                    listening.result()  # the listener's error, if any: it never returns
                    raise ApplicationError("the mail listener stopped")
        finally:
            for task in (listening, stopping):
                task.cancel()
            await asyncio.wait({listening, stopping})


def mailbox_task_queue(settings: Settings) -> str:
    return f"{settings.task_queue}-mailbox"


async def offer_to_read_mail(settings: Settings, client: Client, listener: MailListener) -> None:
    """Until cancelled: make sure the mailbox's workflow runs, and take its activity when
    Temporal hands it here. Cancelled, the listener here stops at once (no grace period)."""
    stopping = asyncio.Event()
    activities = MailboxActivities(settings.imap_login, listener, stopping)
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
            await asyncio.Event().wait()
        finally:
            stopping.set()
