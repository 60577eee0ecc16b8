"""What the plan's validator passes, its update handler applies (pure; red-team round 8).

A handler that raises anything but a refusal fails the plan's workflow task, which Temporal
tries again and again: the plan takes no more changes. So an argument the handler could not
read is refused by the validator, with its reason, before it is accepted. The mail reader
writes these arguments itself (ISO dates, known roles, plain amounts); other callers may not.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mutualplan.edits import editing
from mutualplan.errors import Refused
from mutualplan.models import Details, Intent, MilestoneStatus, NewPerson
from tests.support.plans import command_of, jane_and_sam_plan

NOW = datetime.now(UTC).replace(microsecond=0)
ALEX = "alex@acme.example"


@pytest.mark.parametrize(
    ("intent", "argument", "details", "reason"),
    [
        (Intent.AMOUNT, "lots USD", None, "is no amount"),
        (Intent.AMOUNT, "NaN USD", None, "is no amount"),
        (Intent.CLOSE, "next friday", None, "is no date"),
        (Intent.GO_LIVE, "2026-02-30", None, "is no date"),
        (Intent.ADD, "", NewPerson(person="kim@globex.example", role="wizard"), "is no role"),
        (Intent.REMOVE_STEP, "two", None, "is no step number"),
    ],
    ids=[
        "amount-words",
        "amount-nan",
        "close-words",
        "go-live-no-such-day",
        "unknown-role",
        "remove-step-words",
    ],
)
def test_an_argument_the_handler_cannot_read_is_refused_first(
    intent: Intent, argument: str, details: Details | None, reason: str
) -> None:
    with pytest.raises(Refused, match=reason):
        command = command_of(ALEX, intent, argument, details=details, now=NOW)
        editing.check_reply(jane_and_sam_plan(NOW), command, NOW)


def test_a_readable_amount_and_close_date_pass_and_apply() -> None:
    plan = jane_and_sam_plan(NOW)
    for intent, argument in [(Intent.AMOUNT, "120000 USD"), (Intent.CLOSE, "2030-01-15")]:
        command = command_of(ALEX, intent, argument, now=NOW)
        editing.check_reply(plan, command, NOW)
        editing.apply(plan, command, NOW)
    assert str(plan.amount) == "120000" and plan.currency == "USD"
    assert plan.crm_close is not None and plan.crm_close.isoformat() == "2030-01-15"


def test_a_new_date_the_handler_cannot_read_is_refused_first() -> None:
    plan = jane_and_sam_plan(NOW)
    plan.milestones[0].status = MilestoneStatus.ACTIVE
    command = command_of("jane@globex.example", Intent.RESCHEDULE, "soon", step=1, now=NOW)
    with pytest.raises(Refused, match="is no date"):
        editing.check_reply(plan, command, NOW)
