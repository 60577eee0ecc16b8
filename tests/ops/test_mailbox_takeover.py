"""Several workers, one mailbox reader: two `mutualplan worker` processes (and a third with
`--no-listener`) share the plans (each plan's tasks run on one or another); only one reads the
mailbox; when it is killed, the other listening one takes the mailbox over within the takeover
time, and a reply to a plan the killed worker ran, sent meanwhile, is applied once and its next
email sent once."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from temporalio.client import WorkflowExecutionStatus

from mutualplan.client.connection import connect_temporal
from mutualplan.client.plan_list import list_plans
from mutualplan.client.plans import get_plan
from mutualplan.devstack.mailserver import dev_mail_server
from mutualplan.devstack.playground import reply_as, send_as
from mutualplan.mail.receive import open_mailbox
from mutualplan.messages import MailboxConsumer
from mutualplan.settings import Settings
from mutualplan.worker.mailbox import mailbox_task_queue
from mutualplan.worker.run import run_worker
from mutualplan.workflows.mailbox import MailboxWorkflow, consumer_workflow_id
from tests.support.mailservers import PASSWORD, ImapServer, SmtpSink
from tests.support.processes import WorkerProcess
from tests.support.stack import count_mail, start_email, wait_for_mail, wait_until

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


def metric(address: str, name: str) -> float | None:
    with urllib.request.urlopen(f"http://{address}/metrics", timeout=10) as response:
        for line in response.read().decode().splitlines():
            if line.startswith(name) and line[len(name)] in " {,":
                return float(line.rsplit(" ", 1)[1])
    return None


async def test_a_worker_that_cannot_log_in_hands_the_mailbox_over(
    temporal: str,
    tmp_path: Path,
    free_port: Callable[[], int],
    require_program: Callable[[str], str],
) -> None:
    """As in the operator's deployment: Dovecot, two workers, one with a wrong IMAP password
    (a rotated password, config drift on one host) holding the mailbox. It stops heartbeating,
    hands the mailbox over after a few refused logins, says so in its log and metrics, and
    stays away; the healthy worker reads a start email long before the takeover time."""
    require_program("dovecot")
    imap = ImapServer("dovecot", tmp_path, free_port())
    sink = SmtpSink(free_port())
    settings = Settings(
        secret="handover-secret-0123456789",
        allowed_sellers=["@acme.example"],
        temporal_address=temporal,
        task_queue=f"handover-{uuid.uuid4()}",
        smtp_port=sink.port,
        imap_port=imap.port,
        imap_password=PASSWORD,
        mailbox_takeover_seconds=60,  # what a missed heartbeat alone would take
    )
    bad_metrics, good_metrics = f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"
    bad = WorkerProcess(
        settings,
        tmp_path / "bad.log",
        imap_password="rotated-yesterday",
        metrics_bind_address=bad_metrics,
        web_enabled="false",
    )
    good = WorkerProcess(settings, tmp_path / "good.log", metrics_bind_address=good_metrics)
    await asyncio.to_thread(imap.start)
    await sink.start()
    try:
        bad.start()
        await wait_until(lambda: bad.said(READS) == 1, "the bad worker takes the mailbox")
        assert metric(bad_metrics, "mutualplan_mailbox_handovers_total") == 0  # there from start
        good.start()
        await wait_until(lambda: good.said("worker running on task queue") == 1, "a good worker")
        with open_mailbox(settings) as mailbox:  # as the receiving mail server delivers it
            mailbox.client.append("INBOX", start_email(settings, "Initech pilot").as_bytes())
        delivered = asyncio.get_running_loop().time()

        await wait_until(
            lambda: good.said("applied message 1: started plan") == 1,
            "the start applied",
            timeout=45,
        )
        took = asyncio.get_running_loop().time() - delivered
        assert took < settings.mailbox_takeover_seconds / 2, took
        client = await connect_temporal(settings)
        [started] = await list_plans(client)
        assert (await get_plan(client, started.id)).deal == "Initech pilot"
        assert good.said(READS) == 1
        assert bad.said("this worker cannot read it (IMAP 127.0.0.1") == 1
        assert bad.said("offers to read it again in 30s") == 1
        handovers = 'mutualplan_mailbox_handovers_total{reason="login_refused"'
        assert metric(bad_metrics, handovers) == 1
        assert metric(bad_metrics, "mutualplan_mailbox_reading") == 0
        assert metric(good_metrics, "mutualplan_mailbox_reading") == 1
        # a few refused logins, then it stays away (a lockout counts them): the server's words,
        # not a Python repr of them
        tries = bad.said("mail listener: IMAP") + bad.said("this worker cannot read it")
        assert tries == 3, tries
        assert bad.said("[AUTHENTICATIONFAILED]") >= 1 and bad.said("b'") == 0
    finally:
        await asyncio.gather(*(asyncio.to_thread(w.stop) for w in (bad, good)))
        await asyncio.to_thread(imap.cleanup)
        await sink.stop()


async def test_a_reader_without_plans_starts_them_and_a_plans_worker_runs_them(
    stack: Settings, tmp_path: Path
) -> None:
    """`--no-plans` and `--no-listener` split one box's work: the reader reads mail and starts
    plans, the other runs every plan and sends its mail."""
    settings = stack
    reader = WorkerProcess(settings, tmp_path / "reader.log", "--no-plans")
    plans = WorkerProcess(settings, tmp_path / "plans.log", "--no-listener")
    for worker in (plans, reader):
        worker.start()
    try:
        await wait_until(lambda: reader.said(READS) == 1, "the reader reads the mailbox")
        await send_as(settings, start_email(settings, "Split deal"))
        turn = await wait_for_mail(settings, "jane@globex.example", "[Split deal] Your turn")
        await reply_as(settings, "jane@globex.example", turn, "Done")
        await wait_for_mail(settings, "sam@globex.example", "[Split deal] Your turn: Budget")
        assert (await plan_workers(settings))["Split deal"] == {plans.identity}
        assert reader.said("worker running on task queue") == 0
    finally:
        await asyncio.gather(*(asyncio.to_thread(w.stop) for w in (reader, plans)))


def test_a_worker_with_nothing_to_do_is_refused(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mutualplan", "worker", "--no-plans", "--no-listener"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert done.returncode == 1
    assert "nothing to do" in done.stderr
