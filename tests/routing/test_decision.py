"""The router's decision table, without servers: facts and lookups in, one action out.

Each row names a situation as facts (changed from a plain reply by Jane, or a plain start email
by Alex) and what must come of it. A new kind of message is a new row here and in `ROWS`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from mutualplan.calendar.rsvp import PartStat, Rsvp
from mutualplan.mail.addresses import Sender
from mutualplan.mail.authresults import Dmarc, DmarcVerdict
from mutualplan.mail.tokens import TokenClaims, plan_id_for
from mutualplan.models import Instruction, Intent
from mutualplan.planning import Person, StartRequest
from mutualplan.routing.answers import AnswerKind
from mutualplan.routing.decision import (
    Action,
    Answer,
    ApplyReply,
    Holder,
    LookUp,
    Lookups,
    RecordRsvp,
    RoutingRules,
    SetAside,
    StartPlan,
    decide,
)
from mutualplan.routing.facts import InboundFacts, Understanding
from mutualplan.routing.outcomes import Outcome

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
JANE, ALEX, MALLORY = "jane@globex.example", "alex@acme.example", "mallory@evil.example"
CLAIMS = TokenClaims(plan_id="abcdefghij", milestone_number=1, stakeholder_id=2)
START_ID = "start-1@acme.example"
PASS = DmarcVerdict(result=Dmarc.PASS, detail="dmarc=pass for globex.example")

REPLY = InboundFacts(
    message_id="reply-1@globex.example",
    sender=Sender(address=JANE, name="Jane Doe"),
    subject="Re: Your turn",
    claims=CLAIMS,
    understood=Understanding(intent=Intent.DONE, text="done"),
)
START = InboundFacts(
    message_id=START_ID,
    sender=Sender(address=ALEX, name="Alex Seller"),
    subject="Globex rollout",
    start_tag="short",
    understood=Understanding(intent=Intent.UNKNOWN, text="Hi all"),
    start=StartRequest(
        message_id=START_ID,
        template="short",
        seller=Person(name="Alex Seller", email=ALEX),
        deal="Globex rollout",
    ),
)
RSVP = Rsvp(
    uid="mutualplan-checkin-abcdefghij@mutualplan.localhost",
    sequence=1,
    attendee=JANE,
    partstat=PartStat.DECLINED,
)
OPEN = RoutingRules()
CLOSED = RoutingRules(allowed_sellers=["@acme.example"])
TRUSTED = RoutingRules(dmarc_required=True)


def facts(base: InboundFacts, **changes: Any) -> InboundFacts:
    if "intent" in changes:
        changes["understood"] = Understanding(intent=changes.pop("intent"), text="?")
    return base.model_copy(update=changes)


def holder(email: str | None) -> Lookups:
    return Lookups(holder=Holder(email=email))


# (name, facts, rules, lookups, what comes of it: an action type and, for set-asides and
# answers, the outcome)
ROWS: list[tuple[str, InboundFacts, RoutingRules, Lookups, type[Action], Outcome | None]] = [
    # --- the gates, before anything is read for a plan --------------------------------------
    ("a reply", REPLY, OPEN, Lookups(), ApplyReply, None),
    ("automated", facts(REPLY, automated="Auto-Submitted: auto-replied"), OPEN, Lookups(),
     SetAside, Outcome.AUTOMATED),
    ("no From", facts(REPLY, sender=Sender(problem="no From field")), OPEN, Lookups(),
     SetAside, Outcome.BAD_SENDER),
    ("two mailboxes", facts(REPLY, sender=Sender(problem="2 mailboxes")), OPEN, Lookups(),
     SetAside, Outcome.BAD_SENDER),
    ("an automated start with no From",
     facts(START, automated="null Return-Path", sender=Sender(problem="no From field")),
     OPEN, Lookups(), SetAside, Outcome.AUTOMATED),
    ("our own mail", facts(REPLY, own_mail=True), OPEN, Lookups(), SetAside, Outcome.OWN_MAIL),
    ("DMARC not checked", REPLY, OPEN, Lookups(), ApplyReply, None),
    ("DMARC pass", facts(REPLY, dmarc=PASS), TRUSTED, Lookups(), ApplyReply, None),
    ("DMARC fail", facts(REPLY, dmarc=DmarcVerdict(result=Dmarc.FAIL)), TRUSTED, Lookups(),
     SetAside, Outcome.DMARC),
    ("DMARC none", facts(REPLY, dmarc=DmarcVerdict(result=Dmarc.NOT_VERIFIED)), TRUSTED,
     Lookups(), SetAside, Outcome.DMARC),
    ("DMARC conflict", facts(REPLY, dmarc=DmarcVerdict(result=Dmarc.CONFLICT)), TRUSTED,
     Lookups(), SetAside, Outcome.DMARC),
    ("DMARC unchecked where required", REPLY, TRUSTED, Lookups(), SetAside, Outcome.DMARC),
    ("a start held by DMARC", facts(START, dmarc=DmarcVerdict(result=Dmarc.FAIL)), TRUSTED,
     Lookups(), SetAside, Outcome.DMARC),
    # --- calendar answers: the same gates -------------------------------------------------
    ("an RSVP", facts(REPLY, rsvp=RSVP), OPEN, Lookups(), RecordRsvp, None),
    ("an automated RSVP", facts(REPLY, rsvp=RSVP, automated="multipart/report"), OPEN,
     Lookups(), SetAside, Outcome.AUTOMATED),
    ("an RSVP held by DMARC", facts(REPLY, rsvp=RSVP, dmarc=DmarcVerdict(result=Dmarc.FAIL)),
     TRUSTED, Lookups(), SetAside, Outcome.DMARC),
    ("an RSVP with a bad From", facts(REPLY, rsvp=RSVP, sender=Sender(problem="a group")), OPEN,
     Lookups(), SetAside, Outcome.BAD_SENDER),
    ("an RSVP to no plan", facts(REPLY, rsvp=RSVP, claims=None), OPEN, Lookups(), SetAside,
     Outcome.UNMATCHED),
    # --- replies with a token ---------------------------------------------------------------
    ("a tampered token", facts(REPLY, claims=None, forged_token=True), OPEN, Lookups(),
     SetAside, Outcome.UNMATCHED),
    ("a tampered token is no template", facts(START, forged_token=True), OPEN, Lookups(),
     SetAside, Outcome.UNMATCHED),
    ("status: who holds the token?", facts(REPLY, intent=Intent.STATUS), OPEN, Lookups(),
     LookUp, None),
    ("status to the holder", facts(REPLY, intent=Intent.STATUS), OPEN, holder(JANE), Answer,
     Outcome.APPLIED),
    ("status asked by another", facts(REPLY, intent=Intent.STATUS), OPEN, holder(ALEX),
     SetAside, Outcome.NOT_THEIRS),
    ("status of a plan that is gone", facts(REPLY, intent=Intent.STATUS), OPEN, holder(None),
     SetAside, Outcome.UNMATCHED),
    ("help to the holder", facts(REPLY, intent=Intent.HELP), OPEN, holder(JANE), Answer,
     Outcome.APPLIED),
    ("help asked by a forger", facts(REPLY, intent=Intent.HELP, sender=Sender(address=MALLORY)),
     OPEN, holder(JANE), SetAside, Outcome.NOT_THEIRS),
    ("not understood, from the holder", facts(REPLY, intent=Intent.UNKNOWN), OPEN, holder(JANE),
     Answer, Outcome.NOT_UNDERSTOOD),
    ("not understood, from another", facts(REPLY, intent=Intent.UNKNOWN), OPEN, holder(ALEX),
     SetAside, Outcome.NOT_THEIRS),
    ("a change by another goes to the plan, which says no", facts(REPLY, sender=Sender(
        address=MALLORY)), OPEN, Lookups(), ApplyReply, None),
    ("a token wins over a start tag", facts(REPLY, start_tag="short"), OPEN, Lookups(),
     ApplyReply, None),
    # --- no token: start emails, and conversation about a plan ------------------------------
    ("a start email", START, OPEN, Lookups(), StartPlan, None),
    ("a start by an allowed seller", START, CLOSED, Lookups(), StartPlan, None),
    ("a start by an outsider", facts(START, sender=Sender(address=MALLORY)), CLOSED, Lookups(),
     SetAside, Outcome.NOT_ALLOWED),
    ("a start in a thread: does the thread's start email have a plan?",
     facts(START, references=["older@globex.example"]), OPEN, Lookups(), LookUp, None),
    ("a start in a thread of no plan", facts(START, references=["older@globex.example"]), OPEN,
     Lookups(thread_plans=[]), StartPlan, None),
    ("Reply-All to a start email", facts(START, sender=Sender(address=JANE),
     references=[START_ID]), OPEN, Lookups(thread_plans=[plan_id_for(START_ID)]), SetAside,
     Outcome.REPLY_TO_PLAN),
    ("Reply-All by an outsider", facts(START, sender=Sender(address=MALLORY),
     references=[START_ID]), CLOSED, Lookups(thread_plans=[plan_id_for(START_ID)]), SetAside,
     Outcome.REPLY_TO_PLAN),
    ("Reply-All by the seller", facts(START, references=[START_ID]), CLOSED,
     Lookups(thread_plans=[plan_id_for(START_ID)]), SetAside, Outcome.REPLY_TO_PLAN),
    ("Reply-All that lost its +tag", facts(START, start_tag=None, to_plans_mailbox=True,
     references=[START_ID]), OPEN, Lookups(thread_plans=[plan_id_for(START_ID)]), SetAside,
     Outcome.REPLY_TO_PLAN),
    ("plans@ with no template, from a seller", facts(START, start_tag=None,
     to_plans_mailbox=True), CLOSED, Lookups(), Answer, Outcome.NO_TEMPLATE),
    ("plans@ with no template, a default set", facts(START, start_tag=None,
     to_plans_mailbox=True), RoutingRules(default_template="enterprise"), Lookups(), StartPlan,
     None),
    ("plans@ with no template, from an outsider", facts(START, start_tag=None,
     to_plans_mailbox=True, sender=Sender(address=MALLORY)), CLOSED, Lookups(), SetAside,
     Outcome.UNMATCHED),
    ("neither a reply nor a start", facts(START, start_tag=None), OPEN, Lookups(), SetAside,
     Outcome.UNMATCHED),
]  # fmt: skip


@pytest.mark.parametrize(
    ("given", "rules", "lookups", "kind", "outcome"),
    [row[1:] for row in ROWS],
    ids=[row[0] for row in ROWS],
)
def test_the_decision_table(
    given: InboundFacts,
    rules: RoutingRules,
    lookups: Lookups,
    kind: type[Action],
    outcome: Outcome | None,
) -> None:
    action = decide(given, rules, lookups, NOW)
    assert type(action) is kind, action
    if isinstance(action, SetAside | Answer):
        assert action.outcome is outcome and action.reason, action


def test_a_reply_becomes_the_plans_command() -> None:
    reply = facts(
        REPLY,
        understood=Understanding(
            intent=Intent.RESCHEDULE,
            argument="2027-01-15",
            step=3,
            more=[Instruction(intent=Intent.NOTE, argument="Sam is back")],
        ),
    )
    action = decide(reply, OPEN, Lookups(), NOW)
    assert isinstance(action, ApplyReply) and action.plan_id == CLAIMS.plan_id
    command = action.command
    assert (command.sender, command.token_stakeholder_id, command.milestone_number) == (JANE, 2, 3)
    assert (command.intent, command.argument, command.received_at) == (
        Intent.RESCHEDULE,
        "2027-01-15",
        NOW,
    )
    assert command.more == reply.understood.more


def test_a_calendar_answer_carries_the_sender_for_the_plan_to_check() -> None:
    action = decide(facts(REPLY, rsvp=RSVP, sender=Sender(address=MALLORY)), OPEN, Lookups(), NOW)
    assert isinstance(action, RecordRsvp)
    assert (action.command.sender, action.command.attendee) == (MALLORY, JANE)
    assert action.command.partstat == "DECLINED"


def test_a_start_takes_the_template_it_is_started_with() -> None:
    to_plans = facts(START, start_tag=None, to_plans_mailbox=True)
    action = decide(to_plans, RoutingRules(default_template="enterprise"), Lookups(), NOW)
    assert isinstance(action, StartPlan) and action.request.template == "enterprise"


def test_the_thread_lookup_is_bounded_and_in_reply_to_first() -> None:
    references = [f"m{n}@globex.example" for n in range(50)]
    action = decide(facts(START, references=references), OPEN, Lookups(), NOW)
    assert isinstance(action, LookUp)
    assert action.thread_plans == [plan_id_for(r) for r in references[:10]]


def test_answers_are_only_for_the_token_holder_or_a_seller() -> None:
    """Every row that answers: the answer goes to a sender the rules or the plan trust."""
    for name, given, rules, lookups, _, _ in ROWS:
        action = decide(given, rules, lookups, NOW)
        if isinstance(action, Answer):
            trusted = rules.may_start_plans(given.sender.address) or (
                lookups.holder is not None and lookups.holder.email == given.sender.address
            )
            assert trusted and not given.automated, name
            assert action.kind in AnswerKind
