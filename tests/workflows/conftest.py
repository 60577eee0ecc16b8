"""Fixtures for workflow tests: settings pointing at the SMTP sink, and a worker to run plans."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from mutualplan.settings import Settings
from mutualplan.worker.run import build_worker
from tests.support.plans import SECRET


@pytest.fixture
def settings(smtp_sink: object) -> Settings:
    return Settings(
        secret=SECRET,
        smtp_port=smtp_sink.port,  # type: ignore[attr-defined]
        task_queue=f"plans-{uuid.uuid4().hex[:8]}",
    )


@pytest.fixture
async def worker(
    time_skipping_env: WorkflowEnvironment, settings: Settings
) -> AsyncIterator[Worker]:
    async with build_worker(settings, time_skipping_env.client) as running:
        yield running
