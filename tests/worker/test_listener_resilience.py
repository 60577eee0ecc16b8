"""The listener when the IMAP connection misbehaves: a relay between it and the embedded IMAP
server drops every connection (as a server restart or a NAT timeout does), hides the MOVE
capability (servers without RFC 6851), or counts the commands the listener sends."""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import re
import resource
import threading
from collections import Counter
from collections.abc import AsyncIterator, Callable
from email.message import EmailMessage
from pathlib import Path

import pytest

from mutualplan.devstack.mailserver import dev_mail_server
from mutualplan.mail.receive import open_mailbox
from mutualplan.mail.send import SmtpSender
from mutualplan.routing.outcomes import Disposition, Outcome
from mutualplan.settings import Settings
from mutualplan.worker.listener import MailListener

pytestmark = pytest.mark.slow  # waits out real server timeouts and reconnections
_COMMAND = re.compile(rb"^[A-Za-z0-9.]+ (UID [A-Z]+|[A-Z]+)")


class ImapRelay:
    """Relays bytes to the real server; counts commands; can hide MOVE and drop connections."""

    def __init__(self, backend_port: int, *, hide_move: bool = False) -> None:
        self.backend_port = backend_port
        self.hide_move = hide_move
        self.commands: Counter[str] = Counter()
        self.connections = 0
        self.refusing = False
        self._writers: set[asyncio.StreamWriter] = set()
        self.port = 0

    async def start(self) -> asyncio.Server:
        server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        return server

    def drop(self) -> None:
        for writer in list(self._writers):
            writer.transport.abort()

    async def _relay(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        if self.refusing:
            client_w.transport.abort()
            return
        self.connections += 1
        server_r, server_w = await asyncio.open_connection("127.0.0.1", self.backend_port)
        self._writers.update((client_w, server_w))
        await asyncio.gather(
            self._pipe(client_r, server_w, self._count),
            self._pipe(server_r, client_w, self._filter),
        )

    def _count(self, line: bytes) -> bytes:
        if match := _COMMAND.match(line):
            self.commands[match.group(1).decode()] += 1
        return line

    def _filter(self, line: bytes) -> bytes:
        if self.hide_move and b"CAPABILITY" in line:
            return line.replace(b" MOVE", b"")
        return line

    async def _pipe(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        change: Callable[[bytes], bytes],
    ) -> None:
        try:
            while line := await reader.readline():
                writer.write(change(line))
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            self._writers.discard(writer)
            writer.transport.abort()


class Router:
    """Applies mail whose subject says keep, sets the rest aside."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    async def handle(self, raw: bytes) -> Disposition:
        subject = next(line for line in raw.decode().splitlines() if line.startswith("Subject:"))
        self.seen.append(subject.removeprefix("Subject: "))
        applied = "keep" in subject
        return Disposition(
            outcome=Outcome.APPLIED if applied else Outcome.UNMATCHED,
            reason="ok" if applied else "not for us",
        )

    async def wait_for(self, count: int, timeout: float = 15) -> None:
        async with asyncio.timeout(timeout):
            while len(self.seen) < count:
                await asyncio.sleep(0.05)


def message(subject: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "jane@globex.example"
    msg["To"] = "plans@mutualplan.localhost"
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{subject.replace(' ', '-')}@globex.example>"
    msg.set_content("done")
    return msg


class Stack:
    def __init__(self, settings: Settings, relay: ImapRelay) -> None:
        self.settings = settings  # IMAP through the relay
        self.direct = settings.model_copy(update={"imap_port": relay.backend_port})
        self.relay = relay
        self.router = Router()
        self._listener: asyncio.Task[None] | None = None

    def listen(self, idle_seconds: float = 300) -> None:
        listener = MailListener(
            self.settings, self.router, idle_seconds=idle_seconds, max_backoff=2
        )  # type: ignore[arg-type]
        self._listener = asyncio.create_task(listener.run())

    async def stop(self) -> None:
        if self._listener:
            self._listener.cancel()
            await asyncio.gather(self._listener, return_exceptions=True)

    async def send(self, subject: str) -> None:
        await SmtpSender(self.settings.smtp).send(message(subject))

    def folders(self) -> dict[str, int]:
        with open_mailbox(self.settings) as mailbox:
            counts = {}
            for folder in (self.settings.imap_folder, "Processed", "Set aside"):
                mailbox.client.select_folder(folder)
                counts[folder] = len(mailbox.client.search("ALL"))
            return counts


@pytest.fixture(params=[False, True], ids=["MOVE", "no MOVE"])
async def stack(
    request: pytest.FixtureRequest, tmp_path: Path, free_port: Callable[[], int]
) -> AsyncIterator[Stack]:
    smtp_port, imap_port = free_port(), free_port()
    async with dev_mail_server(tmp_path / "mail", smtp_port=smtp_port, imap_port=imap_port):
        relay = ImapRelay(imap_port, hide_move=request.param)
        server = await relay.start()
        settings = Settings(
            data_dir=tmp_path, secret="relay-secret", smtp_port=smtp_port, imap_port=relay.port
        )
        stack = Stack(settings, relay)
        try:
            yield stack
        finally:
            await stack.stop()
            relay.drop()
            server.close()


async def test_mail_is_filed_with_move_or_with_copy_and_expunge(stack: Stack) -> None:
    stack.listen()
    for subject in ("keep 1", "drop 2", "keep 3"):
        await stack.send(subject)
    await stack.router.wait_for(3)
    await asyncio.sleep(0.5)
    assert await asyncio.to_thread(stack.folders) == {"INBOX": 0, "Processed": 2, "Set aside": 1}
    used = stack.relay.commands
    if stack.relay.hide_move:
        assert used["UID MOVE"] == 0
        assert used["UID COPY"] >= 1 and used["UID STORE"] >= 1 and used["UID EXPUNGE"] >= 1
    else:
        assert used["UID MOVE"] >= 1 and used["UID COPY"] == 0


async def test_the_listener_reconnects_after_the_server_drops_it(stack: Stack) -> None:
    stack.listen()
    await stack.send("keep before")
    await stack.router.wait_for(1)
    # filed, so the drop comes mid-IDLE (dropped between a COPY and its EXPUNGE, the message would
    # be handled again, deduplicated, and filed twice: servers without MOVE cannot do better)
    async with asyncio.timeout(10):
        while (await asyncio.to_thread(stack.folders))["Processed"] < 1:
            await asyncio.sleep(0.1)
    stack.relay.drop()
    await stack.send("keep after")
    # a connection that fell silent is given up after the socket's 30 s: room for one of those
    await stack.router.wait_for(2, timeout=60)
    assert stack.relay.connections >= 2
    await asyncio.sleep(0.5)
    assert await asyncio.to_thread(stack.folders) == {"INBOX": 0, "Processed": 2, "Set aside": 0}


async def test_idle_is_reissued_before_servers_time_it_out(stack: Stack) -> None:
    default = inspect.signature(MailListener).parameters["idle_seconds"].default
    assert default <= 600, "RFC 2177: re-issue IDLE at least every 29 minutes; we say 10"
    stack.listen(idle_seconds=0.5)
    async with asyncio.timeout(60):  # four IDLEs of half a second: seconds, or more on a busy box
        while stack.relay.commands["IDLE"] < 4:
            await asyncio.sleep(0.1)
    assert stack.relay.connections == 1, "re-issued on the same connection"


async def test_mail_is_read_while_the_shared_threads_are_busy(stack: Stack) -> None:
    """The worker's other blocking work (the sent folder, starting readers, a digest) can fill
    the event loop's shared threads, or calls of a connection given up can still hold them: the
    listener's connection has a thread of its own, so mail is still read and filed."""
    await stack.send("keep busy")  # first: sending looks up the host on a shared thread
    release = threading.Event()
    loop = asyncio.get_running_loop()
    busy = [loop.run_in_executor(None, release.wait, 60) for _ in range(40)]
    try:
        stack.listen()
        await stack.router.wait_for(1)
        async with asyncio.timeout(15):  # filed: by MOVE, or by COPY and EXPUNGE
            while stack.relay.commands["UID MOVE"] + stack.relay.commands["UID EXPUNGE"] < 1:
                await asyncio.sleep(0.1)
    finally:
        release.set()
        await asyncio.gather(*busy)


async def test_mail_is_read_while_the_worker_holds_over_a_thousand_descriptors(
    stack: Stack,
) -> None:
    """A worker with many connections and files open gets descriptors numbered 1024 and up,
    which select() refuses ("filedescriptor out of range"): the listener's IDLE must still
    wait on its socket, and read what comes."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 2048:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(2048, hard), hard))
    held = []
    try:
        while not held or held[-1] < 1100:  # every lower number taken: the next are above
            held.append(os.open(os.devnull, os.O_RDONLY))
        stack.listen()
        async with asyncio.timeout(15):  # in IDLE
            while stack.relay.commands["IDLE"] < 1:
                await asyncio.sleep(0.05)
        await stack.send("keep high")
        await stack.router.wait_for(1)
    finally:
        for descriptor in held:
            os.close(descriptor)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


async def test_a_renumbered_inbox_is_scanned_again(
    stack: Stack, caplog: pytest.LogCaptureFixture
) -> None:
    """The folder is deleted and made again (UIDVALIDITY changes, UIDs start again at 1): mail in
    it with UIDs below those already handled is still read."""
    settings = stack.settings.model_copy(update={"imap_folder": "Plans"})

    def refill(subjects: list[str], *, recreate: bool) -> None:
        with open_mailbox(stack.direct) as mailbox:
            if recreate:
                mailbox.client.delete_folder("Plans")
            if not mailbox.client.folder_exists("Plans"):
                mailbox.client.create_folder("Plans")
            for subject in subjects:
                mailbox.client.append("Plans", message(subject).as_bytes())

    await asyncio.to_thread(refill, ["keep 1", "keep 2", "keep 3"], recreate=False)
    stack.settings = settings
    caplog.set_level(logging.INFO, logger="mutualplan.worker.listener")
    stack.listen()
    await stack.router.wait_for(3)
    stack.relay.refusing = True
    stack.relay.drop()
    await asyncio.to_thread(refill, ["keep 4"], recreate=True)
    stack.relay.refusing = False
    await stack.router.wait_for(4, timeout=60)  # after a back-off, or a silent connection's 30 s
    assert stack.router.seen == ["keep 1", "keep 2", "keep 3", "keep 4"]
    assert "UIDVALIDITY changed" in caplog.text
