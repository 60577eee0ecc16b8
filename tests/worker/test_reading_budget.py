"""A message that takes too long to read is set aside, and the worker goes on meanwhile (security
review, finding 1: one 9 KB email froze the worker, its pages and its mailbox lease for a minute).

End to end over the listener: the real router and plan workflow (Temporal's time-skipping
server), the dev IMAP server, and the worker's reading pool with a three-second budget. The slow
message is made slow on purpose (`hostile_mail.read_or_hang`: the regular-expression engine
backtracking for hours, holding the GIL, in the reading process).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from mutualplan.client.plans import get_plan
from mutualplan.devstack.mailserver import dev_mail_server
from mutualplan.devstack.playground import compose_reply, example_start_email
from mutualplan.mail.compose import Renderer
from mutualplan.mail.reading_pool import ReadingPool
from mutualplan.mail.receive import open_mailbox
from mutualplan.mail.send import SmtpSender
from mutualplan.settings import Settings
from mutualplan.worker.inbound import InboundRouter
from mutualplan.worker.listener import MailListener, plan_key
from mutualplan.worker.metrics import written_at
from mutualplan.worker.run import build_worker
from tests.support.hostile_mail import HANG, SHAPES, read_or_hang

JANE = "jane@globex.example"


async def test_a_message_too_long_to_read_is_set_aside_while_the_next_one_is_applied(
    tmp_path: Path,
    free_port: Callable[[], int],
    smtp_sink,
    time_skipping_env,  # type: ignore[no-untyped-def]
) -> None:
    settings = Settings(
        secret="reading-budget-secret",
        smtp_port=smtp_sink.port,  # what the engine sends
        imap_port=free_port(),
        task_queue=f"budget-{uuid.uuid4().hex[:8]}",
    )
    mail_in = settings.model_copy(update={"smtp_port": free_port()})  # what it gets
    inbound = SmtpSender(mail_in.smtp)
    client = time_skipping_env.client
    async with (
        dev_mail_server(tmp_path, smtp_port=mail_in.smtp_port, imap_port=settings.imap_port),
        build_worker(settings, client),
        ReadingPool(read_or_hang, processes=2, budget_seconds=3.0) as reader,
    ):
        router = InboundRouter(
            settings, client, SmtpSender(settings.smtp), Renderer(), read=reader.read
        )
        start = example_start_email(settings, template="short", today=date.today())
        start.set_content(start.get_content().replace("Go-live:", "Confirm: yes\nGo-live:", 1))
        started = await router.handle(start.as_bytes())
        assert started.applied, started.reason
        plan_id = started.reason.rsplit(" ", 1)[1]
        turn = await smtp_sink.wait_for(
            lambda m: JANE in str(m["To"]) and "Your turn" in str(m["Subject"])
        )

        poison = compose_reply(turn.as_bytes(), sender=JANE, text="blocked: poison")
        name, value = HANG.decode().split(": ")
        poison[name] = value
        await inbound.send(poison)
        await inbound.send(compose_reply(turn.as_bytes(), sender=JANE, text="done"))

        def set_aside() -> list[str]:
            with open_mailbox(settings) as mailbox:
                return [item.reason for item in mailbox.set_aside_messages()]

        gaps: list[float] = []
        listener = asyncio.create_task(MailListener(settings, router).run())
        try:
            milestone, reasons = None, []
            for _ in range(300):
                tick = time.monotonic()
                await asyncio.sleep(0.05)
                gaps.append(time.monotonic() - tick)
                milestone = (await get_plan(client, plan_id)).milestones[0]
                if milestone.status.value == "done":
                    reasons = await asyncio.to_thread(set_aside)
                    if reasons:
                        break
        finally:
            listener.cancel()
            await asyncio.gather(listener, return_exceptions=True)
    assert milestone is not None and milestone.status.value == "done"
    assert "blocked" not in [event.what for event in milestone.history]
    assert reasons == ["too long to read (more than 3 s)"]
    # the event loop went on all along: the read was stuck in another process
    assert max(gaps) < 1.0, max(gaps)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_what_the_listener_reads_itself_on_the_event_loop_is_bounded(shape: str) -> None:
    """The listener looks at the raw bytes on the event loop for the plan a message is about
    (to keep each plan's mail in order) and the Date (the reply-latency metric): over a megabyte
    of header fields, that took over a second. A tenth of the budget of one read is plenty."""
    raw = SHAPES[shape](1_000_000)
    started = time.process_time()
    plan_key(raw)
    written_at(raw)
    assert time.process_time() - started < 0.5
