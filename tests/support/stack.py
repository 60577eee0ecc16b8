"""The dev stack for the tests that run `mutualplan worker` processes: the embedded mail servers
of a test alone, on the session's Temporal dev server in a namespace of the test's own; and
waiting for what a user would see (mail in a mailbox, over IMAP)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from mutualplan.devstack.mailserver import dev_mail_server
from mutualplan.devstack.playground import example_start_email, inbox
from mutualplan.devstack.ports import free_port
from mutualplan.settings import Settings


@contextlib.asynccontextmanager
async def mail_stack(
    data: Path, temporal_address: str, namespace: str, **settings: Any
) -> AsyncIterator[Settings]:
    """The embedded SMTP and IMAP servers in `data`, and the settings of a worker on them and on
    Temporal's `namespace` (`settings`: any others)."""
    stack = Settings(
        data_dir=data,
        allowed_sellers=["@acme.example"],
        smtp_port=free_port(),
        imap_port=free_port(),
        temporal_address=temporal_address,
        temporal_namespace=namespace,
        **settings,
    )
    async with dev_mail_server(data / "mail", smtp_port=stack.smtp_port, imap_port=stack.imap_port):
        yield stack


async def wait_until(condition: Callable[[], bool], what: str, timeout: float = 30) -> float:
    """Poll until `condition` holds; the seconds it took."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    while not condition():
        if loop.time() - started > timeout:
            raise AssertionError(f"{what}: not within {timeout}s")
        await asyncio.sleep(0.1)
    return loop.time() - started


async def wait_for_mail(settings: Settings, address: str, subject: str, timeout: float = 40) -> int:
    """Poll ADDRESS's mailbox over IMAP until a message with SUBJECT arrives; its number."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        items = await asyncio.to_thread(inbox, settings, address)
        for item in items:
            if subject in item.subject:
                return item.number
        if asyncio.get_running_loop().time() > deadline:
            seen = [i.subject for i in items]
            raise AssertionError(f"no '{subject}' for {address} within {timeout}s; has {seen}")
        await asyncio.sleep(0.3)


async def count_mail(settings: Settings, address: str, subject: str) -> int:
    items = await asyncio.to_thread(inbox, settings, address)
    return sum(subject in item.subject for item in items)


def start_email(settings: Settings, deal: str) -> EmailMessage:
    """The example seller's start email for `deal`, confirmed (plans start at once)."""
    msg = example_start_email(settings, template="short", today=datetime.now(UTC).date())
    msg.replace_header("Subject", deal)
    body = msg.get_content().replace("Hi all,\n", "Hi all,\n\nConfirm: yes\n")
    msg.set_content(body)
    return msg
