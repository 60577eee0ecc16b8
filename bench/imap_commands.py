"""What one IMAP command costs the dev mail server as the inbox grows: the listener's SEARCH,
FETCH and MOVE (and a NOOP, the floor), over imapclient on loopback, as the engine sends them.

    .venv/bin/python bench/imap_commands.py            # inboxes of 30 and 500 messages
    .venv/bin/python bench/imap_commands.py 30 1000

Each figure is the median of 20 commands (the MOVE: one of 100 messages, once). Not a test.
"""

from __future__ import annotations

import asyncio
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from imapclient import IMAPClient

from mutualplan.devstack.mailserver import deliver, dev_mail_server
from mutualplan.devstack.ports import free_port

PLANS = "plans@mutualplan.localhost"


def median_ms(command: Callable[[], object], times: int = 20) -> float:
    command()
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        command()
        taken.append(time.perf_counter() - started)
    return statistics.median(taken) * 1000


def measure(port: int, root: Path, size: int) -> dict[str, float]:
    for n in range(size):
        body = f"From: jane{n}@globex.example\r\nMessage-ID: <{n}@globex.example>\r\n\r\ndone\r\n"
        deliver(root, f"plans+t{n}@mutualplan.localhost", "jane@globex.example", body.encode())
    client = IMAPClient("127.0.0.1", port=port, ssl=False)
    client.socket().setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as the engine does
    client.login(PLANS, "any")
    client.create_folder("Processed")
    client.select_folder("INBOX")
    uids = client.search("ALL")
    figures = {
        "NOOP": median_ms(client.noop),
        "UID SEARCH ALL": median_ms(lambda: client.search("ALL")),
        "UID SEARCH UID n:* (the 5 newest)": median_ms(
            lambda: client.search(["UID", f"{uids[-5]}:*"])
        ),
        "UID FETCH of 100 BODY.PEEK[]": median_ms(
            lambda: client.fetch(uids[:100], ["BODY.PEEK[]"])
        ),
    }
    started = time.perf_counter()
    client.move(uids[:100], "Processed")
    figures["UID MOVE of 100"] = (time.perf_counter() - started) * 1000
    client.logout()
    return figures


async def main(sizes: list[int]) -> None:
    for size in sizes:
        with tempfile.TemporaryDirectory() as directory:
            root, port = Path(directory), free_port()
            async with dev_mail_server(root, smtp_port=free_port(), imap_port=port):
                figures = await asyncio.to_thread(measure, port, root, size)
        for name, ms in figures.items():
            print(f"inbox of {size:>5}: {name:<36} {ms:8.1f} ms")


if __name__ == "__main__":
    asyncio.run(main([int(arg) for arg in sys.argv[1:]] or [30, 500]))
