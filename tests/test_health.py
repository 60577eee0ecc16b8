"""Business days between two dates: the weekdays after the earlier one, up to the later one,
negative when the end comes first."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mutualplan.business_days import (
    DaysOff,
    add_business_days,
    business_days_between,
    is_business_day,
)
from mutualplan.health import (
    MORNING_SPREAD,
    REMIND_AT,
    morning_offset,
    next_wake,
    nudges_for,
    projected_go_live,
)
from mutualplan.models import EmailKind, MilestoneStatus, Plan
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.template_files import load_template

DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))


def counted_day_by_day(start: date, end: date) -> int:
    first, last = sorted((start, end))
    days = (first + timedelta(days=n) for n in range(1, (last - first).days + 1))
    return (1 if end >= start else -1) * sum(1 for day in days if day.weekday() < 5)


def test_a_week_from_a_friday() -> None:
    friday = date(2026, 11, 27)
    assert business_days_between(friday, friday + timedelta(days=7)) == 5
    assert business_days_between(friday, date(2026, 11, 30)) == 1  # to Monday
    assert business_days_between(date(2026, 11, 30), friday) == -1
    assert business_days_between(date(2026, 11, 29), friday) == 0  # Sunday back to Friday
    assert business_days_between(friday, friday) == 0


@given(DAYS, DAYS)
def test_as_counted_day_by_day(start: date, end: date) -> None:
    assert business_days_between(start, end) == counted_day_by_day(start, end)


HOLIDAY_SETS = st.frozensets(DAYS, max_size=30)
# any weekend but the whole week: none, one day (Iran's Friday), two, three (US and Israel)...
WEEKENDS = st.frozensets(st.integers(min_value=0, max_value=6), max_size=6)
DAYS_OFF = st.builds(DaysOff, holidays=HOLIDAY_SETS, weekend=WEEKENDS)


def counted_with_days_off(start: date, end: date, days_off: DaysOff) -> int:
    first, last = sorted((start, end))
    days = (first + timedelta(days=n) for n in range(1, (last - first).days + 1))
    counted = sum(
        1 for day in days if day.weekday() not in days_off.weekend and day not in days_off.holidays
    )
    return (1 if end >= start else -1) * counted


@given(DAYS, DAYS, DAYS_OFF)
def test_holidays_and_the_weekend_are_not_business_days(
    start: date, end: date, days_off: DaysOff
) -> None:
    assert business_days_between(start, end, days_off) == counted_with_days_off(
        start, end, days_off
    )


@given(DAYS, st.integers(min_value=-300, max_value=300), DAYS_OFF)
def test_adding_business_days_lands_on_one_the_count_agrees_with(
    start: date, days: int, days_off: DaysOff
) -> None:
    assume(is_business_day(start, days_off))  # from a Saturday, -1 and 0 days are both Friday
    landed = add_business_days(start, days, days_off)
    assert business_days_between(start, landed, days_off) == days
    if days:
        assert is_business_day(landed, days_off)


def test_a_weekend_of_the_whole_week_is_refused() -> None:
    with pytest.raises(ValueError, match="not all"):
        DaysOff(weekend=frozenset(range(7)))


# --- reminders and late emails on the plan's calendar --------------------------------------------

SELLER = Person(name="Alex Seller", email="alex@acme.example")
JANE = Person(name="Jane Doe", email="jane@globex.example", role="champion")
CREATED = datetime(2026, 11, 2, 9, tzinfo=UTC)  # a Monday, well before the holidays below


def running_plan(holidays: str | None) -> Plan:
    """A short plan with go-live Wed 6 Jan 2027, its first step under way since November."""
    start = StartRequest(
        message_id="start@acme.example",
        template="short",
        seller=SELLER,
        deal="Globex",
        go_live=date(2027, 1, 6),
        people=[JANE],
        holidays=holidays,
        confirm=True,
    )
    plan = build_plan(load_template("short"), start, plan_id="healthtest1", now=CREATED)
    first = plan.milestones[0]
    first.status, first.started_at = MilestoneStatus.ACTIVE, CREATED
    return plan


def nudged_days(plan: Plan, first: date, last: date) -> dict[date, set[EmailKind]]:
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    found = {day: {n.kind for n in nudges_for(plan, day)} for day in days}
    return {day: kinds for day, kinds in found.items() if kinds}


def test_no_reminder_or_late_email_falls_on_a_holiday_and_late_counts_skip_them() -> None:
    plan = running_plan("US")
    # -12 business days from Wed 6 Jan 2027, past New Year's Day and Christmas Day
    assert plan.milestones[0].due == date(2026, 12, 17)
    nudged = nudged_days(plan, date(2026, 12, 1), date(2027, 1, 31))
    assert nudged == {
        date(2026, 12, 14): {EmailKind.MILESTONE_REMINDER},  # 3 business days before
        date(2026, 12, 17): {EmailKind.MILESTONE_REMINDER},  # on the day
        date(2026, 12, 18): {EmailKind.MILESTONE_LATE},  # a business day late
        date(2026, 12, 28): {EmailKind.MILESTONE_LATE},  # 6 late: Christmas Day not counted
        date(2027, 1, 5): {EmailKind.MILESTONE_LATE},  # 11 late: New Year's Day not counted
        date(2027, 1, 12): {EmailKind.MILESTONE_LATE},  # 16
        date(2027, 1, 20): {EmailKind.MILESTONE_LATE},  # 21: Martin Luther King Jr. Day not
        date(2027, 1, 27): {EmailKind.MILESTONE_LATE},  # 26
    }
    assert not set(nudged) & set(plan.holidays.days)


def test_the_projected_go_live_slips_in_business_days_of_the_plan() -> None:
    plan = running_plan("US")
    slipped = datetime(2027, 1, 8, 12, tzinfo=UTC)  # 14 business days late
    assert projected_go_live(plan, slipped) == date(2027, 1, 27)  # 6 Jan + 14, past MLK Day


# --- the morning wake ----------------------------------------------------------------------------


def test_plans_wake_spread_over_the_half_hour_after_nine_each_at_the_same_moment_every_day() -> (
    None
):
    offsets = [morning_offset(f"p{n:07d}") for n in range(3000)]
    assert all(timedelta(0) <= offset < MORNING_SPREAD for offset in offsets)
    per_minute = Counter(offset // timedelta(minutes=1) for offset in offsets)
    assert len(per_minute) == 30 and max(per_minute.values()) < 2 * 3000 / 30, "evenly"
    assert morning_offset("p0000007") == morning_offset("p0000007")


def test_a_morning_past_nine_is_tomorrows_even_before_the_plans_own_moment() -> None:
    plan = running_plan(None)
    plan.timezone = "Europe/Berlin"  # UTC+1 in winter
    offset = timedelta(minutes=20)
    before_nine = datetime(2026, 12, 1, 7, 59, tzinfo=UTC)  # 8:59 in Berlin
    assert next_wake(plan, before_nine, offset) == datetime(2026, 12, 1, 8, 20, tzinfo=UTC)
    # 9:10 in Berlin, today's 9:00 gone: a plan that woke at 9:00 (before the spread) and
    # goes on now wakes tomorrow at 9:20, not a second time today
    after_nine = datetime(2026, 12, 1, 8, 10, tzinfo=UTC)
    assert next_wake(plan, after_nine, offset) == datetime(2026, 12, 2, 8, 20, tzinfo=UTC)


@given(
    now=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2030, 12, 31)),
    offset=st.timedeltas(min_value=timedelta(0), max_value=MORNING_SPREAD - timedelta(seconds=1)),
    zone=st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"]),
)
def test_the_next_morning_is_the_next_nine_plus_the_offset(
    now: datetime, offset: timedelta, zone: str
) -> None:
    plan = running_plan(None)
    plan.timezone = zone
    now = now.replace(tzinfo=UTC)
    wake = next_wake(plan, now, offset).astimezone(ZoneInfo(zone))
    nine = wake - offset
    assert nine.time() == REMIND_AT
    assert nine > now, "the morning's 9:00 is still to come"
    assert nine - now <= timedelta(days=1, hours=1), (
        "the first 9:00 to come (a day, give or take DST)"
    )
