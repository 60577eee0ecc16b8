"""The reading figures: read_reply over the corpora, the worst read of the hostile shapes the
tests build, and what the worker's reading processes add to a message. No stack needed."""

from __future__ import annotations

import importlib
import time
from pathlib import Path
from typing import Any

from mutualplan.mail.reading import read_reply
from mutualplan.mail.reading_pool import ReadingPool
from mutualplan.routing.facts import read_inbound
from mutualplan.settings import Settings
from tests.support.hostile_mail import RULES, SHAPES

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def read_reply_throughput(seconds: float) -> dict[str, dict[str, float]]:
    """Messages per second through read_reply, one thread, each corpus on its own and together."""
    corpora = read_reply_corpora()
    results = {}
    for name, messages in corpora.items():
        for raw in messages[:20]:  # warm up caches (regexes, encodings)
            read_reply(raw)
        count, started = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - started) < seconds or count == 0:
            for raw in messages:
                read_reply(raw)
            count += len(messages)
        results[name] = {"files": len(messages), "read": count, "rate": count / elapsed}
    return results


def read_reply_corpora() -> dict[str, list[bytes]]:
    bounces = sorted(p for p in (CORPORA / "bounces").rglob("*.eml") if p.is_file())
    trimming = sorted(p for p in (CORPORA / "reply-trimming" / "emails").iterdir() if p.is_file())
    header = (
        b"From: Jane Doe <jane@globex.example>\r\nTo: plans+x@mutualplan.localhost\r\n"
        b"Subject: Re: Your turn\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000\r\n"
        b"Message-ID: <%d@globex.example>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    )
    corpora = {
        "bounces (auto + human)": [p.read_bytes() for p in bounces],
        "reply-trimming/emails (wrapped)": [
            header % n + p.read_bytes() for n, p in enumerate(trimming)
        ],
    }
    corpora["all"] = [m for messages in list(corpora.values()) for m in messages]
    return corpora


def worst_read(size: int = 1_000_000) -> dict[str, Any]:
    """Each hostile shape (tests/support/hostile_mail.py) built at `size` bytes and read once,
    as the worker's reading processes read it (`read_inbound`): the longest read, and which
    shape. The patterns are compiled first, as the worker's forkserver compiles them for its
    readers (`mutualplan.mail.warm`): what is measured is a read, not the compiling."""
    importlib.import_module("mutualplan.mail.warm")
    seconds, wall = {}, {}
    for name, build in SHAPES.items():
        raw = build(size)
        started, cpu = time.perf_counter(), time.process_time()
        read_inbound(raw, RULES)
        seconds[name] = time.process_time() - cpu  # CPU: the machine is shared with others
        wall[name] = time.perf_counter() - started
    worst = max(seconds, key=lambda name: seconds[name])
    return {"shapes": len(seconds), "size": size, "worst": worst, "seconds": seconds, "wall": wall}


async def pool_latency(settings: Settings, seconds: float) -> dict[str, float]:
    """What reading in the worker's reading processes adds to each message, one at a time: the
    corpora read through the pool, against the same read in this process."""
    messages = read_reply_corpora()["all"]
    async with ReadingPool(
        read_inbound, processes=settings.read_processes, preload=["mutualplan.mail.warm"]
    ) as pool:  # as the worker starts its pool
        for raw in messages[:20]:
            await pool.read(raw, RULES)
        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds or count == 0:
            for raw in messages:
                await pool.read(raw, RULES)
            count += len(messages)
        pooled = (time.perf_counter() - started) / count
    started = time.perf_counter()
    for raw in messages:
        read_inbound(raw, RULES)
    local = (time.perf_counter() - started) / len(messages)
    return {
        "pooled_ms": pooled * 1000,
        "local_ms": local * 1000,
        "added_ms": (pooled - local) * 1000,
    }
