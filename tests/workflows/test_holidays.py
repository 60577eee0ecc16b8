"""A plan's public holidays and weekend in the running workflow (in Temporal's checking sandbox):
no reminder or late email goes out on one, and the days it counts skip them.

The first plan's holidays are made up, a few business days from the clock the test runs under, so
the test does not depend on which real holidays fall near today; the Israeli plan follows the real
calendar, its dates chosen clear of its holidays. A holiday a German reader is told of is named
in German (its name follows the real calendar)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from temporalio.testing import WorkflowEnvironment

from mutualplan.business_days import add_business_days
from mutualplan.mail.tokens import plan_id_for
from mutualplan.messages import PlanInput
from mutualplan.models import Intent, Plan, PublicHolidays
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template
from mutualplan.workflows.plan import PlanWorkflow
from tests.edits.test_days_off import GERMAN
from tests.support.plans import PEOPLE
from tests.workflows.test_kept_dates import body
from tests.workflows.test_webhooks import reply


def short_plan(now: datetime, deal: str, go_live: date, **given: str) -> Plan:
    """The short template's plan for Alex's deal with Globex's people, confirmed, no check-ins;
    `given`: what else the start email says (its holidays, its language)."""
    request = StartRequest(
        message_id=f"{uuid.uuid4()}@acme.example",
        template="short",
        seller=Person(name="Alex Seller", email="alex@acme.example"),
        deal=deal,
        go_live=go_live,
        people=PEOPLE,
        confirm=True,
        **given,
    )
    template = load_template("short").model_copy(update={"checkin": None})
    return build_plan(template, request, plan_id=plan_id_for(request.message_id), now=now)


def plan_with_holidays(now: datetime) -> Plan:
    """The short template, go-live 20 business days out; then two made-up holidays: the day its
    first step's reminder would go out, and the day after it is due (its first late day)."""
    plan = short_plan(now, "Globex rollout", add_business_days(now.date(), 20))
    due = plan.milestones[0].due
    plan.holidays = PublicHolidays(
        calendars=["XX"],
        days={add_business_days(due, -3): "Founders' Day", add_business_days(due, 1): "Fair Day"},
    )
    return plan


def sent_day(email: EmailMessage) -> str:
    return parsedate_to_datetime(str(email["Date"])).date().isoformat()


async def test_reminders_and_late_emails_skip_the_plans_holidays(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    env = time_skipping_env
    now = await env.get_current_time()
    plan = plan_with_holidays(now)
    due = plan.milestones[0].due
    days_off = plan.holidays.days_off
    handle = await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )
    await smtp_sink.wait_for(lambda m: "Your turn" in str(m["Subject"]))

    first_late_day = add_business_days(due, 1, days_off)
    last = datetime.combine(first_late_day, now.timetz()) + timedelta(days=1)
    await env.sleep(last - await env.get_current_time())
    late = await smtp_sink.wait_for(
        lambda m: "jane@globex.example" in str(m["To"]) and "Late:" in str(m["Subject"])
    )

    reminders = [m for m in smtp_sink.to("jane@globex.example") if "Reminder:" in str(m["Subject"])]
    assert [sent_day(m) for m in reminders] == [
        add_business_days(due, -3, days_off).isoformat(),  # the business day before the holiday
        due.isoformat(),
    ]
    assert sent_day(late) == first_late_day.isoformat()  # the day after the holiday
    sent = {sent_day(m) for m in smtp_sink.messages}
    assert not sent & {day.isoformat() for day in days_off.holidays}
    await handle.terminate()


# --- the plan's own weekend -----------------------------------------------------------------------

FRIDAY, SATURDAY, SUNDAY, WEDNESDAY = 4, 5, 6, 2


def israeli_plan(now: datetime) -> tuple[Plan, date]:
    """The short template with `Holidays: IL` (the real calendar: weekend Friday and Saturday);
    its first step due on a Wednesday at least ten days out with no Israeli holiday near it, so
    its reminder 3 business days before comes on the Sunday (on a Saturday-Sunday week it would
    come on the Friday before)."""
    plan = short_plan(now, "Globex Israel rollout", now.date() + timedelta(days=150), holidays="IL")
    assert plan.holidays.weekend == [FRIDAY, SATURDAY]
    wednesday = now.date() + timedelta(days=10)
    wednesday += timedelta(days=(WEDNESDAY - wednesday.weekday()) % 7)
    while any(abs((day - wednesday).days) <= 7 for day in plan.holidays.days):
        wednesday += timedelta(days=7)
    plan.milestones[0].due = wednesday
    return plan, wednesday


async def test_an_israeli_plan_is_reminded_on_sunday_morning_and_never_on_friday(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    env = time_skipping_env
    now = await env.get_current_time()
    plan, wednesday = israeli_plan(now)
    handle = await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )
    await smtp_sink.wait_for(lambda m: "Your turn" in str(m["Subject"]))

    thursday = wednesday + timedelta(days=1)  # its first late day
    last = datetime.combine(thursday + timedelta(days=3), time(12), tzinfo=UTC)  # past Saturday
    await env.sleep(last - await env.get_current_time())
    await smtp_sink.wait_for(
        lambda m: "jane@globex.example" in str(m["To"]) and "Late:" in str(m["Subject"])
    )

    to_jane = smtp_sink.to("jane@globex.example")
    reminders = [m for m in to_jane if "Reminder:" in str(m["Subject"])]
    sunday = wednesday - timedelta(days=3)
    assert [sent_day(m) for m in reminders] == [sunday.isoformat(), wednesday.isoformat()]
    assert parsedate_to_datetime(str(reminders[0]["Date"])).hour == 9  # the plan's morning
    late = [sent_day(m) for m in to_jane if "Late:" in str(m["Subject"])]
    assert late == [thursday.isoformat()]
    nudges = [m for m in smtp_sink.messages if "Reminder:" in str(m["Subject"])
              or "Late:" in str(m["Subject"])]  # fmt: skip
    weekdays = {parsedate_to_datetime(str(m["Date"])).weekday() for m in nudges}
    assert weekdays.isdisjoint({FRIDAY, SATURDAY})
    await handle.terminate()


# --- a holiday named in the reader's language -----------------------------------------------------


async def test_a_new_date_on_a_holiday_is_told_to_a_german_seller_by_its_german_name(
    time_skipping_env: WorkflowEnvironment, settings: Settings, smtp_sink, worker
) -> None:
    """Jane moves her step to the plan's next German holiday; the seller, who reads German,
    is told the day is "Karfreitag" (or whichever it is), not its English name: the workflow
    passes the holiday on as the plan keeps it, and the email names it as it is written."""
    env = time_skipping_env
    now = await env.get_current_time()
    plan = short_plan(
        now, "Globex Rollout", now.date() + timedelta(days=90), holidays="DE", language="de"
    )
    plan.seller.language = "de"  # the buyers read the plan's German; the seller too
    day, name = next(
        (d, n) for d, n in plan.holidays.days.items() if d > now.date() and n in GERMAN
    )
    handle = await env.client.start_workflow(
        PlanWorkflow.run, PlanInput(plan=plan), id=plan.id, task_queue=settings.task_queue
    )
    await smtp_sink.wait_for(lambda m: "jane@globex.example" in str(m["To"]))
    await reply(handle, "jane@globex.example", Intent.RESCHEDULE, 1, day.isoformat())
    told = await smtp_sink.wait_for(
        lambda m: "alex@acme.example" in str(m["To"]) and "Feiertag in Deutschland" in body(m)
    )
    assert f"Feiertag in Deutschland: {GERMAN[name]}." in body(told), body(told)
    assert name not in body(told)
    await handle.terminate()
