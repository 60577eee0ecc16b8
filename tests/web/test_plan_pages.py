"""The plan pages through Starlette's TestClient, against a plan running on Temporal's
time-skipping server with the real mail activity sending to a loopback SMTP sink."""

from __future__ import annotations

import asyncio

from conftest import BASE_URL, JANE, link_in, start_plan, web_plan, your_turn
from starlette.testclient import TestClient

from mutualplan.web.app import build_app


async def test_smoke(time_skipping_env, settings, smtp_sink, worker):  # type: ignore[no-untyped-def]
    plan = web_plan()
    await start_plan(time_skipping_env, settings, plan)
    turn = await smtp_sink.wait_for(your_turn(JANE))
    page = link_in(turn, "no password needed):")
    client = TestClient(build_app(settings, time_skipping_env.client), base_url=BASE_URL)
    response = await asyncio.to_thread(client.get, page)
    print(response.status_code, response.text[:3000])
    assert response.status_code == 200
