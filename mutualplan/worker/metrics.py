"""Prometheus metrics: the Temporal SDK's own, and ours on the same endpoint.

The Temporal runtime already serves Prometheus (`PrometheusConfig`); our counters are made with
its metric meter, so one `/metrics` on `MUTUALPLAN_METRICS_BIND_ADDRESS` has both, and there is
no second HTTP server. Without an address the meter is a no-op and counting costs nothing.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from temporalio.common import MetricMeter
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig

from mutualplan.errors import ConfigError, MailError
from mutualplan.logs import core_logging
from mutualplan.mail.send import MailSender, SmtpRefused
from mutualplan.routing.outcomes import Disposition, Outcome

REPLY_LATENCY = "mutualplan_reply_latency_seconds"
LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600]
SET_ASIDE_OUTCOMES = [outcome.value for outcome in Outcome if outcome is not Outcome.APPLIED]
SEND_RESULTS = ["sent", "refused", "failed"]
HANDOVER_REASONS = ["login_refused", "misconfigured", "unreachable"]  # MailboxUnreadable
_HEADER_END = re.compile(rb"\r?\n\r?\n")
# on the event loop: the Date field is looked for in the first 64 KB only, with one scan (the
# header parser took seconds over a megabyte of header fields)
_HEAD_BYTES = 65_536
_DATE = re.compile(rb"^date:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)


def written_at(raw: bytes) -> datetime | None:
    """The message's Date header, if it has a readable one."""
    head = _HEADER_END.split(raw[:_HEAD_BYTES], maxsplit=1)[0]
    found = _DATE.search(head)
    try:
        date = " ".join(found.group(1).decode("ascii", "replace").split()) if found else ""
        when = parsedate_to_datetime(date) if date else None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when if when is None or when.tzinfo else when.replace(tzinfo=UTC)


class Metrics:
    """Our counters; passed to the listener and the mail sender."""

    def __init__(self, meter: MetricMeter = MetricMeter.noop) -> None:
        self._received = meter.create_counter(
            "mutualplan_emails_received", "Messages read from the plans mailbox"
        )
        self._applied = meter.create_counter(
            "mutualplan_messages_applied", "Messages whose effect is durable (plan started, reply)"
        )
        self._set_aside = meter.create_counter(
            "mutualplan_messages_set_aside", "Messages set aside, by outcome (routing.Outcome)"
        )
        self._latency = meter.create_histogram_float(
            REPLY_LATENCY, "From a message's Date to its effect being durable in Temporal"
        )
        self._sent = meter.create_counter(
            "mutualplan_emails_sent", "Emails handed to SMTP, by result (sent, refused, failed)"
        )
        self._reading = meter.create_gauge(
            "mutualplan_mailbox_reading",
            "1 while this worker reads the plans mailbox (logged in), else 0",
        )
        self._handed_over = meter.create_counter(
            "mutualplan_mailbox_handovers",
            "Times this worker gave the mailbox up because it could not read it, by reason",
        )
        self._show_every_series()

    def _show_every_series(self) -> None:
        """Every series at 0 from the start: an alert on `increase()` or on a missing reader
        needs the series to exist before its first event."""
        for counter in (self._received, self._applied):
            counter.add(0)
        for outcome in SET_ASIDE_OUTCOMES:
            self._set_aside.add(0, {"reason": outcome})
        for result in SEND_RESULTS:
            self._sent.add(0, {"result": result})
        for reason in HANDOVER_REASONS:
            self._handed_over.add(0, {"reason": reason})
        self._reading.set(0)

    def message_handled(self, raw: bytes, disposition: Disposition) -> None:
        self._received.add(1)
        if not disposition.applied:
            self._set_aside.add(1, {"reason": disposition.outcome.value})
            return
        self._applied.add(1)
        written = written_at(raw)
        if written is not None:
            seconds = (datetime.now(UTC) - written).total_seconds()
            self._latency.record(max(seconds, 0.0))  # a sender's clock may run ahead

    def email_sent(self, result: str) -> None:
        self._sent.add(1, {"result": result})

    def mailbox_reading(self, reading: bool) -> None:
        self._reading.set(int(reading))

    def mailbox_handed_over(self, reason: str) -> None:
        self._handed_over.add(1, {"reason": reason})


class MeteredSender:
    """A sender, counting what it sends and what fails."""

    def __init__(self, sender: MailSender, metrics: Metrics) -> None:
        self._sender = sender
        self._metrics = metrics

    async def send(self, message: EmailMessage) -> None:
        try:
            await self._sender.send(message)
        except SmtpRefused:
            self._metrics.email_sent("refused")
            raise
        except MailError:
            self._metrics.email_sent("failed")
            raise
        self._metrics.email_sent("sent")


def worker_runtime(metrics_bind_address: str | None) -> Runtime:
    """The worker's Temporal runtime: the core's logs through Python logging, and Prometheus
    on `metrics_bind_address` (host:port) if set."""
    if metrics_bind_address is None:
        return Runtime(telemetry=TelemetryConfig(logging=core_logging()))
    config = PrometheusConfig(
        bind_address=metrics_bind_address,
        counters_total_suffix=True,
        durations_as_seconds=True,
        histogram_bucket_overrides={REPLY_LATENCY: LATENCY_BUCKETS},
    )
    try:
        return Runtime(telemetry=TelemetryConfig(metrics=config, logging=core_logging()))
    except ValueError as exc:  # a bad address, or the port is taken
        raise ConfigError(f"metrics on {metrics_bind_address}: {exc}") from None
