"""Go-live moved: the steps still on their worked-out dates move with it, a date a person set
("#3 new date: ...") stays as they set it, and the email everyone gets says which did what
(pure: replies read, applied and rendered as the worker does it; the workflow test is in
tests/workflows/test_kept_dates.py)."""

from __future__ import annotations

from datetime import date, timedelta

from mutualplan import checkins
from mutualplan.business_days import add_business_days
from mutualplan.edits import editing
from mutualplan.edits.go_live import KeptDates, date_set_by, move_go_live
from mutualplan.messages import ReplyCommand
from mutualplan.models import Event, Intent, Milestone, MilestoneStatus, Plan
from mutualplan.plan_templates import due_from_go_live
from tests.edits.test_what_the_seller_is_told import (
    JANE,
    NOW,
    SELLER,
    draft,
    email_of,
    emails_after,
    to_seller,
)


def running() -> Plan:
    plan = draft(confirm=True)
    plan.milestones[0].status = MilestoneStatus.ACTIVE
    checkins.start_series(plan, NOW)  # the calls' update carries what moved
    return plan


def test_a_date_a_person_set_stays_when_go_live_moves_and_the_email_says_so() -> None:
    plan = running()
    third = plan.milestones[2]
    set_on = add_business_days(third.due, 3)
    owner = plan.owner(third)
    emails_after(plan, owner.email, f"#3 new date: {set_on.isoformat()}")
    assert date_set_by(third) == owner.email
    go_live = plan.go_live + timedelta(days=21)
    emails = emails_after(plan, SELLER, f"go-live: {go_live.isoformat()}")
    assert third.due == set_on, "the date Jane set"
    for m in plan.milestones:
        if m is not third:
            assert m.due == due_from_go_live(go_live, m.offset or 0, plan.holidays.days_off)
    text = next(e for e in emails if any(JANE in to for to in e.to)).text
    assert "New dates:" in text and third.title not in text.split("New dates:")[1].split(".")[0]
    assert f"Kept as people set them: {third.title}: " in text
    assert f"(set by {owner.display})" in text
    assert "after the new go-live" not in text


def test_a_kept_date_after_the_new_go_live_is_said_not_moved() -> None:
    plan = running()
    third = plan.milestones[2]
    set_on = add_business_days(plan.go_live, -3)
    emails_after(plan, SELLER, f"#3 new date: {set_on.isoformat()}")
    go_live = add_business_days(set_on, -10)
    emails = emails_after(plan, SELLER, f"go-live: {go_live.isoformat()}")
    assert third.due == set_on > plan.go_live
    text = " ".join(to_seller(emails).text.split())  # unwrapped
    assert f"\u201c{third.title}\u201d stays due" in text
    assert "after the new go-live: reply \u201c#3 new date: ...\u201d to move it." in text


def test_a_step_moved_by_go_live_after_its_date_was_set_moves_again() -> None:
    """Only the newest date counts: a plan from before this rule moved a set date with
    go-live; that step is the plan's again and moves with the next go-live."""
    plan = running()
    third = plan.milestones[2]
    emails_after(plan, SELLER, f"#3 new date: {add_business_days(third.due, 3).isoformat()}")
    move_go_live(plan, plan.go_live + timedelta(days=14), SELLER, NOW, kept=KeptDates.NONE)
    assert date_set_by(third) is None
    go_live = plan.go_live + timedelta(days=14)
    move_go_live(plan, go_live, SELLER, NOW)
    assert third.due == due_from_go_live(go_live, third.offset or 0, plan.holidays.days_off)


def test_a_line_of_history_kept_in_english_only_still_says_who_set_the_date() -> None:
    plan = running()
    third = plan.milestones[2]
    old, new = third.due, add_business_days(third.due, 2)
    third.history.append(Event(at=NOW, by=JANE, what=f"moved the due date from {old} to {new}"))
    third.due = new
    assert date_set_by(third) == JANE


def test_in_a_german_plan_the_kept_dates_are_said_in_german() -> None:
    plan = running()
    sam = plan.stakeholder_by_email("sam@globex.example")
    assert sam is not None
    sam.language, sam.language_given = "de", True
    third = plan.milestones[2]
    emails_after(plan, SELLER, f"#3 new date: {add_business_days(third.due, 3).isoformat()}")
    change = editing.apply(
        plan,
        ReplyCommand(
            message_id="g1",
            sender=SELLER,
            intent=Intent.GO_LIVE,
            argument=(plan.go_live + timedelta(days=21)).isoformat(),
            received_at=NOW,
        ),
        NOW,
    )
    notice = next(n for n in change.notices if n.recipient_id == sam.id)
    text = email_of(plan, notice, 0).text
    assert "Von Personen gesetzte Termine bleiben:" in text and "(gesetzt von Alex Seller)" in text


def added(plan: Plan, sender: str, title: str, due: date) -> Milestone:
    """`sender` adds step `title` due `due`: the new step."""
    emails_after(plan, sender, f"add step: {title}, due {due.isoformat()}")
    step = plan.milestones[-1]
    assert (step.title, step.due) == (title, due)
    return step


def test_a_step_added_with_its_date_keeps_it_when_go_live_moves_and_the_email_says_so() -> None:
    plan = running()
    due = add_business_days(plan.go_live, -8)
    step = added(plan, SELLER, "Legal review", due)
    go_live = add_business_days(plan.go_live, 15)
    emails = emails_after(plan, SELLER, f"go-live: {go_live.isoformat()}")
    assert step.due == due, "the date the seller added it with"
    text = " ".join(next(e for e in emails if any(JANE in to for to in e.to)).text.split())
    assert "Legal review" not in text.split("New dates:")[1].split("Kept as")[0]
    assert "Kept as people set them: Legal review: " in text
    assert "(set by Alex Seller)" in text
    assert "after the new go-live" not in text


def test_a_step_the_champion_added_to_a_draft_keeps_its_date_set_by_them() -> None:
    plan = draft()
    due = add_business_days(plan.go_live, -6)
    step = added(plan, JANE, "Security questionnaire", due)
    assert date_set_by(step) == JANE
    go_live = add_business_days(plan.go_live, 10)
    (told,) = emails_after(plan, SELLER, f"go-live: {go_live.isoformat()}")  # the other reviewer
    text = " ".join(told.text.split())
    assert step.due == due
    assert "Kept as people set them: Security questionnaire: " in text
    assert "(set by Jane Doe)" in text


def test_an_added_step_now_after_the_new_go_live_is_said_not_moved() -> None:
    plan = running()
    due = add_business_days(plan.go_live, -2)
    step = added(plan, SELLER, "Legal review", due)
    go_live = add_business_days(plan.go_live, -5)
    emails = emails_after(plan, SELLER, f"go-live: {go_live.isoformat()}")
    assert step.due == due > go_live
    text = " ".join(to_seller(emails).text.split())
    assert "\u201cLegal review\u201d stays due" in text
    assert f"after the new go-live: reply \u201c#{step.number} new date: ...\u201d" in text


def test_an_added_step_given_a_new_date_is_kept_as_its_newest_setter_set_it() -> None:
    plan = running()
    step = added(plan, SELLER, "Legal review", add_business_days(plan.go_live, -8))
    new = add_business_days(step.due, 2)
    emails_after(plan, SELLER, f"#{step.number} assign to kim@globex.example")
    emails_after(plan, "kim@globex.example", f"#{step.number} new date: {new.isoformat()}")
    assert date_set_by(step) == "kim@globex.example"
    emails_after(plan, SELLER, f"go-live: {add_business_days(plan.go_live, 10).isoformat()}")
    assert step.due == new


def test_under_the_rule_before_it_an_added_step_moved_and_is_then_the_plans() -> None:
    """A plan recorded before "kept-added-dates" replays it moving the added step; that step's
    date is then the plan's, and moves with the next go-live too."""
    plan = running()
    step = added(plan, SELLER, "Legal review", add_business_days(plan.go_live, -8))
    assert date_set_by(step, KeptDates.NEW_DATES) is None
    go_live = add_business_days(plan.go_live, 5)
    move_go_live(plan, go_live, SELLER, NOW, kept=KeptDates.NEW_DATES)
    assert step.due == due_from_go_live(go_live, step.offset or 0, plan.holidays.days_off)
    assert date_set_by(step) is None
    go_live = add_business_days(go_live, 5)
    move_go_live(plan, go_live, SELLER, NOW)
    assert step.due == due_from_go_live(go_live, step.offset or 0, plan.holidays.days_off)


def test_a_step_added_in_a_history_kept_in_english_only_still_says_who_set_its_date() -> None:
    plan = running()
    step = added(plan, SELLER, "Legal review", add_business_days(plan.go_live, -8))
    step.title = "Legal \u201credlines\u201d review"  # quotes inside the quoted title
    step.history = [
        Event(
            at=NOW,
            by=SELLER,
            what=f"added step #{step.number} \u201c{step.title}\u201d, due {step.due}",
        )
    ]
    assert date_set_by(step) == SELLER
