"""Prometheus metrics: scrape `mutualplan worker`'s endpoint over loopback HTTP after a plan is
started and a reply applied; our counters moved, and the Temporal SDK's metrics are there."""

from __future__ import annotations

import asyncio
import re
import urllib.request
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import pytest

from mutualplan.devstack.playground import reply_as, send_as
from mutualplan.routing.outcomes import Outcome
from mutualplan.settings import Settings
from tests.support.processes import WorkerProcess
from tests.support.stack import start_email, wait_for_mail, wait_until

_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$")


def scrape(address: str) -> dict[str, float]:
    """`name{labels}` -> value, for every sample (the service_name label left out)."""
    with urllib.request.urlopen(f"http://{address}/metrics", timeout=10) as response:
        text = response.read().decode()
    samples = {}
    for line in text.splitlines():
        if match := _SAMPLE.match(line):
            name, labels, value = match.groups()
            labels = re.sub(r',?service_name="[^"]*"', "", labels or "").replace("{,", "{")
            samples[name + ("" if labels in ("", "{}") else labels)] = float(value)
    return samples


def stray_email(settings: Settings) -> EmailMessage:
    """A seller's colleague (one who may start plans: the stack allows @acme.example) writes to
    the plans address itself."""
    msg = EmailMessage()
    msg["From"] = "kim@acme.example"
    msg["To"] = settings.plans_address
    msg["Subject"] = "hello?"
    msg.set_content("Is this the right address?")
    return msg


@pytest.mark.e2e
async def test_counters_and_temporal_metrics_on_one_endpoint(
    stack: Settings, tmp_path: Path, free_port: Callable[[], int]
) -> None:
    settings = stack
    address = f"127.0.0.1:{free_port()}"
    worker = WorkerProcess(settings, tmp_path / "worker.log", metrics_bind_address=address)
    worker.start()
    try:
        await wait_until(lambda: worker.said("this worker reads it now") == 1, "the reader")
        at_start = await asyncio.to_thread(scrape, address)
        await send_as(settings, start_email(settings, "Globex rollout"))
        turn = await wait_for_mail(settings, "jane@globex.example", "Your turn: Proposal")
        await reply_as(settings, "jane@globex.example", turn, "done")
        await send_as(settings, stray_email(settings))
        await wait_for_mail(settings, "sam@globex.example", "Your turn: Budget")
        # a round's messages are counted one after another as they are filed, the stray one
        # (routed at once) before the reply (routed once its plan took it): wait for all three
        await wait_until(
            lambda: scrape(address).get("mutualplan_emails_received_total") == 3,
            "the three emails counted",
        )
        metrics = await asyncio.to_thread(scrape, address)
    finally:
        await asyncio.to_thread(worker.stop)

    assert metrics["mutualplan_emails_received_total"] == 3
    assert metrics["mutualplan_messages_applied_total"] == 2  # the start email and the reply
    # mail to the plans address naming no template: its sender is answered with the templates
    assert metrics['mutualplan_messages_set_aside_total{reason="no_template"}'] == 1
    assert metrics["mutualplan_reply_latency_seconds_count"] == 2
    assert 0 < metrics["mutualplan_reply_latency_seconds_sum"] < 30
    assert metrics['mutualplan_emails_sent_total{result="sent"}'] >= 8  # plan, turns, invites
    assert metrics['mutualplan_emails_sent_total{result="failed"}'] == 0
    # every series is there from the start, at 0: an alert on increase() or absence needs it
    for series in (
        "mutualplan_emails_received_total",
        "mutualplan_messages_applied_total",
        'mutualplan_messages_set_aside_total{reason="automated"}',
        'mutualplan_emails_sent_total{result="refused"}',
        'mutualplan_mailbox_handovers_total{reason="login_refused"}',
    ):
        assert at_start[series] == 0, series
    assert metrics["mutualplan_mailbox_reading"] == 1  # this worker reads the mailbox
    temporal = {name.split("{")[0] for name in metrics if name.startswith("temporal_")}
    # the SDK's own: the plans' emails went out in local activities
    assert "temporal_local_activity_execution_latency_count" in temporal, sorted(temporal)
    assert "temporal_request_total" in temporal, sorted(temporal)


def test_set_aside_messages_are_counted_by_a_few_label_values() -> None:
    """The `reason` label is the message's outcome: a fixed, small set of plain values."""
    assert len(Outcome) < 25
    assert all(re.fullmatch("[a-z_]+", outcome.value) for outcome in Outcome)
