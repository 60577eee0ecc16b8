"""The worker serves the plan pages when MUTUALPLAN_WEB_ENABLED is set, on its own event loop."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx2 as httpx
import pytest
from click.testing import CliRunner
from temporalio.testing import WorkflowEnvironment

from mutualplan.cli import main
from mutualplan.errors import ConfigError
from mutualplan.links import Links
from mutualplan.settings import Settings
from mutualplan.web.server import serve_web
from mutualplan.worker.run import build_worker, run_worker
from tests.support.web import JANE, SECRET, start_plan, web_plan


async def test_the_worker_serves_the_pages_when_enabled(  # type: ignore[no-untyped-def]
    time_skipping_env: WorkflowEnvironment, smtp_sink: Any, free_port: Callable[[], int]
) -> None:
    settings = Settings(
        secret=SECRET,
        smtp_port=smtp_sink.port,
        task_queue=f"served-{uuid.uuid4().hex[:8]}",
        web_enabled=True,
        web_port=free_port(),
    )
    worker = asyncio.create_task(run_worker(settings, time_skipping_env.client, listen=False))
    try:
        async with httpx.AsyncClient(base_url=settings.web_base_url or "") as client:
            for _ in range(100):
                with contextlib.suppress(httpx.TransportError):
                    response = await client.get("/")
                    break
                await asyncio.sleep(0.05)
            assert response.status_code == 200 and "link in any plan email" in response.text
            assert response.headers["x-frame-options"] == "DENY"
    finally:
        worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await worker
    with pytest.raises(httpx.TransportError):  # and it stops with the worker
        async with httpx.AsyncClient(base_url=settings.web_base_url or "") as client:
            await client.get("/")


async def test_a_port_in_use_is_one_clear_error(  # type: ignore[no-untyped-def]
    time_skipping_env: WorkflowEnvironment,
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = Settings(secret=SECRET, web_enabled=True, web_port=port)
        with pytest.raises(ConfigError, match=f"cannot serve plan pages on 127.0.0.1:{port}"):
            async with serve_web(settings, time_skipping_env.client):
                pass


async def test_mutualplan_link_prints_a_persons_own_link(  # type: ignore[no-untyped-def]
    time_skipping_env: WorkflowEnvironment, smtp_sink: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(secret=SECRET, smtp_port=smtp_sink.port,
                        task_queue=f"link-{uuid.uuid4().hex[:8]}")  # fmt: skip
    plan = web_plan()
    async with build_worker(settings, time_skipping_env.client):
        await start_plan(time_skipping_env, settings, plan)
        monkeypatch.setenv("MUTUALPLAN_SECRET", SECRET)
        target = time_skipping_env.client.service_client.config.target_host
        monkeypatch.setenv("MUTUALPLAN_TEMPORAL_ADDRESS", target)
        monkeypatch.setenv("MUTUALPLAN_WEB_PUBLIC_URL", "https://plans.acme.example")
        runner = CliRunner()
        found = await asyncio.to_thread(runner.invoke, main, ["link", plan.id, JANE])
        missing = await asyncio.to_thread(runner.invoke, main, ["link", plan.id, "x@y.example"])
    assert found.exit_code == 0, found.output
    url = found.output.strip()
    assert url.startswith("https://plans.acme.example/p/")
    claims = Links(SECRET.encode()).read(url.rsplit("/", 1)[1], datetime.now(UTC))
    assert claims.plan_id == plan.id and claims.stakeholder_id == plan.stakeholder_by_email(JANE).id  # type: ignore[union-attr]
    assert missing.exit_code == 1 and "x@y.example is not on plan" in missing.output
