"""What people write is cut where it enters a plan; the plan as queried shows recent events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mutualplan import limits
from mutualplan.edits import editing
from mutualplan.edits.changes import Change
from mutualplan.errors import Refused
from mutualplan.health import PAGE_OPENED
from mutualplan.messages import ReplyCommand
from mutualplan.models import Event, Intent, Plan
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.template_files import load_template
from tests.support.plans import command_of

NOW = datetime.now(UTC).replace(microsecond=0)
ALEX, JANE = "alex@acme.example", "jane@globex.example"


def a_plan() -> Plan:
    request = StartRequest(
        message_id="start@acme.example",
        template="short",
        seller=Person(name="Alex Seller", email=ALEX),
        deal="Globex rollout",
        go_live=(NOW + timedelta(days=60)).date(),
        people=[Person(name="Jane Doe", email=JANE, role="champion")],
        confirm=True,
    )
    return build_plan(load_template("short"), request, plan_id="p1", now=NOW)


def command(
    intent: Intent, argument: str, sender: str = ALEX, step: int | None = 1
) -> ReplyCommand:
    return command_of(sender, intent, argument, step=step, now=NOW)


def applied(plan: Plan, cmd: ReplyCommand) -> Change:
    editing.check_reply(plan, cmd, NOW)
    return editing.apply(plan, cmd, NOW)


def test_a_long_text_is_cut_with_a_word_that_it_was() -> None:
    assert limits.cut("short", 10) == "short"
    text = limits.cut("x" * 5_000, limits.NOTE)
    assert len(text) == limits.NOTE and text.endswith(limits.CUT)


@pytest.mark.parametrize("intent", [Intent.NOTE, Intent.BLOCKED])
def test_notes_and_blocked_reasons_are_cut_at_the_limit(intent: Intent) -> None:
    plan = a_plan()
    change = applied(plan, command(intent, "word " * 2_000))
    event = plan.milestones[0].history[-1]
    assert len(event.what) <= limits.NOTE + len("blocked: ") and event.what.endswith(limits.CUT)
    assert len(plan.milestones[0].blocked) <= limits.NOTE
    assert len(change.summary) < limits.NOTE + 200, "the emails about it are bounded too"


def test_names_criteria_titles_and_reasons_are_cut() -> None:
    plan = a_plan()
    applied(plan, command(Intent.ADD, f"{'Kim ' * 200}<kim@globex.example>|legal", step=None))
    assert len(plan.stakeholders[-1].name) == limits.NAME
    applied(plan, command(Intent.CRITERION, "c" * 5_000, step=None))
    assert len(plan.success_criteria[-1]) == limits.CRITERION
    applied(plan, command(Intent.CANCEL, "r" * 5_000, step=None))
    assert len(plan.history[-1].what) < limits.NOTE + 40


def test_an_address_longer_than_smtp_carries_is_refused() -> None:
    plan = a_plan()
    long = "k" * 250 + "@globex.example"
    with pytest.raises(Refused, match="at most 254"):
        applied(plan, command(Intent.REASSIGN, long, sender=JANE))


def test_an_update_carries_at_most_so_much_text() -> None:
    assert len(command(Intent.NOTE, "n" * 1_000_000).argument) == 10_000


def test_the_plan_as_queried_holds_its_newest_events_and_each_last_visit() -> None:
    plan = a_plan()
    plan.history.append(Event(at=NOW, by=JANE, what=PAGE_OPENED))
    for n in range(300):
        at = NOW + timedelta(minutes=n + 1)
        plan.milestones[n % 2].history.append(Event(at=at, by=ALEX, what=f"note: {n}"))
    shown = limits.recent(plan)
    notes = [e.what for m in shown.milestones for e in m.history]
    assert len(notes) == limits.SHOWN_EVENTS and "note: 299" in notes and "note: 99" not in notes
    assert [e.what for e in shown.history] == [PAGE_OPENED], "Jane's last visit stays"
    assert shown.history_omitted == 301 - (limits.SHOWN_EVENTS + 1)
    assert len(plan.milestones[0].history) == 150, "the plan itself keeps everything"
    assert limits.recent(a_plan()).history_omitted == 0
