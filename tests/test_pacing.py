"""One email a day per person: news beyond it waits for the next morning (pure)."""

from __future__ import annotations

from datetime import UTC, datetime

from mutualplan import pacing
from mutualplan.messages import Pacing, QueuedEmail
from mutualplan.models import EmailKind, Plan
from tests.support.plans import jane_plan

NOW = datetime.now(UTC)
JANE = "jane@globex.example"


def a_plan() -> Plan:
    return jane_plan(NOW)


def email(kind: EmailKind, to: int = 2, milestone: str | None = "proposal-review") -> QueuedEmail:
    return QueuedEmail(kind=kind, recipient_id=to, milestone_key=milestone, key=f"{kind}.{to}")


def test_the_first_email_of_the_day_goes_and_later_news_waits() -> None:
    plan, day = a_plan(), Pacing()
    assert not pacing.holds(day, plan, email(EmailKind.MILESTONE_STARTED))
    assert pacing.holds(day, plan, email(EmailKind.MILESTONE_CHANGED))
    assert pacing.holds(day, plan, email(EmailKind.MILESTONE_DONE))
    held = {person: [str(line) for line in lines] for person, lines in day.held.items()}
    assert held == {2: ["Changed: Proposal reviewed and agreed",
                        "Done: Proposal reviewed and agreed"]}  # fmt: skip


def test_a_held_done_keeps_what_its_owner_wrote_with_it() -> None:
    plan, day = a_plan(), Pacing()
    plan.milestones[0].done_note = "agreed with Sam this morning"
    pacing.holds(day, plan, email(EmailKind.MILESTONE_STARTED))
    assert pacing.holds(day, plan, email(EmailKind.MILESTONE_DONE))
    assert [str(line) for line in day.held[2]] == [
        "Done: Proposal reviewed and agreed \u2014 \u201cagreed with Sam this morning\u201d"
    ]


def test_calls_to_act_always_go() -> None:
    plan, day = a_plan(), Pacing()
    for kind in (EmailKind.MILESTONE_STARTED, EmailKind.CHECKIN_INVITE, EmailKind.PLAN_CREATED):
        assert not pacing.holds(day, plan, email(kind))
    assert not day.held


def test_someone_who_acted_today_hears_at_once() -> None:
    plan, day = a_plan(), Pacing()
    pacing.holds(day, plan, email(EmailKind.MILESTONE_STARTED))
    pacing.acted(day, JANE)
    assert not pacing.holds(day, plan, email(EmailKind.MILESTONE_CHANGED))


def test_the_morning_hands_over_what_was_held_and_starts_a_new_day() -> None:
    plan, day = a_plan(), Pacing()
    pacing.holds(day, plan, email(EmailKind.MILESTONE_STARTED))
    pacing.holds(day, plan, email(EmailKind.PLAN_NOTICE, milestone=None))
    assert {k: [str(line) for line in v] for k, v in pacing.new_day(day).items()} == {
        2: ["The plan changed."]
    }
    assert day == Pacing()
    assert not pacing.holds(day, plan, email(EmailKind.MILESTONE_LATE))


def test_news_lines_say_what_happened() -> None:
    plan = a_plan()
    due = plan.milestones[0].due
    late = pacing.news_line(email(EmailKind.MILESTONE_LATE), plan)
    assert str(late) == f"Late: Proposal reviewed and agreed was due {due:%a %d %b}"
    noted = email(EmailKind.PLAN_NOTICE).model_copy(update={"note": "Kim joined"})
    assert pacing.news_line(noted, plan) == "Kim joined"
