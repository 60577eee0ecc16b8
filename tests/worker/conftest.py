"""The inbound router over a worker on the time-skipping server: each test module gives its own
`settings` (its secret, its task queue, the SMTP sink it reads)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from temporalio.testing import WorkflowEnvironment

from mutualplan.mail.compose import Renderer
from mutualplan.mail.send import SmtpSender
from mutualplan.settings import Settings
from mutualplan.worker.inbound import InboundRouter
from mutualplan.worker.run import build_worker


@pytest.fixture
async def router(
    time_skipping_env: WorkflowEnvironment, settings: Settings
) -> AsyncIterator[InboundRouter]:
    async with build_worker(settings, time_skipping_env.client):
        yield InboundRouter(
            settings, time_skipping_env.client, SmtpSender(settings.smtp), Renderer()
        )
