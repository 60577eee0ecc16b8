"""When a plan nobody acts on stalls (pure), and where its weeks come from."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from mutualplan import stalling
from mutualplan.edits import editing
from mutualplan.errors import Refused
from mutualplan.health import PAGE_OPENED
from mutualplan.mail.commands import read_commands
from mutualplan.messages import ReplyCommand
from mutualplan.models import Event, Intent, Plan, PlanStatus
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.template_files import load_template

NOW = datetime.now(UTC).replace(microsecond=0)


def a_plan(weeks: int | None = None, default: int = 4) -> Plan:
    request = StartRequest(
        message_id="start@acme.example",
        template="short",
        seller=Person(name="Alex Seller", email="alex@acme.example"),
        deal="Globex rollout",
        go_live=(NOW + timedelta(days=60)).date(),
        people=[Person(name="Jane Doe", email="jane@globex.example", role="champion")],
        confirm=True,
    )
    template = load_template("short").model_copy(update={"stall_after_weeks": weeks})
    return build_plan(template, request, plan_id="p1", now=NOW, stall_after_weeks=default)


def test_a_plan_nobody_acts_on_stalls_weeks_after_its_last_due_date() -> None:
    plan = a_plan()
    assert stalling.stalls_on(plan) == plan.milestones[-1].due + timedelta(weeks=4)


def test_the_weeks_come_from_the_template_else_from_the_setting() -> None:
    assert a_plan(weeks=2).stall_after_weeks == 2
    assert a_plan(default=6).stall_after_weeks == 6
    plan = a_plan(weeks=1)
    assert stalling.stalls_on(plan) == plan.milestones[-1].due + timedelta(weeks=1)


def test_an_action_after_the_last_due_date_moves_the_stall_on() -> None:
    plan = a_plan()
    acted = datetime.combine(plan.milestones[-1].due + timedelta(days=10), NOW.time(), UTC)
    plan.milestones[0].history.append(Event(at=acted, by="jane@globex.example", what="note: x"))
    assert stalling.stalls_on(plan) == acted.date() + timedelta(weeks=4)


def test_opening_the_page_and_the_engines_own_events_are_not_acting() -> None:
    plan = a_plan()
    before = stalling.stalls_on(plan)
    later = datetime.combine(plan.milestones[-1].due + timedelta(days=10), NOW.time(), UTC)
    plan.history.append(Event(at=later, by="jane@globex.example", what=PAGE_OPENED))
    plan.history.append(Event(at=later, by="engine", what="could not email jane@globex.example"))
    plan.milestones[0].history.append(Event(at=later, by="engine", what="started"))
    assert stalling.stalls_on(plan) == before


def resume_by(sender: str) -> ReplyCommand:
    return ReplyCommand(message_id="r@x", sender=sender, intent=Intent.RESUME, received_at=NOW)


def test_only_the_seller_resumes_a_stalled_plan_and_it_stalls_again_later() -> None:
    plan = a_plan()
    now = datetime.combine(stalling.stalls_on(plan), NOW.time(), UTC)
    stalling.stall(plan, now)
    assert plan.status is PlanStatus.STALLED and plan.resume_until == now + stalling.RESUME_WITHIN
    done = ReplyCommand(message_id="d@x", sender="jane@globex.example", intent=Intent.DONE,
                        received_at=NOW)  # fmt: skip
    for refused, reason in [(done, "can answer \u201cresume\u201d"),
                            (resume_by("jane@globex.example"), "only the seller")]:  # fmt: skip
        try:
            editing.check_reply(plan, refused, now)
        except Refused as exc:
            assert reason in str(exc)
        else:
            raise AssertionError(f"{refused.intent} was not refused")
    editing.check_reply(plan, resume_by("alex@acme.example"), now)
    change = editing.apply(plan, resume_by("alex@acme.example"), now)
    assert plan.status is PlanStatus.ACTIVE and plan.resume_until is None
    assert "resumed the plan" in change.summary
    assert stalling.stalls_on(plan) == now.date() + timedelta(weeks=4)


def test_resume_is_read_from_a_reply() -> None:
    for text in ("resume", "Resume.", "reopen the plan", "Re-open"):
        assert read_commands(text, date.today())[0].intent is Intent.RESUME, text
    assert read_commands("resume the calls next week", date.today())[0].intent is Intent.UNKNOWN
