"""Webhooks to a real HTTP receiver on loopback that verifies every signature (the Standard
Webhooks reference library, as a receiver would), for plans on the time-skipping server."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import io
import json
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
import uvicorn
from pydantic import SecretStr
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from mutualplan.devstack.playground import example_start_email
from mutualplan.logs import configure_logging
from mutualplan.mail.compose import Renderer
from mutualplan.mail.send import SmtpSender
from mutualplan.messages import PlanInput, ReplyCommand
from mutualplan.models import Intent
from mutualplan.settings import Settings, WebhookEndpoint
from mutualplan.worker.inbound import InboundRouter
from mutualplan.worker.run import build_worker
from mutualplan.workflows.plan import RUN_DAYS, PlanWorkflow
from tests.support.plans import first_morning_after, make_plan, sleep_until

AUTHSERV = "mx.mutualplan.localhost"
SECRET = "whsec_" + base64.b64encode(b"receiver-test-secret-32-bytes!!!").decode()


class Receiver:
    """Takes events whose signature verifies (answers 401 otherwise), unless `down()`."""

    def __init__(self) -> None:
        self.accepted: list[tuple[str, str]] = []  # (webhook-id, type), every delivery
        self.data: dict[str, dict[str, Any]] = {}  # each webhook-id's `data`, as verified
        self.refused = 0
        self.forged = 0
        self.down: Callable[[], Awaitable[bool]] = _never
        self.arrived = asyncio.Event()

    async def hook(self, request: Request) -> Response:
        body = await request.body()
        try:
            event: dict[str, Any] = Webhook(SECRET).verify(body, dict(request.headers))
        except WebhookVerificationError:
            self.forged += 1
            return Response(status_code=401)
        if await self.down():
            self.refused += 1
            return Response(status_code=503)
        self.accepted.append((request.headers["webhook-id"], event["type"]))
        self.data.setdefault(request.headers["webhook-id"], event["data"])
        self.arrived.set()
        return Response(status_code=204)

    def first_arrivals(self) -> list[tuple[str, str]]:
        return list(dict.fromkeys(self.accepted))

    async def wait_for(self, kind: str, timeout: float = 30, count: int = 1) -> None:
        """Until `count` events of `kind` have arrived (redeliveries counted once)."""

        async def seen() -> None:
            while sum(t == kind for _, t in self.first_arrivals()) < count:
                self.arrived.clear()
                await self.arrived.wait()

        await asyncio.wait_for(seen(), timeout)


async def _never() -> bool:
    return False


@pytest.fixture
async def receiver(free_port: Callable[[], int]) -> AsyncIterator[tuple[Receiver, str]]:
    found = Receiver()
    app = Starlette(routes=[Route("/hook", found.hook, methods=["POST"])])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None,
                                           lifespan="off"))  # fmt: skip
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    yield found, f"http://127.0.0.1:{port}/hook"
    server.should_exit = True
    with contextlib.suppress(asyncio.CancelledError):
        await task


@pytest.fixture
def hooked(settings: Settings, receiver: tuple[Receiver, str]) -> Settings:
    endpoint = WebhookEndpoint(url=receiver[1], secret=SecretStr(SECRET))
    return settings.model_copy(update={"webhooks": [endpoint]})


async def reply(handle: WorkflowHandle[Any, Any], sender: str, intent: Intent, step: int,
                argument: str = "") -> None:  # fmt: skip
    command = ReplyCommand(
        message_id=f"{uuid.uuid4()}@globex.example", sender=sender, milestone_number=step,
        intent=intent, argument=argument, received_at=datetime.now(UTC),
    )  # fmt: skip
    await handle.execute_update(PlanWorkflow.apply_reply, command)


async def test_every_event_of_a_plans_life_arrives_once_and_in_order(
    time_skipping_env: WorkflowEnvironment, hooked: Settings, receiver: tuple[Receiver, str]
) -> None:
    found, _ = receiver
    env = time_skipping_env
    plan = make_plan("short", confirm=False, now=await env.get_current_time())
    async with build_worker(hooked, env.client):
        handle = await env.client.start_workflow(
            PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=hooked.task_queue
        )
        await reply(handle, "alex@acme.example", Intent.CONFIRM, 0)
        await reply(handle, "jane@globex.example", Intent.NOTE, 1, "SSO first, please")
        await reply(handle, "jane@globex.example", Intent.BLOCKED, 1, "waiting for IT")
        for m in plan.milestones:  # the first with what its owner wrote: the note
            note = "Legal signed it this morning" if m.number == 1 else ""
            await reply(handle, plan.owner(m).email, Intent.DONE, m.number, note)
        await handle.result()  # the plan ends once its last events are out
        await found.wait_for("plan.completed")
    assert found.forged == 0
    assert len(found.accepted) == len(set(found.accepted)), "each webhook-id once"
    numbers = [int(event_id.rpartition(".")[2]) for event_id, _ in found.accepted]
    assert numbers == sorted(numbers), "in the order they happened"
    kinds = [kind for _, kind in found.accepted]
    steps = ["milestone.done", "milestone.started"] * (len(plan.milestones) - 1)
    # a step done and the next one started are one change: its health comes after both
    assert kinds == [
        "plan.started", "plan.confirmed", "milestone.started", "comment.added",
        "milestone.blocked", "plan.health_changed", "milestone.done", "milestone.started",
        "plan.health_changed", *steps[2:], "milestone.done", "plan.completed",
    ]  # fmt: skip
    done = [found.data[i] for i, kind in found.first_arrivals() if kind == "milestone.done"]
    assert [d["milestone"]["number"] for d in done] == [m.number for m in plan.milestones]
    assert [d["note"] for d in done] == ["Legal signed it this morning"] + [None] * (len(done) - 1)
    assert all(set(d) == {"plan", "milestone", "note"} for d in done)


def local_activities(events: Any) -> list[str]:
    """The local activities a run's events record, by type, in order."""
    found = []
    for e in events:
        marker = e.marker_recorded_event_attributes
        if e.event_type == EventType.EVENT_TYPE_MARKER_RECORDED and (
            marker.marker_name == "core_local_activity"
        ):
            found.append(json.loads(marker.details["data"].payloads[0].data)["activity_type"])
    return found


async def test_a_plan_started_by_email_knows_the_endpoints_without_asking(
    time_skipping_env: WorkflowEnvironment, hooked: Settings, receiver: tuple[Receiver, str]
) -> None:
    """The worker that starts a plan from the seller's email hands it the event types its
    endpoints want: the plan's first task sends its emails and asks nothing more, and the
    endpoint hears the plan start."""
    found, _ = receiver
    env = time_skipping_env
    settings = hooked.model_copy(update={"trusted_authserv_id": AUTHSERV})
    today = (await env.get_current_time()).date()
    email = example_start_email(settings, template="short", today=today, confirm=True)
    email["Authentication-Results"] = f"{AUTHSERV}; dmarc=pass header.from=acme.example"
    async with build_worker(settings, env.client):
        router = InboundRouter(settings, env.client, SmtpSender(settings.smtp), Renderer())
        started = await router.handle(email.as_bytes())
        assert started.applied, started.reason
        await found.wait_for("milestone.started")
        handle = env.client.get_workflow_handle(started.reason.removeprefix("started plan "))
        events = (await handle.fetch_history()).events
        await handle.terminate()
    assert local_activities(events) == ["send_plan_emails"]
    assert [kind for _, kind in found.first_arrivals()] == [
        "plan.started", "plan.confirmed", "milestone.started",
    ]  # fmt: skip


async def test_a_receiver_down_for_30_seconds_then_gets_everything(
    time_skipping_env: WorkflowEnvironment, hooked: Settings, receiver: tuple[Receiver, str]
) -> None:
    """Down for the first 30 s of the server's time: the activity is retried with backoff
    (the waits skipped, as time skips), and then every event arrives, in order."""
    found, _ = receiver
    env = time_skipping_env
    started = await env.get_current_time()

    async def down() -> bool:
        return await env.get_current_time() < started + timedelta(seconds=30)

    found.down = down
    plan = make_plan("short", now=started)
    async with build_worker(hooked, env.client):
        handle = await env.client.start_workflow(
            PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=hooked.task_queue
        )
        await reply(handle, "jane@globex.example", Intent.DONE, 1)
        await env.sleep(timedelta(minutes=2))
        await found.wait_for("milestone.started", count=2)  # the second step's, the last one
        await handle.terminate()
    assert found.refused > 0, "the receiver was down at first"
    assert found.forged == 0
    assert [kind for _, kind in found.first_arrivals()] == [
        "plan.started", "plan.confirmed", "milestone.started", "milestone.done",
        "milestone.started",
    ]  # fmt: skip
    numbers = [int(event_id.rpartition(".")[2]) for event_id, _ in found.first_arrivals()]
    assert numbers == sorted(numbers)


async def test_events_waiting_when_the_plan_continues_as_new_go_out_after_it(
    time_skipping_env: WorkflowEnvironment, hooked: Settings, receiver: tuple[Receiver, str]
) -> None:
    """A week on, the plan continues as new while the receiver is down with a note's event
    still to deliver: the run waits for the batch under way, carries the rest in its run
    state, and the next run sends on; nothing is lost, nothing out of order. (Two notes the
    evening before: the seller's second notice of the day waits for the morning, so the plan
    wakes then, a week old.)"""
    found, _ = receiver
    env = time_skipping_env
    started = await env.get_current_time()
    notes_at = started + RUN_DAYS + timedelta(minutes=1)
    morning = first_morning_after(notes_at)
    down_from, down_until = notes_at - timedelta(minutes=1), morning + timedelta(hours=12)

    async def down() -> bool:
        return down_from <= await env.get_current_time() < down_until

    found.down = down
    plan = make_plan("short", now=started)
    async with build_worker(hooked, env.client):
        handle = await env.client.start_workflow(
            PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=hooked.task_queue
        )
        first_run = (await handle.describe()).run_id
        await sleep_until(env, notes_at)
        await reply(handle, "jane@globex.example", Intent.NOTE, 1, "before the new run")
        await reply(handle, "jane@globex.example", Intent.NOTE, 1, "also before it")
        await sleep_until(env, down_until + timedelta(hours=1))
        await reply(handle, "jane@globex.example", Intent.NOTE, 1, "after it")
        await env.sleep(timedelta(minutes=5))
        await found.wait_for("comment.added", count=3)
        description = await env.client.get_workflow_handle(plan.id).describe()
        await asyncio.sleep(0.5)
        await handle.terminate()
    assert description.run_id != first_run, "the plan continued as new"
    assert found.refused > 0 and found.forged == 0
    comments = [e for e in found.first_arrivals() if e[1] == "comment.added"]
    assert len(comments) == 3
    numbers = [int(event_id.rpartition(".")[2]) for event_id, _ in found.first_arrivals()]
    assert numbers == sorted(numbers) and len(numbers) == len(set(numbers))


async def next_wake(handle: WorkflowHandle[Any, Any]) -> datetime:
    """When the plan's pending morning timer fires, read from its history."""
    pending: dict[int, datetime] = {}
    for e in (await handle.fetch_history()).events:
        if e.event_type == EventType.EVENT_TYPE_TIMER_STARTED:
            timeout = e.timer_started_event_attributes.start_to_fire_timeout.ToTimedelta()
            pending[e.event_id] = e.event_time.ToDatetime(tzinfo=UTC) + timeout
        elif e.event_type == EventType.EVENT_TYPE_TIMER_FIRED:
            pending.pop(e.timer_fired_event_attributes.started_event_id, None)
        elif e.event_type == EventType.EVENT_TYPE_TIMER_CANCELED:
            pending.pop(e.timer_canceled_event_attributes.started_event_id, None)
    return min(pending.values())


async def test_an_endpoint_added_while_the_plan_sleeps_hears_its_next_change(
    time_skipping_env: WorkflowEnvironment,
    settings: Settings,
    hooked: Settings,
    receiver: tuple[Receiver, str],
) -> None:
    """A plan started before any endpoint was set sleeps through its quiet mornings. An
    endpoint is added (the worker restarted with it) while the plan sleeps: Jane's next note
    reaches it all the same."""
    found, _ = receiver
    env = time_skipping_env
    plan = make_plan("short", now=await env.get_current_time())
    # (a worker that keeps no plan: the test server would hold the plan's next task for it)
    async with build_worker(settings, env.client, max_cached_workflows=0):
        handle = await env.client.start_workflow(
            PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
        )
        noon = datetime.combine(plan.created_at.date() + timedelta(days=1), time(12), UTC)
        await sleep_until(env, noon)  # hours after the plan's morning, if it woke
        assert (await next_wake(handle)).date() > noon.date(), "the plan sleeps on"
    async with build_worker(hooked, env.client):
        await reply(handle, "jane@globex.example", Intent.NOTE, 1, "legal has the draft")
        await found.wait_for("comment.added")
        await handle.terminate()
    assert [kind for _, kind in found.first_arrivals()] == ["comment.added"]


async def test_an_endpoints_credentials_stay_out_of_logs_and_history(
    time_skipping_env: WorkflowEnvironment,
    settings: Settings,
    receiver: tuple[Receiver, str],
) -> None:
    """A receiver's URL often carries its credentials (user:password@, a key in the path or
    the query, as chat and automation services give them): while it is down, what the log and
    the plan's history say about it names its host, never them."""
    found, url = receiver
    secret_url = url.replace("://", "://hook-user:pa55-word@") + "?token=tok-0123456789abcdef"
    hooked = settings.model_copy(
        update={"webhooks": [WebhookEndpoint(url=secret_url, secret=SecretStr(SECRET))]}
    )
    env = time_skipping_env
    started = await env.get_current_time()

    async def down() -> bool:
        return await env.get_current_time() < started + timedelta(seconds=30)

    found.down = down
    out = io.StringIO()  # the log of `mutualplan worker --verbose`
    handler = configure_logging(level=logging.INFO, log_format="text", stream=out)
    plan = make_plan("short", now=started)
    async with build_worker(hooked, env.client):
        handle = await env.client.start_workflow(
            PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=hooked.task_queue
        )
        await env.sleep(timedelta(minutes=2))
        await found.wait_for("milestone.started")
        await asyncio.sleep(0.5)
        history = (await handle.fetch_history()).to_json()
        await handle.terminate()
    logging.getLogger().removeHandler(handler)
    assert found.refused > 0, "the receiver was down at first"
    # the engine's lines (the receiver's own server, uvicorn, logs what it was sent)
    logged = "\n".join(line for line in out.getvalue().splitlines() if " uvicorn." not in line)
    assert "webhooks not delivered" in logged and "127.0.0.1" in logged
    for credential in ("pa55-word", "tok-0123456789abcdef", "hook-user"):
        assert credential not in logged
        assert credential not in history
