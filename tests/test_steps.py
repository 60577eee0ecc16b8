"""Step numbers are never reused (pure): reply tokens and old emails carry them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from mutualplan.edits import editing
from mutualplan.errors import Refused
from mutualplan.messages import ReplyCommand
from mutualplan.models import Intent, NewPerson, NewStep, Plan
from tests.support.plans import command_of, jane_plan

NOW = datetime.now(UTC).replace(microsecond=0)
DUE = (NOW + timedelta(days=20)).date()


def a_plan() -> Plan:
    return jane_plan(NOW)


def seller(plan: Plan, intent: Intent, argument: str = "", new: NewStep | None = None) -> None:
    command = command_of("alex@acme.example", intent, argument, details=new, now=NOW)
    editing.check_reply(plan, command, NOW)
    editing.apply(plan, command, NOW)


def test_a_step_added_after_the_last_was_removed_gets_a_new_number() -> None:
    plan = a_plan()
    seller(plan, Intent.ADD_STEP, new=NewStep(title="Pilot review", due=DUE))
    seller(plan, Intent.REMOVE_STEP, "6")
    seller(plan, Intent.ADD_STEP, new=NewStep(title="Sign the DPA", due=DUE))
    assert [(m.number, m.title) for m in plan.milestones][-1] == (7, "Sign the DPA")
    with pytest.raises(Refused, match="step #6 \u201cPilot review\u201d was removed"):
        seller(plan, Intent.REMOVE_STEP, "6")


def test_a_plan_from_before_the_counter_counts_on_from_its_steps() -> None:
    plan = a_plan()
    seller(plan, Intent.ADD_STEP, new=NewStep(title="Pilot review", due=DUE))
    old = plan.model_dump(exclude={"last_step_number", "removed_steps"})
    assert Plan.model_validate(old).last_step_number == 6


def test_commands_as_version_0_2_0_wrote_them_read_the_same() -> None:
    """0.2.0 put a new step (JSON) and a new person ('person|role') in `argument`: its plans'
    histories carry such commands, and replay them through this code."""
    step = f'{{"title": "Pilot review", "due": "{DUE.isoformat()}"}}'
    old = ReplyCommand.model_validate_json(
        f'{{"message_id": "m@x", "sender": "alex@acme.example", "intent": "add-step", '
        f'"argument": {json.dumps(step)}, "received_at": "{NOW.isoformat()}"}}'
    )
    assert (old.argument, old.details) == ("", NewStep(title="Pilot review", due=DUE))
    added = ReplyCommand(
        message_id="a@x", sender="alex@acme.example", intent=Intent.ADD,
        argument="Kim Lee <kim@globex.example>|legal", received_at=NOW,
    )  # fmt: skip
    assert added.details == NewPerson(person="Kim Lee <kim@globex.example>", role="legal")
    plan = a_plan()
    editing.check_reply(plan, old, NOW)
    editing.apply(plan, old, NOW)
    assert plan.milestones[-1].title == "Pilot review"
