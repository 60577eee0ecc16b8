"""What a plan takes in stays bounded, however often someone writes (pure; red-team round 7).

A plan travels whole (every workflow task, each batch of its emails, each new run) and
Temporal refuses a payload over 2 MB: a step owner posting the one-click "I'm blocked" link a
thousand times must not make a plan that can no longer continue as new. And every way a person
joins a plan (`add:`, a new owner, the owner a new step names) is held to the same rules: at
most the plan's number of people, an address that is one plain address and passes for nobody
else, never the engine's own.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import SecretStr
from temporalio.contrib.pydantic import pydantic_data_converter

from mutualplan import pacing
from mutualplan.edits import editing, history
from mutualplan.edits.go_live import date_set_by
from mutualplan.errors import Refused
from mutualplan.links import Links
from mutualplan.mail.tokens import TokenClaims, make_token
from mutualplan.messages import PlanInput, PlanRun, QueuedEmail, ReplyCommand
from mutualplan.models import Intent, MilestoneStatus, Plan
from mutualplan.routing.decision import Answer, ApplyReply, Holder, Lookups, RoutingRules, decide
from mutualplan.routing.facts import ReadingRules, read_inbound
from mutualplan.web.page import HISTORY_LINES, plan_page
from mutualplan.web.rendering import PageTemplates
from tests.support.plans import answered, jane_and_sam_plan

NOW = datetime.now(UTC).replace(microsecond=0)
PAYLOAD_LIMIT = 2 * 1024 * 1024  # Temporal's default blob size limit
RULES = ReadingRules(domain="mutualplan.example", plans_mailbox="plans", secret=SecretStr("s3"))


def a_plan() -> Plan:
    plan = jane_and_sam_plan(NOW)
    plan.milestones[0].status = MilestoneStatus.ACTIVE  # Jane's step is under way
    return plan


def blocked(plan: Plan, run: PlanRun, reason: str, at: datetime, n: int) -> None:
    """Jane posts her "I'm blocked" link, as the web app sends it: applied as the workflow
    applies an update (its emails held by the day's pacing, its history kept in bounds)."""
    command = ReplyCommand(
        message_id=f"web-{n}@x",
        sender="jane@globex.example",
        milestone_number=1,
        token_stakeholder_id=2,
        intent=Intent.BLOCKED,
        argument=reason,
        received_at=at,
    )
    editing.check_reply(plan, command, at)
    change = editing.apply(plan, command, at)
    run.applied[command.message_id] = at
    for k, notice in enumerate(change.notices):
        email = QueuedEmail(
            kind=notice.kind,
            recipient_id=notice.recipient_id,
            milestone_key=notice.milestone_key,
            key=f"{n}.{k}",
            note=notice.note,
            said=notice.said,
        )
        pacing.holds(run.mail.pacing, plan, email)
    history.keep_recent(plan)  # as the workflow's `_publish` does after every change


def test_a_link_posted_a_thousand_times_leaves_a_plan_that_still_travels() -> None:
    plan, run = a_plan(), PlanRun()
    run.mail.pacing.emailed_today.append(plan.seller_id)  # the seller had today's email
    for n in range(1_500):
        reason = f"{n:05d} waiting on procurement to sign the paperwork " * 9
        blocked(plan, run, reason, NOW + timedelta(seconds=n), n)
    payload = pydantic_data_converter.payload_converter.to_payloads([PlanInput(plan=plan, run=run)])
    assert len(payload[0].data) < PAYLOAD_LIMIT / 2
    events = len(plan.history) + sum(len(m.history) for m in plan.milestones)
    assert events <= history.KEPT_EVENTS
    assert plan.history_omitted + events >= 1_500  # counted, not lost without a word
    newest = plan.milestones[0].history[-1]
    assert newest.what.startswith("blocked: 01499")  # the newest are the ones kept
    # the seller's next morning: twenty lines of news, the last counting the rest
    held = run.mail.pacing.held[plan.seller_id]
    assert len(held) == pacing.HELD_LINES
    assert held[-1].english() == "And 1481 more changes: the plan page shows the latest."


def test_the_same_reason_posted_again_changes_nothing() -> None:
    plan, run = a_plan(), PlanRun()
    blocked(plan, run, "waiting on legal", NOW, 1)
    events = len(plan.milestones[0].history)
    blocked(plan, run, "waiting on legal", NOW + timedelta(minutes=1), 2)
    assert len(plan.milestones[0].history) == events
    assert plan.milestones[0].blocked == "waiting on legal"
    blocked(plan, run, "waiting on legal and IT", NOW + timedelta(minutes=2), 3)
    assert len(plan.milestones[0].history) == events + 1


def test_what_the_plan_still_reads_is_kept_whatever_its_age() -> None:
    plan = a_plan()
    answered(plan, "jane@globex.example", "new date: " + _weekday(40).isoformat(), NOW)
    assert date_set_by(plan.milestones[0]) == "jane@globex.example"
    for n in range(1_200):
        at = NOW + timedelta(minutes=n + 1)
        answered(plan, "jane@globex.example", f"note: call {n} went fine", at)
        history.keep_recent(plan)
    assert date_set_by(plan.milestones[0]) == "jane@globex.example"  # a go-live move keeps it


def test_a_chain_of_new_owners_adds_no_more_people_than_add_may() -> None:
    plan = a_plan()
    plan.max_stakeholders = 3  # Alex, Jane, Sam: full
    with pytest.raises(Refused, match="the most it takes"):
        answered(plan, "alex@acme.example", "add: Kim Lee <kim@globex.example>", NOW)
    with pytest.raises(Refused, match="the most it takes"):
        answered(plan, "jane@globex.example", "new owner: x1@elsewhere.example", NOW)
    due = _weekday(30).isoformat()
    with pytest.raises(Refused, match="the most it takes"):
        answered(plan, "alex@acme.example", f"add step: Pilot, due {due}, owner x@e.example", NOW)
    answered(plan, "jane@globex.example", "new owner: sam@globex.example", NOW)  # on it: fine
    assert len(plan.stakeholders) == 3


@pytest.mark.parametrize(
    "owner",
    ["s\u0430m@globex.example", "sam\u200b@globex.example", "sam@globex.example,eve@evil.example"],
    ids=["cyrillic-a", "zero-width-space", "two-addresses"],
)
def test_a_new_steps_owner_is_an_address_that_passes_for_nobody(owner: str) -> None:
    plan = a_plan()
    command = _add_step(owner)
    with pytest.raises(Refused, match="has no email address"):
        editing.check_reply(plan, command, NOW)


@pytest.mark.parametrize(
    "line",
    [
        "add: Robot <plans@mutualplan.example>",
        "add: plans+anything@mutualplan.example",
        "add step: Security review, due {due}, owner plans@mutualplan.example",
    ],
)
def test_nobody_new_at_the_engines_own_address(line: str) -> None:
    """A step left to the plans mailbox would wait on nobody: the reply is not read as a
    command, and so reaches a person."""
    action = _alex_writes(line.format(due=_weekday(30).isoformat()))
    assert isinstance(action, Answer), action
    assert "someone new at the plans address" in action.reason


def test_someone_new_elsewhere_is_still_added() -> None:
    action = _alex_writes("add: Kim Lee <kim@globex.example>")
    assert isinstance(action, ApplyReply), action


def _add_step(owner: str) -> ReplyCommand:
    due = _weekday(30).isoformat()
    return ReplyCommand(
        message_id="add-step@x",
        sender="alex@acme.example",
        intent=Intent.ADD_STEP,
        argument="",
        details={"kind": "step", "title": "Security review", "due": due, "owner": owner},
        received_at=NOW,
    )


def _alex_writes(text: str) -> Answer | ApplyReply:
    claims = TokenClaims(plan_id="abcdefghij", milestone_number=0, stakeholder_id=1)
    token = make_token(b"s3", claims)
    raw = (
        f"From: Alex Seller <alex@acme.example>\r\nTo: plans+{token}@mutualplan.example\r\n"
        f"Subject: Re: plan\r\nMessage-ID: <a-{abs(hash(text))}@acme.example>\r\n\r\n{text}\r\n"
    ).encode()
    action = decide(
        read_inbound(raw, RULES),
        RoutingRules(),
        Lookups(holder=Holder(email="alex@acme.example")),
        NOW,
    )
    assert isinstance(action, Answer | ApplyReply), action
    return action


def _weekday(days: int) -> date:
    day = (NOW + timedelta(days=days)).date()
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def test_the_plan_page_says_how_many_older_changes_it_does_not_show() -> None:
    plan, run = a_plan(), PlanRun()
    for n in range(1_200):
        blocked(plan, run, f"{n:05d} waiting on procurement", NOW + timedelta(seconds=n), n)
    jane = plan.stakeholder_by_email("jane@globex.example")
    assert jane is not None
    page = plan_page(plan, jane, Links(b"k" * 32), NOW + timedelta(hours=1))
    kept = len(plan.history) + sum(len(m.history) for m in plan.milestones)
    assert page.history_older == kept - HISTORY_LINES + plan.history_omitted > 1_000
    for name in ("plan.html.j2", "plan.md.j2"):
        shown = (
            PageTemplates()("en")
            .get_template(name)
            .render(page=page, plan=page.plan, expires=NOW.date(), ics_url="", md_url="")
        )
        assert f"And {page.history_older} older changes, not shown here." in shown
        assert "01199 waiting on procurement" in shown  # the newest
        assert "00000 waiting on procurement" not in shown
