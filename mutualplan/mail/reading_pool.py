"""Read inbound messages in a few warm child processes, each read within a time budget.

Reading a message is CPU work in the regular-expression engine and the `email` parser, and both
hold the GIL: on the worker's event loop, or in one of its threads, one slow read would stop the
plan pages, every other message and the mailbox lease's heartbeats until it ended. So messages
are read in child processes. A read that outlasts the budget has its process killed and
replaced, and the message is set aside as "too long to read"; the worker goes on meanwhile.

    async with ReadingPool(read_inbound, processes=2, budget_seconds=5.0) as pool:
        facts = await pool.read(raw, rules)   # read_inbound(raw, rules), or TooLongToRead

`read` is called in a child with the raw bytes and the other arguments given to `pool.read`; it
must be a module-level function (it is pickled by name), and its arguments and result must be
picklable. Each child is forked from a `forkserver` that has imported `read`'s module once, so a
replacement is ready in milliseconds. As with any `multiprocessing` start method but fork, the
program's main module must be safe to import (`if __name__ == "__main__":`).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import signal
import weakref
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any, Generic, TypeVar

from mutualplan.errors import MutualPlanError

T = TypeVar("T")
R = TypeVar("R")
_CONTEXT = multiprocessing.get_context("forkserver")
_READY = "ready"
_START_SECONDS = 60
# A message up to this size is written to its reader, and the answer read back, on the event
# loop: an idle reader's socket takes it whole at once (its buffer holds several times as much),
# and the child writes its answer only once it is complete, so neither call waits for the child.
# Each hand-off to a thread cost more than the call (a wake-up of the thread and of the loop).
# A larger one goes through a thread: writing megabytes waits for the child to take them.
ON_THE_LOOP_BYTES = 64 * 1024


class TooLongToRead(MutualPlanError):
    """Reading the message took longer than the budget; its reader was stopped."""


class ReadingFailed(MutualPlanError):
    """The reader died or raised: a bug, not the message's doing."""


class ReadingPool(Generic[T]):
    """Child processes reading messages; at most `processes` at a time, each within the budget."""

    def __init__(
        self,
        read: Callable[..., T],
        *,
        processes: int = 2,
        budget_seconds: float = 5.0,
        preload: Sequence[str] = (),
    ) -> None:
        """`preload`: modules the forkserver imports besides `read`'s, once for all readers
        (`mutualplan.mail.warm` compiles the reader's patterns there)."""
        self._read = read
        self._preload = [read.__module__, *preload]
        self._processes = processes
        self.budget_seconds = budget_seconds
        self._idle: asyncio.Queue[_Reader] | None = None
        self._all: set[_Reader] = set()
        # a pool nobody closed (a test's router) still takes its children with it
        weakref.finalize(self, _stop_all, self._all)

    async def __aenter__(self) -> ReadingPool[T]:
        await self._started()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def read(self, raw: bytes, *args: Any) -> T:
        """`read(raw, *args)`, run in a child process; TooLongToRead past the budget."""
        idle = await self._started()
        reader = await idle.get()
        answered = False
        on_the_loop = len(raw) <= ON_THE_LOOP_BYTES
        try:
            await _call(on_the_loop, reader.conn.send, (raw, args))
            if not await _readable(reader.conn, self.budget_seconds):
                raise TooLongToRead(f"too long to read (more than {self.budget_seconds:g} s)")
            ok, value = await _call(on_the_loop, reader.conn.recv)
            answered = True
        except TooLongToRead:
            raise
        except Exception as exc:  # the child died, or its answer could not be unpickled
            raise ReadingFailed(f"the reader failed: {type(exc).__name__}: {exc}") from None
        finally:
            if not answered:  # overran, died or was cancelled: its answer must reach nobody
                reader = await self._replaced(reader)
            idle.put_nowait(reader)
        if not ok:
            raise ReadingFailed(str(value))
        return value  # type: ignore[no-any-return]

    async def close(self) -> None:
        await asyncio.to_thread(_stop_all, self._all)

    async def _started(self) -> asyncio.Queue[_Reader]:
        if self._idle is None:
            self._idle = asyncio.Queue()
            for _ in range(self._processes):
                self._idle.put_nowait(await self._new_reader())
        return self._idle

    async def _new_reader(self) -> _Reader:
        reader = await asyncio.to_thread(_Reader, self._read, self._preload)
        self._all.add(reader)
        return reader

    async def _replaced(self, reader: _Reader) -> _Reader:
        self._all.discard(reader)
        await asyncio.to_thread(reader.stop)
        return await self._new_reader()


class _Reader:
    """One child process and our end of its pipe."""

    def __init__(self, read: Callable[..., Any], preload: list[str]) -> None:
        # the forkserver, started with the first reader, imports the reading code once for all
        _CONTEXT.set_forkserver_preload(preload)
        self.conn, child_end = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(
            target=_serve, args=(child_end, read), name="mutualplan-reader", daemon=True
        )
        self.process.start()
        child_end.close()
        # the budget is for reading: wait until the child has imported what it reads with
        if not self.conn.poll(_START_SECONDS) or self.conn.recv() != _READY:
            self.stop()
            raise ReadingFailed(f"a reading process did not start in {_START_SECONDS} s")

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
        self.process.join()
        self.conn.close()


def _serve(conn: Connection, read: Callable[..., Any]) -> None:
    """The child: read each message sent, send back what it read, until the parent goes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    conn.send(_READY)
    while True:
        try:
            raw, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[bool, Any] = (True, read(raw, *args))
        except Exception as exc:  # reported to the parent, which sets the message aside
            answer = (False, f"{type(exc).__name__}: {exc}")
        conn.send(answer)


async def _call(on_the_loop: bool, call: Callable[..., R], *args: Any) -> R:
    """`call(*args)` on the event loop, or in a thread."""
    if on_the_loop:
        return call(*args)
    return await asyncio.to_thread(call, *args)


async def _readable(conn: Connection, timeout: float) -> bool:
    """Whether `conn` has something to read (or was closed) within `timeout` seconds."""
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[None] = loop.create_future()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    loop.add_reader(conn.fileno(), wake)
    try:
        await asyncio.wait_for(ready, timeout)
    except TimeoutError:
        return False
    finally:
        loop.remove_reader(conn.fileno())
    return True


def _stop_all(readers: set[_Reader]) -> None:
    for reader in list(readers):
        reader.stop()
    readers.clear()
