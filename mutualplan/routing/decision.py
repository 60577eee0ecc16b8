"""Decide what one inbound message does, from its facts: a table of rows, the first that
applies wins.

    decide(facts, rules, lookups, now) -> Action

Actions: `StartPlan`, `ApplyReply`, `RecordRsvp`, `AskFirst` (a reply that is probably a command:
ask before acting), `RecordComment` (conversation: kept on the plan, forwarded to the seller),
`Answer` (send the sender one answer), `SetAside` (with an outcome and a reason), or `LookUp`: the
row that applies needs to know something only Temporal knows (who holds a reply token, whether the
message answers a plan's start email); the router looks it up and decides again with `lookups`
filled in. Pure: time comes in as an argument.

The gates come first, so nothing below them ever acts on (or answers) mail a machine wrote, a
From that is not one plain mailbox, the engine's own mail, or (where our receiving server is
trusted) a sender whose domain it did not verify. Answers go only to a sender with a reason to be
trusted: the person a token was sent to, or someone allowed to start plans. A new kind of message
is a new row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, Field

from mutualplan.mail.authresults import Dmarc
from mutualplan.mail.natural.findings import Certainty
from mutualplan.mail.tokens import TokenClaims, plan_id_for
from mutualplan.messages import AskCommand, CommentCommand, ReplyCommand, RsvpCommand
from mutualplan.models import Instruction, Intent
from mutualplan.planning import StartRequest
from mutualplan.questions import keys_in, question_key, yes_to
from mutualplan.routing.answers import AnswerKind
from mutualplan.routing.facts import InboundFacts
from mutualplan.routing.outcomes import Outcome
from mutualplan.settings import Settings, sellers_allow

# how many of a message's references are looked up as possible start emails (In-Reply-To first)
MAX_THREAD_LOOKUPS = 10
MAX_OPTIONS = 4  # ways a probable command may read, each with a link


class RoutingRules(BaseModel):
    """What the decision needs of this deployment's settings."""

    allowed_sellers: list[str] = Field(default_factory=list)
    default_template: str | None = None
    dmarc_required: bool = Field(default=False, description="a trusted authserv-id is set")

    @classmethod
    def of(cls, settings: Settings) -> RoutingRules:
        return cls(
            allowed_sellers=settings.allowed_sellers,
            default_template=settings.default_template or None,
            dmarc_required=bool(settings.trusted_authserv_id),
        )

    def may_start_plans(self, sender: str) -> bool:
        return sellers_allow(self.allowed_sellers, sender)


class Holder(BaseModel):
    """Whom a reply token was sent to; None: the plan, or the person on it, is gone."""

    email: str | None


class Lookups(BaseModel):
    """What the router found out for a `LookUp`; None: not looked up (yet)."""

    holder: Holder | None = None
    thread_plans: list[str] | None = Field(default=None, description="plans that exist, of those")


# --- actions -------------------------------------------------------------------------------------


class LookUp(BaseModel):
    holder_of: TokenClaims | None = None
    thread_plans: list[str] = Field(default_factory=list, description="plan ids: do they exist?")


class StartPlan(BaseModel):
    template: str
    request: StartRequest


class ApplyReply(BaseModel):
    plan_id: str
    command: ReplyCommand
    confirm: bool = Field(default=False, description="tell the sender what changed, as read")


class RecordRsvp(BaseModel):
    plan_id: str
    command: RsvpCommand


class AskFirst(BaseModel):
    """Keep a question on the plan, then ask the sender "Did you mean ...?"."""

    plan_id: str
    command: AskCommand


class RecordComment(BaseModel):
    """Keep what someone on the plan wrote on it; the seller gets it by email."""

    plan_id: str
    command: CommentCommand


class Answer(BaseModel):
    """Send the sender one answer of `kind`; the message ends as `outcome`."""

    kind: AnswerKind
    outcome: Outcome
    reason: str
    plan_id: str | None = None


class SetAside(BaseModel):
    outcome: Outcome
    reason: str


Action = LookUp | StartPlan | ApplyReply | RecordRsvp | AskFirst | RecordComment | Answer | SetAside


@dataclass(frozen=True)
class Case:
    facts: InboundFacts
    rules: RoutingRules
    lookups: Lookups
    now: datetime

    @property
    def sender(self) -> str:
        return self.facts.sender.address


def decide(facts: InboundFacts, rules: RoutingRules, lookups: Lookups, now: datetime) -> Action:
    case = Case(facts, rules, lookups, now)
    for row in ROWS:
        if (action := row(case)) is not None:
            return action
    return SetAside(
        outcome=Outcome.UNMATCHED, reason="not a reply to a plan email nor a start email"
    )


# --- the gates -------------------------------------------------------------------------------


def automated(case: Case) -> Action | None:
    if case.facts.automated:
        reason = f"automated mail ({case.facts.automated})"
        return SetAside(outcome=Outcome.AUTOMATED, reason=reason)
    return None


def bad_sender(case: Case) -> Action | None:
    if not case.sender:
        return SetAside(
            outcome=Outcome.BAD_SENDER, reason=case.facts.sender.problem or "no readable sender"
        )
    return None


def own_mail(case: Case) -> Action | None:
    if case.facts.own_mail:
        return SetAside(outcome=Outcome.OWN_MAIL, reason="sent by the engine itself")
    return None


def dmarc(case: Case) -> Action | None:
    verdict = case.facts.dmarc
    if case.rules.dmarc_required and verdict.result is not Dmarc.PASS:
        return SetAside(
            outcome=Outcome.DMARC,
            reason=f"held: DMARC {verdict.result} for the sender's domain ({verdict.detail})",
        )
    return None


# --- about a plan: a reply token names it ----------------------------------------------------


def calendar_answer(case: Case) -> Action | None:
    rsvp, claims = case.facts.rsvp, case.facts.claims
    if rsvp is None:
        return None
    if claims is None:
        return SetAside(outcome=Outcome.UNMATCHED, reason="a calendar answer to no plan of ours")
    command = RsvpCommand(
        message_id=case.facts.message_id,
        sender=case.sender,
        token_stakeholder_id=claims.stakeholder_id,
        uid=rsvp.uid,
        sequence=rsvp.sequence,
        attendee=rsvp.attendee,
        partstat=rsvp.partstat.value,
        recurrence_id=rsvp.call,
        # written later than it is read is a wrong clock or a forgery: one dated in the year
        # 9999 would outrank every later answer of that person (the newest answer counts)
        dtstamp=min(rsvp.dtstamp, case.now) if rsvp.dtstamp else None,
    )
    return RecordRsvp(plan_id=claims.plan_id, command=command)


def forged_token(case: Case) -> Action | None:
    if case.facts.claims is None and case.facts.forged_token:
        return SetAside(
            outcome=Outcome.UNMATCHED, reason="a reply address the engine did not make (altered?)"
        )
    return None


def status(case: Case) -> Action | None:
    understood = case.facts.understood
    if understood.intent is not Intent.STATUS or understood.certainty is Certainty.NONE:
        return None
    return _to_the_holder(case, AnswerKind.STATUS, Outcome.APPLIED, "sent the plan's status")


def help_asked(case: Case) -> Action | None:
    understood = case.facts.understood
    if understood.intent is not Intent.HELP or understood.certainty is Certainty.NONE:
        return None
    return _to_the_holder(case, AnswerKind.HELP, Outcome.APPLIED, "sent help")


def nothing_to_read(case: Case) -> Action | None:
    """A reply with no text and no file (or none that could be read): how to answer."""
    if case.facts.text.strip() or case.facts.files:
        return None
    reason = "not understood: nothing to read above the quote"
    return _to_the_holder(case, AnswerKind.NOT_UNDERSTOOD, Outcome.NOT_UNDERSTOOD, reason)


def failed_attempt(case: Case) -> Action | None:
    """A command that could not be read ("new date: whenever suits"): how to answer, saying
    what was missing. Plain conversation is not one (it becomes a comment)."""
    understood = case.facts.understood
    if understood.certainty is not Certainty.NONE or not understood.doubts:
        return None
    reason = f"not understood: {understood.doubts[0][:120]}"
    return _to_the_holder(case, AnswerKind.NOT_UNDERSTOOD, Outcome.NOT_UNDERSTOOD, reason)


def probable(case: Case) -> Action | None:
    """Probably a command, not certainly ("I think we're done?", "move to 12/11"): nothing
    changes; the sender is asked, with an option for each way it reads."""
    facts, claims, understood = case.facts, case.facts.claims, case.facts.understood
    if claims is None or understood.certainty is not Certainty.PROBABLE:
        return None
    if understood.intent in (Intent.UNKNOWN, Intent.YES, Intent.STATUS, Intent.HELP):
        return None
    step = understood.step or claims.milestone_number or None
    options = [
        Instruction(intent=understood.intent, argument=option, step=step)
        for option in understood.options
    ] or [understood.instruction.model_copy(update={"step": step})]
    command = AskCommand(
        message_id=facts.message_id,
        sender=case.sender,
        token_stakeholder_id=claims.stakeholder_id,
        key=question_key(facts.message_id),
        options=options[:MAX_OPTIONS],
        read_from=understood.read_from,
        doubt=understood.doubts[0] if understood.doubts else "",
        received_at=case.now,
        files=facts.files,
    )
    return AskFirst(plan_id=claims.plan_id, command=command)


def yes(case: Case) -> Action | None:
    """ "Yes" in reply to a question the engine asked: the command it asked about."""
    facts, claims = case.facts, case.facts.claims
    keys = keys_in(facts.references)
    if claims is None or facts.understood.intent is not Intent.YES or not keys:
        return None
    line = Instruction(intent=Intent.YES, details=yes_to(keys))
    return _reply(case, claims, line, more=[], confirm=True)


def yes_to_nothing(case: Case) -> Action | None:
    """ "Yes" to an email that asked nothing (a seller's "yes" to the draft): how to answer."""
    if case.facts.understood.intent is not Intent.YES:
        return None
    reason = "not understood: a yes, to no question the engine asked"
    return _to_the_holder(case, AnswerKind.NOT_UNDERSTOOD, Outcome.NOT_UNDERSTOOD, reason)


def reply(case: Case) -> Action | None:
    claims, understood = case.facts.claims, case.facts.understood
    if claims is None or not understood.acts:
        return None
    return _reply(
        case, claims, understood.instruction, understood.more, confirm=understood.own_words
    )


def conversation(case: Case) -> Action | None:
    """Anything else written to a plan (a question, a thank-you, "not done yet"): kept on
    the plan and forwarded to the seller. No help email: it is not a failed command."""
    claims = case.facts.claims
    if claims is None:
        return None
    step = case.facts.understood.step or claims.milestone_number or None
    return _comment(case, claims.plan_id, step, claims.stakeholder_id)


def _reply(
    case: Case, claims: TokenClaims, line: Instruction, more: list[Instruction], *, confirm: bool
) -> Action:
    """The reply as the plan's command. `confirm`: read from the person's own words (or a yes
    to a question): they are told what changed and how it was read, so that a misreading shows
    at once; a one-line command of the engine's own means one thing and is not confirmed."""
    facts = case.facts
    command = ReplyCommand(
        message_id=facts.message_id,
        sender=case.sender,
        milestone_number=facts.understood.step or claims.milestone_number or None,
        token_stakeholder_id=claims.stakeholder_id,
        intent=line.intent,
        argument=line.argument,
        details=line.details,
        received_at=case.now,
        more=more,
        language=facts.understood.language or None,
        files=facts.files,
    )
    return ApplyReply(plan_id=claims.plan_id, command=command, confirm=confirm)


def _comment(case: Case, plan_id: str, step: int | None, holder: int | None) -> RecordComment:
    facts = case.facts
    command = CommentCommand(
        message_id=facts.message_id,
        sender=case.sender,
        sender_name=facts.sender.name,
        token_stakeholder_id=holder,
        milestone_number=step,
        text=facts.text,
        subject=facts.subject,
        received_at=case.now,
        files=facts.files,
        language=facts.understood.language or None,
    )
    return RecordComment(plan_id=plan_id, command=command)


def _to_the_holder(case: Case, kind: AnswerKind, outcome: Outcome, reason: str) -> Action | None:
    """An answer about a plan goes only to the person the token was sent to."""
    claims = case.facts.claims
    if claims is None:
        return None
    holder = case.lookups.holder
    if holder is None:
        return LookUp(holder_of=claims)
    if holder.email is None:
        return SetAside(
            outcome=Outcome.UNMATCHED,
            reason=f"plan {claims.plan_id}, or the person its reply address was for, is gone",
        )
    if holder.email != case.sender:
        return SetAside(
            outcome=Outcome.NOT_THEIRS,
            reason=f"the reply address was sent to {holder.email}, not to {case.sender}",
        )
    return Answer(kind=kind, outcome=outcome, reason=reason, plan_id=claims.plan_id)


# --- no token: a start email, or conversation about a plan ---------------------------------


def reply_to_a_plans_start(case: Case) -> Action | None:
    """Reply-All to a seller's start email reaches plans+template@ again: it is about that plan
    (the start email's Message-ID names it), never a second plan."""
    facts = case.facts
    if not (facts.start_tag or facts.to_plans_mailbox) or not facts.references:
        return None
    found = case.lookups.thread_plans
    if found is None:
        candidates = [plan_id_for(r) for r in facts.references[:MAX_THREAD_LOOKUPS]]
        return LookUp(thread_plans=list(dict.fromkeys(candidates)))
    if not found:
        return None
    return _comment(case, found[0], None, None)  # conversation on that plan, never a second one


def start(case: Case) -> Action | None:
    facts = case.facts
    if facts.start_tag is None:
        return None
    if not case.rules.may_start_plans(case.sender):
        return SetAside(outcome=Outcome.NOT_ALLOWED, reason=f"{case.sender} may not start plans")
    return _start(facts, facts.start_tag)


def plans_mailbox(case: Case) -> Action | None:
    """Mail to plans@ itself, naming no template, from someone who may start plans: the
    default template if one is set, else an answer listing the templates (never silence)."""
    facts = case.facts
    if not facts.to_plans_mailbox or not case.rules.may_start_plans(case.sender):
        return None
    if case.rules.default_template:
        return _start(facts, case.rules.default_template)
    return Answer(
        kind=AnswerKind.TEMPLATES,
        outcome=Outcome.NO_TEMPLATE,
        reason="sent to the plans address with no template (plans+<template>@)",
    )


def _start(facts: InboundFacts, template: str) -> Action:
    if facts.start is None:  # read for every message with a start tag or to the plans address
        reason = "the start email could not be read"
        return SetAside(outcome=Outcome.INTERNAL_ERROR, reason=reason)
    request = facts.start.model_copy(update={"template": template})
    return StartPlan(template=template, request=request)


def keep_as_comment(facts: InboundFacts, plan_id: str, refused: ReplyCommand) -> RecordComment:
    """A reply whose change the plan refused, kept as a comment so that its files are not lost."""
    case = Case(facts, RoutingRules(), Lookups(), refused.received_at)
    step = refused.milestone_number
    return _comment(case, plan_id, step, refused.token_stakeholder_id)


def keep_instead_of_asking(facts: InboundFacts, ask: AskFirst) -> RecordComment:
    """A question that cannot be asked (the sender's questions for the hour are spent), kept as
    a comment instead: the words reach the seller, who can act on them."""
    case = Case(facts, RoutingRules(), Lookups(), ask.command.received_at)
    claims = facts.claims
    step = facts.understood.step or (claims.milestone_number if claims else None) or None
    return _comment(case, ask.plan_id, step, ask.command.token_stakeholder_id)


Row = Callable[[Case], Action | None]
ROWS: tuple[Row, ...] = (
    automated,
    bad_sender,
    own_mail,
    dmarc,
    calendar_answer,
    forged_token,
    status,
    help_asked,
    nothing_to_read,
    failed_attempt,
    probable,
    yes,
    yes_to_nothing,
    reply,
    conversation,
    reply_to_a_plans_start,
    start,
    plans_mailbox,
)
