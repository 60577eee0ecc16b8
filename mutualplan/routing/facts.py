"""Read one inbound message once, into every fact the router decides on.

    read_inbound(raw, rules) -> InboundFacts

Bytes in, a model out: nothing here touches a socket, a plan or the clock of the worker, and
whatever the bytes, it returns (a message that cannot be parsed reads as one with no sender).
Its arguments and result are plain pydantic models, so it can run in another process.
"""

from __future__ import annotations

import hashlib
from email.message import Message
from email.utils import parseaddr

from pydantic import BaseModel, Field, SecretStr

from mutualplan.calendar.rsvp import Rsvp, read_rsvp
from mutualplan.mail.addresses import Sender, is_own, plus_tag, read_from
from mutualplan.mail.attachments import list_files
from mutualplan.mail.authresults import Dmarc, DmarcVerdict, dmarc_verdict
from mutualplan.mail.automated import automated_reason
from mutualplan.mail.language import detect_language
from mutualplan.mail.reading import (
    Reply,
    parse_message,
    read_parsed_reply,
    read_parsed_start_email,
    read_words,
)
from mutualplan.mail.tokens import TokenClaims, looks_like_token, read_token
from mutualplan.mail.understanding import Understanding
from mutualplan.models import Intent, MessageFile, NewPerson, NewStep
from mutualplan.planning import StartRequest
from mutualplan.settings import Settings


class ReadingRules(BaseModel):
    """What reading needs to know of this deployment: its addresses, whose DMARC verdicts
    to trust, and the key that signs reply tokens."""

    domain: str
    plans_mailbox: str
    trusted_authserv_id: str | None = None
    secret: SecretStr

    @classmethod
    def of(cls, settings: Settings) -> ReadingRules:
        return cls(
            domain=settings.domain,
            plans_mailbox=settings.plans_mailbox,
            trusted_authserv_id=settings.trusted_authserv_id,
            secret=SecretStr(settings.secret_bytes().decode("utf-8")),
        )

    @property
    def plans_address(self) -> str:
        return f"{self.plans_mailbox}@{self.domain}"


class InboundFacts(BaseModel):
    """Everything the router's decision reads, gathered from one reading of the message."""

    message_id: str
    sender: Sender
    subject: str = ""
    recipients: list[str] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list, description="In-Reply-To, References")
    automated: str = Field(default="", description="why a machine wrote it; '': a person did")
    own_mail: bool = False
    dmarc: DmarcVerdict = DmarcVerdict(result=Dmarc.UNCHECKED)
    claims: TokenClaims | None = Field(default=None, description="a genuine reply token's")
    forged_token: bool = Field(default=False, description="a plus-tag like a token, not genuine")
    start_tag: str | None = Field(default=None, description="plans+<tag>@: a template's name?")
    to_plans_mailbox: bool = Field(default=False, description="sent to plans@ with no tag")
    rsvp: Rsvp | None = None
    understood: Understanding = Field(
        default_factory=Understanding, description="how its fresh text was read, sure or not"
    )
    text: str = Field(default="", description="the fresh text: above the quote, signature off")
    files: list[MessageFile] = Field(default_factory=list, description="what it has attached")
    start: StartRequest | None = Field(default=None, description="read as a start email")


def read_inbound(raw: bytes, rules: ReadingRules) -> InboundFacts:
    try:
        msg = parse_message(raw)
    except Exception:  # never raise on inbound mail: what cannot be parsed says nothing
        message_id = "sha256-" + hashlib.sha256(raw).hexdigest()[:32]
        return InboundFacts(message_id=message_id, sender=Sender(problem="unreadable message"))
    reply = read_parsed_reply(msg, raw, words=False)
    sender = read_from(msg)
    rsvp = read_rsvp(msg)
    automated = reply.automated_reason
    if rsvp is not None and automated:
        automated = automated_reason(msg, calendar_reply=True) or ""
    tags = [tag for a in reply.recipients if (tag := _tag(a, rules))]
    claims = _claims(rules, rsvp, tags, reply.references)
    start_tag = next((t for t in tags if not looks_like_token(t)), None)
    to_plans_mailbox = rules.plans_address.lower() in reply.recipients
    starts = claims is None and rsvp is None and not automated and (start_tag or to_plans_mailbox)
    if starts and not reply.references:  # a reply-all to a start email is read as a reply
        start, understood = _start_alone(msg, raw, reply, rules)
    else:
        reply = read_words(msg, reply, raw)
        understood = _understood(reply, rules)
        start = _start_request(msg, raw, reply, rules) if starts else None
    facts = InboundFacts(
        message_id=reply.message_id,
        sender=sender,
        subject=reply.subject,
        recipients=reply.recipients,
        references=reply.references,
        automated=automated,
        own_mail=is_own(sender.address, rules.plans_mailbox, rules.domain),
        dmarc=dmarc_verdict(msg, rules.trusted_authserv_id, sender.address.rpartition("@")[2]),
        claims=claims,
        forged_token=claims is None and any(looks_like_token(t) for t in tags),
        start_tag=start_tag,
        to_plans_mailbox=to_plans_mailbox,
        rsvp=rsvp,
        understood=understood,
        text=reply.text,
        files=list_files(msg) if not automated else [],
        start=start,
    )
    return facts


def _start_alone(
    msg: Message, raw: bytes, reply: Reply, rules: ReadingRules
) -> tuple[StartRequest | None, Understanding]:
    """A seller's start email answering nothing, read only as one: the decision reads nothing
    else of it. Of what it says as a reply, only its language, for the answers (an unknown
    template, a start that failed), when its own words are enough to say it."""
    try:
        language = detect_language(reply.text)
    except Exception:  # never raise on inbound mail
        language = ""
    own_words = len(reply.text.split()) >= _OWN_WORDS
    understood = Understanding(language=language if own_words else "")
    return _start_request(msg, raw, reply, rules, language), understood


def _start_request(
    msg: Message, raw: bytes, reply: Reply, rules: ReadingRules, language: str | None = None
) -> StartRequest | None:
    """The message read as a seller's start email (its template is set when it is started)."""
    try:
        return read_parsed_start_email(
            msg,
            raw,
            template="",
            own_addresses={rules.plans_address.lower()},
            text=reply.text,
            language=language,
        )
    except Exception:  # never raise on inbound mail: the decision sets it aside, saying so
        return None


def _understood(reply: Reply, rules: ReadingRules) -> Understanding:
    """How the reply was read, its language kept only when it says which language the writer
    reads. Someone new at the engine's own address (a new owner, a person added, a new step's
    owner) is a misreading (the reply's To taken for someone named, a quoted header) or a step
    left to a mailbox nobody reads: the reply then says nothing, and reaches a person."""
    understood = reply.understanding
    if any(is_own(new, rules.plans_mailbox, rules.domain) for new in _newcomers(understood)):
        understood = Understanding(doubts=["someone new at the plans address"])
    language = _language_of(reply)
    if language == understood.language:
        return understood
    return understood.model_copy(update={"language": language})


def _newcomers(understood: Understanding) -> list[str]:
    """The addresses the reply would make someone on the plan."""
    found = [understood.address]
    for each in [understood.instruction, *understood.more]:
        if each.intent is Intent.REASSIGN:
            found.append(parseaddr(each.argument)[1] or each.argument)
        if isinstance(each.details, NewPerson):
            found.append(parseaddr(each.details.person)[1])
        if isinstance(each.details, NewStep) and each.details.owner:
            found.append(each.details.owner)
    return [address for address in found if address]


# a writer's own words say their language from this many on; fewer ("blocked: legal", a
# garbled "ÿþú hello") say too little, unless the reader knew them ("Erledigt")
_OWN_WORDS = 4


def _language_of(reply: Reply) -> str:
    """The language the reply is written in, when it says which language its writer reads: not
    when it is one of the engine's commands in the English words its emails suggest ("done",
    "new date: 2027-01-15"), which anyone may write, nor when it is too short to tell ('')."""
    understood = reply.understanding
    if not reply.language:
        return ""
    if understood.explicit and len(understood.reason.split()) < _OWN_WORDS:
        return ""
    if understood.intent is Intent.UNKNOWN and len(reply.text.split()) < _OWN_WORDS:
        return ""
    return reply.language


def _tag(address: str, rules: ReadingRules) -> str | None:
    return plus_tag(address, rules.plans_mailbox, rules.domain)


def _claims(
    rules: ReadingRules, rsvp: Rsvp | None, tags: list[str], references: list[str]
) -> TokenClaims | None:
    """A genuine token's claims: of a calendar answer's organizer, of a plus-address the message
    went to, or, where plus-addressing was lost, of one of our Message-IDs it refers to."""
    secret = rules.secret.get_secret_value().encode("utf-8")
    organizer = _tag(rsvp.organizer, rules) if rsvp and rsvp.organizer else None
    if organizer and (claims := read_token(secret, organizer)):
        return claims
    for tag in tags:
        if claims := read_token(secret, tag):
            return claims
    for reference in references:
        local, _, domain = reference.partition("@")
        ours = domain.lower() == rules.domain.lower()
        if ours and (claims := read_token(secret, local.split(".", 1)[0])):
            return claims
    return None
