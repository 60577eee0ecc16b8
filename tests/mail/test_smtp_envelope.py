"""What SmtpSender puts on the wire, against a real aiosmtpd server: the envelope comes from the
headers, the message is written as aiosmtplib itself would write it, and non-ASCII addresses go
with SMTPUTF8."""

from __future__ import annotations

import asyncio
import email
import email.policy
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session
from aiosmtplib.email import flatten_message

from mutualplan.header_text import mailbox
from mutualplan.mail.compose import OutgoingEmail, compose
from mutualplan.mail.send import SmtpSender
from mutualplan.settings import Settings


class Recorder:
    def __init__(self) -> None:
        self.envelopes: list[tuple[str, list[str], list[str], bytes]] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.envelopes.append(
            (
                envelope.mail_from or "",
                list(envelope.rcpt_tos),
                list(envelope.mail_options),
                envelope.original_content or b"",
            )
        )
        return "250 OK"


@pytest.fixture
async def recorded() -> AsyncIterator[tuple[Recorder, Settings]]:
    recorder = Recorder()
    server = await asyncio.get_running_loop().create_server(
        lambda: SMTP(recorder, enable_SMTPUTF8=True, decode_data=False), "127.0.0.1", 0
    )
    yield recorder, Settings(smtp_port=server.sockets[0].getsockname()[1])
    server.close()


def plan_email(to: list[str]) -> EmailMessage:
    return compose(
        OutgoingEmail(
            sender=mailbox("José Núñez via mutualplan", "plans@mutualplan.localhost"),
            to=to,
            subject="[Globex rollout] Your turn: Security review (due Fri 04 Dec)",
            text="Reply done when it is done.\n",
            html="<p>Reply <b>done</b> when it is done.</p>",
            message_id="abc.milestone-started.1.1@mutualplan.localhost",
            reply_to="plans+abc@mutualplan.localhost",
            sent_at=datetime(2026, 12, 1, 9, tzinfo=UTC),
        )
    )


def message(**headers: str) -> EmailMessage:
    msg = EmailMessage()
    for name, value in headers.items():
        msg[name] = value
    msg["Subject"] = "Grüße"
    msg.set_content("hallo")
    return msg


async def sent(
    recorder: Recorder, settings: Settings, msg: EmailMessage
) -> list[tuple[str, list[str], list[str], bytes]]:
    async with SmtpSender(settings.smtp) as sender:
        await sender.send(msg)
    return recorder.envelopes


async def test_an_engine_email_goes_out_as_aiosmtplib_would_write_it(
    recorded: tuple[Recorder, Settings],
) -> None:
    recorder, settings = recorded
    msg = plan_email([mailbox("Jane Doe", "jane@globex.example")])
    [(mail_from, rcpt_tos, options, content)] = await sent(recorder, settings, msg)
    assert mail_from == "plans@mutualplan.localhost"
    assert rcpt_tos == ["jane@globex.example"]
    assert "SMTPUTF8" not in options
    assert content == flatten_message(msg)
    assert b"=?utf-8?" in content  # the non-ASCII name, RFC 2047-encoded


async def test_a_non_ascii_address_is_sent_with_smtputf8(
    recorded: tuple[Recorder, Settings],
) -> None:
    recorder, settings = recorded
    msg = message(From="plans@mutualplan.localhost", To="Jürgen <jürgen@münchen.example>")
    [(_, rcpt_tos, options, content)] = await sent(recorder, settings, msg)
    assert rcpt_tos == ["jürgen@münchen.example"]
    assert "SMTPUTF8" in options
    assert "To: Jürgen <jürgen@münchen.example>".encode() in content
    assert content == flatten_message(msg, utf8=True)


async def test_cc_is_delivered_and_bcc_is_delivered_unseen(
    recorded: tuple[Recorder, Settings],
) -> None:
    recorder, settings = recorded
    msg = message(
        From="Alex <alex@acme.example>",
        To="Jane <jane@globex.example>",
        Cc="sam@globex.example, Priya <priya@globex.example>",
        Bcc="audit@acme.example",
    )
    [(mail_from, rcpt_tos, _, content)] = await sent(recorder, settings, msg)
    assert mail_from == "alex@acme.example"
    assert sorted(rcpt_tos) == sorted(
        ["jane@globex.example", "sam@globex.example", "priya@globex.example", "audit@acme.example"]
    )
    assert b"audit@" not in content


async def test_a_long_message_id_arrives_whole_for_threading(
    recorded: tuple[Recorder, Settings],
) -> None:
    """An answer to an Outlook message threads on its Message-ID, longer than a header line:
    written with `email.policy.SMTP` (as aiosmtplib's own `send_message` writes) it would arrive
    as RFC 2047 encoded words, which no mail client threads on."""
    recorder, settings = recorded
    outlook_id = (
        "DM6PR11MB4123456789ABCDEF0123456789ABCDEF01@DM6PR11MB4123.namprd11.prod.outlook.com"
    )
    answer = compose(
        OutgoingEmail(
            sender="plans@mutualplan.localhost",
            to=["jane@globex.example"],
            subject="Re: Security review",
            text="Done: Security review.\n",
            message_id="abc.answer.1@mutualplan.localhost",
            in_reply_to=outlook_id,
            references=[outlook_id],
            sent_at=datetime(2026, 12, 1, 9, tzinfo=UTC),
        )
    )
    async with SmtpSender(settings.smtp) as sender:
        await sender.send(answer)
    [(_, _, _, content)] = recorder.envelopes
    received = email.message_from_bytes(content, policy=email.policy.default)
    assert received["In-Reply-To"] == f"<{outlook_id}>"
    assert received["References"] == f"<{outlook_id}>"
