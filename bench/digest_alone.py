"""The Monday digest, once, in a process of its own: the worker's activity
(`DigestActivities.send_seller_digests`, reading Temporal's list and mailing each seller) run
with Temporal's ActivityEnvironment, configured through the environment as the worker is. The
digest workflow itself waits for Monday; what it does on Monday is this activity.

bench/scale.py runs it against its stack and reads the one JSON line it prints: the seconds
the digest took, the sellers and plans it covered, and the process's memory before and at its
peak (its own process, so the peak is the digest's and not the worker's)."""

from __future__ import annotations

import asyncio
import json
import resource
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from temporalio.testing import ActivityEnvironment

from mutualplan.client.connection import connect_temporal
from mutualplan.mail.compose import Renderer
from mutualplan.mail.send import SmtpSender
from mutualplan.messages import DigestRequest
from mutualplan.settings import Settings
from mutualplan.worker.digests import DigestActivities, TemporalPlans


def rss_mb(key: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


async def main() -> None:
    settings = Settings()
    client = await connect_temporal(settings)
    renderer = Renderer()
    now = datetime.now(UTC)
    request = DigestRequest(since=now - timedelta(days=7), now=now)
    beats: list[float] = []
    environment = ActivityEnvironment()
    environment.on_heartbeat = lambda *details: beats.append(time.time())
    before = rss_mb()
    cpu0 = time.process_time()
    t0 = time.time()
    async with SmtpSender(settings.smtp) as sender:
        activities = DigestActivities(settings, TemporalPlans(client), sender, renderer)
        report = await environment.run(activities.send_seller_digests, request)
    seconds = time.time() - t0
    figures = {
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu0,
        "sellers": report.sellers,
        "plans": report.plans,
        "rss_before_mb": before,
        "rss_after_mb": rss_mb(),
        "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "heartbeats": len(beats),
        "longest_between_heartbeats_s": max(
            (b - a for a, b in zip([t0, *beats], [*beats, t0 + seconds], strict=True)),
            default=seconds,
        ),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    asyncio.run(main())
