"""What the seller reads when a buyer answers with changes: who did what, a change a line, and a
subject that is not cut in the middle of a word (pure: the reply is read, applied to the plan and
rendered as the seller's email, the way the worker does it)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mutualplan.business_days import business_day_on_or_after
from mutualplan.edits.changes import Notice
from mutualplan.errors import Refused
from mutualplan.languages import wording
from mutualplan.mail.compose import OutgoingEmail, Renderer
from mutualplan.mail.plan_emails import NOTICE_WORDS, plan_email
from mutualplan.messages import EmailRequest
from mutualplan.models import MilestoneStatus, Plan
from mutualplan.report import format_plan
from mutualplan.settings import Settings
from mutualplan.web.page import history
from tests.support.plans import answered, jane_and_sam_plan

NOW = datetime.now(UTC).replace(microsecond=0)
SETTINGS = Settings(secret="what-the-seller-is-told")
SELLER, JANE = "alex@acme.example", "jane@globex.example"


def draft(*, confirm: bool = False) -> Plan:
    return jane_and_sam_plan(NOW, confirm=confirm)


def emails_after(plan: Plan, sender: str, text: str) -> list[OutgoingEmail]:
    """`sender` replies `text` to the plan: the emails the change sends."""
    change = answered(plan, sender, text, NOW)
    return [email_of(plan, notice, n) for n, notice in enumerate(change.notices)]


def email_of(plan: Plan, notice: Notice, n: int) -> OutgoingEmail:
    request = EmailRequest(
        kind=notice.kind,
        plan=plan,
        recipient_id=notice.recipient_id,
        key=f"notice.{n}",
        milestone_key=notice.milestone_key,
        note=notice.note,
        said=notice.said,
    )
    return plan_email(request, settings=SETTINGS, renderer=Renderer(), now=NOW)


def to_seller(emails: list[OutgoingEmail]) -> OutgoingEmail:
    return next(e for e in emails if any(SELLER in to for to in e.to))


def later(plan: Plan, number: int, days: int) -> date:
    """A working day `days` or a little more after the step's due date (a day off would add a
    line saying so: tests/edits/test_days_off.py)."""
    m = plan.milestone_by_number(number)
    assert m is not None
    return business_day_on_or_after(m.due + timedelta(days=days), plan.holidays.days_off)


def test_what_the_owner_writes_with_done_stays_in_the_steps_history() -> None:
    plan = draft(confirm=True)
    first = plan.milestones[0]
    first.status = MilestoneStatus.ACTIVE
    emails_after(plan, JANE, "Done - agreed with Sam this morning\n\nBest,\nJane")
    assert (first.status, first.done_note) == (MilestoneStatus.DONE, "agreed with Sam this morning")
    assert first.history[-1].what == "marked done: agreed with Sam this morning"
    assert "marked done: agreed with Sam this morning" in format_plan(plan, NOW)
    german = format_plan(plan, NOW, wording("de"))
    assert "als erledigt markiert: agreed with Sam this morning" in german
    on_the_page = wording("fr").say(history(plan)[0].what)
    assert on_the_page == "marqué comme terminé : agreed with Sam this morning"


def test_done_with_thanks_alone_is_marked_done_as_before() -> None:
    plan = draft(confirm=True)
    first = plan.milestones[0]
    first.status = MilestoneStatus.ACTIVE
    emails_after(plan, JANE, "Done, thanks!\n\nJane")
    assert (first.status, first.done_note) == (MilestoneStatus.DONE, "")
    assert first.history[-1].what == "marked done"


def test_a_reassignment_says_who_reassigned_not_the_new_owner() -> None:
    plan = draft()
    told = to_seller(emails_after(plan, JANE, "#3 assign to Kim Lee <kim@globex.example>"))
    assert "Jane Doe reassigned to Kim Lee (kim@globex.example)" in told.text, told.text
    assert "Kim Lee reassigned" not in told.text + told.subject


def test_a_draft_review_of_two_changes_says_each_on_its_own_line() -> None:
    plan = draft()
    new = later(plan, 2, 3)
    told = to_seller(
        emails_after(plan, JANE, f"#2 new date: {new.isoformat()}\n#3 assign to kim@globex.example")
    )
    lines = told.text.splitlines()
    moved = next(line for line in lines if "moved the due date" in line)
    assert moved.startswith("Jane Doe moved") and moved.endswith("\u201d"), moved
    assert any(line.startswith("Jane Doe reassigned to kim@globex.example") for line in lines)
    # the subject: the first change, whole words, and "…" for the one that follows
    assert told.subject.startswith("[Globex rollout] Jane Doe moved the due date")
    assert told.subject.endswith("\u2026") and "\n" not in told.subject, told.subject
    assert "\u201cBudget approved\u201d" in told.subject  # the step's whole title


def test_a_long_subject_is_cut_after_a_word_and_its_quotation_closed() -> None:
    plan = draft()
    step = plan.milestone_by_number(2)
    assert step is not None
    step.title = "Budget approved by the regional finance committee and the CFO"
    told = to_seller(emails_after(plan, JANE, f"#2 new date: {later(plan, 2, 3).isoformat()}"))
    subject = told.subject.removeprefix("[Globex rollout] ")
    assert len(subject) <= NOTICE_WORDS and subject.endswith("\u2026\u201d"), subject
    assert subject.count("\u201c") == subject.count("\u201d") == 1
    cut_word = subject.removesuffix("\u2026\u201d").split()[-1].lstrip("\u201c")
    assert cut_word in step.title.split(), subject  # a whole word before the "…"


def test_a_german_reader_gets_each_change_on_its_own_line_too() -> None:
    plan = draft()
    alex = plan.stakeholder_by_email(SELLER)
    assert alex is not None
    alex.language = "de"
    new = later(plan, 2, 3)
    told = to_seller(
        emails_after(plan, JANE, f"#2 new date: {new.isoformat()}\n#3 assign to kim@globex.example")
    )
    body = told.text.split("\n\n")[1]  # after the greeting
    assert len(body.splitlines()) == 2 and all(line[:1].isupper() for line in body.splitlines())
    assert "\n" not in told.subject and told.subject.endswith("\u2026"), told.subject


def test_which_step_gives_an_example_date_to_come() -> None:
    """Two steps active and no step named: the refusal's example is a date still to come."""
    plan = draft(confirm=True)
    for m in plan.milestones[:2]:
        m.status = MilestoneStatus.ACTIVE
    with pytest.raises(Refused) as refused:
        emails_after(plan, SELLER, f"new date: {later(plan, 1, 3).isoformat()}")
    said = str(refused.value)
    example = date.fromisoformat(said.split("#3 new date: ")[1][:10])
    assert example > NOW.date(), said


def test_the_new_owner_of_a_blocked_step_is_told_it_is_blocked_and_why() -> None:
    plan = draft(confirm=True)
    plan.milestones[0].status = MilestoneStatus.ACTIVE
    emails_after(plan, JANE, "#1 blocked: waiting on our DPO")
    sent = emails_after(plan, SELLER, "#1 assign to Kim Lee <kim@globex.example>")
    kim = next(e for e in sent if any("kim@globex.example" in to for to in e.to))
    assert "Your turn" in kim.subject
    lines = kim.text.splitlines()
    due = next(n for n, line in enumerate(lines) if line.startswith("  Due: "))
    assert lines[due + 1] == "  Blocked: waiting on our DPO", kim.text
    assert "Blocked: waiting on our DPO</p>" in (kim.html or "")
