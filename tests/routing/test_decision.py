"""The router's decision table, without servers: facts and lookups in, one action out.

Each row names a situation as facts (changed from a plain reply by Jane, or a plain start email
by Alex) and what must come of it. A new kind of message is a new row here and in `ROWS`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import SecretStr

from mutualplan.calendar.rsvp import PartStat, Rsvp
from mutualplan.mail.addresses import Sender
from mutualplan.mail.authresults import Dmarc, DmarcVerdict
from mutualplan.mail.natural.findings import Certainty
from mutualplan.mail.tokens import TokenClaims, make_token, plan_id_for
from mutualplan.mail.understanding import Understanding, understand
from mutualplan.models import Instruction, Intent, MessageFile
from mutualplan.planning import Person, StartRequest
from mutualplan.questions import question_key, yes_to
from mutualplan.routing.answers import AnswerKind
from mutualplan.routing.decision import (
    Action,
    Answer,
    ApplyReply,
    AskFirst,
    Holder,
    LookUp,
    Lookups,
    RecordComment,
    RecordRsvp,
    RoutingRules,
    SetAside,
    StartPlan,
    decide,
)
from mutualplan.routing.facts import InboundFacts, ReadingRules, read_inbound
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
    understood=Understanding(intent=Intent.DONE, certainty=Certainty.CERTAIN),
    text="done",
)
START = InboundFacts(
    message_id=START_ID,
    sender=Sender(address=ALEX, name="Alex Seller"),
    subject="Globex rollout",
    start_tag="short",
    text="Hi all",
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
    """`base` changed; `intent` (with `certainty`, `doubts`, `options`): as it was read."""
    if "intent" in changes:
        read = {k: changes.pop(k) for k in ("certainty", "doubts", "options") if k in changes}
        certainty = read.pop("certainty", Certainty.CERTAIN)
        intent = changes.pop("intent")
        changes["understood"] = Understanding(intent=intent, certainty=certainty, **read)
        changes.setdefault("text", "?")
    return base.model_copy(update=changes)


ASKED = "jane-token.ask-0123456789abcdef@mutualplan.localhost"
PDF = MessageFile(name="signed.pdf", content_type="application/pdf", size=1200, part=2)
UNSURE = Certainty.PROBABLE
NOT_A_COMMAND = Certainty.NONE


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
    ("status, in so many words", facts(REPLY, intent=Intent.STATUS, certainty=UNSURE), OPEN,
     holder(JANE), Answer, Outcome.APPLIED),
    ("nothing to read: who holds the token?", facts(REPLY, text=" "), OPEN, Lookups(), LookUp,
     None),
    ("nothing to read, from the holder", facts(REPLY, text=""), OPEN, holder(JANE), Answer,
     Outcome.NOT_UNDERSTOOD),
    ("nothing to read, from another", facts(REPLY, text=""), OPEN, holder(ALEX), SetAside,
     Outcome.NOT_THEIRS),
    ("a command that could not be read", facts(REPLY, intent=Intent.RESCHEDULE,
     certainty=NOT_A_COMMAND, doubts=["I could not read a date in «whenever»"]), OPEN,
     holder(JANE), Answer, Outcome.NOT_UNDERSTOOD),
    ("a command that could not be read, by another", facts(REPLY, intent=Intent.RESCHEDULE,
     certainty=NOT_A_COMMAND, doubts=["no date"]), OPEN, holder(ALEX), SetAside,
     Outcome.NOT_THEIRS),
    # --- asking first: a probable command changes nothing --------------------------------------
    ("probably done", facts(REPLY, intent=Intent.DONE, certainty=UNSURE), OPEN, Lookups(),
     AskFirst, None),
    ("a date read two ways", facts(REPLY, intent=Intent.RESCHEDULE, certainty=UNSURE,
     options=["2026-12-11", "2027-11-12"], doubts=["«12/11» reads two ways"]), OPEN, Lookups(),
     AskFirst, None),
    ("yes to a question asked", facts(REPLY, intent=Intent.YES, references=[ASKED]), OPEN,
     Lookups(), ApplyReply, None),
    ("yes to nothing asked: how to answer", facts(REPLY, intent=Intent.YES), OPEN, holder(JANE),
     Answer, Outcome.NOT_UNDERSTOOD),
    ("probably status is just asked", facts(REPLY, intent=Intent.STATUS, certainty=UNSURE),
     OPEN, Lookups(), LookUp, None),
    # --- conversation: kept on the plan, for the seller ---------------------------------------
    ("a question", facts(REPLY, intent=Intent.UNKNOWN, certainty=NOT_A_COMMAND,
     text="When is this due?"), OPEN, Lookups(), RecordComment, None),
    ("a thank-you from someone else on the plan", facts(REPLY, intent=Intent.UNKNOWN,
     certainty=NOT_A_COMMAND, sender=Sender(address=ALEX)), OPEN, Lookups(), RecordComment,
     None),
    ("not done yet", facts(REPLY, intent=Intent.UNKNOWN, certainty=NOT_A_COMMAND,
     text="Not done yet"), OPEN, Lookups(), RecordComment, None),
    ("only a file", facts(REPLY, intent=Intent.UNKNOWN, certainty=NOT_A_COMMAND, text="",
     files=[PDF]), OPEN, Lookups(), RecordComment, None),
    ("done, with a file", facts(REPLY, files=[PDF]), OPEN, Lookups(), ApplyReply, None),
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
     references=[START_ID]), OPEN, Lookups(thread_plans=[plan_id_for(START_ID)]),
     RecordComment, None),
    ("Reply-All by an outsider: the plan knows whether they are on it", facts(START,
     sender=Sender(address=MALLORY), references=[START_ID]), CLOSED,
     Lookups(thread_plans=[plan_id_for(START_ID)]), RecordComment, None),
    ("Reply-All by the seller", facts(START, references=[START_ID]), CLOSED,
     Lookups(thread_plans=[plan_id_for(START_ID)]), RecordComment, None),
    ("Reply-All that lost its +tag", facts(START, start_tag=None, to_plans_mailbox=True,
     references=[START_ID]), OPEN, Lookups(thread_plans=[plan_id_for(START_ID)]),
     RecordComment, None),
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
            certainty=Certainty.CERTAIN,
            argument="2027-01-15",
            step=3,
            more=[Instruction(intent=Intent.NOTE, argument="Sam is back")],
        ),
        files=[PDF],
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
    assert command.files == [PDF]  # kept with the step it changes
    assert command.language is None  # none was read


def test_the_language_a_reply_is_written_in_goes_with_it() -> None:
    german = Understanding(intent=Intent.DONE, certainty=Certainty.CERTAIN, language="de")
    action = decide(facts(REPLY, understood=german), OPEN, Lookups(), NOW)
    assert isinstance(action, ApplyReply) and action.command.language == "de"
    chat = Understanding(language="fr")
    action = decide(facts(REPLY, understood=chat, text="Merci !"), OPEN, Lookups(), NOW)
    assert isinstance(action, RecordComment) and action.command.language == "fr"


def test_a_probable_command_is_asked_about_with_each_way_it_reads() -> None:
    """Nothing is applied: the question names the options, its key comes from the message."""
    two_ways = facts(
        REPLY,
        intent=Intent.RESCHEDULE,
        certainty=UNSURE,
        options=["2026-12-11", "2027-11-12"],
        doubts=["«12/11» reads two ways"],
    )
    action = decide(two_ways, OPEN, Lookups(), NOW)
    assert isinstance(action, AskFirst) and action.plan_id == CLAIMS.plan_id
    asked = action.command
    assert asked.key == question_key(REPLY.message_id)
    assert [(o.intent, o.argument, o.step) for o in asked.options] == [
        (Intent.RESCHEDULE, "2026-12-11", 1),
        (Intent.RESCHEDULE, "2027-11-12", 1),
    ]
    assert (asked.sender, asked.token_stakeholder_id, asked.doubt) == (
        JANE,
        2,
        "«12/11» reads two ways",
    )


@pytest.mark.parametrize(
    ("text", "references"),
    [("Pretty sure it's done", []), ("I think so", []), ("Yes, I think so", [ASKED])],
)
def test_a_hedged_done_is_asked_about_even_in_answer_to_a_question(
    text: str, references: list[str]
) -> None:
    """ "Did you mean: mark it done?", never applied, nor taken as a "yes" to a question."""
    understood = understand(text, NOW.date())
    reply = facts(REPLY, understood=understood, text=text, references=references)
    action = decide(reply, OPEN, Lookups(), NOW)
    assert isinstance(action, AskFirst)
    assert [(o.intent, o.step) for o in action.command.options] == [(Intent.DONE, 1)]


def test_yes_names_the_question_it_answers() -> None:
    other = "reply-0@globex.example"
    action = decide(
        facts(REPLY, intent=Intent.YES, references=[other, ASKED]), OPEN, Lookups(), NOW
    )
    assert isinstance(action, ApplyReply)
    assert action.command.intent is Intent.YES
    assert action.command.details == yes_to(["0123456789abcdef"])


def test_conversation_keeps_the_words_the_step_and_the_files() -> None:
    question = facts(
        REPLY,
        intent=Intent.UNKNOWN,
        certainty=NOT_A_COMMAND,
        text="Can we skip the call on the 23rd?",
        files=[PDF],
    )
    action = decide(question, OPEN, Lookups(), NOW)
    assert isinstance(action, RecordComment) and action.plan_id == CLAIMS.plan_id
    said = action.command
    assert (said.text, said.milestone_number, said.files) == (question.text, 1, [PDF])
    assert (said.sender, said.sender_name, said.subject) == (JANE, "Jane Doe", "Re: Your turn")


def test_a_calendar_answer_carries_the_sender_for_the_plan_to_check() -> None:
    action = decide(facts(REPLY, rsvp=RSVP, sender=Sender(address=MALLORY)), OPEN, Lookups(), NOW)
    assert isinstance(action, RecordRsvp)
    assert (action.command.sender, action.command.attendee) == (MALLORY, JANE)
    assert action.command.partstat == "DECLINED"


def test_a_calendar_answer_dated_after_it_is_read_counts_as_read_now() -> None:
    """The newest answer of a person counts: one dated in the year 9999 (a wrong clock, or a
    forgery) would outrank every answer they send after it."""
    future = RSVP.model_copy(update={"dtstamp": datetime(9999, 12, 31, tzinfo=UTC)})
    action = decide(facts(REPLY, rsvp=future), OPEN, Lookups(), NOW)
    assert isinstance(action, RecordRsvp)
    assert action.command.dtstamp == NOW
    past = RSVP.model_copy(update={"dtstamp": datetime(2026, 11, 30, tzinfo=UTC)})
    action = decide(facts(REPLY, rsvp=past), OPEN, Lookups(), NOW)
    assert isinstance(action, RecordRsvp)
    assert action.command.dtstamp == datetime(2026, 11, 30, tzinfo=UTC)


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


def test_a_change_in_the_persons_own_words_is_confirmed_a_command_is_not() -> None:
    command = facts(REPLY)  # "done", the engine's own one-line command
    own = facts(REPLY, understood=Understanding(intent=Intent.DONE, certainty=Certainty.CERTAIN,
                                                own_words=True), text="Erledigt")  # fmt: skip
    yes = facts(REPLY, intent=Intent.YES, references=[ASKED])
    confirms = [decide(f, OPEN, Lookups(), NOW) for f in (command, own, yes)]
    assert [a.confirm for a in confirms if isinstance(a, ApplyReply)] == [False, True, True]


# --- what the facts say of a reply's words ------------------------------------------------------

READING = ReadingRules(domain="mutualplan.localhost", plans_mailbox="plans", secret=SecretStr("k"))


TOKEN = make_token(b"k", CLAIMS)


def read(text: str) -> Understanding:
    """Jane's reply to her "Your turn" email: to its Reply-To, which her client names after the
    email's From ("Acme Deals")."""
    raw = (
        f"From: Jane Doe <{JANE}>\r\nTo: Acme Deals <plans+{TOKEN}@mutualplan.localhost>\r\n"
        "Subject: Re: Your turn\r\n"
        f"Message-ID: <r1@globex.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}"
    )
    return read_inbound(raw.encode(), READING).understood


def test_a_new_owner_at_the_plans_address_is_a_misreading() -> None:
    """The engine never owns a step: a handover to its own address (the reply's To taken for
    someone named, an address from a quoted header) says nothing, and the reply reaches a
    person; a handover to a person is read as one."""
    assert read("Acme will take this over from now on, please reassign it").intent is (
        Intent.UNKNOWN
    )
    assert read(f"Please reassign this to plans+{TOKEN}@mutualplan.localhost").intent is (
        Intent.UNKNOWN
    )
    handover = read("Please reassign this to sam@globex.example")
    assert (handover.intent, handover.address) == (Intent.REASSIGN, "sam@globex.example")


def test_a_japanese_salutation_to_the_reader_hands_nothing_over() -> None:
    """ "Acme Deals ご担当者様" (to the person in charge at Acme Deals) opens a Japanese email:
    its 担当 ("in charge") is no handover to the To it names."""
    read_as = read("Acme Deals ご担当者様\n\nセキュリティレビューは本日完了いたしました。\n")
    assert read_as.intent is Intent.DONE
