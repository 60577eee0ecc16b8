"""Play both sides of a plan through the real SMTP and IMAP servers, without a mail client.

`mutualplan mail example` sends a seller's start email; `mail inbox` lists a person's mailbox;
`mail reply` answers one of its messages as that person, quoting it the way mail clients do.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr, parsedate_to_datetime

from pydantic import BaseModel

from mutualplan.business_days import add_business_days
from mutualplan.errors import MutualPlanError
from mutualplan.mail.body import body_text
from mutualplan.mail.compose import put_message_ids
from mutualplan.mail.policy import POLICY
from mutualplan.mail.reading import parse_message
from mutualplan.mail.receive import open_mailbox
from mutualplan.mail.send import SmtpSender
from mutualplan.public_holidays import holidays_between
from mutualplan.settings import Settings

EXAMPLE_SELLER = "Alex Seller <alex@acme.example>"
EXAMPLE_BUYERS = {
    "Champion": "Jane Doe <jane@globex.example>",
    "Economic Buyer": "Sam Lee <sam@globex.example>",
    "Legal": "Priya Patel <priya@globex.example>",
    "Security": "Omar Haddad <omar@globex.example>",
}
# Globex, the buyer, is in the United States: its plan skips US public holidays, as a real plan
# does when its start email says `Holidays:` (or its template or the operator names calendars)
EXAMPLE_HOLIDAYS = "US"
EXAMPLE_LEAD = 45  # business days from today to go-live


class InboxItem(BaseModel):
    number: int
    uid: int
    sent: str
    sender: str
    subject: str


def example_start_email(
    settings: Settings, *, template: str, today: date, confirm: bool = False
) -> EmailMessage:
    public = holidays_between([EXAMPLE_HOLIDAYS], today, today + timedelta(days=366))
    go_live = add_business_days(today, EXAMPLE_LEAD, public.days_off)
    msg = EmailMessage(policy=POLICY)
    msg["From"] = EXAMPLE_SELLER
    msg["To"] = settings.plus_address(template)
    msg["Cc"] = ", ".join(EXAMPLE_BUYERS.values())
    msg["Subject"] = "Globex rollout"
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = make_msgid(domain="acme.example")
    roles = "\n".join(f"{role}: {person}" for role, person in EXAMPLE_BUYERS.items())
    msg.set_content(
        "Hi all,\n\nHere is the plan we discussed.\n\n"
        f"Go-live: {go_live.isoformat()}\nHolidays: {EXAMPLE_HOLIDAYS}\n{roles}\n"
        "Value: Globex cuts onboarding time for new stores from 6 weeks to 2.\n"
        + ("Confirm: yes\n" if confirm else "")
        + "\nAlex\n"
    )
    return msg


def inbox(settings: Settings, address: str) -> list[InboxItem]:
    with open_mailbox(settings, username=address) as mailbox:
        uids = sorted(mailbox.client.search("ALL"))
        if not uids:
            return []
        data = mailbox.client.fetch(uids, ["BODY.PEEK[HEADER]"])
    found = []
    for uid in uids:
        headers = parse_message(data[uid][b"BODY[HEADER]"])
        sent = str(headers.get("date", ""))
        found.append((_when(sent), uid, sent, headers))
    found.sort(key=lambda item: (item[0], item[1]))  # oldest first, as a mail client lists them
    return [
        InboxItem(
            number=number,
            uid=uid,
            sent=sent,
            sender=str(headers.get("from", "")),
            subject=" ".join(str(headers.get("subject", "")).split()),
        )
        for number, (_, uid, sent, headers) in enumerate(found, start=1)
    ]


def _when(date_header: str) -> datetime:
    try:
        parsed = parsedate_to_datetime(date_header)
    except (TypeError, ValueError):
        return datetime.min.replace(tzinfo=UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def read_message(settings: Settings, address: str, number: int) -> bytes:
    items = inbox(settings, address)
    if not 1 <= number <= len(items):
        raise MutualPlanError(f"{address} has {len(items)} messages; there is no number {number}")
    with open_mailbox(settings, username=address) as mailbox:
        raw = mailbox.fetch(items[number - 1].uid)
    if raw is None:
        raise MutualPlanError(f"message {number} of {address} disappeared")
    return raw


def compose_reply(original: bytes, *, sender: str, text: str) -> EmailMessage:
    """A reply the way mail clients write one: to Reply-To, threaded, the original quoted below."""
    msg = parse_message(original)
    reply = EmailMessage(policy=POLICY)
    reply["From"] = sender
    reply["To"] = str(msg.get("reply-to") or msg.get("from") or "")
    subject = " ".join(str(msg.get("subject", "")).split())
    reply["Subject"] = subject if subject.lower().startswith("re:") else f"Re: {subject}"
    reply["Date"] = format_datetime(datetime.now(UTC))
    reply["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or None)
    original_id = str(msg.get("message-id", "")).strip().strip("<>")
    if original_id:
        references = [r.strip("<>") for r in str(msg.get("references", "")).split()]
        put_message_ids(reply, "In-Reply-To", [original_id])
        put_message_ids(reply, "References", [*references, original_id])
    quoted, _ = body_text(msg)
    who = str(msg.get("from", "someone"))
    when = str(msg.get("date", ""))
    quote = "\n".join(f"> {line}" for line in quoted.splitlines())
    reply.set_content(f"{text}\n\nOn {when}, {who} wrote:\n{quote}\n")
    return reply


async def send_as(settings: Settings, message: EmailMessage) -> None:
    async with SmtpSender(settings.smtp) as sender:
        await sender.send(message)


async def reply_as(settings: Settings, address: str, number: int, text: str) -> EmailMessage:
    original = await asyncio.to_thread(read_message, settings, address, number)
    reply = compose_reply(original, sender=address, text=text)
    await send_as(settings, reply)
    return reply
