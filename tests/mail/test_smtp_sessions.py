"""SmtpSender keeps its SMTP sessions open between messages, against a real aiosmtpd server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from email.message import EmailMessage

import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session

from mutualplan.mail.send import SmtpSender
from mutualplan.settings import Settings


class CountingServer:
    """Records each message with the session that carried it; can drop every open session."""

    def __init__(self) -> None:
        self.delivered: list[tuple[int, str]] = []
        self.protocols: list[SMTP] = []
        self.port = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        subject = next(
            line for line in (envelope.content or b"").decode().splitlines() if "Subject:" in line
        )
        self.delivered.append((id(session), subject.removeprefix("Subject: ")))
        return "250 OK"

    def drop_sessions(self) -> None:
        """As a server closing idle connections does."""
        for protocol in self.protocols:
            if protocol.transport is not None:
                protocol.transport.close()

    @property
    def sessions(self) -> int:
        return len({session for session, _ in self.delivered})


@pytest.fixture
async def server() -> AsyncIterator[CountingServer]:
    counting = CountingServer()

    def protocol() -> SMTP:
        smtp = SMTP(counting)
        counting.protocols.append(smtp)
        return smtp

    listening = await asyncio.get_running_loop().create_server(protocol, "127.0.0.1", 0)
    counting.port = listening.sockets[0].getsockname()[1]
    yield counting
    listening.close()


def message(subject: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "plans@mutualplan.localhost"
    msg["To"] = "jane@globex.example"
    msg["Subject"] = subject
    msg.set_content("hello")
    return msg


async def test_messages_one_after_another_share_one_session(server: CountingServer) -> None:
    async with SmtpSender(Settings(smtp_port=server.port).smtp) as sender:
        for n in range(5):
            await sender.send(message(f"m{n}"))
    assert [subject for _, subject in server.delivered] == [f"m{n}" for n in range(5)]
    assert server.sessions == 1


async def test_concurrent_messages_use_at_most_the_allowed_sessions(
    server: CountingServer,
) -> None:
    async with SmtpSender(Settings(smtp_port=server.port).smtp, max_connections=3) as sender:
        await asyncio.gather(*(sender.send(message(f"m{n}")) for n in range(20)))
    assert sorted(subject for _, subject in server.delivered) == sorted(f"m{n}" for n in range(20))
    assert 1 <= server.sessions <= 3


@pytest.mark.parametrize("noticed", [False, True], ids=["unnoticed", "noticed"])
async def test_a_session_the_server_closed_while_idle_is_replaced(
    server: CountingServer, noticed: bool
) -> None:
    """Whether or not the client saw the close before the next message, that one is sent."""
    async with SmtpSender(Settings(smtp_port=server.port).smtp) as sender:
        await sender.send(message("before"))
        server.drop_sessions()
        if noticed:
            await asyncio.sleep(0.1)
        await sender.send(message("after"))
    assert [subject for _, subject in server.delivered] == ["before", "after"]
    assert server.sessions == 2
