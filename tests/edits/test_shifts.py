"""A new date by an amount ("push this back a week", "bring it forward two days"), resolved
against the step's own due date where the plan applies it: weeks are calendar weeks, days are
business days (the plan's weekend and holidays skipped); the result is checked and kept as any
new date a person gives. Pure: the reply is read as the router reads it, then checked and
applied. Dates come from the clock the test runs under."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from temporalio.contrib.pydantic import pydantic_data_converter

from mutualplan import questions
from mutualplan.business_days import add_business_days, add_months, is_business_day
from mutualplan.edits.go_live import date_set_by
from mutualplan.errors import Refused
from mutualplan.languages import wording
from mutualplan.messages import ReplyCommand
from mutualplan.models import Instruction, Intent, Shift
from tests.edits.test_days_off import JANE, NOW, a_plan
from tests.support.plans import answered


def next_weekday(weekday: int, after: date | None = None) -> date:
    """The first `weekday` (Monday 0) at least two weeks after `after` (today): never past."""
    day = (after or NOW.date()) + timedelta(days=14)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def test_a_week_later_is_the_same_weekday_a_week_on_and_a_date_jane_set() -> None:
    plan = a_plan()
    due = plan.milestones[0].due
    change = answered(plan, JANE, "#1 Can we push this back a week?", NOW)
    assert plan.milestones[0].due == due + timedelta(weeks=1)
    said = change.summary
    assert f"from {due.isoformat()} to {(due + timedelta(weeks=1)).isoformat()}" in said
    assert "(1 week later)" in said
    # the same line of history as "new date: ...": a go-live move leaves her date
    assert date_set_by(plan.milestones[0]) == JANE


def test_days_are_business_days_a_friday_and_two_days_is_tuesday() -> None:
    plan = a_plan()
    friday = next_weekday(4)
    plan.milestones[0].due = friday
    change = answered(plan, JANE, "#1 please push it by 2 days", NOW)
    assert plan.milestones[0].due == friday + timedelta(days=4)  # Tuesday
    assert "(2 business days later)" in change.summary


def test_business_days_skip_the_plans_holidays() -> None:
    plan = a_plan(holidays="DE")
    days_off = plan.holidays.days_off
    holiday = next(d for d in sorted(plan.holidays.days) if d > NOW.date() + timedelta(days=14)
                   and is_business_day(d - timedelta(days=1), days_off)
                   and d.weekday() < 5)  # fmt: skip
    plan.milestones[0].due = holiday - timedelta(days=1)
    answered(plan, JANE, "#1 push by 1 day please", NOW)
    assert plan.milestones[0].due == add_business_days(holiday, 1, days_off) > holiday


def test_earlier_by_an_amount() -> None:
    plan = a_plan()
    due = plan.milestones[0].due = next_weekday(2, NOW.date() + timedelta(days=14))
    change = answered(plan, JANE, "#1 Can we bring this forward a week?", NOW)
    assert plan.milestones[0].due == due - timedelta(weeks=1)
    assert "(1 week earlier)" in change.summary


def test_earlier_into_the_past_is_refused_as_the_date_would_be() -> None:
    plan = a_plan()
    plan.milestones[0].due = NOW.date() + timedelta(days=1)
    before = plan.model_copy(deep=True)
    with pytest.raises(Refused, match="in the past"):
        answered(plan, JANE, "#1 Can we bring this forward two weeks?", NOW)
    assert plan == before


def test_too_far_ahead_is_refused_as_the_date_would_be() -> None:
    plan = a_plan()
    plan.milestones[0].due = NOW.date().replace(year=NOW.year + plan.horizon_years) - timedelta(
        days=3
    )
    with pytest.raises(Refused, match="ahead"):
        answered(plan, JANE, "#1 push this back 2 weeks", NOW)


def test_the_question_names_the_date_the_amount_gives() -> None:
    plan = a_plan()
    due = plan.milestones[0].due
    option = Instruction(intent=Intent.RESCHEDULE, details=Shift(count=1, unit="weeks"), step=1)
    asked = questions.described(plan, option)
    assert asked.english().startswith("new date ")
    assert f"{(due + timedelta(weeks=1)).day}" in asked.english()
    assert "(1 week later) for" in asked.english()
    unknown_step = option.model_copy(update={"step": None})
    assert "1 week later" in questions.described(plan, unknown_step).english()


def test_recorded_commands_decode_as_before_and_an_amount_round_trips() -> None:
    old = {"message_id": "m", "sender": JANE, "intent": "reschedule", "argument": "2027-01-21",
           "received_at": NOW.isoformat()}  # fmt: skip
    command = ReplyCommand.model_validate(old)
    assert command.argument == "2027-01-21" and command.details is None
    shifted = command.model_copy(update={"argument": "", "details": Shift(count=-3)})
    converter = pydantic_data_converter.payload_converter
    [payload] = converter.to_payloads([shifted])
    [back] = converter.from_payloads([payload], [ReplyCommand])
    assert back == shifted and back.details == Shift(count=-3, unit="days")


# --- months: the same day of the month, or the month's last day; then a business day ----------


def a_january_31st() -> date:
    """The first 31 January at least two weeks from today."""
    day = date(NOW.year, 1, 31)
    return day if day >= NOW.date() + timedelta(days=14) else day.replace(year=NOW.year + 1)


def next_month(day: date) -> date:
    """The same day of the next month (a day of the month every month has)."""
    assert day.day <= 28
    return date(day.year + day.month // 12, day.month % 12 + 1, day.day)


def a_day_whose_next_month_is(weekday: int) -> date:
    """The first day at least two weeks from today whose same day next month is `weekday`."""
    day = NOW.date() + timedelta(days=14)
    while day.day > 28 or next_month(day).weekday() != weekday:
        day += timedelta(days=1)
    return day


@pytest.mark.parametrize(
    ("start", "months", "day"),
    [(date(2030, 12, 15), 1, date(2031, 1, 15)), (date(2031, 3, 31), -1, date(2031, 2, 28)),
     (date(2031, 1, 31), 13, date(2032, 2, 29)), (date(2031, 5, 31), 1, date(2031, 6, 30)),
     (date(2031, 1, 10), -2, date(2030, 11, 10))],
)  # fmt: skip
def test_months_are_counted_on_the_calendar(start: date, months: int, day: date) -> None:
    assert add_months(start, months) == day


def test_a_month_later_is_the_same_day_of_the_next_month() -> None:
    plan = a_plan()
    due = plan.milestones[0].due = a_day_whose_next_month_is(2)  # a Wednesday
    change = answered(plan, JANE, "#1 Can we push this back a month?", NOW)
    assert plan.milestones[0].due == next_month(due)
    assert f"to {next_month(due).isoformat()} (1 month later)" in change.summary
    assert date_set_by(plan.milestones[0]) == JANE


def test_a_month_after_the_31st_is_the_months_last_day_or_the_business_day_after() -> None:
    plan = a_plan()
    plan.milestones[0].due = a_january_31st()
    last_of_february = plan.milestones[0].due.replace(month=3, day=1) - timedelta(days=1)
    answered(plan, JANE, "#1 please postpone it by one month", NOW)
    expected = last_of_february
    while expected.weekday() >= 5:  # the plan's weekend: Saturday and Sunday
        expected += timedelta(days=1)
    assert plan.milestones[0].due == expected


def test_a_month_that_lands_on_a_weekend_moves_to_the_monday() -> None:
    plan = a_plan()
    due = plan.milestones[0].due = a_day_whose_next_month_is(5)  # a Saturday
    change = answered(plan, JANE, "#1 Can we push this back a month?", NOW)
    assert plan.milestones[0].due == next_month(due) + timedelta(days=2)
    assert "(1 month later)" in change.summary


def test_a_month_that_lands_on_a_holiday_moves_past_it() -> None:
    plan = a_plan(holidays="DE")
    days_off = plan.holidays.days_off
    holiday = next(d for d in sorted(plan.holidays.days)
                   if d > NOW.date() + timedelta(days=45) and d.weekday() < 5 and d.day <= 28
                   and d < NOW.date() + timedelta(days=300))  # fmt: skip
    before = holiday.replace(day=1) - timedelta(days=1)
    plan.milestones[0].due = before.replace(day=holiday.day)
    answered(plan, JANE, "#1 push by 1 month please", NOW)
    moved = plan.milestones[0].due
    assert moved > holiday and is_business_day(moved, days_off)
    assert all(not is_business_day(holiday + timedelta(days=n), days_off)
               for n in range((moved - holiday).days))  # fmt: skip


def test_months_earlier_are_said_so() -> None:
    plan = a_plan()
    due = plan.milestones[0].due = next_weekday(2, NOW.date() + timedelta(days=75))
    change = answered(plan, JANE, "#1 Can we bring this forward two months?", NOW)
    moved = plan.milestones[0].due
    assert (due.year * 12 + due.month) - (moved.year * 12 + moved.month) in (1, 2)
    assert moved < due and "(2 months earlier)" in change.summary


def test_the_question_names_the_date_a_month_gives() -> None:
    plan = a_plan()
    plan.milestones[0].due = next_weekday(1, NOW.date() + timedelta(days=14))
    option = Instruction(intent=Intent.RESCHEDULE, details=Shift(count=1, unit="months"), step=1)
    asked = questions.described(plan, option).english()
    assert "(1 month later) for" in asked, asked


@pytest.mark.parametrize(
    ("code", "later", "earlier"),
    [("de", "2 Monate später", "1 Monat früher"), ("fr", "2 mois plus tard", "1 mois plus tôt"),
     ("es", "2 meses más tarde", "1 mes antes"), ("it", "2 mesi dopo", "1 mese prima"),
     ("pt", "2 meses depois", "1 mês antes"), ("nl", "2 maanden later", "1 maand eerder"),
     ("ja", "2か月後", "1か月前"), ("en", "2 months later", "1 month earlier")],
)  # fmt: skip
def test_a_month_is_said_in_the_readers_language(code: str, later: str, earlier: str) -> None:
    say = wording(code).say
    assert say(Shift(count=2, unit="months").said()) == later
    assert say(Shift(count=-1, unit="months").said()) == earlier


def test_a_recorded_shift_of_weeks_decodes_and_months_round_trip() -> None:
    converter = pydantic_data_converter.payload_converter
    old = {"message_id": "m", "sender": JANE, "intent": "reschedule", "argument": "",
           "details": {"kind": "shift", "count": 2, "unit": "weeks"},
           "received_at": NOW.isoformat()}  # fmt: skip
    command = ReplyCommand.model_validate(old)
    assert command.details == Shift(count=2, unit="weeks")
    months = command.model_copy(update={"details": Shift(count=-3, unit="months")})
    [back] = converter.from_payloads(converter.to_payloads([months]), [ReplyCommand])
    assert back == months and back.details == Shift(count=-3, unit="months")
