"""Reminders before a milestone is due, escalation once it is late, and the plan's health, on
the time-skipping server: weeks pass in seconds and each email is checked for when it went out.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from temporalio.testing import WorkflowEnvironment

from mutualplan import health
from mutualplan.business_days import add_business_days
from mutualplan.mail.tokens import plan_id_for
from mutualplan.messages import PlanInput
from mutualplan.models import Plan
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.plans import PEOPLE, sleep_until


def plan_starting(now: datetime) -> Plan:
    """The short template, go-live 20 business days out: the first step is due in 8."""
    request = StartRequest(
        message_id=f"{uuid.uuid4()}@acme.example",
        template="short",
        seller=Person(name="Alex Seller", email="alex@acme.example"),
        deal="Globex rollout",
        go_live=add_business_days(now.date(), 20),
        people=PEOPLE,
        confirm=True,
    )
    template = load_template("short").model_copy(update={"checkin": None})
    return build_plan(template, request, plan_id=plan_id_for(request.message_id), now=now)


def at_ten(day: datetime | object) -> datetime:
    assert isinstance(day, datetime)
    return day.replace(hour=10, minute=0, second=0, microsecond=0)


def sent_day(email: EmailMessage) -> str:
    return parsedate_to_datetime(str(email["Date"])).date().isoformat()


async def test_owner_is_reminded_then_late_is_escalated_and_health_falls(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    env = time_skipping_env
    now = await env.get_current_time()
    plan = plan_starting(now)
    first = plan.milestones[0]
    handle = await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )
    await smtp_sink.wait_for(lambda m: "Your turn" in str(m["Subject"]))

    def when(days: int) -> datetime:
        day = add_business_days(first.due, days)
        return at_ten(now.replace(year=day.year, month=day.month, day=day.day))

    await sleep_until(env, when(-3))
    reminder = await smtp_sink.wait_for(lambda m: "Reminder:" in str(m["Subject"]))
    assert "jane@globex.example" in str(reminder["To"])
    assert sent_day(reminder) == add_business_days(first.due, -3).isoformat()
    assert (await handle.query(PlanWorkflow.current_plan)).health == "on track"

    await sleep_until(env, when(0))
    await smtp_sink.wait_until(
        lambda: sum("Reminder:" in str(m["Subject"]) for m in smtp_sink.messages) == 2
    )

    await sleep_until(env, when(1))
    late = await smtp_sink.wait_for(
        lambda m: "alex@acme.example" in str(m["To"]) and "Late:" in str(m["Subject"])
    )
    assert "at risk" in late.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    await smtp_sink.wait_for(
        lambda m: "jane@globex.example" in str(m["To"]) and "Late:" in str(m["Subject"])
    )
    current = await handle.query(PlanWorkflow.current_plan)
    assert current.health == "at risk"
    assert current.projected_go_live is not None and current.projected_go_live > plan.go_live

    await sleep_until(env, when(7))  # 7 business days late (tests/test_overdue_days.py)
    assert (await handle.query(PlanWorkflow.current_plan)).health == "stalled"

    # nobody got more than one reminder or escalation a day for this plan
    nudges = [
        m for m in smtp_sink.messages if str(m["Subject"]).split("] ")[1][:5] in ("Remin", "Late:")
    ]
    per_person_day = Counter((str(m["To"]), sent_day(m)) for m in nudges)
    assert max(per_person_day.values()) == 1
    await handle.terminate()


async def test_reminders_go_out_at_the_plans_own_moment_of_the_half_hour_after_nine(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    """Each plan's morning comes at its own moment between 9:00 and 9:30 (read from its id),
    the same every day, so a hundred thousand plans do not all wake in the same second."""
    env = time_skipping_env
    now = await env.get_current_time()
    plan = plan_starting(now)
    first = plan.milestones[0]
    handle = await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )
    await smtp_sink.wait_for(lambda m: "Your turn" in str(m["Subject"]))
    last_day = add_business_days(first.due, 0)
    await sleep_until(env, at_ten(now.replace(year=last_day.year, month=last_day.month,
                                              day=last_day.day)))  # fmt: skip
    await smtp_sink.wait_until(
        lambda: sum("Reminder:" in str(m["Subject"]) for m in smtp_sink.messages) == 2
    )
    sent = [
        parsedate_to_datetime(str(m["Date"]))
        for m in smtp_sink.messages
        if "Reminder:" in str(m["Subject"])
    ]
    moment = datetime.combine(sent[0].date(), health.REMIND_AT, tzinfo=UTC) + health.morning_offset(
        plan.id
    )
    assert abs(sent[0] - moment) < timedelta(seconds=2), "at the plan's own moment"
    assert sent[1] - sent[0] == timedelta(days=(sent[1].date() - sent[0].date()).days), "daily"
    await handle.terminate()
