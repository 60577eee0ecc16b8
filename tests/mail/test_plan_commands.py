"""Tests for the commands that change a plan itself: several lines, named steps, new steps."""

from __future__ import annotations

from datetime import date

import pytest

from mutualplan.mail.commands import read_command, read_commands
from mutualplan.models import Instruction, Intent, NewPerson, NewStep

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("confirm", (Intent.CONFIRM, "", None)),
        ("Confirmed - go ahead", (Intent.CONFIRM, "", None)),
        ("Approved!", (Intent.CONFIRM, "", None)),
        ("Looks good to me", (Intent.UNKNOWN, "", None)),
        ("#3 new date: 2027-01-15", (Intent.RESCHEDULE, "2027-01-15", 3)),
        # the name is kept: a newcomer is invited to the calls by it
        (
            "Step 2: assign to Kim <kim@globex.example>",
            (Intent.REASSIGN, "Kim <kim@globex.example>", 2),
        ),
        ("#4 done", (Intent.DONE, "", 4)),
        ("remove step 4", (Intent.REMOVE_STEP, "4", None)),
        ("Delete #12.", (Intent.REMOVE_STEP, "12", None)),
        ("remove kim@globex.example", (Intent.REMOVE, "kim@globex.example", None)),
        ("criterion: 200 agents live", (Intent.CRITERION, "200 agents live", None)),
        ("Add success criteria: NPS over 40", (Intent.CRITERION, "NPS over 40", None)),
    ],
)
def test_plan_commands_are_read(text: str, expected: tuple[Intent, str, int | None]) -> None:
    intent, argument, step = expected
    assert read_command(text, TODAY) == Instruction(intent=intent, argument=argument, step=step)


def test_a_person_added_comes_with_their_name_and_role() -> None:
    line = read_command("add: Kim Lee <kim@globex.example> as Legal", TODAY)
    assert line.intent is Intent.ADD
    assert line.details == NewPerson(person="Kim Lee <kim@globex.example>", role="legal")
    bare = read_command("add kim@globex.example", TODAY)
    assert bare.details == NewPerson(person="kim@globex.example")


def test_a_new_step_names_its_title_date_owner_and_what_it_waits_for() -> None:
    line = read_command(
        "add step: Pilot review; due Jan 20; owner Kim <kim@globex.example>; after #2 and #3", TODAY
    )
    assert line.intent is Intent.ADD_STEP
    assert line.details == NewStep(
        title="Pilot review", due=date(2027, 1, 20), owner="kim@globex.example", after=[2, 3]
    )
    bare = read_command("add milestone: Security questionnaire", TODAY)
    assert bare.details == NewStep(title="Security questionnaire")


def test_several_command_lines_are_read_until_the_first_that_is_not_one() -> None:
    text = "#2 new date: 2027-01-15\n\n#3 assign to kim@globex.example\nThanks!\nremove step 4"
    commands = read_commands(text, TODAY)
    assert [(c.intent, c.step) for c in commands] == [(Intent.RESCHEDULE, 2), (Intent.REASSIGN, 3)]


def test_a_note_or_a_question_stays_one_command() -> None:
    assert len(read_commands("note: the pilot\nremove step 4", TODAY)) == 1
    assert len(read_commands("status\nremove step 4", TODAY)) == 1
