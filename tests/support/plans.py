"""Plans for workflow tests, built the way the engine builds them from a start email, and what
the tests do with them on the time-skipping server: start one, answer it as the mail listener
would, find an owner's email, let time pass.

Dates come from the clock the test runs under (Temporal's time-skipping server starts at it too),
never from the calendar: a plan made "today" with go-live 100 days on, whatever day today is."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage

from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from mutualplan.edits import editing
from mutualplan.edits.changes import Change
from mutualplan.mail.reading import read_reply
from mutualplan.mail.tokens import plan_id_for, read_token
from mutualplan.messages import PlanInput, ReplyCommand
from mutualplan.models import Details, Intent, Plan
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template
from mutualplan.workflows.plan import PlanWorkflow

SECRET = "workflow-test-secret"
PEOPLE = [
    Person(name="Jane Doe", email="jane@globex.example", role="champion"),
    Person(name="Sam Lee", email="sam@globex.example", role="economic-buyer"),
    Person(name="Priya Patel", email="priya@globex.example", role="legal"),
    Person(name="Omar Haddad", email="omar@globex.example", role="security"),
]


GO_LIVE_AFTER = timedelta(days=100)


def jane_plan(now: datetime) -> Plan:
    """The smallest plan: the `short` template, Alex selling, Jane Doe (Champion) the only
    buyer, go-live two months after `now`; id "p1"."""
    request = StartRequest(
        message_id="start@acme.example",
        template="short",
        seller=Person(name="Alex Seller", email="alex@acme.example"),
        deal="Globex rollout",
        go_live=(now + timedelta(days=60)).date(),
        people=[Person(name="Jane Doe", email="jane@globex.example", role="champion")],
        confirm=True,
    )
    return build_plan(load_template("short"), request, plan_id="p1", now=now)


def jane_and_sam_plan(now: datetime, *, confirm: bool = True) -> Plan:
    """The `short` template, Alex selling, Jane Doe (Champion, owner of step 1) and Sam Lee
    (Economic Buyer), go-live 90 days after `now`; id "p1"."""
    request = StartRequest(
        message_id="start@acme.example",
        template="short",
        seller=Person(name="Alex Seller", email="alex@acme.example"),
        deal="Globex rollout",
        go_live=(now + timedelta(days=90)).date(),
        people=[
            Person(name="Jane Doe", email="jane@globex.example", role="champion"),
            Person(name="Sam Lee", email="sam@globex.example", role="economic-buyer"),
        ],
        confirm=confirm,
    )
    return build_plan(load_template("short"), request, plan_id="p1", now=now)


def make_plan(
    template: str = "enterprise", *, confirm: bool = True, now: datetime | None = None
) -> Plan:
    """The plan a seller's start email makes at `now` (by default, the clock's now)."""
    now = now or datetime.now(UTC)
    request = StartRequest(
        message_id=f"{uuid.uuid4()}@acme.example",
        template=template,
        seller=Person(name="Alex Seller", email="alex@acme.example"),
        deal="Globex rollout",
        go_live=(now + GO_LIVE_AFTER).date(),
        people=PEOPLE,
        confirm=confirm,
    )
    return build_plan(
        load_template(template),
        request,
        plan_id=plan_id_for(request.message_id),
        now=now,
    )


async def start(env: WorkflowEnvironment, settings: Settings, plan: Plan) -> WorkflowHandle:
    return await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )


def done_by(sender: str, email: EmailMessage | None = None, **extra: object) -> ReplyCommand:
    """The command the mail listener makes of `sender` replying "done" to `email`."""
    claims = read_token(SECRET.encode(), _token_of(email)) if email is not None else None
    assert email is None or claims is not None, "the email carries a valid token"
    return ReplyCommand(
        message_id=f"{uuid.uuid4()}@globex.example",
        sender=sender,
        milestone_number=claims.milestone_number if claims else None,
        token_stakeholder_id=claims.stakeholder_id if claims else None,
        intent=Intent.DONE,
        received_at=datetime.now(UTC),
        **extra,  # type: ignore[arg-type]
    )


def answered(plan: Plan, sender: str, text: str, now: datetime) -> Change:
    """`sender` replies `text` to `plan` at `now`: checked and applied as the workflow does."""
    command = written(sender, text, now)
    editing.check_reply(plan, command, now)
    return editing.apply(plan, command, now)


def command_of(
    sender: str,
    intent: Intent,
    argument: str = "",
    *,
    step: int | None = None,
    details: Details | None = None,
    now: datetime | None = None,
) -> ReplyCommand:
    """The command `sender` gives, as the plan's update gets it: no token, no more lines, a
    Message-ID of its own (a plan applies each Message-ID once)."""
    return ReplyCommand(
        message_id=f"{uuid.uuid4()}@x",
        sender=sender,
        milestone_number=step,
        intent=intent,
        argument=argument,
        details=details,
        received_at=now or datetime.now(UTC),
    )


def written(sender: str, text: str, now: datetime) -> ReplyCommand:
    """The command `sender` replying `text` (no token) at `now` makes, as the router reads it."""
    raw = f"From: {sender}\r\nSubject: Re: plan\r\nMessage-ID: <r1@x>\r\n\r\n{text}\r\n"
    reply = read_reply(raw.encode(), today=now.date())
    return ReplyCommand(
        message_id=reply.message_id,
        sender=sender,
        milestone_number=reply.step,
        intent=reply.intent,
        argument=reply.argument,
        details=reply.details,
        received_at=now,
        more=reply.more,
    )


def _token_of(email: EmailMessage) -> str:
    reply_to = str(email["Reply-To"])
    return reply_to.split("+", 1)[1].split("@", 1)[0]


def your_turn(address: str, title: str) -> Callable[[EmailMessage], bool]:
    return lambda m: address in str(m["To"]) and f"Your turn: {title}" in str(m["Subject"])


async def sleep_until(env: WorkflowEnvironment, when: datetime) -> None:
    now = await env.get_current_time()
    if when > now:
        await env.sleep(when - now)


def two_ways(today: date) -> str:
    """A date in digits that reads two ways ("3/2": 3 February or 2 March) from `today` and for
    a few days after: both readings two weeks to eight months ahead, so neither is dropped as
    next year's slip whatever day the test runs."""
    for first in range(1, 13):
        for second in range(1, 13):
            readings = [_next(today, first, second), _next(today, second, first)]
            if first != second and all(14 <= (d - today).days <= 240 for d in readings):
                return f"{first}/{second}"
    raise AssertionError(f"no date in digits reads two ways from {today}")


def _next(today: date, month: int, day: int) -> date:
    this_year = date(today.year, month, day)
    return this_year if this_year >= today else date(today.year + 1, month, day)


def first_morning_after(instant: datetime) -> datetime:
    """The first 9:00 (the plan's zone is UTC) at or after `instant`."""
    morning = datetime.combine(instant.date(), time(9), tzinfo=UTC)
    return morning if morning >= instant else morning + timedelta(days=1)
