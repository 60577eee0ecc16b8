"""Whose plans a cockpit lists, on a real Temporal dev server (its list calls are what the
cockpit reads): an address is matched as it is, apostrophes and all."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx2
import pytest
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from mutualplan.client.plan_list import list_plans
from mutualplan.devstack.ports import free_port
from mutualplan.links import CockpitLinks
from mutualplan.mail.tokens import plan_id_for
from mutualplan.messages import PlanInput
from mutualplan.models import Plan
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template
from mutualplan.web.server import serve_web
from mutualplan.worker.run import build_worker
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.temporal import address_of, new_namespace
from tests.support.web import PEOPLE

pytestmark = pytest.mark.e2e
# an apostrophe is as good a character of an address as any (RFC 5322 atext): with it dropped
# from the list filter, O'Brien's cockpit showed Obrien's plans and none of his own
SELLERS = {
    "o'brien@acme.example": "O'Brien's deal",
    "obrien@acme.example": "Obrien's deal",
}


def plan_for(seller: str, deal: str, now: datetime) -> Plan:
    request = StartRequest(
        message_id=f"{uuid.uuid4()}@acme.example",
        template="short",
        seller=Person(name="Seller", email=seller),
        deal=deal,
        go_live=(now + timedelta(days=60)).date(),
        people=PEOPLE,
        confirm=True,
    )
    template = load_template("short").model_copy(update={"checkin": None})
    return build_plan(template, request, plan_id=plan_id_for(request.message_id), now=now)


@pytest.fixture
async def sellers_plans(dev_server: WorkflowEnvironment) -> AsyncIterator[tuple[Settings, Client]]:
    settings = Settings(
        secret="cockpit-sellers-secret",
        temporal_address=address_of(dev_server),
        temporal_namespace=await new_namespace(dev_server),
        task_queue=f"sellers-{uuid.uuid4().hex[:6]}",
        web_enabled=True,
        web_port=free_port(),
    )
    client = await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        data_converter=pydantic_data_converter,
    )
    now = datetime.now(UTC)
    plans = [plan_for(seller, deal, now) for seller, deal in SELLERS.items()]
    async with build_worker(settings, client):
        for plan in plans:
            await client.start_workflow(
                PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
            )
        for _ in range(300):  # visibility lags a little, and the plan names its seller then
            rows = await list_plans(client)
            if len(rows) == len(plans) and all(r.deal and r.seller for r in rows):
                break
            await asyncio.sleep(0.1)
        yield settings, client
        for plan in plans:
            await client.get_workflow_handle(plan.id).terminate()


async def test_each_seller_sees_only_their_own_plans(
    sellers_plans: tuple[Settings, Client],
) -> None:
    settings, client = sellers_plans
    links = CockpitLinks(settings.secret_bytes())
    async with (
        serve_web(settings, client) as address,
        httpx2.AsyncClient(base_url=address) as http,
    ):
        for seller, deal in SELLERS.items():
            rows = await list_plans(client, seller=seller)
            assert [r.deal for r in rows] == [deal], seller
            page = await http.get(links.url(seller, datetime.now(UTC)))
            assert page.status_code == 200, seller
            shown = [d for d in SELLERS.values() if d.replace("'", "&#39;") in page.text]
            assert shown == [deal], seller
