"""Each plan's own working week: the weekend of its calendars (Friday and Saturday in Israel), kept
on the plan and used by every business-day count: due dates, reminders, late counts, the slip.

Dates come from the clock the test runs under: a plan made today, go-live weeks ahead."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from mutualplan import forecast, health
from mutualplan.business_days import add_business_days, business_days_between, is_business_day
from mutualplan.cli import main
from mutualplan.edits.go_live import move_go_live
from mutualplan.languages import ENGLISH, SHIPPED, wording
from mutualplan.messages import PlanInput
from mutualplan.models import EmailKind, MilestoneStatus, Plan, PublicHolidays
from mutualplan.plan_templates import schedule_template, template_from_plan
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.public_holidays import holidays_between
from mutualplan.template_files import load_template

FRIDAY, SATURDAY, SUNDAY = 4, 5, 6
HISTORIES = Path(__file__).parent / "fixtures" / "histories"
SELLER = Person(name="Alex Seller", email="alex@acme.example")
BUYERS = [
    Person(name="Noa Levi", email="noa@globex.example", role="champion"),
    Person(name="Dan Cohen", email="dan@globex.example", role="economic-buyer"),
]


def now() -> datetime:
    return datetime.now(UTC)


def next_weekday(day: date, weekday: int) -> date:
    """The first `weekday` (Monday 0) on or after `day`."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def plan_for(holidays: str | None, go_live: date, template: str = "enterprise") -> Plan:
    request = StartRequest(
        message_id="start@acme.example",
        template=template,
        seller=SELLER,
        deal="Globex",
        go_live=go_live,
        people=BUYERS,
        holidays=holidays,
        confirm=True,
    )
    return build_plan(load_template(template), request, plan_id="workweek01", now=now())


def go_lives() -> list[date]:
    """Every day of two weeks, some months out: go-live on each day of the week, twice."""
    first = now().date() + timedelta(days=120)
    return [first + timedelta(days=n) for n in range(14)]


# --- the weekend, from the calendars ----------------------------------------------------------


@pytest.mark.parametrize(
    ("calendars", "weekend"),
    [
        ([], [SATURDAY, SUNDAY]),  # no calendar: as before
        (["US"], [SATURDAY, SUNDAY]),
        (["IL"], [FRIDAY, SATURDAY]),
        (["SA"], [FRIDAY, SATURDAY]),
        (["EG"], [FRIDAY, SATURDAY]),
        (["IR"], [FRIDAY]),
        (["BN"], [FRIDAY, SUNDAY]),
        (["US", "IL"], [FRIDAY, SATURDAY, SUNDAY]),  # a day any calendar rests is off
        (["MY"], [SATURDAY, SUNDAY]),
        (["MY-03"], [FRIDAY, SATURDAY]),  # Kelantan: its own, not Malaysia's
        (["MY-11"], [FRIDAY, SATURDAY]),  # Terengganu
    ],
)
def test_the_weekend_is_every_calendars_days_off(calendars: list[str], weekend: list[int]) -> None:
    today = now().date()
    assert holidays_between(calendars, today, today + timedelta(days=400)).weekend == weekend


def test_a_holiday_on_the_plans_weekend_skips_nothing_and_is_not_kept() -> None:
    today = now().date()
    kept = holidays_between(["IL"], today, today + timedelta(days=800))
    assert kept.days, "two years of Israeli holidays"
    assert not {day.weekday() for day in kept.days} & {FRIDAY, SATURDAY}


def test_a_plan_recorded_before_the_weekend_was_kept_reads_saturday_and_sunday() -> None:
    for path in sorted(HISTORIES.glob("plan-0.2.0*.json")):  # 0.2.0 kept no weekend
        started = json.loads(path.read_text())["events"][0]
        payload = started["workflowExecutionStartedEventAttributes"]["input"]["payloads"][0]
        raw = json.loads(base64.b64decode(payload["data"]))
        assert "weekend" not in json.dumps(raw), path.name
        plan = PlanInput.model_validate(raw).plan
        assert plan.holidays.weekend == [SATURDAY, SUNDAY]
        assert not plan.holidays.has_own_weekend
    assert PublicHolidays.model_validate({"calendars": [], "days": {}}).weekend == [5, 6]


def test_a_weekend_of_the_whole_week_is_refused() -> None:
    with pytest.raises(ValueError, match="whole week"):
        PublicHolidays(weekend=list(range(7)))


# --- due dates ---------------------------------------------------------------------------------


def test_an_israeli_plans_due_dates_never_fall_on_friday_or_saturday_and_sunday_works() -> None:
    due_on: set[int] = set()
    for go_live in go_lives():
        plan = plan_for("IL", go_live)
        days_off = plan.holidays.days_off
        assert {m.due.weekday() for m in plan.milestones}.isdisjoint({FRIDAY, SATURDAY}), go_live
        assert all(is_business_day(m.due, days_off) for m in plan.milestones)
        due_on |= {m.due.weekday() for m in plan.milestones}
    assert SUNDAY in due_on, "a Sunday is a business day in Israel"
    sunday = next_weekday(now().date(), SUNDAY)
    assert is_business_day(sunday, PublicHolidays(weekend=[FRIDAY, SATURDAY]).days_off)
    assert not is_business_day(sunday, PublicHolidays().days_off)


def test_a_plan_with_us_and_israeli_buyers_is_due_only_monday_to_thursday() -> None:
    for go_live in go_lives():
        plan = plan_for("US, IL", go_live)
        assert {m.due.weekday() for m in plan.milestones} <= {0, 1, 2, 3}, go_live


def test_offsets_count_the_plans_business_days() -> None:
    """Every step is its offset's business days from go-live in the plan's week (its Fridays not
    counted, its Sundays counted), and a plan saved as a template keeps its offsets."""
    go_live = next_weekday(now().date() + timedelta(days=120), 2)  # a Wednesday
    plan = plan_for("IL", go_live)
    days_off = plan.holidays.days_off
    for m in plan.milestones:
        assert m.offset is not None
        assert business_days_between(go_live, m.due, days_off) == m.offset
    exported = template_from_plan(plan, "from-israel")
    assert [m.offset for m in exported.milestones] == [m.offset for m in plan.milestones]


def test_templates_show_lays_out_in_the_calendars_week() -> None:
    go_live = next_weekday(now().date() + timedelta(days=120), 2)
    laid_out = schedule_template(load_template("enterprise"), go_live, ["IL"])
    assert laid_out.holidays.weekend == [FRIDAY, SATURDAY]
    assert {s.due.weekday() for s in laid_out.steps}.isdisjoint({FRIDAY, SATURDAY})


def test_a_go_live_on_the_plans_friday_moves_what_is_due_on_it_to_thursday() -> None:
    friday = next_weekday(now().date() + timedelta(days=120), FRIDAY)
    plan = plan_for("IL", friday)
    on_go_live = [m for m in plan.milestones if m.offset == 0]
    assert on_go_live and all(m.due == friday - timedelta(days=1) for m in on_go_live)
    assert any("falls on the plan's weekend" in notice for notice in plan.notices)


def test_moving_go_live_keeps_the_plans_week() -> None:
    plan = plan_for("IL", now().date() + timedelta(days=120))
    for go_live in go_lives():
        move_go_live(plan, go_live + timedelta(days=30), "alex@acme.example", now())
        assert {m.due.weekday() for m in plan.milestones}.isdisjoint({FRIDAY, SATURDAY})


# --- reminders, late counts, the slip -----------------------------------------------------------


def running_israeli_plan() -> tuple[Plan, date]:
    """An Israeli plan whose first step, under way since today, is due on a Wednesday with no
    holiday from the Sunday before it to the Thursday after."""
    plan = plan_for("IL", now().date() + timedelta(days=150), template="short")
    wednesday = next_weekday(now().date() + timedelta(days=10), 2)
    while any(wednesday - timedelta(days=3) <= day <= wednesday + timedelta(days=8)
              for day in plan.holidays.days):  # fmt: skip
        wednesday += timedelta(days=7)
    first = plan.milestones[0]
    first.due, first.status, first.started_at = wednesday, MilestoneStatus.ACTIVE, now()
    return plan, wednesday


def nudged(plan: Plan, first: date, last: date) -> dict[date, set[EmailKind]]:
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    found = {day: {n.kind for n in health.nudges_for(plan, day)} for day in days}
    return {day: kinds for day, kinds in found.items() if kinds}


def test_an_israeli_plans_reminders_come_on_sunday_and_never_on_its_weekend() -> None:
    plan, wednesday = running_israeli_plan()
    sent = nudged(plan, wednesday - timedelta(days=7), wednesday + timedelta(days=8))
    assert sent == {
        wednesday - timedelta(days=3): {EmailKind.MILESTONE_REMINDER},  # Sunday: 3 before
        wednesday: {EmailKind.MILESTONE_REMINDER},
        wednesday + timedelta(days=1): {EmailKind.MILESTONE_LATE},  # Thursday: 1 late
        wednesday + timedelta(days=8): {EmailKind.MILESTONE_LATE},  # a week of its days later
    }
    plan.holidays = PublicHolidays()  # the same plan on a Saturday-Sunday week: Friday
    assert wednesday - timedelta(days=5) in nudged(plan, wednesday - timedelta(days=7), wednesday)


def test_lateness_and_the_slip_count_the_plans_business_days() -> None:
    plan, wednesday = running_israeli_plan()
    sunday_after = wednesday + timedelta(days=4)  # Thu, (Fri, Sat), Sun: two business days late
    at = datetime.combine(sunday_after, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    assert business_days_between(wednesday, sunday_after, plan.holidays.days_off) == 2
    days_off = plan.holidays.days_off
    projected = health.projected_go_live(plan, at)
    assert projected == add_business_days(plan.go_live, 2, days_off)
    assert is_business_day(projected, days_off)


def test_the_forecast_counts_the_plans_business_days() -> None:
    plan, wednesday = running_israeli_plan()
    step = plan.milestones[0]
    step.signature = True
    sunday_after = wednesday + timedelta(days=4)
    at = datetime.combine(sunday_after, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    projected = forecast.projected_close(plan, at)
    assert projected == max(add_business_days(wednesday, 2, plan.holidays.days_off), sunday_after)


# --- what the seller is told -------------------------------------------------------------------


def test_the_draft_says_a_weekend_other_than_saturday_and_sunday_once_in_every_language() -> None:
    go_live = next_weekday(now().date() + timedelta(days=120), 2)
    plan = plan_for("US, IL", go_live)
    weekend = [n for n in plan.said_notices if n.text.startswith("Business days follow")]
    assert len(weekend) == 1
    said_once = (
        "Business days follow the weekend of US, IL (Friday, Saturday and Sunday): nothing is "
        "due and nobody is reminded on those days."
    )
    assert plan.notices.count(said_once) == 1
    for code in set(SHIPPED) - {ENGLISH}:
        said = wording(code).say(weekend[0])
        assert "{" not in said and "Business days" not in said, code
        assert wording(code).say(weekend[0]) != wording(ENGLISH).say(weekend[0]), code
    assert not any("weekend" in n for n in plan_for("US", go_live).notices)
    assert not any("weekend" in n for n in plan_for(None, go_live).notices)


def test_templates_show_names_a_weekend_other_than_saturday_and_sunday() -> None:
    go_live = (now().date() + timedelta(days=100)).isoformat()
    env = {"MUTUALPLAN_TEMPLATES_DIR": "", "MUTUALPLAN_HOLIDAYS": ""}
    show = ["templates", "show", "short", "--go-live", go_live, "--holidays"]
    israeli = CliRunner().invoke(main, [*show, "IL"], env=env).output
    assert "public holidays: IL; weekend: Friday, Saturday\n" in israeli
    american = CliRunner().invoke(main, [*show, "US"], env=env).output
    assert "public holidays: US\n" in american and "weekend" not in american
