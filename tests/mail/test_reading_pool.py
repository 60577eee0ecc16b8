"""The reading pool: reads happen in child processes, a read past the budget is stopped and its
process replaced, and no answer ever reaches the wrong read."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest

from mutualplan.mail.reading_pool import ReadingFailed, ReadingPool, TooLongToRead
from mutualplan.routing.facts import InboundFacts, read_inbound
from tests.support.hostile_mail import HANG, HEAD, PLAIN, RULES, read_or_hang

DONE = (HEAD + PLAIN + "\r\ndone\r\n").encode()
SLOW = (HEAD + HANG.decode() + "\r\n" + PLAIN + "\r\ndone\r\n").encode()


def reading_process(raw: bytes) -> int:
    return os.getpid()


def patterns_compiled(raw: bytes) -> bool:
    """Whether this reading process found the date words' pattern compiled before its read."""
    from mutualplan.mail.dates import patterns

    return patterns.dates_in_words.cache_info().currsize > 0


def failing_read(raw: bytes) -> None:
    raise ValueError("a bug in reading")


async def test_messages_are_read_in_other_processes() -> None:
    async with ReadingPool(reading_process, processes=2) as pool:
        pids = set(await asyncio.gather(*(pool.read(DONE) for _ in range(6))))
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


async def test_the_router_facts_come_back_from_the_reading_process() -> None:
    async with ReadingPool(read_inbound, processes=1, budget_seconds=3) as pool:
        facts = await pool.read(DONE, RULES)
    assert isinstance(facts, InboundFacts)
    assert (facts.sender.address, facts.understood.intent.value) == ("jane@globex.example", "done")
    assert pool.budget_seconds == 3


async def test_a_read_past_the_budget_is_stopped_and_its_process_replaced() -> None:
    async with ReadingPool(read_or_hang, processes=1, budget_seconds=2) as pool:
        with pytest.raises(TooLongToRead, match=r"^too long to read \(more than 2 s\)$"):
            await pool.read(SLOW, RULES)
        facts = await pool.read(DONE, RULES)  # the one reader there is: a new one
    assert facts.understood.intent.value == "done"


async def test_a_cancelled_read_leaves_no_answer_behind_for_the_next() -> None:
    async with ReadingPool(read_or_hang, processes=1, budget_seconds=30) as pool:
        slow = asyncio.create_task(pool.read(SLOW, RULES))
        await asyncio.sleep(0.3)
        slow.cancel()
        await asyncio.gather(slow, return_exceptions=True)
        first = await asyncio.wait_for(pool.read(DONE, RULES), 10)
        other = (HEAD.replace("hostile@", "other@") + PLAIN + "\r\nblocked: legal\r\n").encode()
        second = await asyncio.wait_for(pool.read(other, RULES), 10)
    intents = (first.understood.intent.value, second.understood.intent.value)
    assert intents == ("done", "blocked")


async def test_a_reader_that_fails_says_so_and_the_pool_goes_on() -> None:
    async with ReadingPool(failing_read, processes=1) as pool:
        for _ in range(2):
            with pytest.raises(ReadingFailed, match="ValueError: a bug in reading"):
                await pool.read(DONE)


async def test_closing_the_pool_ends_its_processes() -> None:
    pool = ReadingPool(reading_process, processes=2)
    pids = set(await asyncio.gather(*(pool.read(DONE) for _ in range(4))))
    await pool.close()
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


_FIRST_READ = """
import asyncio, sys
from mutualplan.mail.reading_pool import ReadingPool
from tests.mail.test_reading_pool import DONE, patterns_compiled

async def main(preload):
    async with ReadingPool(patterns_compiled, processes=1, preload=preload) as pool:
        print(await pool.read(DONE))

asyncio.run(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("preload", "compiled"), [([], "False"), (["mutualplan.mail.warm"], "True")]
)
def test_readers_start_with_the_patterns_the_forkserver_compiled(
    preload: list[str], compiled: str
) -> None:
    # as the worker starts its pool (`preload`), in a process of its own: the forkserver is one
    # per process, started by the first pool with that pool's preload
    run = subprocess.run(
        [sys.executable, "-c", _FIRST_READ, *preload],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert run.stdout.strip() == compiled, run.stderr
