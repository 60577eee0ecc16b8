"""`mutualplan status` as the seller reads it: a blocked step says so and why, and the history
has what people did to the steps, not only to the plan (pure: the plan is changed the way the
workflow changes it, then printed)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from mutualplan.conversation import keep_files
from mutualplan.edits import editing
from mutualplan.mail.attachments import list_files
from mutualplan.mail.reading import parse_message
from mutualplan.models import Intent, MilestoneStatus, Plan
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.report import format_plan
from mutualplan.template_files import load_template
from tests.support.plans import command_of

NOW = datetime.now(UTC).replace(microsecond=0)
SELLER, JANE, SAM = "alex@acme.example", "jane@globex.example", "sam@globex.example"


def running_plan() -> Plan:
    request = StartRequest(
        message_id="start@acme.example",
        template="short",
        seller=Person(name="Alex Seller", email=SELLER),
        deal="Globex rollout",
        go_live=(NOW + timedelta(days=60)).date(),
        people=[
            Person(name="Jane Doe", email=JANE, role="champion"),
            Person(name="Sam Lee", email=SAM, role="economic-buyer"),
        ],
        confirm=True,
    )
    plan = build_plan(load_template("short"), request, plan_id="p1", now=NOW)
    plan.milestones[0].status = MilestoneStatus.ACTIVE  # the workflow starts #1
    return plan


def answers(plan: Plan, sender: str, step: int, intent: Intent, argument: str = "") -> None:
    command = command_of(sender, intent, argument, step=step, now=NOW)
    editing.check_reply(plan, command, NOW)
    editing.apply(plan, command, NOW)


def row(status: str, title: str) -> str:
    return next(line for line in status.splitlines() if title in line and "\u2014" not in line)


def test_a_blocked_step_shows_blocked_and_why() -> None:
    plan = running_plan()
    answers(plan, JANE, 1, Intent.BLOCKED, "waiting on our DPO")
    status = format_plan(plan, NOW)
    assert " blocked " in row(status, "Proposal reviewed and agreed"), status
    assert "  #1 blocked: waiting on our DPO" in status.splitlines()


def test_the_history_has_what_people_did_to_the_steps() -> None:
    plan = running_plan()
    answers(plan, JANE, 1, Intent.BLOCKED, "waiting on our DPO")
    answers(plan, JANE, 1, Intent.DONE)
    status = format_plan(plan, NOW)
    history = status.split("History:\n", 1)[1].splitlines()
    assert any(
        line.endswith(f"{JANE}: blocked: waiting on our DPO \u2014 #1 Proposal reviewed and agreed")
        for line in history
    ), history
    assert any(f"{JANE}: marked done \u2014 #1 Proposal" in line for line in history), history
    assert " done " in row(status, "Proposal reviewed and agreed")
    assert "#1 blocked:" not in status.split("History:")[0]  # done: no longer blocked


def test_a_file_a_buyer_sent_prints_no_terminal_controls() -> None:
    """A part's type is kept as `email` reads it, escape sequences and all, and U+009B is a
    terminal's CSI: neither may reach the operator's terminal (red-team round 9)."""
    raw = (
        b"From: jane@globex.example\r\nTo: plans@acme.example\r\nSubject: file\r\n"
        b"Message-ID: <f1@globex.example>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=XX\r\n\r\n"
        b"--XX\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
        b"--XX\r\nContent-Type: application/x\x1b[1d\x1b[8m\r\n"
        b'Content-Disposition: attachment; filename="contract\xc2\x9b2J.pdf"\r\n\r\n'
        b"AAAA\r\n--XX--\r\n"
    )
    plan = running_plan()
    files = list_files(parse_message(raw))
    keep_files(plan, files, JANE, "<f1@globex.example>", None, NOW)
    printed = format_plan(plan, NOW)
    assert not re.findall(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", printed), printed
    assert "application/octet-stream" in printed
