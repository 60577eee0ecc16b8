"""Read one raw inbound message: a reply to an engine email, or a seller's start email.

Bytes in, models out; nothing here touches a socket or a plan. Whatever the input, these
functions return a model (a message they cannot make sense of reads as UNKNOWN), never raise.
Reading takes time linear in the message's size, and bounded: see `policy.reading_policy` and
docs/security-reading.md.
"""

from __future__ import annotations

import codecs
import contextlib
import email
import hashlib
import logging
import re
from datetime import UTC, date, datetime
from email.errors import HeaderParseError
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from pydantic import AwareDatetime, BaseModel, Field

from mutualplan.business_days import DaysOff
from mutualplan.links import without_signed_links
from mutualplan.mail.addresses import a_person_to_mail, read_from
from mutualplan.mail.automated import automated_reason
from mutualplan.mail.body import body_text, html_body_text
from mutualplan.mail.headers import header
from mutualplan.mail.language import detect_language
from mutualplan.mail.policy import parsed, reading_policy
from mutualplan.mail.start_lines import apply_start_lines
from mutualplan.mail.trimming import fresh_text
from mutualplan.mail.understanding import Understanding, understand
from mutualplan.models import Details, Instruction, Intent, Shift
from mutualplan.planning import Person, StartRequest

log = logging.getLogger(__name__)

_FOLD = re.compile(r"\r?\n(?=[ \t])")
_SURROGATE = re.compile("[\udc80-\udcff]")
_MESSAGE_ID = re.compile(r"<([^<>\s\x00-\x1f\x7f]+)>")  # no control character: it is quoted back
_BOUNDARY = re.compile(rb"boundary", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_HEADER_FIELDS_FOR_RECIPIENTS = ("to", "cc", "delivered-to", "x-original-to", "envelope-to")
# Bounds on what is read (each far above real mail; see docs/security-reading.md).
MAX_PART_LINES = 1_000  # lines that may delimit MIME parts ("--..."); the message ends at the next
MAX_ADDRESS_CHARS = 16_000  # of one address field (To, Cc, ...), all its fields together
MAX_REFERENCES = 50  # message IDs of In-Reply-To and References kept: the first, then the last


class Reply(BaseModel):
    """What one inbound message says, as far as the engine is concerned."""

    message_id: str
    sender: str
    sender_name: str = ""
    subject: str = ""
    recipients: list[str] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)
    sent_at: AwareDatetime | None = None
    automated: bool = False
    automated_reason: str = ""
    intent: Intent = Field(description="the command to carry out: UNKNOWN unless certain")
    argument: str = ""
    details: Details | None = None
    step: int | None = Field(default=None, description="a step the text names: '#3 done'")
    more: list[Instruction] = Field(default_factory=list, description="further command lines")
    text: str = ""
    understanding: Understanding = Field(
        default_factory=Understanding,
        description="how the text was read, sure or not: what to ask about, what to echo",
    )
    language: str = Field(default="", description="ISO 639-1 code of the reply's language")


def parse_message(raw: bytes) -> Message:
    """`raw` parsed for reading: bounded in its MIME parts and in what its headers cost."""
    policy = reading_policy()
    msg = email.message_from_bytes(_within_parts(raw), policy=policy)
    parsed(policy)
    return msg


def _within_parts(raw: bytes) -> bytes:
    """`raw` up to its MAX_PART_LINES-th line starting with "--": the parser makes a part at every
    such line that is a boundary, each costing it a few dozen microseconds. (A message that
    declares no boundary has no parts to make.)"""
    if not _BOUNDARY.search(raw):
        return raw
    at = -1
    for _ in range(MAX_PART_LINES + 1):
        at = raw.find(b"\n--", at + 1)
        if at < 0:
            return raw
    return raw[: at + 1]


def read_reply(raw: bytes, *, today: date | None = None) -> Reply:
    """Read a reply: who sent it, to which address, and the command at the top of its fresh text."""
    try:
        msg = parse_message(raw)
    except Exception:  # never raise on inbound mail: what cannot be read says nothing
        return Reply(message_id=_message_id(Message(), raw), sender="", intent=Intent.UNKNOWN)
    return read_parsed_reply(msg, raw, today=today)


def read_parsed_reply(
    msg: Message, raw: bytes, *, today: date | None = None, words: bool = True
) -> Reply:
    """`read_reply` for a message already parsed with `parse_message` (so it is parsed once).
    `words=False`: its headers and fresh text only, not what the text says (`read_words`)."""
    try:
        reply = _read_headers(msg, raw)
    except Exception:  # never raise on inbound mail: what cannot be read says nothing
        return _unreadable(raw)
    return read_words(msg, reply, raw, today=today) if words else reply


def read_words(msg: Message, reply: Reply, raw: bytes, *, today: date | None = None) -> Reply:
    """What the fresh text of `reply` (read with `words=False`) says. A reader that fails (a
    bug) reads nothing: the reply keeps its sender and text, so it still reaches a person."""
    try:
        return _read_words(msg, reply, today)
    except Exception as exc:  # never raise on inbound mail
        # one line: a hostile message's traceback (a RecursionError) would flood the log
        log.warning("could not read the words of %s: %s", reply.message_id, type(exc).__name__)
        log.debug("the reader's failure on %s", reply.message_id, exc_info=True)
        return reply


def _unreadable(raw: bytes) -> Reply:
    return Reply(message_id=_message_id(Message(), raw), sender="", intent=Intent.UNKNOWN)


def _read_headers(msg: Message, raw: bytes) -> Reply:
    sender_name, sender = _sender(msg)
    reply = Reply(
        message_id=_message_id(msg, raw),
        sender=sender,
        sender_name=sender_name,
        subject=header(msg, "subject"),
        recipients=_recipients(msg),
        references=_references(msg),
        sent_at=_sent_at(msg),
        intent=Intent.UNKNOWN,
    )
    reason = automated_reason(msg)
    if reason:
        return reply.model_copy(
            update={"automated": True, "automated_reason": reason, "intent": Intent.IGNORED}
        )
    return reply.model_copy(update={"text": _fresh(msg)})


def _read_words(msg: Message, reply: Reply, today: date | None) -> Reply:
    if reply.automated:
        return reply
    sent_at, text = reply.sent_at, reply.text
    reference_day = today or (sent_at.date() if sent_at else datetime.now(UTC).date())
    due = step_due(reply.subject)
    understood = understand(
        _without_subject(_own_words(text), reply.subject),
        reference_day,
        copied=_copied(msg, reply.sender),
        step_title=step_title(reply.subject),
    )
    argument = understood.argument if understood.acts else ""
    if understood.acts and isinstance(understood.details, Shift) and due and not understood.step:
        # "push it a week": the date it gives the step the subject names, as the plan will
        # work it out again from the step's own date and days off when it applies it
        with contextlib.suppress(ValueError, OverflowError):  # "(due 9999-12-30)"
            argument = understood.details.applied_to(due, DaysOff()).isoformat()
    return reply.model_copy(
        update={
            "intent": understood.intent if understood.acts else Intent.UNKNOWN,
            "argument": argument,
            "details": understood.details if understood.acts else None,
            "step": understood.step,
            "more": understood.more,
            "understanding": understood,
            "language": understood.language,
        }
    )


def read_start_email(raw: bytes, *, template: str, own_addresses: set[str]) -> StartRequest:
    """A seller's start email: subject is the deal, Cc the buyer's people, lines set the rest."""
    return read_parsed_start_email(
        parse_message(raw), raw, template=template, own_addresses=own_addresses
    )


def read_parsed_start_email(
    msg: Message,
    raw: bytes,
    *,
    template: str,
    own_addresses: set[str],
    text: str | None = None,
    language: str | None = None,
) -> StartRequest:
    """`read_start_email` of a message already parsed (with `parse_message`) from `raw`;
    `text`: its fresh text, if `read_parsed_reply` already read it; `language`: the text's,
    if already detected."""
    seller_name, seller = _sender(msg)
    people = _people_on_copy(msg, exclude=own_addresses | {seller})
    request = StartRequest(
        message_id=_message_id(msg, raw),
        template=template,
        seller=Person(name=seller_name, email=seller),
        deal=_deal_name(header(msg, "subject")),
        people=people,
    )
    fresh = _fresh(msg) if text is None else text
    return apply_start_lines(
        request,
        fresh,
        exclude=own_addresses,
        today=datetime.now(UTC).date(),
        language=detect_language(fresh) if language is None else language,
    )


def _people_on_copy(msg: Message, *, exclude: set[str]) -> list[Person]:
    people: dict[str, Person] = {}
    for field in ("cc", "to"):
        for name, address in _addresses(msg, field):
            address = address.strip().lower()
            if a_person_to_mail(address, exclude):
                people.setdefault(address, Person(name=name.strip(), email=address))
    return list(people.values())


def _without_subject(text: str, subject: str) -> str:
    """The text without the engine's subject where it repeats it ("Réponse automatique : Your
    turn: Security review complete (due 2026-12-04)", an autoresponder's first line): the
    words of a step's title are not the person's."""
    core = re.sub(r"^\[[^\]]*\]\s*", "", _deal_name(subject)).strip()
    if len(core) < _SUBJECT_ECHO or not _LABELLED.match(core):
        return text
    return re.sub(re.escape(core), " ", text, flags=re.IGNORECASE)


_SUBJECT_ECHO = 12  # characters: shorter subjects are words a person may write


def step_title(subject: str) -> str:
    """The step an engine email was about, from the subject its reply keeps: "Re: [Globex
    rollout] Your turn: Security review complete (due 2026-12-04)" -> "Security review
    complete" (the label before the colon and the date in brackets are the engine's, in the
    plan's language); "" for a subject without a label."""
    label = _LABELLED.match(_deal_name(subject))
    return label.group(1).strip() if label else ""


def step_due(subject: str) -> date | None:
    """The due date an engine email's subject gives its step ("... (due 2026-12-04)", "...
    (fällig 2026-12-04)", "...（期日 2026-12-04）"), or None."""
    found = _DUE.search(subject)
    if found is None:
        return None
    try:
        return date.fromisoformat(found.group(1))
    except ValueError:
        return None


_DUE = re.compile(r"[(\uff08][^()\uff08\uff09]{0,30}?(\d{4}-\d{2}-\d{2})[)\uff09]\s*$")

# "[Plan] Label: Title (due ...)": a tag, a label of a few words, the title, a bracket at the end
_LABELLED = re.compile(
    r"^(?:\[[^\]]*\]\s*)?[^:\uff1a\[\]]{1,40}[:\uff1a]\s*(.+?)\s*(?:[(\uff08][^()\uff08\uff09]*[)\uff09])?$"
)


def _deal_name(subject: str) -> str:
    return re.sub(r"^\s*((re|fwd?|aw|wg|sv|tr)\s*:\s*)+", "", subject, flags=re.I).strip()


def _fresh(msg: Message) -> str:
    # Text from HTML has lost the quotes its client marked, but may still hold an unmarked
    # "On ... wrote:" quote or a phone signature, so it is trimmed like plain text.
    try:
        text, from_html = body_text(msg)
        fresh = fresh_text(text)
        if not fresh and not from_html:
            fresh = fresh_text(html_body_text(msg))
    except Exception:  # an unreadable body says nothing; the headers still name the sender
        return ""
    return without_signed_links(fresh)


def _own_words(text: str) -> str:
    """`text` without its "> " quoted lines, which the fresh text keeps when the answers were
    written between them with no "On ... wrote:" above: the command is the first thing the
    person wrote, never a line of the email they answer."""
    if ">" not in text:
        return text
    lines = [line for line in text.split("\n") if not line.lstrip().startswith(">")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _copied(msg: Message, sender: str) -> tuple[tuple[str, str], ...]:
    """(name, address) of the people the reply went to besides its sender: a new owner may be
    named by name and copied in ("Tom is the new owner, cc'ing him")."""
    found: dict[str, str] = {}
    for field in ("to", "cc"):
        for name, address in _addresses(msg, field):
            address = address.strip().lower()
            if "@" in address and address != sender.lower():
                found.setdefault(address, name.strip())
    return tuple((name, address) for address, name in found.items())


def _addresses(msg: Message, field: str) -> list[tuple[str, str]]:
    """(name, address) of each address in the field, read from the field as it came: the
    `email` policy's own parse of an address list is most of the time it takes to read a
    message. Names are decoded one by one (RFC 2047), so a comma decoded in one stays in it;
    8-bit (UTF-8) fields are read as UTF-8."""
    values, left = [], MAX_ADDRESS_CHARS
    for name, value in msg.raw_items():
        if name.lower() == field and left > 0:
            values.append(_unfolded(value[:left]))
            left -= len(values[-1])
    try:
        pairs = getaddresses(values)
    except RecursionError:  # comments nested thousands deep: no one is copied, the words read
        return []
    return [(_decoded(name), address) for name, address in pairs]


def _unfolded(value: object) -> str:
    text = _FOLD.sub("", str(value))
    if _SURROGATE.search(text):  # the bytes parser keeps 8-bit bytes as surrogates
        text = text.encode("ascii", "surrogateescape").decode("utf-8", "replace")
    return text


def _decoded(name: str) -> str:
    """A name's encoded words decoded; one in an unknown charset, or broken, as UTF-8 would
    read it (as the `email` policy does)."""
    if "=?" not in name:
        return name
    try:
        parts = decode_header(name)
    except (HeaderParseError, ValueError):
        return name
    return "".join(
        part if isinstance(part, str) else part.decode(_known(charset), "replace")
        for part, charset in parts
    )


def _known(charset: str | None) -> str:
    try:
        return codecs.lookup(charset or "ascii").name
    except LookupError:
        return "utf-8"


def _sender(msg: Message) -> tuple[str, str]:
    """(name, address) of the From field's one mailbox, read strictly (`addresses.read_from`);
    the address is "" when the From is not exactly one plain mailbox."""
    sender = read_from(msg)
    return sender.name, sender.address


def message_id_of(raw: bytes) -> str:
    """The Message-ID the engine knows the message by (what its plan records), read as a
    reply is read; `raw` may be its header alone."""
    try:
        return _message_id(parse_message(raw), raw)
    except Exception:  # never raise on inbound mail: a header that cannot be read names nothing
        return ""


def _message_id(msg: Message, raw: bytes) -> str:
    """The message's Message-ID; for one without, a digest of what its sender wrote (its From,
    To, Cc, Date, Subject and body), not of the headers each delivery adds: the same email
    delivered twice, to two addresses or after a sending server's retry, is one message (one
    plan, one change), though its Delivered-To and Received differ."""
    match = _MESSAGE_ID.search(header(msg, "message-id"))
    if match:
        return match.group(1)
    written = "\n".join(header(msg, name) for name in ("from", "to", "cc", "date", "subject"))
    body = min((i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0), default=-1)
    digest = hashlib.sha256(written.encode("utf-8", "surrogateescape"))
    digest.update(raw[body:] if body >= 0 else b"")
    return "sha256-" + digest.hexdigest()[:32]


def _references(msg: Message) -> list[str]:
    """The message IDs of In-Reply-To, then of References: of these, at most MAX_REFERENCES, the
    first (the thread's start) and the last ones (the nearest), as RFC 5322 (3.6.4) trims them."""
    replied = _message_ids(msg, "in-reply-to")[:MAX_REFERENCES]
    references = _message_ids(msg, "references")
    if len(references) > MAX_REFERENCES:
        references = references[:1] + references[1 - MAX_REFERENCES :]
    return list(dict.fromkeys(replied + references))


def _message_ids(msg: Message, field: str) -> list[str]:
    found: dict[str, None] = {}
    for name, value in msg.raw_items():
        if name.lower() == field:
            found.update(dict.fromkeys(_MESSAGE_ID.findall(_unfolded(value))))
    return list(found)


def _recipients(msg: Message) -> list[str]:
    found: list[str] = []
    for field in _HEADER_FIELDS_FOR_RECIPIENTS:
        for _name, address in _addresses(msg, field):
            address = address.strip().lower()
            if "@" in address and address not in found:
                found.append(address)
    return found


def _sent_at(msg: Message) -> datetime | None:
    try:
        sent = parsedate_to_datetime(header(msg, "date"))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return sent if sent.tzinfo is not None else sent.replace(tzinfo=UTC)
