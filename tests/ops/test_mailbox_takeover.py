"""Several workers, one mailbox reader: two `mutualplan worker` processes (and a third with
`--no-listener`) share the plans (each plan's tasks run on one or another); only one reads the
mailbox; when it is killed, the other listening one takes the mailbox over within the takeover
time, and a reply to a plan the killed worker ran, sent meanwhile, is applied once and its next
email sent once."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import count_mail, start_email, wait_for_mail, wait_until
from processes import WorkerProcess
from temporalio.client import WorkflowExecutionStatus

from mutualplan.models import MailboxConsumer
from mutualplan.settings import Settings
from mutualplan.worker.control import list_plans
from mutualplan.worker.devmail import dev_mail_server
from mutualplan.worker.mailbox import mailbox_task_queue
from mutualplan.worker.playground import reply_as, send_as
from mutualplan.worker.run import connect_temporal, run_worker
from mutualplan.workflows.mailbox import MailboxWorkflow, consumer_workflow_id

pytestmark = pytest.mark.e2e
READS = "this worker reads it now"
BATCH, MAX_BATCHES = 4, 4


async def plan_workers(settings: Settings) -> dict[str, set[str]]:
    """Deal -> the workers that ran its workflow and activity tasks, from its history."""
    client = await connect_temporal(settings)
    found: dict[str, set[str]] = {}
    for summary in await list_plans(client):
        history = await client.get_workflow_handle(summary.id).fetch_history()
        found[summary.deal] = {
            started.identity
            for event in history.events
            for started in (
                event.activity_task_started_event_attributes,
                event.workflow_task_started_event_attributes,
            )
            if started.identity
        }
    return found


async def start_plans_until_both_work(
    settings: Settings, workers: list[WorkerProcess]
) -> dict[str, set[str]]:
    """Temporal hands each new plan to one worker (its tasks then stay there while cached):
    start plans until each worker runs some."""
    wanted = {w.identity for w in workers}
    for batch in range(MAX_BATCHES):
        deals = [f"Deal {batch * BATCH + n}" for n in range(BATCH)]
        for deal in deals:
            await send_as(settings, start_email(settings, deal))
        for deal in deals:
            await wait_for_mail(settings, "jane@globex.example", f"[{deal}] Your turn: Proposal")
        # a plan's deal name reaches Temporal's list of plans a moment after its first emails
        # (they go out during the workflow task that sets it): until then it is listed as ""
        started = {f"Deal {n}" for n in range((batch + 1) * BATCH)}
        for _ in range(100):
            found = await plan_workers(settings)
            if set(found) == started:
                break
            await asyncio.sleep(0.1)
        if wanted <= set().union(*found.values()):
            return found
    raise AssertionError(f"one worker ran every plan: {found}")


async def test_two_workers_share_plans_and_the_mailbox_is_taken_over(
    stack: Settings, tmp_path: Path
) -> None:
    settings = stack
    workers = [WorkerProcess(settings, tmp_path / f"worker-{n}.log") for n in (1, 2)]
    plans_only = WorkerProcess(settings, tmp_path / "plans-only.log", "--no-listener")
    for worker in [*workers, plans_only]:
        worker.start()
    try:
        await wait_until(lambda: sum(w.said(READS) for w in workers) == 1, "a mailbox reader")
        [reader] = [w for w in workers if w.said(READS)]
        [other] = [w for w in workers if w is not reader]
        ran_on = await start_plans_until_both_work(settings, workers)

        # a plan the mailbox reader runs: killing it takes both the mailbox and the plan away
        deal = next(d for d, ids in ran_on.items() if reader.identity in ids)
        turn = await wait_for_mail(settings, "jane@globex.example", f"[{deal}] Your turn")
        reader.kill()
        await reply_as(settings, "jane@globex.example", turn, "Done - agreed")

        took = await wait_until(lambda: other.said(READS) == 1, "the other worker takes over")
        assert took < settings.mailbox_takeover_seconds + 5
        await wait_for_mail(settings, "sam@globex.example", f"[{deal}] Your turn: Budget")
        await asyncio.sleep(1)  # time for a duplicate to show, were there one
        assert await count_mail(settings, "sam@globex.example", f"[{deal}] Your turn") == 1
        assert await count_mail(settings, "alex@acme.example", f"[{deal}] Done: ") == 1
        survivors = {other.identity, plans_only.identity}
        assert survivors & (await plan_workers(settings))[deal]  # the plan moved too
        assert plans_only.said(READS) == 0  # `--no-listener`: never the mailbox reader

        # stopped with SIGTERM, a reader hands over at once, without waiting for the timeout
        late = WorkerProcess(settings, tmp_path / "late.log")
        workers.append(late)
        late.start()
        await wait_until(lambda: late.said("worker running on task queue") == 1, "a new worker")
        other.process.terminate()  # type: ignore[union-attr]
        await wait_until(lambda: late.said(READS) == 1, "the new worker takes over")
        client = await connect_temporal(settings)
        mailbox = client.get_workflow_handle(
            consumer_workflow_id(settings.task_queue, settings.imap_login)
        )
        [reading] = (await mailbox.describe()).raw_description.pending_activities
        assert reading.last_failure.application_failure_info.type == "WorkerStopping"
    finally:
        await asyncio.gather(*(asyncio.to_thread(w.stop) for w in [*workers, plans_only]))


async def test_the_reader_of_a_login_no_longer_configured_ends(
    temporal: str, tmp_path: Path, free_port: Callable[[], int]
) -> None:
    """After the IMAP login changes, the old login's workflow must not read the new mailbox
    alongside the new one's: the first worker that gets it ends it."""
    settings = Settings(
        secret="relogin-secret-0123456789",
        temporal_address=temporal,
        task_queue=f"relogin-{uuid.uuid4()}",
        smtp_port=free_port(),
        imap_port=free_port(),
        mailbox_takeover_seconds=5,
    )
    client = await connect_temporal(settings)
    old = await client.start_workflow(
        MailboxWorkflow.run,
        MailboxConsumer(
            mailbox="old-plans@mutualplan.localhost",
            task_queue=mailbox_task_queue(settings),
            takeover_seconds=5,
        ),
        id=consumer_workflow_id(settings.task_queue, "old-plans@mutualplan.localhost"),
        task_queue=settings.task_queue,
    )
    async with dev_mail_server(
        tmp_path / "mail", smtp_port=settings.smtp_port, imap_port=settings.imap_port
    ):
        running = asyncio.ensure_future(run_worker(settings, client))
        try:
            await asyncio.wait_for(old.result(), 30)
            current = client.get_workflow_handle(
                consumer_workflow_id(settings.task_queue, settings.imap_login)
            )
            assert (await current.describe()).status == WorkflowExecutionStatus.RUNNING
        finally:
            running.cancel()
            await asyncio.wait([running])
