"""The "Done" email the seller reads when a step is done: every step it started is named as next,
and the lines read apart (pure: rendered the way the worker sends it)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from mutualplan.mail.compose import OutgoingEmail, Renderer
from mutualplan.mail.plan_emails import plan_email
from mutualplan.messages import EmailRequest
from mutualplan.models import EmailKind, Event, MilestoneStatus, Plan, PlanStatus
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template

NOW = datetime.now(UTC).replace(microsecond=0)
SETTINGS = Settings(secret="plan-emails-test")


def enterprise_plan() -> Plan:
    request = StartRequest(
        message_id="start@acme.example",
        template="enterprise",
        seller=Person(name="Alex Seller", email="alex@acme.example"),
        deal="Globex rollout",
        go_live=(NOW + timedelta(days=100)).date(),
        people=[
            Person(name="Jane Doe", email="jane@globex.example", role="champion"),
            Person(name="Omar Haddad", email="omar@globex.example", role="security"),
        ],
        confirm=True,
    )
    return build_plan(load_template("enterprise"), request, plan_id="p1", now=NOW)


def done_email(plan: Plan, number: int) -> OutgoingEmail:
    done = plan.milestone_by_number(number)
    assert done is not None
    request = EmailRequest(
        kind=EmailKind.MILESTONE_DONE,
        plan=plan,
        recipient_id=plan.seller_id,
        milestone_key=done.key,
        key="done",
    )
    return plan_email(request, settings=SETTINGS, renderer=Renderer(), now=NOW)


def test_done_names_every_step_it_started_as_next() -> None:
    plan = enterprise_plan()
    first, technical, security = plan.milestones[:3]
    assert technical.after == security.after == [first.key]  # both wait for #1 alone
    first.status = MilestoneStatus.DONE
    technical.status = security.status = MilestoneStatus.ACTIVE
    told = done_email(plan, first.number)
    text = told.text.split("Next:\n", 1)[1]
    named = text.split("\n\n", 1)[0].splitlines()  # the next steps, then a blank line
    assert [line.split(",")[0].strip() for line in named] == [technical.title, security.title]
    assert "Omar Haddad" in named[1]
    assert told.html.count("<li>") == 2


def test_done_with_nothing_started_names_the_step_to_come() -> None:
    plan = enterprise_plan()
    first = plan.milestones[0]
    first.status = MilestoneStatus.DONE  # the next ones not started yet: the first of them
    named = done_email(plan, first.number).text.split("Next:\n", 1)[1].splitlines()
    assert named[0].strip().startswith(plan.milestones[1].title) and named[1] == ""


def test_done_quotes_what_its_owner_wrote_with_it_as_text_in_html_too() -> None:
    plan = enterprise_plan()
    first = plan.milestones[0]
    first.status = MilestoneStatus.DONE
    first.done_note = "agreed with Sam <script>alert(1)</script> & legal"
    told = done_email(plan, first.number)
    owner = plan.owner(first).display
    assert (
        f"{owner} wrote: \u201cagreed with Sam <script>alert(1)</script> & legal\u201d" in told.text
    )
    assert "agreed with Sam &lt;script&gt;alert(1)&lt;/script&gt; &amp; legal" in told.html
    assert "<script>" not in told.html


def test_done_quotes_the_note_the_way_the_sellers_language_quotes() -> None:
    plan = enterprise_plan()
    first = plan.milestones[0]
    first.status = MilestoneStatus.DONE
    first.done_note = "mit Sam abgestimmt"
    plan.seller.language = "de"
    assert "\u201emit Sam abgestimmt\u201c" in done_email(plan, first.number).text
    plan.seller.language = "ja"
    assert "\u300cmit Sam abgestimmt\u300d" in done_email(plan, first.number).text


def test_done_names_who_wrote_the_note_when_the_seller_marked_it_for_the_owner() -> None:
    plan = enterprise_plan()
    first = plan.milestones[0]
    first.status = MilestoneStatus.DONE
    first.done_note = "closed on the call with Jane"
    first.history.append(Event(at=NOW, by=plan.seller.email, what="marked done: closed ..."))
    told = done_email(plan, first.number)
    assert f"{plan.seller.display} wrote: \u201cclosed on the call with Jane\u201d" in told.text


def test_done_without_a_note_quotes_nothing() -> None:
    plan = enterprise_plan()
    first = plan.milestones[0]
    first.status = MilestoneStatus.DONE
    told = done_email(plan, first.number)
    assert " wrote:" not in told.text and " wrote:" not in told.html


def test_the_running_plan_email_sets_its_parts_apart() -> None:
    """Like the draft: "Milestones:", "Stakeholders:", "Please check:" each after a blank line."""
    plan = enterprise_plan()  # no Legal named: a notice to check
    request = EmailRequest(
        kind=EmailKind.PLAN_CREATED, plan=plan, recipient_id=plan.seller_id, key="created"
    )
    lines = plan_email(request, settings=SETTINGS, renderer=Renderer(), now=NOW).text.splitlines()
    for heading in ("Milestones:", "Stakeholders:", "Please check:"):
        assert lines[lines.index(heading) - 1] == "", heading
    assert lines[lines.index("Each owner gets an email when their milestone starts; "
                             "you hear when one is done.") - 1] == ""  # fmt: skip


def test_the_examples_of_answers_are_dates_to_come_whenever_the_email_is_sent() -> None:
    """The footer's "new date: ..." and the draft's examples were fixed dates: in a year every
    email would have offered a day gone by. They are weekdays after the day it is sent."""
    plan = enterprise_plan()
    plan.status = PlanStatus.DRAFT
    request = EmailRequest(kind=EmailKind.PLAN_DRAFT, plan=plan, recipient_id=plan.seller_id,
                           key="draft")  # fmt: skip
    for sent in (NOW, NOW + timedelta(days=400), NOW + timedelta(days=3 * 365)):
        email = plan_email(request, settings=SETTINGS, renderer=Renderer(), now=sent)
        examples = email.text.split("for example:", 1)[1]  # the draft's examples and the footer
        said = [date.fromisoformat(d) for d in re.findall(r"\d{4}-\d\d-\d\d", examples)]
        said += [date.fromisoformat(d) for d in re.findall(r"new date: (\d{4}-\d\d-\d\d)",
                                                           email.html)]  # fmt: skip
        assert len(said) == 6, examples  # #3 new date, add step due, go-live, footer; html: 2
        assert all(d > sent.date() and d.weekday() < 5 for d in said), (sent, said)
