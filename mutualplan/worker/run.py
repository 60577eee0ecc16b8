"""The worker process: a Temporal worker for plans plus the IMAP listener on the plans mailbox."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Worker

from mutualplan.mail.compose import Renderer
from mutualplan.mail.send import SmtpSender
from mutualplan.settings import Settings
from mutualplan.worker.activities import MailActivities
from mutualplan.worker.inbound import InboundRouter
from mutualplan.worker.listener import MailListener
from mutualplan.workflows.plan import PlanWorkflow

log = logging.getLogger(__name__)


async def connect_temporal(settings: Settings) -> Client:
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        data_converter=pydantic_data_converter,
    )


def build_worker(settings: Settings, client: Client, **options: Any) -> Worker:
    activities = MailActivities(settings, SmtpSender(settings), Renderer())
    return Worker(
        client,
        task_queue=settings.task_queue,
        workflows=[PlanWorkflow],
        activities=[activities.send_plan_email],
        **options,
    )


async def run_worker(settings: Settings, client: Client, *, listen: bool = True) -> None:
    """Run until cancelled: execute plans, and (with `listen`) read the plans mailbox."""
    router = InboundRouter(settings, client, SmtpSender(settings), Renderer())
    async with build_worker(settings, client):
        log.info("worker running on task queue %s", settings.task_queue)
        if listen:
            await MailListener(settings, router).run()
        else:
            await asyncio.Event().wait()
